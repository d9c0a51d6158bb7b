/**
 * CSV against a contract: the header against the schema's top-level properties (missing, unexpected,
 * out-of-order columns), ragged rows, and each row coerced by the contract's logical types (integer,
 * number, boolean; an empty cell is null) before the same record checks as JSON.
 */
import type { DriftAggregator } from "../drift/drift-aggregator.ts";
import type { DriftEventType } from "../drift/drift-event.ts";
import { type CsvSink, readCsv } from "../formats/csv.reader.ts";
import type { ParseProblem } from "../formats/record-sink.ts";
import type { CheckNode, CompiledSchema } from "./contract.compile.ts";
import type { LogicalType } from "./contract.model.ts";
import { RecordChecker } from "./record.checker.ts";

type Coerce = (cell: string) => unknown;

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Cell to value by logical type; a cell that does not convert stays a string (and fails the type check). */
export function coercer(type: LogicalType | undefined): Coerce {
  switch (type) {
    case "integer":
      return (c) => (c === "" ? null : INTEGER.test(c) ? Number(c) : c);
    case "number":
      return (c) => (c === "" ? null : NUMBER.test(c) ? Number(c) : c);
    case "boolean":
      return (c) => {
        if (c === "") return null;
        const l = c.toLowerCase();
        return l === "true" || l === "1" ? true : l === "false" || l === "0" ? false : c;
      };
    case "object":
    case "array":
      return (c) => {
        if (c === "") return null;
        if (c.startsWith("{") || c.startsWith("[")) {
          try {
            return JSON.parse(c);
          } catch {
            return c;
          }
        }
        return c;
      };
    default:
      return (c) => (c === "" ? null : c);
  }
}

export class CsvChecker implements CsvSink {
  readonly checker: RecordChecker;
  readonly #schema: CompiledSchema;
  readonly #agg: DriftAggregator;
  readonly #suppress = new Set<string>();
  readonly #hasHeader: boolean;
  #mapping: Array<{ name: string; coerce: Coerce } | undefined> = [];
  #width = 0;
  #headerSeen = false;

  constructor(schema: CompiledSchema, agg: DriftAggregator) {
    this.#schema = schema;
    this.#agg = agg;
    this.#hasHeader = schema.model.csv.header;
    this.checker = new RecordChecker(schema, agg, { format: "csv", columns: true, suppress: this.#suppress });
    if (!this.#hasHeader) {
      const columns = schema.root.children;
      this.#mapping = columns.map((n) => ({ name: n.prop.name, coerce: coercer(n.prop.logicalType) }));
      this.#width = columns.length;
      this.#headerSeen = true;
    }
  }

  row(cells: string[], row: number): void {
    if (!this.#headerSeen) {
      this.#headerSeen = true;
      this.#header(cells);
      return;
    }
    const record = this.#hasHeader ? row - 1 : row;
    if (cells.length !== this.#width) this.#ragged(cells, record);
    const value: Record<string, unknown> = {};
    const n = Math.min(cells.length, this.#mapping.length);
    for (let i = 0; i < n; i++) {
      const column = this.#mapping[i];
      if (column !== undefined) value[column.name] = column.coerce(cells[i]!);
    }
    this.checker.record(value, record);
  }

  unparseable(problem: ParseProblem): void {
    this.checker.unparseable(problem);
  }

  #header(cells: string[]): void {
    const schema = this.#schema;
    const byName = schema.root.childByName;
    const seen = new Set<string>();
    this.#width = cells.length;
    this.#mapping = cells.map((raw, i) => {
      const name = raw.trim();
      const node = byName.get(name);
      if (seen.has(name)) {
        this.#column(
          "column_unexpected",
          name,
          "column_unexpected",
          "each column once",
          `column "${name}" repeated`,
          i,
        );
        return undefined;
      }
      seen.add(name);
      if (node === undefined) {
        const strict = schema.model.strict;
        this.#column(
          "column_unexpected",
          name,
          "column_unexpected",
          strict ? "only the contract's columns (strict)" : "only the contract's columns",
          `unexpected column "${name}"`,
          i,
        );
        return undefined;
      }
      return { name, coerce: coercer(node.prop.logicalType) };
    });
    for (const node of schema.root.children) {
      if (seen.has(node.prop.name)) continue;
      this.#missing(node);
    }
    if (schema.model.csv.columnOrder) {
      const expected = schema.root.children.map((n) => n.prop.name).filter((n) => seen.has(n));
      const actual = this.#mapping.filter((m) => m !== undefined).map((m) => m.name);
      if (expected.join("\u0000") !== actual.join("\u0000")) {
        const rule = `${schema.model.name}.$header.column_order`;
        this.#agg.add({
          type: "column_order_changed",
          severity: schema.severityFor(undefined, "column_order", "column_order_changed", rule),
          path: "$",
          rule,
          expected: expected.join(", "),
          actual: actual.join(", "),
          record: 0,
        });
      }
    }
  }

  #missing(node: CheckNode): void {
    const name = node.prop.name;
    const rule = `${node.rule}.column_missing`;
    // a missing optional column is reported as a warning unless the contract says otherwise
    const fallback = node.prop.required ? undefined : "warning";
    const own = this.#schema.severityFor(node, "column_missing", "column_missing", rule);
    this.#agg.add({
      type: "column_missing",
      severity: fallback !== undefined && !hasOverride(node, this.#schema, rule) ? fallback : own,
      path: name,
      rule,
      expected: `column "${name}" (${node.typeLabel}${node.prop.required ? ", required" : ""})`,
      actual: "absent from the header",
      record: 0,
    });
    this.#suppress.add(`required_field_missing|${name}`);
  }

  #column(
    type: DriftEventType,
    name: string,
    kind: string,
    expected: string,
    actual: string,
    position: number,
  ): void {
    const rule = `${this.#schema.model.name}.${name}.${kind}`;
    this.#agg.add({
      type,
      severity: this.#schema.severityFor(undefined, kind, type, rule),
      path: name,
      rule,
      expected,
      actual,
      record: 0,
      detail: { position: position + 1 },
    });
  }

  #ragged(cells: string[], record: number): void {
    const short = cells.length < this.#width;
    const kind = short ? "too_few_cells" : "too_many_cells";
    const type: DriftEventType = short ? "column_missing" : "column_unexpected";
    const rule = `${this.#schema.model.name}.$row.${kind}`;
    this.#agg.add({
      type,
      severity: this.#schema.severityFor(undefined, kind, type, rule),
      path: "$",
      rule,
      expected: `${this.#width} cells per row`,
      actual: `${cells.length} cells`,
      record,
      value: cells,
    });
  }
}

function hasOverride(node: CheckNode, schema: CompiledSchema, rule: string): boolean {
  const own = node.prop.severity;
  const shared = schema.model.severity;
  return (
    own.column_missing !== undefined ||
    own["*"] !== undefined ||
    shared[rule] !== undefined ||
    shared.column_missing !== undefined ||
    shared["*"] !== undefined
  );
}

/** Checks a CSV stream against the schema object. */
export async function checkCsvStream(
  chunks: AsyncIterable<Uint8Array>,
  schema: CompiledSchema,
  agg: DriftAggregator,
): Promise<RecordChecker> {
  const sink = new CsvChecker(schema, agg);
  const delimiter = schema.model.csv.delimiter;
  await readCsv(chunks, sink, delimiter === undefined ? {} : { delimiter });
  return sink.checker;
}
