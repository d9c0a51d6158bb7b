/**
 * Terraform state sources: the shapes, and the operations on them. They live at /api/v1/state-sources (not
 * under one cloud account) because a state source names two accounts, the one whose credential reads the
 * object (`cloud_account_id`) and the one whose scans compare against it (`scan_account_id`, by default the
 * same); the list filters by either.
 */
import { type Static, Type } from "typebox";
import { IdParams, NullableString, named, PageOf, Timestamp, Uuid } from "./common.api.ts";
import { LastError } from "./connections.api.ts";
import { NOT_FOUND, operation, ref, STANDARD_ERRORS } from "./operation.ts";

/** What reading the object found: the state's identity and size, or the error with its fix. */
export const StateSourceTest = Type.Object({
  ok: Type.Boolean(),
  object_key: Type.String({
    description: "The key read: <workspace_key_prefix>/<workspace>/<key> for a workspace.",
  }),
  serial: Type.Union([Type.Integer(), Type.Null()]),
  lineage: NullableString,
  terraform_version: NullableString,
  resource_count: Type.Union([Type.Integer(), Type.Null()], {
    description: "Managed resource instances (data sources are not counted).",
  }),
  version_id: NullableString,
  size: Type.Union([Type.Integer(), Type.Null()], { description: "Bytes read." }),
  error: Type.Union([LastError, Type.Null()]),
  tested_at: Timestamp,
});
export type StateSourceTest = Static<typeof StateSourceTest>;

export const StateSource = named(
  "StateSource",
  Type.Object({
    id: Uuid,
    cloud_account_id: Type.String({
      format: "uuid",
      description: "The account whose credential reads the object.",
    }),
    scan_account_id: Type.String({
      format: "uuid",
      description: "The account whose scans compare against this state.",
    }),
    bucket: Type.String(),
    key: Type.String(),
    region: Type.String(),
    workspace: NullableString,
    workspace_key_prefix: Type.String(),
    object_key: Type.String({ description: "The S3 key actually read." }),
    version_id: NullableString,
    endpoint_url: NullableString,
    force_path_style: Type.Boolean(),
    last_test: Type.Union([StateSourceTest, Type.Null()]),
    created_at: Timestamp,
    updated_at: Timestamp,
  }),
);
export type StateSource = Static<typeof StateSource>;

export const CreateStateSource = Type.Object(
  {
    cloud_account_id: Uuid,
    scan_account_id: Type.Optional(Uuid),
    bucket: Type.String({ minLength: 1, maxLength: 63 }),
    key: Type.String({ minLength: 1, maxLength: 1024, description: "The S3 backend's `key`." }),
    region: Type.Optional(
      Type.String({
        maxLength: 32,
        description: "The bucket's region. Default: the reading account's region.",
      }),
    ),
    workspace: Type.Optional(
      Type.Union([Type.String({ maxLength: 256 }), Type.Null()], {
        description: "A non-default Terraform workspace.",
      }),
    ),
    workspace_key_prefix: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 256,
        description: "The S3 backend's `workspace_key_prefix`. Default env:.",
      }),
    ),
    version_id: Type.Optional(
      Type.Union([Type.String({ maxLength: 1024 }), Type.Null()], {
        description: "Read this object version instead of the current one.",
      }),
    ),
    endpoint_url: Type.Optional(Type.Union([Type.String({ maxLength: 2048 }), Type.Null()])),
    force_path_style: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateStateSource = Static<typeof CreateStateSource>;

const tags = ["state-sources"];

export const stateSourceOperations = {
  createStateSource: operation({
    operationId: "createStateSource",
    method: "POST",
    path: "/api/v1/state-sources",
    tags,
    summary:
      "Link a Terraform state object in S3. It is read and parsed first with the reading account's credential; a failure is a 422 with a state.* code and its fix, and nothing is stored.",
    body: CreateStateSource,
    response: { 201: ref(StateSource) },
    errors: {
      ...STANDARD_ERRORS,
      409: "The same object is already a state source of that scanned account.",
      422: "The object could not be read or is not a Terraform state (the code, AWS's code and the fix); nothing was stored.",
    },
  }),
  listStateSources: operation({
    operationId: "listStateSources",
    method: "GET",
    path: "/api/v1/state-sources",
    tags,
    summary: "List state sources, optionally those a scan of one account uses or those one account reads.",
    querystring: Type.Object(
      {
        scan_account_id: Type.Optional(Uuid),
        cloud_account_id: Type.Optional(Uuid),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
        cursor: Type.Optional(
          Type.String({ maxLength: 3000, description: "`next_cursor` of the previous page." }),
        ),
      },
      { additionalProperties: false },
    ),
    response: { 200: PageOf(ref(StateSource)) },
    errors: STANDARD_ERRORS,
  }),
  getStateSource: operation({
    operationId: "getStateSource",
    method: "GET",
    path: "/api/v1/state-sources/:id",
    tags,
    summary: "A state source with what its last read found.",
    params: IdParams,
    response: { 200: ref(StateSource) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
  deleteStateSource: operation({
    operationId: "deleteStateSource",
    method: "DELETE",
    path: "/api/v1/state-sources/:id",
    tags,
    summary: "Unlink a state source (the object in S3 is not touched).",
    params: IdParams,
    response: { 204: Type.Null({ description: "Deleted." }) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
  testStateSource: operation({
    operationId: "testStateSource",
    method: "POST",
    path: "/api/v1/state-sources/:id/test",
    tags,
    summary:
      "Read and parse the state object now: its serial, lineage, Terraform version and resource count, or the error code with its fix (`ok: false`). Kept as the source's last test.",
    params: IdParams,
    response: { 200: StateSourceTest },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
};
