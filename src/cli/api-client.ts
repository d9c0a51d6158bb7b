/**
 * The CLI's resource commands (connections, events, contracts, API keys) talk to a running server over its
 * HTTP API, like any other client: the embedded database belongs to the server process while it runs, and a
 * cluster's CLI user may not have database access at all. `DRIFTWATCH_URL` (default http://localhost:8080)
 * and `DRIFTWATCH_API_KEY` (or --url / --api-key) say where and as whom.
 */
import type { Command } from "commander";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly hint: string | undefined;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, hint?: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.hint = hint;
    this.details = details;
  }
}

export interface ApiClient {
  url: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  delete(path: string): Promise<void>;
  /** Raw bytes as the body (contract check/infer). */
  upload<T>(path: string, bytes: Uint8Array): Promise<T>;
}

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
  const call = async <T>(method: string, path: string, body?: unknown, raw?: Uint8Array): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(url + path, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(raw
            ? { "content-type": "application/octet-stream" }
            : body === undefined
              ? {}
              : { "content-type": "application/json" }),
        },
        body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
    } catch (err) {
      throw new ApiError(
        0,
        "cli.server_unreachable",
        `Cannot reach the driftwatch server at ${url}: ${(err as Error).cause ? ((err as Error).cause as Error).message : (err as Error).message}.`,
        "Start it with `npm start` (or set DRIFTWATCH_URL / --url to where it runs).",
      );
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!res.ok) {
      const e = (
        parsed as { error?: { code: string; message: string; hint?: string; details?: unknown } } | undefined
      )?.error;
      throw new ApiError(
        res.status,
        e?.code ?? `http.${res.status}`,
        e?.message ?? `HTTP ${res.status}`,
        e?.hint,
        e?.details,
      );
    }
    return parsed as T;
  };
  return {
    url,
    get: (path) => call("GET", path),
    post: (path, body) => call("POST", path, body ?? {}),
    patch: (path, body) => call("PATCH", path, body),
    delete: async (path) => {
      await call("DELETE", path);
    },
    upload: (path, bytes) => call("POST", path, undefined, bytes),
  };
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

export function table(rows: string[][], headers: string[]): string {
  const all = [headers, ...rows];
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  return all
    .map((r) =>
      r
        .map((c, i) => (c ?? "").padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function ago(iso: string | null, now = Date.now()): string {
  if (!iso) return "—";
  const s = Math.round((now - new Date(iso).getTime()) / 1000);
  const abs = Math.abs(s);
  const text =
    abs < 60
      ? `${abs}s`
      : abs < 3600
        ? `${Math.round(abs / 60)}m`
        : abs < 86400
          ? `${Math.round(abs / 3600)}h`
          : `${Math.round(abs / 86400)}d`;
  return s >= 0 ? `${text} ago` : `in ${text}`;
}
