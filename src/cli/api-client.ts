/**
 * The CLI's resource commands (connections, events) talk to a running server over its HTTP API with the
 * shared client (src/api/client.ts), like any other client: the embedded database belongs to the server
 * process while it runs, and a cluster's CLI user may not have database access at all. `DRIFTWATCH_URL`
 * (default http://localhost:8080) and `DRIFTWATCH_API_KEY` (or --url / --api-key) say where and as whom.
 */
import type { Command } from "commander";
import { type ApiClient, ApiError, createApiClient } from "../api/client.ts";

export { type ApiClient, ApiError };

export function withApiOptions(cmd: Command): Command {
  return cmd
    .option("--url <url>", "server URL (env DRIFTWATCH_URL, default http://localhost:8080)")
    .option(
      "--api-key <key>",
      "API key (env DRIFTWATCH_API_KEY; prefer the env var, keys on the command line end up in shell history)",
    );
}

export function apiClient(opts: { url?: string; apiKey?: string }): ApiClient {
  const url = (opts.url ?? process.env.DRIFTWATCH_URL ?? "http://localhost:8080").replace(/\/+$/, "");
  const key = opts.apiKey ?? process.env.DRIFTWATCH_API_KEY;
  if (!key) {
    throw new ApiError(
      0,
      "cli.no_api_key",
      "No API key.",
      "Set DRIFTWATCH_API_KEY (the server prints an admin key on its first start) or pass --api-key.",
    );
  }
  return createApiClient({
    baseUrl: url,
    apiKey: () => key,
    unreachable: (err) =>
      new ApiError(
        0,
        "cli.server_unreachable",
        `Cannot reach the driftwatch server at ${url}: ${err.cause ? (err.cause as Error).message : err.message}.`,
        "Start it with `npm start` (or set DRIFTWATCH_URL / --url to where it runs).",
      ),
  });
}

/** Runs a command body; an API error prints its message and hint and exits 2. */
export async function runApi(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof ApiError) {
      process.stderr.write(`driftwatch: ${err.message}${err.code ? ` [${err.code}]` : ""}\n`);
      if (err.hint) process.stderr.write(`  hint: ${err.hint}\n`);
      const details = err.details as { field?: string } | Array<{ problem: string }> | undefined;
      if (Array.isArray(details)) for (const d of details) process.stderr.write(`  - ${d.problem}\n`);
      process.exit(2);
    }
    throw err;
  }
}
