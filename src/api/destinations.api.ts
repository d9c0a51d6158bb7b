/** S3 destinations (exports to the user's bucket): the shapes, and the operations on them. */
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
import { CredentialsInput, CredentialView, HEALTHS, LastError } from "./connections.api.ts";
import { NOT_FOUND, operation, ref, STANDARD_ERRORS } from "./operation.ts";
import { PolicyDocument } from "./policies.api.ts";

export const EXPORT_FORMATS = ["ndjson", "csv", "parquet"] as const;
export const BATCH_KINDS = ["events", "scan-reports", "files"] as const;
export const BATCH_STATUSES = ["pending", "written", "failed"] as const;

const pathPrefix = Type.String({
  maxLength: 1024,
  description:
    "Where objects go, with variables in braces: {org} {tenant} {connection} {contract} {account} {kind} {date} {full_date} {year} {month} {day} {hour} {job_id} {env}. E.g. drift/{org}/{kind}/{full_date}/.",
});

export const Destination = named(
  "Destination",
  Type.Object({
    id: Uuid,
    name: Type.String(),
    provider: Type.Literal("aws_s3"),
    region: Type.String(),
    bucket: Type.String(),
    path_prefix: Type.String(),
    path_preview: Type.String({
      description:
        "What the path prefix resolves to today for an events export (example values for the rest).",
    }),
    endpoint_url: NullableString,
    force_path_style: Type.Boolean(),
    kms_key_arn: NullableString,
    format: OneOf(EXPORT_FORMATS),
    gzip: Type.Boolean(),
    batch_max_events: Type.Integer(),
    batch_max_age_seconds: Type.Integer(),
    export_events: Type.Boolean(),
    export_scan_reports: Type.Boolean(),
    paused: Type.Boolean(),
    credentials: CredentialView,
    health: OneOf(HEALTHS),
    last_error: Type.Union([LastError, Type.Null()]),
    status: Type.Object({
      last_success_at: NullableTimestamp,
      last_attempt_at: NullableTimestamp,
      last_tested_at: NullableTimestamp,
      backlog_events: Type.Integer({ description: "Drift events recorded but not yet in a batch." }),
      pending_batches: Type.Integer({ description: "Batches planned but not yet written." }),
      objects_written: Type.Integer(),
      bytes_written: Type.Integer(),
      events_exported: Type.Integer(),
    }),
    created_at: Timestamp,
    updated_at: Timestamp,
  }),
);
export type Destination = Static<typeof Destination>;

const settings = {
  name: Type.String({ minLength: 1, maxLength: 200, pattern: "\\S" }),
  region: Type.String({ minLength: 1, maxLength: 32 }),
  bucket: Type.String({ minLength: 3, maxLength: 63 }),
  path_prefix: Type.Optional(pathPrefix),
  endpoint_url: Type.Optional(Type.Union([Type.String({ maxLength: 2048 }), Type.Null()])),
  force_path_style: Type.Optional(Type.Boolean()),
  kms_key_arn: Type.Optional(
    Type.Union([Type.String({ maxLength: 2048, description: "SSE-KMS with this key." }), Type.Null()]),
  ),
  format: Type.Optional(OneOf(EXPORT_FORMATS, { description: "Default ndjson." })),
  gzip: Type.Optional(Type.Boolean({ description: "ndjson and csv only. Default false." })),
  batch_max_events: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100000, description: "Events per object. Default 1000." }),
  ),
  batch_max_age_seconds: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 86400,
      description: "How long the oldest waiting event may wait for a full batch. Default 300.",
    }),
  ),
  export_events: Type.Optional(Type.Boolean({ description: "Export drift events. Default true." })),
  export_scan_reports: Type.Optional(
    Type.Boolean({ description: "Export infrastructure scan reports. Default false." }),
  ),
};

export const CreateDestination = Type.Object(
  { ...settings, provider: Type.Optional(Type.Literal("aws_s3")), credentials: CredentialsInput },
  { additionalProperties: false },
);
export type CreateDestination = Static<typeof CreateDestination>;

export const UpdateDestination = Type.Object(
  {
    name: Type.Optional(settings.name),
    region: Type.Optional(settings.region),
    bucket: Type.Optional(settings.bucket),
    path_prefix: settings.path_prefix,
    endpoint_url: settings.endpoint_url,
    force_path_style: settings.force_path_style,
    kms_key_arn: settings.kms_key_arn,
    format: settings.format,
    gzip: settings.gzip,
    batch_max_events: settings.batch_max_events,
    batch_max_age_seconds: settings.batch_max_age_seconds,
    export_events: settings.export_events,
    export_scan_reports: settings.export_scan_reports,
    paused: Type.Optional(Type.Boolean()),
    credentials: Type.Optional(CredentialsInput),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateDestination = Static<typeof UpdateDestination>;

export const ConnectionTestResult = Type.Object({
  ok: Type.Literal(true),
  key: Type.String({ description: "The object written and deleted." }),
  bytes: Type.Integer(),
  steps: Type.Array(
    Type.Object({
      action: OneOf(["s3:PutObject", "s3:DeleteObject"] as const),
      ms: Type.Integer(),
    }),
  ),
});
export type ConnectionTestResult = Static<typeof ConnectionTestResult>;

export const DestinationPolicy = Type.Object({
  policy: PolicyDocument,
  notes: Type.Array(Type.String()),
  external_id: NullableString,
  trust_policy: Type.Optional(PolicyDocument),
});
export type DestinationPolicy = Static<typeof DestinationPolicy>;

export const TemplatePreviewBody = Type.Object(
  {
    path_prefix: pathPrefix,
    kind: Type.Optional(OneOf(BATCH_KINDS, { description: "Default events." })),
  },
  { additionalProperties: false },
);

export const TemplatePreview = Type.Object({
  path_prefix: Type.String(),
  preview: Type.String({ description: "What the prefix could resolve to now (UTC), with example values." }),
  literal_prefix: Type.String({ description: "The part before the first variable: what the policy pins." }),
  variables: Type.Array(Type.String()),
  at: Timestamp,
});
export type TemplatePreview = Static<typeof TemplatePreview>;

export const ExportBatch = Type.Object({
  id: Uuid,
  batch_no: Type.Integer(),
  kind: OneOf(BATCH_KINDS),
  status: OneOf(BATCH_STATUSES),
  event_count: Type.Integer(),
  keys: Type.Array(Type.String()),
  attempts: Type.Integer(),
  bytes: Type.Integer(),
  last_error: Type.Union([LastError, Type.Null()]),
  planned_at: Timestamp,
  written_at: NullableTimestamp,
});
export type ExportBatch = Static<typeof ExportBatch>;

export const ExportRun = Type.Object({
  batches_planned: Type.Integer(),
  batches_written: Type.Integer(),
  objects_written: Type.Integer(),
  objects_already_written: Type.Integer(),
  events_exported: Type.Integer(),
  bytes: Type.Integer(),
});
export type ExportRun = Static<typeof ExportRun>;

const tags = ["destinations"];
const refused = {
  409: "The name is taken in your organisation; the message names the field.",
  422: "The connection test failed (the code names the missing action or the bucket/region problem, and the fix); nothing was changed.",
} as const;

export const destinationOperations = {
  createDestination: operation({
    operationId: "createDestination",
    method: "POST",
    path: "/api/v1/destinations",
    tags,
    summary:
      "Create an S3 destination. A connection test first writes a small object under the prefix and deletes it; a failure is a 422 and nothing is stored.",
    body: CreateDestination,
    response: { 201: ref(Destination) },
    errors: { ...STANDARD_ERRORS, ...refused },
  }),
  listDestinations: operation({
    operationId: "listDestinations",
    method: "GET",
    path: "/api/v1/destinations",
    tags,
    summary: "List destinations with their export status.",
    querystring: Type.Object(
      {
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
        cursor: Type.Optional(
          Type.String({ maxLength: 200, description: "`next_cursor` of the previous page." }),
        ),
      },
      { additionalProperties: false },
    ),
    response: { 200: PageOf(ref(Destination)) },
    errors: STANDARD_ERRORS,
  }),
  getDestination: operation({
    operationId: "getDestination",
    method: "GET",
    path: "/api/v1/destinations/:id",
    tags,
    summary: "A destination with its health, last error, backlog and totals.",
    params: IdParams,
    response: { 200: ref(Destination) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
  updateDestination: operation({
    operationId: "updateDestination",
    method: "PATCH",
    path: "/api/v1/destinations/:id",
    tags,
    summary:
      "Change a destination. New credentials, bucket, region, endpoint, prefix or KMS key are tested first (422 on failure, nothing changed).",
    params: IdParams,
    body: UpdateDestination,
    response: { 200: ref(Destination) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND, ...refused },
  }),
  deleteDestination: operation({
    operationId: "deleteDestination",
    method: "DELETE",
    path: "/api/v1/destinations/:id",
    tags,
    summary: "Delete a destination and its export history (the objects it wrote stay in the bucket).",
    params: IdParams,
    response: { 204: Type.Null({ description: "Deleted." }) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
  testDestination: operation({
    operationId: "testDestination",
    method: "POST",
    path: "/api/v1/destinations/:id/test",
    tags,
    summary: "Run the connection test again: write a small object under the prefix, then delete it.",
    params: IdParams,
    response: { 200: ConnectionTestResult },
    errors: {
      ...STANDARD_ERRORS,
      ...NOT_FOUND,
      422: "The test failed: the code names the missing action (s3:PutObject, s3:DeleteObject, KMS) or the bucket/region problem, and the fix.",
    },
  }),
  getDestinationPolicy: operation({
    operationId: "getDestinationPolicy",
    method: "GET",
    path: "/api/v1/destinations/:id/policy",
    tags,
    summary:
      "The least-privilege IAM policy for this destination: s3:PutObject under the prefix, s3:DeleteObject for the connection test only (and KMS when a key is set).",
    params: IdParams,
    response: { 200: DestinationPolicy },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
  exportDestination: operation({
    operationId: "exportDestination",
    method: "POST",
    path: "/api/v1/destinations/:id/export",
    tags,
    summary:
      "Export what is waiting now (batches not yet full or old enough included) and finish any batch not yet written.",
    params: IdParams,
    response: { 200: ExportRun },
    errors: {
      ...STANDARD_ERRORS,
      ...NOT_FOUND,
      422: "S3 refused a write (the code names the missing action or the problem, and the fix); the batch is retried.",
    },
  }),
  listExportBatches: operation({
    operationId: "listExportBatches",
    method: "GET",
    path: "/api/v1/destinations/:id/batches",
    tags,
    summary: "The latest export batches of a destination: their keys, status, attempts and last error.",
    params: IdParams,
    querystring: Type.Object(
      { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })) },
      { additionalProperties: false },
    ),
    response: { 200: Type.Object({ items: Type.Array(ExportBatch) }) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
  previewDestinationTemplate: operation({
    operationId: "previewDestinationTemplate",
    method: "POST",
    path: "/api/v1/destinations/template-preview",
    tags,
    summary:
      "What a path prefix resolves to now; an unknown variable or an unbalanced brace is a 400 naming it.",
    body: TemplatePreviewBody,
    response: { 200: TemplatePreview },
    errors: STANDARD_ERRORS,
  }),
};
