import type { FastifyInstance } from "fastify";
import { type Static, Type } from "typebox";
import type { HttpDeps } from "../app.ts";
import { CursorQuery, errorResponses, IdParams, NullableTimestamp, Timestamp } from "../schemas/common.ts";

const LastError = Type.Union([
  Type.Object({
    code: Type.String(),
    aws_code: Type.Union([Type.String(), Type.Null()]),
    message: Type.String(),
    hint: Type.String(),
    at: Timestamp,
  }),
  Type.Null(),
]);

const Connection = Type.Object(
  {
    id: Type.String({ format: "uuid" }),
    name: Type.String(),
    provider: Type.Literal("aws_s3"),
    region: Type.String(),
    bucket: Type.String(),
    prefix: Type.String(),
    file_pattern: Type.String(),
    contract_id: Type.Union([Type.String(), Type.Null()]),
    contract_name: Type.Union([Type.String(), Type.Null()]),
    poll_interval_minutes: Type.Integer(),
    endpoint_url: Type.Union([Type.String(), Type.Null()]),
    force_path_style: Type.Boolean(),
    backfill: Type.Boolean(),
    paused: Type.Boolean(),
    credentials: Type.Object(
      {
        type: Type.String(),
        fingerprint: Type.String({ description: "Changes when the credential changes; not a secret." }),
        access_key_id_suffix: Type.Optional(Type.String()),
        role_arn: Type.Optional(Type.String()),
        external_id: Type.Optional(Type.String()),
        region: Type.Optional(Type.String()),
      },
      { description: "Never the secret: the type and a fingerprint." },
    ),
    health: Type.Union([
      Type.Literal("healthy"),
      Type.Literal("warning"),
      Type.Literal("critical"),
      Type.Literal("unknown"),
    ]),
    last_error: LastError,
    last_poll_at: NullableTimestamp,
    last_success_at: NullableTimestamp,
    next_poll_at: NullableTimestamp,
    open_events: Type.Integer(),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: "Connection" },
);

const Credentials = Type.Object(
  {
    type: Type.String({
      enum: ["aws_static", "aws_role", "aws_oidc"],
      description: "Decides which other fields are read.",
    }),
    access_key_id: Type.Optional(Type.String({ maxLength: 128 })),
    secret_access_key: Type.Optional(Type.String({ maxLength: 256, writeOnly: true })),
    session_token: Type.Optional(Type.String({ maxLength: 4096, writeOnly: true })),
    role_arn: Type.Optional(Type.String({ maxLength: 2048 })),
    external_id: Type.Optional(Type.String({ maxLength: 1224 })),
    region: Type.Optional(
      Type.String({ maxLength: 32, description: "aws_oidc: the region STS is dialled in." }),
    ),
  },
  { additionalProperties: false },
);

const common = {
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
  contract_id: Type.Optional(Type.Union([Type.String({ format: "uuid" }), Type.Null()])),
  poll_interval_minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 10080 })),
  endpoint_url: Type.Optional(Type.Union([Type.String({ maxLength: 2048 }), Type.Null()])),
  force_path_style: Type.Optional(Type.Boolean()),
  backfill: Type.Optional(Type.Boolean({ description: "Also check objects older than the connection." })),
};

const CreateConnection = Type.Object(
  { ...common, provider: Type.Literal("aws_s3"), credentials: Credentials },
  { additionalProperties: false },
);
const UpdateConnection = Type.Object(
  {
    name: Type.Optional(common.name),
    region: Type.Optional(common.region),
    bucket: Type.Optional(common.bucket),
    prefix: common.prefix,
    file_pattern: common.file_pattern,
    contract_id: common.contract_id,
    poll_interval_minutes: common.poll_interval_minutes,
    endpoint_url: common.endpoint_url,
    force_path_style: common.force_path_style,
    backfill: common.backfill,
    credentials: Type.Optional(Credentials),
  },
  { additionalProperties: false, minProperties: 1 },
);

const PollRun = Type.Object(
  {
    id: Type.String({ format: "uuid" }),
    connection_id: Type.String({ format: "uuid" }),
    status: Type.Union([
      Type.Literal("queued"),
      Type.Literal("running"),
      Type.Literal("completed"),
      Type.Literal("failed"),
    ]),
    trigger: Type.Union([Type.Literal("manual"), Type.Literal("schedule"), Type.Literal("backlog")]),
    counts: Type.Object({
      listed: Type.Integer(),
      matched: Type.Integer(),
      new: Type.Integer(),
      processed: Type.Integer(),
      duplicate: Type.Integer(),
      failed: Type.Integer(),
      too_large: Type.Integer(),
      skipped: Type.Integer(),
      events: Type.Integer(),
    }),
    more_pending: Type.Boolean({
      description: "More new files than one cycle takes: the next cycle starts at once.",
    }),
    watermark: Type.Union([Timestamp, Type.Null()], {
      description: "Where the watermark stood after this cycle.",
    }),
    error: Type.Union([
      Type.Object({
        code: Type.String(),
        aws_code: Type.Union([Type.String(), Type.Null()]),
        message: Type.String(),
        hint: Type.String(),
        at: Timestamp,
      }),
      Type.Null(),
    ]),
    created_at: Timestamp,
    started_at: NullableTimestamp,
    finished_at: NullableTimestamp,
  },
  { $id: "PollRun" },
);

const WatchedFile = Type.Object({
  id: Type.String(),
  key: Type.String(),
  etag: Type.String(),
  size: Type.Integer(),
  last_modified: Timestamp,
  storage_class: Type.Union([Type.String(), Type.Null()]),
  sha256: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union(
    ["pending", "processed", "duplicate", "failed", "too_large", "skipped"].map((s) => Type.Literal(s)),
  ),
  format: Type.Union([Type.String(), Type.Null()]),
  records: Type.Union([Type.Integer(), Type.Null()]),
  events: Type.Integer(),
  attempts: Type.Integer(),
  next_attempt_at: NullableTimestamp,
  error: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  duplicate_of_key: Type.Union([Type.String(), Type.Null()]),
  first_seen_at: Timestamp,
  processed_at: NullableTimestamp,
});

const ListOf = (ref: string) =>
  Type.Object({ items: Type.Array(Type.Ref(ref)), next_cursor: Type.Union([Type.String(), Type.Null()]) });

export async function connectionRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  app.addSchema(Connection);
  app.addSchema(PollRun);
  const { connections, polls, events } = deps.services;
  const tags = ["connections"];
  const ref = Type.Ref("Connection");
  const errors = { ...errorResponses, 409: Type.Ref("ErrorResponse"), 422: Type.Ref("ErrorResponse") };

  app.post<{ Body: Static<typeof CreateConnection> }>(
    "/connections",
    {
      schema: {
        tags,
        summary:
          "Create an S3 connection. The prefix is listed and one object read first; a failure is a 422 and nothing is stored.",
        body: CreateConnection,
        response: { 201: ref, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await connections.create(request.principal.orgId, request.body)),
  );

  app.get<{ Querystring: { limit?: number; cursor?: string } }>(
    "/connections",
    {
      schema: {
        tags,
        summary: "List connections with their health.",
        querystring: Type.Object(CursorQuery, { additionalProperties: false }),
        response: { 200: ListOf("Connection"), ...errorResponses },
      },
    },
    async (request) => connections.list(request.principal.orgId, request.query),
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    "/connections/:id",
    {
      schema: {
        tags,
        summary: "A connection with its health, last error and next poll.",
        params: IdParams,
        response: { 200: ref, ...errorResponses },
      },
    },
    async (request) => connections.get(request.principal.orgId, request.params.id),
  );

  app.patch<{ Params: Static<typeof IdParams>; Body: Static<typeof UpdateConnection> }>(
    "/connections/:id",
    {
      schema: {
        tags,
        summary:
          "Change a connection. New credentials, bucket, region, endpoint, prefix or pattern are checked against the store first (422 on failure, nothing changed).",
        params: IdParams,
        body: UpdateConnection,
        response: { 200: ref, ...errors },
      },
    },
    async (request) => connections.update(request.principal.orgId, request.params.id, request.body),
  );

  app.delete<{ Params: Static<typeof IdParams> }>(
    "/connections/:id",
    {
      schema: {
        tags,
        summary: "Delete a connection, its ledger and its events.",
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await connections.delete(request.principal.orgId, request.params.id);
      return reply.status(204).send();
    },
  );

  for (const [action, paused] of [
    ["pause", true],
    ["resume", false],
  ] as const) {
    app.post<{ Params: Static<typeof IdParams> }>(
      `/connections/:id/${action}`,
      {
        schema: {
          tags,
          summary: paused ? "Pause: no more polls until resumed." : "Resume polling (a poll runs at once).",
          params: IdParams,
          response: { 200: ref, ...errorResponses },
        },
      },
      async (request) => connections.setPaused(request.principal.orgId, request.params.id, paused),
    );
  }

  app.post<{ Params: Static<typeof IdParams>; Querystring: { wait?: boolean; timeout_seconds?: number } }>(
    "/connections/:id/poll",
    {
      schema: {
        tags,
        summary:
          "Poll now. 202 with the queued run; with ?wait=true, 200 with the finished run (or 202 if it is still running at the timeout).",
        params: IdParams,
        querystring: Type.Object(
          {
            wait: Type.Optional(Type.Boolean()),
            timeout_seconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 600, default: 120 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ poll_run: Type.Ref("PollRun") }),
          202: Type.Object({ poll_run: Type.Ref("PollRun") }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const orgId = request.principal.orgId;
      let run = await polls.requestPoll(orgId, request.params.id);
      if (request.query.wait)
        run = await polls.waitForRun(orgId, run.id, (request.query.timeout_seconds ?? 120) * 1000);
      const finished = run.status === "completed" || run.status === "failed";
      return reply.status(finished ? 200 : 202).send({ poll_run: run });
    },
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: { limit?: number } }>(
    "/connections/:id/poll-runs",
    {
      schema: {
        tags,
        summary: "Recent poll runs of a connection, newest first.",
        params: IdParams,
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref("PollRun")) }), ...errorResponses },
      },
    },
    async (request) => {
      await connections.row(request.principal.orgId, request.params.id);
      return {
        items: await polls.listRuns(request.principal.orgId, request.params.id, request.query.limit ?? 20),
      };
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    "/poll-runs/:id",
    {
      schema: {
        tags,
        summary: "A poll run: status and counts.",
        params: IdParams,
        response: { 200: Type.Ref("PollRun"), ...errorResponses },
      },
    },
    async (request) => polls.getRun(request.principal.orgId, request.params.id),
  );

  app.get<{
    Params: Static<typeof IdParams>;
    Querystring: { status?: string; limit?: number; cursor?: string };
  }>(
    "/connections/:id/files",
    {
      schema: {
        tags,
        summary: "The ledger: every file the connection has seen, newest first.",
        params: IdParams,
        querystring: Type.Object(
          {
            ...CursorQuery,
            status: Type.Optional(
              Type.String({ enum: ["pending", "processed", "duplicate", "failed", "too_large", "skipped"] }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(WatchedFile),
            next_cursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      await connections.row(request.principal.orgId, request.params.id);
      return events.files(request.principal.orgId, request.params.id, request.query);
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    "/connections/:id/policy",
    {
      schema: {
        tags,
        summary:
          "The least-privilege IAM policy for this connection's bucket and prefix (and the trust policy for a role).",
        params: IdParams,
        response: {
          200: Type.Object({
            policy: Type.Unknown(),
            notes: Type.Array(Type.String()),
            trust_policy: Type.Optional(
              Type.Unknown({
                description: "For an OIDC role: its trust policy, pinned to this organisation.",
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => connections.policy(request.principal.orgId, request.params.id),
  );
}
