/**
 * The UI's API client: the shared one (src/api/client.ts) on the page's own origin, with the session's key.
 * A 401 signs the session out with the server's message.
 */
import { ApiError, createApiClient } from "../../../src/api/client.ts";
import { currentKey, signOut } from "./session.ts";

export { ApiError };

export const api = createApiClient({
  baseUrl: "",
  apiKey: currentKey,
  unreachable: () =>
    new ApiError(
      0,
      "network",
      "The driftwatch server did not answer.",
      "Check that the server is running and reachable, then try again.",
    ),
  onUnauthorized: (error) =>
    signOut(`You were signed out: ${error.message}${error.hint ? ` ${error.hint}` : ""}`),
});
