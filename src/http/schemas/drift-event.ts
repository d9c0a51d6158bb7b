import { Type } from "typebox";
import { DRIFT_EVENT_TYPES, SEVERITIES } from "../../domain/drift/drift-event.ts";

export const SeveritySchema = Type.Union(SEVERITIES.map((s) => Type.Literal(s)));
export const EventTypeSchema = Type.Union(DRIFT_EVENT_TYPES.map((t) => Type.Literal(t)));

export const DriftEventFields = {
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

export const DriftEventSchema = Type.Object(DriftEventFields, { $id: "DriftEvent" });
