/**
 * Checks records one by one: the fast path (one compiled Ajv call) for every record, the bounded walker
 * only for records that fail it, and the file-wide quality trackers for all.
 */
import type { DriftAggregator } from "../drift/drift-aggregator.ts";
import type { FileFormat } from "../formats/file-format.ts";
import type { ParseProblem, RecordSink } from "../formats/record-sink.ts";
import type { CompiledSchema } from "./contract.compile.ts";
import { QualityEngine } from "./quality.engine.ts";
import { MAX_PROBLEMS_PER_RECORD, RecordWalker } from "./record.walker.ts";

export interface RecordCheckerOptions {
  format: FileFormat;
  columns?: boolean;
  suppress?: ReadonlySet<string>;
}

export class RecordChecker implements RecordSink {
  /** Records seen (parsed ones and, for NDJSON, lines that did not parse). */
  records = 0;
  /** Records whose problems went past the per-record cap. */
  cappedRecords = 0;
  /** Parse problems reported. */
  parseProblems = 0;
  readonly #schema: CompiledSchema;
  readonly #agg: DriftAggregator;
  readonly #walker: RecordWalker;
  readonly #quality: QualityEngine;
  readonly #quick: boolean;
  readonly #format: FileFormat;

  constructor(schema: CompiledSchema, agg: DriftAggregator, options: RecordCheckerOptions) {
    this.#schema = schema;
    this.#agg = agg;
    this.#format = options.format;
    const walkOptions = {
      columns: options.columns === true,
      ...(options.suppress ? { suppress: options.suppress } : {}),
    };
    this.#walker = new RecordWalker(schema, agg, walkOptions);
    this.#quality = new QualityEngine(schema, { columns: options.columns === true });
    this.#quick = !this.#quality.active;
  }

  record(value: unknown, record: number): void {
    this.records++;
    const validate = this.#schema.validate;
    if (!validate(value)) {
      const first = validate.errors?.[0];
      const result = this.#walker.walk(value, record);
      if (result.capped) this.cappedRecords++;
      if (result.found === 0 && result.suppressed === 0 && first !== undefined)
        this.#walker.fallback(first, record);
    }
    if (!this.#quick) this.#quality.observe(value, record);
  }

  unparseable(problem: ParseProblem): void {
    this.parseProblems++;
    if (problem.record !== undefined) this.records++;
    const rule = `${this.#schema.model.name}.$file.unparseable`;
    this.#agg.add({
      type: "file_unparseable",
      severity: this.#schema.severityFor(undefined, "unparseable", "file_unparseable", rule),
      path: "$",
      rule,
      expected: `valid ${FORMAT_LABEL[this.#format]}`,
      actual: problem.message,
      record: problem.record ?? 0,
      value: problem.sample,
      detail: problem.detail,
    });
  }

  /** File-wide checks (uniqueness, quality metrics, row count) once every record was seen. */
  finish(notes: string[]): void {
    this.#quality.finish(this.#agg, this.records, notes);
    if (this.cappedRecords > 0) {
      notes.push(
        `${this.cappedRecords} record(s) had more than ${MAX_PROBLEMS_PER_RECORD} problems; the rest of each was not examined`,
      );
    }
  }
}

export const FORMAT_LABEL: Record<FileFormat, string> = {
  json: "JSON",
  ndjson: "NDJSON (one JSON value per line)",
  csv: "CSV",
  parquet: "Parquet",
  x12: "X12",
};
