/**
 * The one API client, for the CLI and the web alike: `fetch`, the API key as a bearer token, JSON in and out,
 * and one error type carrying the API's code, message, hint and details. A method per operation, named by
 * its operationId, typed from the operation's schemas:
 *
 *   const api = createApiClient({ baseUrl: "http://localhost:8080", apiKey: () => key, unreachable });
 *   const conn = await api.getConnection({ params: { id } });            // Connection
 *   const page = await api.listDriftEvents({ query: { status: "open" } }); // { items, next_cursor }
 *
 * Browser-safe: no Node imports.
 */
import type { Operation, OperationInput, OperationResult } from "./operation.ts";
import { OPERATIONS, type Operations } from "./operations.ts";

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

export interface ApiClientOptions {
  /** Where the server is: `""` for the page's own origin, `http://localhost:8080` for the CLI. */
  baseUrl: string;
  /** The API key of each request (read at every call, so a sign-in or sign-out takes effect at once). */
  apiKey: () => string | null | undefined;
  /** The error to throw when the server cannot be reached at all. */
  unreachable: (cause: Error) => ApiError;
  /** Called on a 401 answered to the session's own key (not to a key passed with the call). */
  onUnauthorized?: (error: ApiError) => void;
  fetch?: typeof fetch;
}

/** Per call: a key other than the session's (e.g. checking one before signing in with it). */
interface CallOptions {
  apiKey?: string;
}

type Input<O extends Operation> = OperationInput<O> & CallOptions;
/** Operations whose input is all optional take no argument at all. */
type Method<O extends Operation> =
  Record<never, never> extends Input<O>
    ? (input?: Input<O>) => Promise<OperationResult<O>>
    : (input: Input<O>) => Promise<OperationResult<O>>;

export type ApiClient = { readonly [K in keyof Operations]: Method<Operations[K]> } & {
  readonly baseUrl: string;
};

interface AnyInput {
  params?: Record<string, string | number>;
  query?: Record<string, unknown>;
  body?: unknown;
  bytes?: Blob | ArrayBuffer | Uint8Array;
  signal?: AbortSignal;
  apiKey?: string;
}

/** `/api/v1/connections/:id` with `{ id }` → `/api/v1/connections/3f…`. */
export function pathOf(op: Pick<Operation, "path">, params: AnyInput["params"] = {}): string {
  return op.path.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${op.path}: the path parameter ${name} is missing`);
    return encodeURIComponent(String(value));
  });
}

/** `?a=1&b=2` from the defined, non-empty entries (or "" when there are none). */
export function queryString(params: Record<string, unknown> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function call(op: Operation, input: AnyInput = {}): Promise<unknown> {
    const key = input.apiKey ?? options.apiKey();
    const headers: Record<string, string> = { accept: "application/json" };
    if (key) headers.authorization = `Bearer ${key}`;
    let body: RequestInit["body"];
    if (input.bytes !== undefined) {
      headers["content-type"] = "application/octet-stream";
      body = input.bytes as RequestInit["body"];
    } else if (input.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(input.body);
    }
    let res: Response;
    try {
      res = await doFetch(baseUrl + pathOf(op, input.params) + queryString(input.query), {
        method: op.method,
        headers,
        ...(body === undefined ? {} : { body }),
        ...(input.signal ? { signal: input.signal } : {}),
      });
    } catch (err) {
      if ((err as Error).name === "AbortError") throw err;
      throw options.unreachable(err as Error);
    }
    if (res.status === 204) return null;
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!res.ok) {
      const e = (parsed as { error?: { code?: string; message?: string; hint?: string; details?: unknown } })
        ?.error;
      const error = new ApiError(
        res.status,
        e?.code ?? `http.${res.status}`,
        e?.message ?? `The server answered ${res.status} ${res.statusText}.`,
        e?.hint,
        e?.details,
      );
      if (res.status === 401 && input.apiKey === undefined) options.onUnauthorized?.(error);
      throw error;
    }
    return parsed;
  }

  const client: Record<string, unknown> = { baseUrl };
  for (const [id, op] of Object.entries(OPERATIONS)) {
    client[id] = (input?: AnyInput) => call(op as Operation, input);
  }
  return client as ApiClient;
}
