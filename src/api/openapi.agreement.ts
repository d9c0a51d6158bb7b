/**
 * Proof, checked by `tsc`, that a client generated from /openapi.json (openapi.generated.ts, by
 * openapi-typescript) and the shared client (client.ts, typed from the TypeBox schemas) agree on every
 * operation: the same path parameters, query, request body and success result. The CLI and the web call the
 * API only through the shared client, so their calls type-check against the generated client too.
 * When they disagree, `tsc` names the operations below.
 */
import type { Static, TSchema } from "typebox";
import type { operations } from "./openapi.generated.ts";
import type { Operation } from "./operation.ts";
import type { Operations } from "./operations.ts";

/** Each assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type Generated<O extends Operation> = operations[O["operationId"] & keyof operations];

type StaticOr<S, Else> = S extends TSchema ? Static<S> : Else;

/** The generated success bodies (a response without content, like 204, is `null` in the shared client). */
type GeneratedResult<O extends Operation> = {
  [S in keyof O["response"] & keyof Generated<O>["responses"]]: Generated<O>["responses"][S] extends {
    content: { "application/json": infer Body };
  }
    ? Body
    : null;
}[keyof O["response"] & keyof Generated<O>["responses"]];

type SharedResult<O extends Operation> = {
  [S in keyof O["response"]]: StaticOr<O["response"][S], never>;
}[keyof O["response"]];

type GeneratedPart<P, K extends string> = P extends { [Q in K]?: infer T } ? NonNullable<T> : never;

type Agrees<O extends Operation> = [
  Same<SharedResult<O>, GeneratedResult<O>>,
  Same<StaticOr<O["params"], never>, GeneratedPart<Generated<O>["parameters"], "path">>,
  Same<StaticOr<O["querystring"], never>, GeneratedPart<Generated<O>["parameters"], "query">>,
  O["rawBody"] extends true
    ? Same<GeneratedPart<Generated<O>["requestBody"], "content">, { "application/octet-stream": string }>
    : Same<
        StaticOr<O["body"], never>,
        GeneratedPart<GeneratedPart<Generated<O>["requestBody"], "content">, "application/json">
      >,
] extends [true, true, true, true]
  ? true
  : false;

/** Operations the generated client does not have, or sees differently. */
type Disagreeing = {
  [K in keyof Operations]: Operations[K]["operationId"] extends keyof operations
    ? Agrees<Operations[K]> extends true
      ? never
      : K
    : K;
}[keyof Operations];

/** Every generated operation is one of ours (nothing served that the shared client lacks). */
type Unknown = Exclude<
  keyof operations,
  { [K in keyof Operations]: Operations[K]["operationId"] }[keyof Operations]
>;

export const generatedClientAgrees: [Disagreeing, Unknown] extends [never, never]
  ? true
  : { disagreeing: Disagreeing; unknown: Unknown } = true;
