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
  /** JSON and NDJSON: top-level properties not yet seen in any record (reported like a missing column). */
  readonly #unseen: Set<string> | undefined;

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
    if (options.format === "json" || options.format === "ndjson")
      this.#unseen = new Set(schema.root.children.map((c) => c.prop.name));
  }

  record(value: unknown, record: number): void {
    this.records++;
    const validate = this.#schema.validate;
    if (!validate(value)) {
      const first = validate.errors?.[0];
      const result = this.#walker.walk(value, record);
      if (result.capped) this.cappedRecords++;
      const residual = this.#schema.residual;
      const extra =
        residual !== undefined && !residual(value) ? this.#walker.explain(residual.errors ?? [], record) : 0;
      if (result.found === 0 && result.suppressed === 0 && extra === 0 && first !== undefined)
        this.#walker.fallback(first, record);
    }
    if (!this.#quick) this.#quality.observe(value, record);
    if (this.#unseen !== undefined && this.#unseen.size > 0 && typeof value === "object" && value !== null) {
      for (const name of this.#unseen) {
        if ((value as Record<string, unknown>)[name] !== undefined) this.#unseen.delete(name);
      }
    }
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

  #missingEverywhere(): void {
    if (this.#unseen !== undefined)
      missingEverywhereImpl(this.#unseen, this.#schema, this.#agg, this.records);
  }

  /** File-wide checks (uniqueness, quality metrics, row count) once every record was seen. */
  finish(notes: string[]): void {
    this.#missingEverywhere();
    this.#quality.finish(this.#agg, this.records, notes);
    if (this.cappedRecords > 0) {
      notes.push(
        `${this.cappedRecords} record(s) had more than ${MAX_PROBLEMS_PER_RECORD} problems; the rest of each was not examined`,
      );
    }
  }
}

/**
 * A property absent from every record of a JSON/NDJSON file is reported as CSV and Parquet report a
 * missing column: one column_missing event (an error when the property is required, a warning
 * otherwise), in place of a required_field_missing per record.
 */
function missingEverywhereImpl(
  unseen: ReadonlySet<string>,
  schema: CompiledSchema,
  agg: DriftAggregator,
  records: number,
): void {
  if (records === 0) return;
  for (const name of unseen) {
    const node = schema.root.childByName.get(name);
    if (node === undefined) continue;
    // an optional field that a combinator requires (if/then) is missing where it is required: that is the finding
    if (!node.prop.required && agg.hasAt("required_field_missing", node.jsonPath)) continue;
    const rule = `${node.rule}.column_missing`;
    const own = node.prop.severity;
    const overridden =
      own.column_missing !== undefined ||
      own["*"] !== undefined ||
      schema.model.severity[rule] !== undefined ||
      schema.model.severity.column_missing !== undefined;
    agg.drop("required_field_missing", node.jsonPath);
    agg.put({
      type: "column_missing",
      severity:
        node.prop.required || overridden
          ? schema.severityFor(node, "column_missing", "column_missing", rule)
          : "warning",
      path: node.jsonPath,
      rule,
      expected: `field ${name} (${node.typeLabel}${node.prop.required ? ", required" : ""})`,
      actual: `absent from all ${records} record${records === 1 ? "" : "s"}`,
      count: records,
      percent: 100,
      samples: [],
    });
  }
}

export const FORMAT_LABEL: Record<FileFormat, string> = {
  json: "JSON",
  ndjson: "NDJSON (one JSON value per line)",
  csv: "CSV",
  parquet: "Parquet",
  x12: "X12",
};
