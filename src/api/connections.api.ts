/** S3 connections: the shapes, and the operations on them. */
import { type Static, Type } from "typebox";
import {
  CursorQuery,
  IdParams,
  NullableString,
  NullableTimestamp,
  named,
  OneOf,
  PageOf,
  Timestamp,
  Uuid,
} from "./common.api.ts";
import { NOT_FOUND, operation, ref, STANDARD_ERRORS } from "./operation.ts";

export const CREDENTIAL_TYPES = ["aws_static", "aws_role", "aws_oidc"] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

export const HEALTHS = ["healthy", "warning", "critical", "unknown"] as const;
export type Health = (typeof HEALTHS)[number];

/** A failure kept on a connection or a poll run, so the user sees what went wrong and the fix. */
export const LastError = Type.Object({
  code: Type.String(),
  aws_code: NullableString,
  message: Type.String(),
  hint: Type.String(),
  at: Timestamp,
});
export type LastError = Static<typeof LastError>;

/** What a response shows of credentials: never the secret. */
export const CredentialView = Type.Object(
  {
    type: Type.Unsafe<CredentialType>({ type: "string", enum: [...CREDENTIAL_TYPES] }),
    fingerprint: Type.String({ description: "Changes when the credential changes; not a secret." }),
    access_key_id_suffix: Type.Optional(Type.String()),
    role_arn: Type.Optional(Type.String()),
    external_id: Type.Optional(Type.String()),
    region: Type.Optional(Type.String({ description: "aws_oidc: the region STS is dialled in." })),
  },
  { description: "Never the secret: the type and a fingerprint." },
);
export type CredentialView = Static<typeof CredentialView>;

export const Connection = named(
  "Connection",
  Type.Object({
    id: Uuid,
    name: Type.String(),
    provider: Type.Literal("aws_s3"),
    region: Type.String(),
    bucket: Type.String(),
    prefix: Type.String(),
    file_pattern: Type.String(),
    contract_id: NullableString,
    contract_name: NullableString,
    poll_interval_minutes: Type.Integer(),
    endpoint_url: NullableString,
    force_path_style: Type.Boolean(),
    backfill: Type.Boolean(),
    paused: Type.Boolean(),
    credentials: CredentialView,
    health: OneOf(HEALTHS),
    last_error: Type.Union([LastError, Type.Null()]),
    last_poll_at: NullableTimestamp,
    last_success_at: NullableTimestamp,
    next_poll_at: NullableTimestamp,
    open_events: Type.Integer(),
    created_at: Timestamp,
    updated_at: Timestamp,
  }),
);
export type Connection = Static<typeof Connection>;

/** Credentials as sent: the top-level `type` decides which other fields are read; secrets are write-only. */
export const CredentialsInput = Type.Object(
  {
    type: Type.Unsafe<CredentialType>({
      type: "string",
      enum: [...CREDENTIAL_TYPES],
      description: "Decides which other fields are read.",
    }),
    access_key_id: Type.Optional(Type.String({ maxLength: 128 })),
    secret_access_key: Type.Optional(Type.String({ maxLength: 256, writeOnly: true })),
    session_token: Type.Optional(Type.String({ maxLength: 8192, writeOnly: true })),
    role_arn: Type.Optional(Type.String({ maxLength: 2048 })),
    external_id: Type.Optional(Type.String({ maxLength: 1224 })),
    region: Type.Optional(
      Type.String({ maxLength: 32, description: "aws_oidc: the region STS is dialled in." }),
    ),
  },
  { additionalProperties: false },
);
export type CredentialsInput = Static<typeof CredentialsInput>;

const settings = {
  name: Type.String({ minLength: 1, maxLength: 200, pattern: "\\S" }),
  region: Type.String({ minLength: 1, maxLength: 32 }),
  bucket: Type.String({ minLength: 3, maxLength: 63 }),
  prefix: Type.Optional(
    Type.String({ maxLength: 1024, description: "Only keys under this path; end folders with /." }),
  ),
  file_pattern: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 512,
      description: "Glob on the file name (or on the key below the prefix when it has /). Default *.",
    }),
  ),
  contract_id: Type.Optional(Type.Union([Uuid, Type.Null()])),
  poll_interval_minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 10080 })),
  endpoint_url: Type.Optional(Type.Union([Type.String({ maxLength: 2048 }), Type.Null()])),
  force_path_style: Type.Optional(Type.Boolean()),
  backfill: Type.Optional(Type.Boolean({ description: "Also check objects older than the connection." })),
};

export const CreateConnection = Type.Object(
  { ...settings, provider: Type.Literal("aws_s3"), credentials: CredentialsInput },
  { additionalProperties: false },
);
export type CreateConnection = Static<typeof CreateConnection>;

export const UpdateConnection = Type.Object(
  {
    name: Type.Optional(settings.name),
    region: Type.Optional(settings.region),
    bucket: Type.Optional(settings.bucket),
    prefix: settings.prefix,
    file_pattern: settings.file_pattern,
    contract_id: settings.contract_id,
    poll_interval_minutes: settings.poll_interval_minutes,
    endpoint_url: settings.endpoint_url,
    force_path_style: settings.force_path_style,
    backfill: settings.backfill,
    credentials: Type.Optional(CredentialsInput),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateConnection = Static<typeof UpdateConnection>;

export const ConnectionPolicy = Type.Object({
  policy: Type.Unknown({ description: "The IAM identity policy (JSON)." }),
  notes: Type.Array(Type.String()),
  trust_policy: Type.Optional(
    Type.Unknown({ description: "For an OIDC role: its trust policy, pinned to this organisation." }),
  ),
});
export type ConnectionPolicy = Static<typeof ConnectionPolicy>;

const tags = ["connections"];
const refused = {
  409: "The name is taken in your organisation; the message names the field.",
  422: "The store refused the settings (AWS's code, the field it concerns and the fix); nothing was changed.",
} as const;

export const connectionOperations = {
  createConnection: operation({
    operationId: "createConnection",
    method: "POST",
    path: "/api/v1/connections",
    tags,
    summary:
      "Create an S3 connection. The prefix is listed and one object read first; a failure is a 422 and nothing is stored.",
    body: CreateConnection,
    response: { 201: ref(Connection) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND, ...refused },
  }),
  listConnections: operation({
    operationId: "listConnections",
    method: "GET",
    path: "/api/v1/connections",
    tags,
    summary: "List connections with their health.",
    querystring: Type.Object(CursorQuery, { additionalProperties: false }),
    response: { 200: PageOf(ref(Connection)) },
    errors: STANDARD_ERRORS,
  }),
  getConnection: operation({
    operationId: "getConnection",
    method: "GET",
    path: "/api/v1/connections/:id",
    tags,
    summary: "A connection with its health, last error and next poll.",
    params: IdParams,
    response: { 200: ref(Connection) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
  updateConnection: operation({
    operationId: "updateConnection",
    method: "PATCH",
    path: "/api/v1/connections/:id",
    tags,
    summary:
      "Change a connection. New credentials, bucket, region, endpoint, prefix or pattern are checked against the store first (422 on failure, nothing changed).",
    params: IdParams,
    body: UpdateConnection,
    response: { 200: ref(Connection) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND, ...refused },
  }),
  deleteConnection: operation({
    operationId: "deleteConnection",
    method: "DELETE",
    path: "/api/v1/connections/:id",
    tags,
    summary: "Delete a connection, its ledger and its events.",
    params: IdParams,
    response: { 204: Type.Null({ description: "Deleted." }) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
  pauseConnection: operation({
    operationId: "pauseConnection",
    method: "POST",
    path: "/api/v1/connections/:id/pause",
    tags,
    summary: "Pause: no more polls until resumed.",
    params: IdParams,
    response: { 200: ref(Connection) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
  resumeConnection: operation({
    operationId: "resumeConnection",
    method: "POST",
    path: "/api/v1/connections/:id/resume",
    tags,
    summary: "Resume polling (a poll runs at once).",
    params: IdParams,
    response: { 200: ref(Connection) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
  getConnectionPolicy: operation({
    operationId: "getConnectionPolicy",
    method: "GET",
    path: "/api/v1/connections/:id/policy",
    tags,
    summary:
      "The least-privilege IAM policy for this connection's bucket and prefix (and the trust policy for a role).",
    params: IdParams,
    response: { 200: ConnectionPolicy },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
};
