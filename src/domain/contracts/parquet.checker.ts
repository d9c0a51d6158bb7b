/**
 * Parquet against a contract: the file's schema first (a column whose type changed is a type_mismatch
 * even when the file has no rows; missing and unexpected columns), then every row like a JSON record.
 */
import type { DriftAggregator } from "../drift/drift-aggregator.ts";
import {
  type OpenedParquet,
  openParquet,
  type ParquetColumn,
  type ParquetKind,
  parquetRows,
} from "../formats/parquet.reader.ts";
import { type CheckNode, type CompiledSchema, childPath, type RecordNode } from "./contract.compile.ts";
import type { LogicalType } from "./contract.model.ts";
import { RecordChecker } from "./record.checker.ts";

/** Whether values of a Parquet column fit a contract type (integers fit number; binary fits string). */
export function compatible(contract: LogicalType | undefined, kind: ParquetKind): boolean {
  if (contract === undefined || contract === kind) return true;
  if (contract === "number" && kind === "integer") return true;
  if (contract === "string" && kind === "binary") return true;
  return false;
}

export async function checkParquetBytes(
  bytes: Uint8Array,
  schema: CompiledSchema,
  agg: DriftAggregator,
): Promise<RecordChecker> {
  const suppress = new Set<string>();
  let opened: OpenedParquet;
  try {
    opened = openParquet(bytes);
  } catch (err) {
    const checker = new RecordChecker(schema, agg, { format: "parquet" });
    checker.unparseable({ message: messageOf(err), detail: { offset: Math.max(0, bytes.length - 8) } });
    return checker;
  }
  compareLevel(schema.root, opened.columns, schema, agg, suppress, opened.rows);
  const checker = new RecordChecker(schema, agg, { format: "parquet", suppress });
  let record = 0;
  try {
    for await (const rows of parquetRows(opened)) {
      for (const row of rows) checker.record(row, ++record);
    }
  } catch (err) {
    checker.unparseable({
      message: `cannot read row ${record + 1}: ${messageOf(err)}`,
      detail: { offset: 0 },
    });
  }
  return checker;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function compareLevel(
  parent: RecordNode | CheckNode,
  columns: ParquetColumn[],
  schema: CompiledSchema,
  agg: DriftAggregator,
  suppress: Set<string>,
  rows: number,
): void {
  const byName = new Map(columns.map((c) => [c.name, c]));
  for (const node of parent.children ?? []) {
    const column = byName.get(node.prop.name);
    if (column === undefined) {
      const rule = `${node.rule}.column_missing`;
      agg.add({
        type: "column_missing",
        severity: node.prop.required
          ? schema.severityFor(node, "column_missing", "column_missing", rule)
          : "warning",
        path: node.jsonPath,
        rule,
        expected: `column ${node.prop.name} (${node.typeLabel}${node.prop.required ? ", required" : ""})`,
        actual: "absent from the Parquet schema",
        record: 0,
      });
      suppress.add(`required_field_missing|${node.jsonPath}`);
      continue;
    }
    compareColumn(node, column, schema, agg, suppress, rows);
  }
  if (!parent.closed) return;
  for (const column of columns) {
    if (parent.childByName?.has(column.name)) continue;
    const path = childPath(parent.jsonPath, column.name);
    const rule = `${parent.childRule}.${column.name}.column_unexpected`;
    agg.add({
      type: "column_unexpected",
      severity: schema.severityFor(undefined, "column_unexpected", "column_unexpected", rule),
      path,
      rule,
      expected: schema.model.strict ? "only the contract's columns (strict)" : "only the contract's columns",
      actual: `unexpected column ${column.name} (${column.physical})`,
      record: 0,
    });
    suppress.add(`unexpected_field|${path}`);
  }
}

function compareColumn(
  node: CheckNode,
  column: ParquetColumn,
  schema: CompiledSchema,
  agg: DriftAggregator,
  suppress: Set<string>,
  rows: number,
): void {
  if (!compatible(node.prop.logicalType, column.kind)) {
    const rule = `${node.rule}.type`;
    agg.put({
      type: "type_mismatch",
      severity: schema.severityFor(node, "type", "type_mismatch", rule),
      path: node.jsonPath,
      rule,
      expected: node.typeLabel,
      actual: `${column.kind} (Parquet ${column.physical})`,
      count: rows,
      percent: rows > 0 ? 100 : null,
      samples: [],
      detail: { parquetType: column.physical, column: column.name },
    });
    suppress.add(`type_mismatch|${node.jsonPath}`);
    return;
  }
  if (node.children !== undefined && column.children !== undefined) {
    compareLevel(node, column.children, schema, agg, suppress, rows);
  }
  if (node.item !== undefined && column.element !== undefined) {
    const item = node.item;
    if (item.children !== undefined && column.element.children !== undefined) {
      compareLevel(item, column.element.children, schema, agg, suppress, rows);
    } else if (!compatible(item.prop.logicalType, column.element.kind)) {
      compareColumn(item, column.element, schema, agg, suppress, rows);
    }
  }
}
