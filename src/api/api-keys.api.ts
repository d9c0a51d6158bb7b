/** The organisation of the calling key, and its API keys. */
import { type Static, Type } from "typebox";
import { IdParams, ListOf, NullableTimestamp, named, OneOf, Timestamp, Uuid } from "./common.api.ts";
import { NOT_FOUND, operation, ref, STANDARD_ERRORS } from "./operation.ts";

export const ROLES = ["admin", "member"] as const;
export type Role = (typeof ROLES)[number];
const RoleSchema = OneOf(ROLES);

export const ApiKey = named(
  "ApiKey",
  Type.Object({
    id: Uuid,
    name: Type.String(),
    role: RoleSchema,
    prefix: Type.String({ description: "The first characters of the key, to tell keys apart." }),
    created_at: Timestamp,
    last_used_at: NullableTimestamp,
    revoked_at: NullableTimestamp,
  }),
);
export type ApiKey = Static<typeof ApiKey>;

export const CreateApiKey = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: Type.Optional(Type.Union([Type.Literal("admin"), Type.Literal("member")], { default: "member" })),
  },
  { additionalProperties: false },
);
export type CreateApiKey = Static<typeof CreateApiKey>;

export const CreatedApiKey = Type.Object({
  key: Type.String({ description: "The key itself: in this response only." }),
  api_key: ref(ApiKey),
});
export type CreatedApiKey = Static<typeof CreatedApiKey>;

export const OrgFields = {
  id: Uuid,
  name: Type.String(),
  external_id: Type.String({ description: "Pin this in your IAM role trust policies (sts:ExternalId)." }),
  created_at: Timestamp,
};
/** The organisation as the service keeps it. */
export const OrgInfo = Type.Object(OrgFields);
export type OrgInfo = Static<typeof OrgInfo>;

export const Org = Type.Object({
  ...OrgFields,
  api_key: Type.Object({ id: Type.String(), role: RoleSchema }, { description: "The calling key." }),
});
export type Org = Static<typeof Org>;

const adminOnly = { 403: "Only an admin key can manage keys." } as const;

export const apiKeyOperations = {
  getOrg: operation({
    operationId: "getOrg",
    method: "GET",
    path: "/api/v1/org",
    tags: ["organisation"],
    summary: "The organisation of the calling API key, with its external id.",
    response: { 200: Org },
    errors: { 401: STANDARD_ERRORS[401] },
  }),
  createApiKey: operation({
    operationId: "createApiKey",
    method: "POST",
    path: "/api/v1/api-keys",
    tags: ["api-keys"],
    summary: "Create an API key. The key is in this response only; store it now.",
    body: CreateApiKey,
    response: { 201: CreatedApiKey },
    errors: { ...STANDARD_ERRORS, ...adminOnly },
  }),
  listApiKeys: operation({
    operationId: "listApiKeys",
    method: "GET",
    path: "/api/v1/api-keys",
    tags: ["api-keys"],
    summary: "List API keys (prefix only).",
    response: { 200: ListOf(ref(ApiKey)) },
    errors: { 401: STANDARD_ERRORS[401] },
  }),
  revokeApiKey: operation({
    operationId: "revokeApiKey",
    method: "DELETE",
    path: "/api/v1/api-keys/:id",
    tags: ["api-keys"],
    summary: "Revoke an API key. Requests with it get 401 from now on.",
    params: IdParams,
    response: { 200: ref(ApiKey) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND, ...adminOnly },
  }),
};
