import type { FastifyInstance } from "fastify";
import { type Static, Type } from "typebox";
import type { HttpDeps } from "../app.ts";
import { CursorQuery, errorResponses, IdParams, NullableTimestamp, Timestamp } from "../schemas/common.ts";
import { DriftEventFields, EventTypeSchema, SeveritySchema } from "../schemas/drift-event.ts";

const EventRecord = Type.Object(
  {
    id: Type.String({ format: "uuid" }),
    connection_id: Type.Union([Type.String(), Type.Null()]),
    connection_name: Type.Union([Type.String(), Type.Null()]),
    file_id: Type.Union([Type.String(), Type.Null()]),
    status: Type.Union([Type.Literal("open"), Type.Literal("acknowledged")]),
    created_at: Timestamp,
    acknowledged_at: NullableTimestamp,
    ...DriftEventFields,
  },
  { $id: "DriftEventRecord" },
);

const Filter = Type.Object(
  {
    ...CursorQuery,
    connection_id: Type.Optional(Type.String({ format: "uuid" })),
    type: Type.Optional(EventTypeSchema),
    severity: Type.Optional(SeveritySchema),
    status: Type.Optional(Type.Union([Type.Literal("open"), Type.Literal("acknowledged")])),
    since: Type.Optional(
      Type.String({ format: "date-time", description: "Recorded at or after (ISO 8601)." }),
    ),
    until: Type.Optional(Type.String({ format: "date-time", description: "Recorded before (ISO 8601)." })),
    file_id: Type.Optional(Type.String({ format: "uuid" })),
  },
  { additionalProperties: false },
);

export async function eventRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  app.addSchema(EventRecord);
  const { events } = deps.services;
  const tags = ["drift events"];

  app.get<{ Querystring: Static<typeof Filter> }>(
    "/drift-events",
    {
      schema: {
        tags,
        summary:
          "Drift events, newest first, filtered by connection, type, severity, status and time; cursor-paged.",
        querystring: Filter,
        response: {
          200: Type.Object({
            items: Type.Array(Type.Ref("DriftEventRecord")),
            next_cursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => events.list(request.principal.orgId, request.query),
  );

  app.get<{ Querystring: { days?: number; connection_id?: string } }>(
    "/drift-events/summary",
    {
      schema: {
        tags,
        summary: "Events per day (UTC) and severity, for charts.",
        querystring: Type.Object(
          {
            days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 30 })),
            connection_id: Type.Optional(Type.String({ format: "uuid" })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            days: Type.Array(
              Type.Object({
                date: Type.String(),
                info: Type.Integer(),
                warning: Type.Integer(),
                error: Type.Integer(),
                critical: Type.Integer(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({
      days: await events.summary(
        request.principal.orgId,
        request.query.days ?? 30,
        request.query.connection_id,
      ),
    }),
  );

  app.patch<{ Params: Static<typeof IdParams>; Body: { status: "open" | "acknowledged" } }>(
    "/drift-events/:id",
    {
      schema: {
        tags,
        summary: "Acknowledge a drift event (or reopen it).",
        params: IdParams,
        body: Type.Object(
          { status: Type.Union([Type.Literal("acknowledged"), Type.Literal("open")]) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref("DriftEventRecord"), ...errorResponses },
      },
    },
    async (request) =>
      events.setStatus(
        request.principal.orgId,
        request.params.id,
        request.body.status,
        request.principal.keyId,
      ),
  );
}
