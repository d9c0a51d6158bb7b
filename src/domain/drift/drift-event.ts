/**
 * The drift event: one difference between a file and its contract, aggregated per file × path × rule.
 * The same shape is returned by the API, printed by `driftwatch check --json`, and exported to destinations.
 */

export const SEVERITIES = ["info", "warning", "error", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const DRIFT_EVENT_TYPES = [
  "file_unparseable",
  "file_too_large",
  "file_empty",
  "required_field_missing",
  "null_in_required",
  "unexpected_field",
  "type_mismatch",
  "enum_violation",
  "pattern_violation",
  "format_violation",
  "length_violation",
  "range_violation",
  "duplicate_key",
  "column_missing",
  "column_unexpected",
  "column_order_changed",
  "row_count_out_of_range",
  "x12_envelope_invalid",
  "x12_segment_missing",
  "x12_segment_unexpected",
  "x12_segment_order",
  "x12_loop_repeat_exceeded",
  "x12_element_invalid",
  // the file was checked but its drift could not be stored (kept with the reason, never retried)
  "file_unprocessable",
] as const;
export type DriftEventType = (typeof DRIFT_EVENT_TYPES)[number];

export interface DriftSample {
  /** 1-based record number (row for CSV, line for NDJSON, segment index for X12). */
  record: number;
  value: unknown;
}

export interface DriftFileRef {
  key: string;
  sha256: string;
  size: number;
}

export interface DriftContractRef {
  id: string;
  version: string;
}

export interface DriftEvent {
  type: DriftEventType;
  severity: Severity;
  /** `$.items[*].sku` for JSON-like records, the column name for CSV, `SEG` or `SEG01` for X12, `$` for file-level. */
  path: string;
  /** Stable rule id, e.g. `orders.items.sku.required`. */
  rule: string;
  expected: string;
  actual: string;
  count: number;
  /** Percent of records affected, 0–100, rounded to 2 decimals; null when there is no record denominator. */
  percent: number | null;
  /** At most 5. */
  samples: DriftSample[];
  file: DriftFileRef;
  contract: DriftContractRef;
  /** Optional details, e.g. `{ "line": 3, "column": 7 }` for an unparseable file or `{ "ik3": "3" }` for X12. */
  detail?: Record<string, unknown>;
}

export const MAX_SAMPLES = 5;

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2, critical: 3 };

export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === "string" && (SEVERITIES as readonly string[]).includes(value);
}
