/** Drift events: as a check finds them, as stored, filtered, acknowledged and counted per day. */
import { type Static, Type } from "typebox";
import { DRIFT_EVENT_TYPES, SEVERITIES } from "../domain/drift/drift-event.ts";
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

export const SeveritySchema = OneOf(SEVERITIES);
export const EventTypeSchema = OneOf(DRIFT_EVENT_TYPES);
export const EVENT_STATUSES = ["open", "acknowledged"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
const EventStatusSchema = OneOf(EVENT_STATUSES);

const driftEventFields = {
  type: EventTypeSchema,
  severity: SeveritySchema,
  path: Type.String(),
  rule: Type.String(),
  expected: Type.String(),
  actual: Type.String(),
  count: Type.Integer(),
  percent: Type.Union([Type.Number(), Type.Null()]),
  samples: Type.Array(Type.Object({ record: Type.Integer(), value: Type.Unknown() })),
  file: Type.Object({ key: Type.String(), sha256: Type.String(), size: Type.Integer() }),
  contract: Type.Object({ id: Type.String(), version: Type.String() }),
  detail: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
};

/** A drift event as a check finds it (the domain's DriftEvent, the same in `check --json`). */
export const DriftEvent = named("DriftEvent", Type.Object(driftEventFields));
export type DriftEvent = Static<typeof DriftEvent>;

/** A stored drift event. */
export const DriftEventRecord = named(
  "DriftEventRecord",
  Type.Object({
    id: Uuid,
    connection_id: NullableString,
    connection_name: NullableString,
    file_id: NullableString,
    status: EventStatusSchema,
    created_at: Timestamp,
    acknowledged_at: NullableTimestamp,
    ...driftEventFields,
  }),
);
export type DriftEventRecord = Static<typeof DriftEventRecord>;

export const EventFilter = Type.Object(
  {
    ...CursorQuery,
    connection_id: Type.Optional(Uuid),
    type: Type.Optional(EventTypeSchema),
    severity: Type.Optional(SeveritySchema),
    status: Type.Optional(EventStatusSchema),
    since: Type.Optional(
      Type.String({ format: "date-time", description: "Recorded at or after (ISO 8601)." }),
    ),
    until: Type.Optional(Type.String({ format: "date-time", description: "Recorded before (ISO 8601)." })),
    file_id: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type EventFilter = Static<typeof EventFilter>;

export const SummaryDay = Type.Object({
  date: Type.String(),
  info: Type.Integer(),
  warning: Type.Integer(),
  error: Type.Integer(),
  critical: Type.Integer(),
});
export type SummaryDay = Static<typeof SummaryDay>;

const tags = ["drift events"];

export const eventOperations = {
  listDriftEvents: operation({
    operationId: "listDriftEvents",
    method: "GET",
    path: "/api/v1/drift-events",
    tags,
    summary:
      "Drift events, newest first, filtered by connection, type, severity, status and time; cursor-paged.",
    querystring: EventFilter,
    response: { 200: PageOf(ref(DriftEventRecord)) },
    errors: STANDARD_ERRORS,
  }),
  getDriftEventSummary: operation({
    operationId: "getDriftEventSummary",
    method: "GET",
    path: "/api/v1/drift-events/summary",
    tags,
    summary: "Events per day (UTC) and severity, for charts.",
    querystring: Type.Object(
      {
        days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 30 })),
        connection_id: Type.Optional(Uuid),
      },
      { additionalProperties: false },
    ),
    response: { 200: Type.Object({ days: Type.Array(SummaryDay) }) },
    errors: STANDARD_ERRORS,
  }),
  updateDriftEvent: operation({
    operationId: "updateDriftEvent",
    method: "PATCH",
    path: "/api/v1/drift-events/:id",
    tags,
    summary: "Acknowledge a drift event (or reopen it).",
    params: IdParams,
    body: Type.Object(
      { status: Type.Union([Type.Literal("acknowledged"), Type.Literal("open")]) },
      { additionalProperties: false },
    ),
    response: { 200: ref(DriftEventRecord) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
};
