/**
 * One API operation, described once: method, path, the schemas of what goes in and comes out, and the errors
 * it can answer. The server registers its route from it (src/http/route.ts), the OpenAPI document is built
 * from those routes, and the shared client (client.ts) takes its argument and result types from it.
 * Browser-safe: only `typebox` and plain data.
 */
import { type Static, type TObject, type TSchema, type TUnsafe, Type } from "typebox";
import { ErrorBody } from "./common.api.ts";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Client errors an operation declares; every one has the shared error body. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 503;

export interface Operation {
  /** Unique, camelCase: the name of the client method and of the operation in /openapi.json. */
  operationId: string;
  method: Method;
  /** The full path as served, with `:name` parameters (`/api/v1/connections/:id`). */
  path: string;
  tags: readonly string[];
  summary: string;
  description?: string;
  params?: TObject;
  querystring?: TObject;
  /** A JSON body. */
  body?: TSchema;
  /** The body is a file (any content type), streamed to the handler unparsed. */
  rawBody?: true;
  /** Success statuses and their bodies (`Type.Null()` for none, e.g. 204). */
  response: Readonly<Record<number, TSchema>>;
  /** The client errors it answers, each with why. */
  errors: Readonly<Partial<Record<ErrorStatus, string>>>;
  /** `[]` for the few routes that need no API key (discovery, health). */
  security?: readonly [];
}

/** Keeps the literal types of an operation (path, method, schemas) for the route, client and checks. */
export function operation<const O extends Operation>(op: O): O {
  return op;
}

/** The errors most `/api/v1` operations share. */
export const STANDARD_ERRORS = {
  400: "A field or parameter is malformed; the message names it.",
  401: "No API key, or a wrong or revoked one.",
} as const;

export const NOT_FOUND = {
  404: "No such object in your organisation (another organisation's objects are not found either).",
} as const;

/** `{ $ref: "Name" }` to a shared schema, typed as the schema it points to. */
export function ref<S extends TSchema & { $id: string }>(
  schema: S,
  options: { description?: string } = {},
): TUnsafe<Static<S>> {
  return Type.Unsafe<Static<S>>({ $ref: schema.$id, ...options } as never);
}

/**
 * The error responses of an operation, for the route schema and the document: each declared status with
 * why, and `4XX` for any other client error (an unknown route, a wrong content type…), which the one error
 * handler renders in the same shape.
 */
export function errorResponses(errors: Operation["errors"]): Record<string, TSchema> {
  const out: Record<string, TSchema> = {};
  for (const [status, why] of Object.entries(errors)) out[status] = ref(ErrorBody, { description: why });
  out["4xx"] = ref(ErrorBody, { description: "Any other client error, in the same shape." });
  return out;
}

type SuccessBody<O extends Operation> = {
  [S in keyof O["response"]]: O["response"][S] extends TSchema ? Static<O["response"][S]> : never;
}[keyof O["response"]];

/** What the client resolves with: the success body (`null` for 204). */
export type OperationResult<O extends Operation> = SuccessBody<O>;

type Part<K extends string, S> = S extends TSchema ? { [P in K]: Static<S> } : unknown;
type OptionalPart<K extends string, S> = S extends TSchema ? { [P in K]?: Static<S> } : unknown;

/** The client's argument for an operation: path parameters, query, JSON body or file bytes. */
export type OperationInput<O extends Operation> = Part<"params", O["params"]> &
  OptionalPart<"query", O["querystring"]> &
  Part<"body", O["body"]> &
  (O["rawBody"] extends true ? { bytes: Blob | ArrayBuffer | Uint8Array } : unknown) & {
    signal?: AbortSignal;
  };

/** `/api/v1/connections/:id` → `/api/v1/connections/{id}` (the OpenAPI form), for types and documents. */
export type OpenApiPath<P extends string> = P extends `${infer Head}:${infer Name}/${infer Rest}`
  ? `${Head}{${Name}}/${OpenApiPath<Rest>}`
  : P extends `${infer Head}:${infer Name}`
    ? `${Head}{${Name}}`
    : P;
