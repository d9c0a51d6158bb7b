/**
 * The API client: JSON in and out, the session's key as a bearer token, one error type carrying the API's
 * code, message, hint and details. A 401 signs the session out with the server's message.
 */
import { currentKey, signOut } from "./session.ts";
import type { ApiErrorBody } from "./types.ts";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly hint: string | undefined;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, hint?: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.hint = hint;
    this.details = details;
  }
}

export const API_BASE = "/api/v1";

interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Raw bytes (a dropped file), sent as application/octet-stream. */
  bytes?: Blob | ArrayBuffer;
  /** Use this key instead of the session's (sign-in check); a 401 then does not sign out. */
  key?: string;
  signal?: AbortSignal;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const key = opts.key ?? currentKey();
  const headers: Record<string, string> = { accept: "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  let body: BodyInit | undefined;
  if (opts.bytes !== undefined) {
    headers["content-type"] = "application/octet-stream";
    body = opts.bytes;
  } else if (opts.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(API_BASE + path, {
      method: opts.method ?? (body === undefined ? "GET" : "POST"),
      headers,
      body,
      signal: opts.signal ?? null,
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(
      0,
      "network",
      "The driftwatch server did not answer.",
      "Check that the server is running and reachable, then try again.",
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
    const e = (parsed as ApiErrorBody | undefined)?.error;
    const error = new ApiError(
      res.status,
      e?.code ?? `http.${res.status}`,
      e?.message ?? `The server answered ${res.status} ${res.statusText}.`,
      e?.hint,
      e?.details,
    );
    if (res.status === 401 && opts.key === undefined) {
      signOut(`You were signed out: ${error.message}${error.hint ? ` ${error.hint}` : ""}`);
    }
    throw error;
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>(path, signal ? { signal } : {}),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: "POST", body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>(path, { method: "PUT", body }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: "PATCH", body }),
  del: <T>(path: string) => request<T>(path, { method: "DELETE" }),
  upload: <T>(path: string, bytes: Blob | ArrayBuffer) => request<T>(path, { method: "POST", bytes }),
};

/** `?a=1&b=2` from the defined, non-empty entries (or "" when there are none). */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}
