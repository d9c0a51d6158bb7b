import { useApiQuery } from "./queries.ts";

/** The signed-in key's organisation (external id, the key's own id and role), fetched once per session. */
export function useOrg() {
  return useApiQuery("getOrg", undefined, { staleTime: Number.POSITIVE_INFINITY });
}
