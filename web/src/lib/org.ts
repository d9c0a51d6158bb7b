import { api } from "./api.ts";
import { currentKey } from "./session.ts";
import type { Org } from "./types.ts";
import { type Resource, useResource } from "./use-resource.ts";

let cache: { key: string; org: Promise<Org> } | null = null;

/** The signed-in key's organisation (external id, the key's own id and role), fetched once per session. */
export function loadOrg(): Promise<Org> {
  const key = currentKey() ?? "";
  if (!cache || cache.key !== key) {
    const org = api.get<Org>("/org");
    cache = { key, org };
    org.catch(() => {
      if (cache?.org === org) cache = null;
    });
  }
  return cache.org;
}

export function useOrg(): Resource<Org> {
  return useResource(() => loadOrg(), []);
}
