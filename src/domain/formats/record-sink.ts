/** What a reader hands over: records as they are parsed, and the places where the bytes do not parse. */

export interface ParseProblem {
  /** Short reason, e.g. "Expected ',' or '}' after property value in JSON". */
  message: string;
  /** Where: `{ line, column }` (1-based) and/or `{ offset }` (0-based byte or character offset). */
  detail: { line?: number; column?: number; offset?: number };
  /** The record (line, row) that failed, when the format goes on after a bad record (NDJSON). */
  record?: number;
  /** The failed text, for the event's samples. */
  sample?: unknown;
}

export interface RecordSink {
  /** One parsed record; `record` is 1-based (line number for NDJSON, position in the array for JSON). */
  record(value: unknown, record: number): void;
  /** The bytes do not parse here. Readers of whole documents stop after the first one. */
  unparseable(problem: ParseProblem): void;
}
