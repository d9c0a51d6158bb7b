/** Default severity of each drift event type (DESIGN §5); a contract may override per rule. */
import type { DriftEventType, Severity } from "./drift-event.ts";

const DEFAULTS: Record<DriftEventType, Severity> = {
  file_unparseable: "critical",
  file_too_large: "critical",
  file_empty: "warning",
  required_field_missing: "error",
  null_in_required: "error",
  unexpected_field: "warning",
  type_mismatch: "error",
  enum_violation: "error",
  pattern_violation: "error",
  format_violation: "error",
  length_violation: "error",
  range_violation: "error",
  duplicate_key: "error",
  column_missing: "error",
  column_unexpected: "warning",
  column_order_changed: "warning",
  row_count_out_of_range: "warning",
  x12_envelope_invalid: "error",
  x12_segment_missing: "error",
  x12_segment_unexpected: "error",
  x12_segment_order: "error",
  x12_loop_repeat_exceeded: "error",
  x12_element_invalid: "error",
  file_unprocessable: "critical",
};

/** The default severity; a strict contract (no additional properties) makes unexpected fields and columns errors. */
export function defaultSeverity(type: DriftEventType, strict = false): Severity {
  if (strict && (type === "unexpected_field" || type === "column_unexpected")) return "error";
  return DEFAULTS[type];
}
