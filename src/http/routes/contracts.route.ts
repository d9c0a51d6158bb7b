import type { FastifyInstance } from "fastify";
import { type Static, Type } from "typebox";
import type { HttpDeps } from "../app.ts";
import { acceptRawBodies, assertBodyWithin, readAll } from "../raw-body.ts";
import { CursorQuery, errorResponses, IdParams, Timestamp } from "../schemas/common.ts";
import { DriftEventSchema } from "../schemas/drift-event.ts";

const Contract = Type.Object(
  {
    id: Type.String({ format: "uuid" }),
    name: Type.String(),
    contract_key: Type.String({ description: "The document's own id (ODCS `id`), as drift events name it." }),
    version: Type.Integer({ description: "driftwatch's version number, +1 on every document change." }),
    odcs_version: Type.String({ description: "The document's own `version`." }),
    format: Type.Union([Type.String(), Type.Null()]),
    document: Type.String(),
    created_at: Timestamp,
    updated_at: Timestamp,
    connections: Type.Integer({ description: "Connections that check files against this contract." }),
  },
  { $id: "Contract" },
);

const LintIssue = Type.Object({
  severity: Type.Union([Type.Literal("error"), Type.Literal("warning")]),
  message: Type.String(),
  line: Type.Integer(),
  column: Type.Integer(),
  path: Type.String(),
});

const DOC_LIMIT = 512 * 1024;
const CreateContract = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: "\\S" }),
    document: Type.String({
      minLength: 1,
      maxLength: DOC_LIMIT,
      description: "ODCS v3.1 (YAML or JSON) or a JSON Schema.",
    }),
  },
  { additionalProperties: false },
);
const UpdateContract = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: "\\S" })),
    document: Type.Optional(Type.String({ minLength: 1, maxLength: DOC_LIMIT })),
  },
  { additionalProperties: false, minProperties: 1 },
);
const VersionParams = Type.Object(
  { id: Type.String({ format: "uuid" }), version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
const FileQuery = Type.Object(
  {
    filename: Type.Optional(
      Type.String({ minLength: 1, maxLength: 1024, description: "Tells the format by its extension." }),
    ),
    format: Type.Optional(Type.String({ enum: ["json", "ndjson", "csv", "parquet", "x12"] })),
  },
  { additionalProperties: false },
);

export async function contractRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  app.addSchema(Contract);
  app.addSchema(DriftEventSchema);
  const { contracts } = deps.services;
  const tags = ["contracts"];

  app.post<{ Body: Static<typeof CreateContract> }>(
    "/contracts",
    {
      schema: {
        tags,
        summary: "Create a contract (linted first; a lint error is a 400 with line and column).",
        body: CreateContract,
        response: { 201: Type.Ref("Contract"), ...errorResponses, 409: Type.Ref("ErrorResponse") },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await contracts.create(request.principal.orgId, request.body)),
  );

  app.get<{ Querystring: { limit?: number; cursor?: string } }>(
    "/contracts",
    {
      schema: {
        tags,
        summary: "List contracts.",
        querystring: Type.Object(CursorQuery, { additionalProperties: false }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Ref("Contract")),
            next_cursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => contracts.list(request.principal.orgId, request.query),
  );

  app.post<{ Body: { document: string } }>(
    "/contracts/lint",
    {
      schema: {
        tags,
        summary: "Lint a contract document without storing it.",
        body: Type.Object(
          { document: Type.String({ maxLength: DOC_LIMIT }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ issues: Type.Array(LintIssue) }), ...errorResponses },
      },
    },
    async (request) => ({ issues: contracts.lint(request.body.document) }),
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    "/contracts/:id",
    {
      schema: {
        tags,
        summary: "A contract with its current document.",
        params: IdParams,
        response: { 200: Type.Ref("Contract"), ...errorResponses },
      },
    },
    async (request) => contracts.get(request.principal.orgId, request.params.id),
  );

  app.put<{ Params: Static<typeof IdParams>; Body: Static<typeof UpdateContract> }>(
    "/contracts/:id",
    {
      schema: {
        tags,
        summary:
          "Update a contract; a changed document becomes a new version. Connections check new files against it.",
        params: IdParams,
        body: UpdateContract,
        response: { 200: Type.Ref("Contract"), ...errorResponses, 409: Type.Ref("ErrorResponse") },
      },
    },
    async (request) => contracts.update(request.principal.orgId, request.params.id, request.body),
  );

  app.delete<{ Params: Static<typeof IdParams> }>(
    "/contracts/:id",
    {
      schema: {
        tags,
        summary: "Delete a contract no connection uses.",
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses, 409: Type.Ref("ErrorResponse") },
      },
    },
    async (request, reply) => {
      await contracts.delete(request.principal.orgId, request.params.id);
      return reply.status(204).send();
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    "/contracts/:id/versions",
    {
      schema: {
        tags,
        summary: "Versions of a contract, newest first.",
        params: IdParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                version: Type.Integer(),
                odcs_version: Type.String(),
                contract_key: Type.String(),
                created_at: Timestamp,
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await contracts.versions(request.principal.orgId, request.params.id) }),
  );

  app.get<{ Params: Static<typeof VersionParams> }>(
    "/contracts/:id/versions/:version",
    {
      schema: {
        tags,
        summary: "One version of a contract, with its document.",
        params: VersionParams,
        response: {
          200: Type.Object({
            version: Type.Integer(),
            odcs_version: Type.String(),
            contract_key: Type.String(),
            document: Type.String(),
            created_at: Timestamp,
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => contracts.version(request.principal.orgId, request.params.id, request.params.version),
  );

  // Routes whose body is a file, streamed as it comes.
  await app.register(async (files) => {
    acceptRawBodies(files);
    const limit = deps.checkBodyLimitBytes;

    files.post<{ Params: Static<typeof IdParams>; Querystring: Static<typeof FileQuery> }>(
      "/contracts/:id/check",
      {
        bodyLimit: limit,
        schema: {
          tags,
          summary:
            "Check a file (the request body, any content type) against the contract; returns its drift events, stores nothing.",
          params: IdParams,
          querystring: FileQuery,
          response: {
            200: Type.Object({
              format: Type.Union([Type.String(), Type.Null()]),
              records: Type.Integer(),
              size: Type.Integer(),
              sha256: Type.String(),
              events: Type.Array(Type.Ref("DriftEvent")),
            }),
            ...errorResponses,
            413: Type.Ref("ErrorResponse"),
          },
        },
      },
      async (request) => {
        assertBodyWithin(request, limit);
        const body = (request.body ?? (async function* () {})()) as AsyncIterable<Uint8Array>;
        const result = await contracts.check(
          request.principal.orgId,
          request.params.id,
          body,
          request.query.filename ?? "upload",
          request.query.format,
        );
        return {
          format: result.format ?? null,
          records: result.records,
          size: result.size,
          sha256: result.sha256,
          events: result.events,
        };
      },
    );

    files.post<{ Querystring: Static<typeof FileQuery> }>(
      "/contracts/infer",
      {
        bodyLimit: limit,
        schema: {
          tags,
          summary: "Infer an ODCS contract (YAML) from a sample file (the request body).",
          querystring: FileQuery,
          response: {
            200: Type.Object({ document: Type.String(), format: Type.Union([Type.String(), Type.Null()]) }),
            ...errorResponses,
            413: Type.Ref("ErrorResponse"),
            422: Type.Ref("ErrorResponse"),
          },
        },
      },
      async (request) => {
        assertBodyWithin(request, limit);
        const bytes = request.body
          ? await readAll(request.body as AsyncIterable<Uint8Array>, limit)
          : Buffer.alloc(0);
        return contracts.infer(request.query.filename ?? "sample", bytes, request.query.format);
      },
    );
  });
}
