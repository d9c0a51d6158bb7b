/** AWS cloud accounts (infrastructure drift): the shapes, and the operations on them. */
import { type Static, Type } from "typebox";
import {
  IdParams,
  NullableString,
  NullableTimestamp,
  named,
  OneOf,
  PageOf,
  Timestamp,
  Uuid,
} from "./common.api.ts";
import {
  CREDENTIAL_TYPES,
  type CredentialType,
  CredentialView,
  HEALTHS,
  LastError,
} from "./connections.api.ts";
import { NOT_FOUND, operation, ref, STANDARD_ERRORS } from "./operation.ts";
import { PolicyDocument } from "./policies.api.ts";

export const CloudAccount = named(
  "CloudAccount",
  Type.Object({
    id: Uuid,
    provider: Type.Literal("aws"),
    display_name: Type.String(),
    external_account_id: Type.String({ description: "The 12-digit AWS account id the credential reaches." }),
    default_region: NullableString,
    credential_type: OneOf(CREDENTIAL_TYPES),
    credential: CredentialView,
    caller_arn: Type.Union([Type.String(), Type.Null()], {
      description: "Who the credential is, as STS GetCallerIdentity last answered.",
    }),
    health: OneOf(HEALTHS),
    last_error: Type.Union([LastError, Type.Null()]),
    last_validated_at: NullableTimestamp,
    created_at: Timestamp,
    updated_at: Timestamp,
  }),
);
export type CloudAccount = Static<typeof CloudAccount>;

/** The credential's fields; which are read depends on the top-level credential_type. Secrets are write-only. */
export const CredentialRefObject = Type.Object(
  {
    access_key_id: Type.Optional(Type.String({ maxLength: 128 })),
    secret_access_key: Type.Optional(Type.String({ maxLength: 256, writeOnly: true })),
    session_token: Type.Optional(Type.String({ maxLength: 8192, writeOnly: true })),
    region: Type.Optional(
      Type.String({
        maxLength: 32,
        description:
          "Where STS is dialled and Resource Explorer's aggregator index is read. Default: default_region.",
      }),
    ),
    role_arn: Type.Optional(Type.String({ maxLength: 2048 })),
    external_id: Type.Optional(Type.String({ maxLength: 1224 })),
    _credential_type: Type.Optional(
      Type.String({
        description: "Accepted for clients that send it; never required, and must equal credential_type.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type CredentialRefObject = Static<typeof CredentialRefObject>;

export const CredentialRef = Type.Union(
  [
    CredentialRefObject,
    Type.String({
      maxLength: 16384,
      description: "The same object, JSON-encoded (as the seed's clients send it).",
    }),
  ],
  { description: "The credential: an object, or that object as a JSON string." },
);

const fields = {
  display_name: Type.String({ minLength: 1, maxLength: 200, pattern: "\\S" }),
  external_account_id: Type.String({ minLength: 1, maxLength: 32, description: "12 digits." }),
  default_region: Type.Union([Type.String({ maxLength: 32 }), Type.Null()]),
  credential_type: Type.Unsafe<CredentialType>({
    type: "string",
    enum: [...CREDENTIAL_TYPES],
    description: "Decides how credential_ref is read.",
  }),
};

export const CreateCloudAccount = Type.Object(
  {
    provider: Type.Optional(Type.Literal("aws")),
    display_name: fields.display_name,
    external_account_id: fields.external_account_id,
    default_region: Type.Optional(fields.default_region),
    credential_type: fields.credential_type,
    credential_ref: CredentialRef,
  },
  { additionalProperties: false },
);
export type CreateCloudAccount = Static<typeof CreateCloudAccount>;

export const UpdateCloudAccount = Type.Object(
  {
    display_name: Type.Optional(fields.display_name),
    external_account_id: Type.Optional(fields.external_account_id),
    default_region: Type.Optional(fields.default_region),
    credential_type: Type.Optional(fields.credential_type),
    credential_ref: Type.Optional(CredentialRef),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCloudAccount = Static<typeof UpdateCloudAccount>;

export const CloudAccountTest = Type.Object({
  ok: Type.Boolean(),
  caller: Type.Union([
    Type.Object({ account: Type.String(), arn: Type.String(), user_id: Type.String() }),
    Type.Null(),
  ]),
  error: Type.Union([LastError, Type.Null()]),
  cloud_account: ref(CloudAccount),
});
export type CloudAccountTest = Static<typeof CloudAccountTest>;

export const SetupSection = Type.Object({
  id: OneOf(["resource_explorer", "scan_policy", "state_read", "bucket_policy", "kms", "trust_policy"]),
  title: Type.String(),
  attach: OneOf(["identity", "trust", "resource", "commands"]),
  policy: Type.Union([PolicyDocument, Type.Null()]),
  commands: Type.Array(Type.String()),
  notes: Type.Array(Type.String()),
});

export const CloudAccountSetup = Type.Object({
  account_id: Type.String(),
  region: Type.String(),
  principal_arn: NullableString,
  sections: Type.Array(SetupSection),
  text: Type.String({ description: "The same, as plain text in order." }),
});
export type CloudAccountSetup = Static<typeof CloudAccountSetup>;

const tags = ["cloud-accounts"];
const refused = {
  409: "The display name is taken in your organisation, or (delete) the account reads state for another account.",
  422: "AWS refused the credential, or it reaches another account than external_account_id (aws.sts.account_mismatch); nothing was changed.",
} as const;

const createSummary =
  "Register an AWS account. The credential is checked through its whole chain (STS GetCallerIdentity) and must reach external_account_id; then it is sealed and never returned.";

export const cloudAccountOperations = {
  createCloudAccount: operation({
    operationId: "createCloudAccount",
    method: "POST",
    path: "/api/v1/cloud-accounts",
    tags,
    summary: createSummary,
    body: CreateCloudAccount,
    response: { 201: ref(CloudAccount) },
    errors: { ...STANDARD_ERRORS, ...refused },
  }),
  createOrgAccount: operation({
    operationId: "createOrgAccount",
    method: "POST",
    path: "/api/v1/orgs/:id/accounts",
    tags,
    summary: `${createSummary} The same as POST /api/v1/cloud-accounts; :id is your organisation's id.`,
    params: IdParams,
    body: CreateCloudAccount,
    response: { 201: ref(CloudAccount) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND, ...refused },
  }),
  listCloudAccounts: operation({
    operationId: "listCloudAccounts",
    method: "GET",
    path: "/api/v1/cloud-accounts",
    tags,
    summary: "List cloud accounts with their health, by display name.",
    querystring: Type.Object(
      {
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
        cursor: Type.Optional(
          Type.String({ maxLength: 400, description: "`next_cursor` of the previous page." }),
        ),
      },
      { additionalProperties: false },
    ),
    response: { 200: PageOf(ref(CloudAccount)) },
    errors: STANDARD_ERRORS,
  }),
  getCloudAccount: operation({
    operationId: "getCloudAccount",
    method: "GET",
    path: "/api/v1/cloud-accounts/:id",
    tags,
    summary: "A cloud account with its health and last error.",
    params: IdParams,
    response: { 200: ref(CloudAccount) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
  updateCloudAccount: operation({
    operationId: "updateCloudAccount",
    method: "PATCH",
    path: "/api/v1/cloud-accounts/:id",
    tags,
    summary:
      "Change a cloud account. A new credential or account id is checked through STS first (422 on failure, nothing changed).",
    params: IdParams,
    body: UpdateCloudAccount,
    response: { 200: ref(CloudAccount) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND, ...refused },
  }),
  deleteCloudAccount: operation({
    operationId: "deleteCloudAccount",
    method: "DELETE",
    path: "/api/v1/cloud-accounts/:id",
    tags,
    summary:
      "Delete a cloud account, its sealed credential and the state sources its scans use. Refused (409) while it reads state for another account.",
    params: IdParams,
    response: { 204: Type.Null({ description: "Deleted." }) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND, 409: refused[409] },
  }),
  testCloudAccount: operation({
    operationId: "testCloudAccount",
    method: "POST",
    path: "/api/v1/cloud-accounts/:id/test",
    tags,
    summary:
      "Validate the stored credential again (STS through the whole chain). The outcome is kept as the account's health; a refusal is `ok: false` with the code and the fix.",
    params: IdParams,
    response: { 200: CloudAccountTest },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
  getCloudAccountSetup: operation({
    operationId: "getCloudAccountSetup",
    method: "GET",
    path: "/api/v1/cloud-accounts/:id/setup",
    tags,
    summary:
      "The setup for this account: Resource Explorer, the scan policy, the state-read statement, the cross-account bucket policy, the KMS statement and the role's trust policy, with your organisation and this account filled in.",
    params: IdParams,
    response: { 200: CloudAccountSetup },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
};
