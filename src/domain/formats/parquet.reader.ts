/**
 * Parquet through hyparquet (pure JS; Snappy built in, the other codecs from hyparquet-compressors).
 * Parquet keeps its metadata at the end of the file, so the whole file is buffered (bounded by the size
 * limit); rows are then read one row group at a time and turned into JSON-like values.
 */
import {
  type FileMetaData,
  parquetMetadata,
  parquetReadObjects,
  parquetSchema,
  type SchemaElement,
  type SchemaTree,
} from "hyparquet";
import { compressors } from "hyparquet-compressors";

/** What a Parquet column holds, in contract terms. */
export type ParquetKind =
  | "string"
  | "binary"
  | "integer"
  | "number"
  | "boolean"
  | "date"
  | "timestamp"
  | "time"
  | "object"
  | "array";

export interface ParquetColumn {
  name: string;
  kind: ParquetKind;
  /** e.g. `INT64 (TIMESTAMP)`. */
  physical: string;
  /** Struct fields. */
  children?: ParquetColumn[];
  /** List element. */
  element?: ParquetColumn;
}

export interface OpenedParquet {
  file: ArrayBuffer;
  metadata: FileMetaData;
  columns: ParquetColumn[];
  rows: number;
}

export function openParquet(bytes: Uint8Array): OpenedParquet {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const metadata = parquetMetadata(file);
  const tree = parquetSchema(metadata);
  return { file, metadata, columns: tree.children.map(describe), rows: Number(metadata.num_rows) };
}

function physicalOf(e: SchemaElement): string {
  const annotation = e.logical_type?.type ?? e.converted_type;
  return `${e.type ?? "GROUP"}${annotation ? ` (${annotation})` : ""}`;
}

function describe(tree: SchemaTree): ParquetColumn {
  const e = tree.element;
  const name = e.name;
  const annotation = e.logical_type?.type ?? e.converted_type;
  if (tree.children.length > 0) {
    if (annotation === "LIST") {
      // LIST > repeated group (list) > element
      const repeated = tree.children[0];
      const inner = repeated && repeated.children.length === 1 ? repeated.children[0]! : repeated;
      const column: ParquetColumn = { name, kind: "array", physical: "LIST" };
      if (inner !== undefined) column.element = describe(inner);
      return column;
    }
    if (annotation === "MAP" || annotation === "MAP_KEY_VALUE")
      return { name, kind: "object", physical: "MAP" };
    return { name, kind: "object", physical: "STRUCT", children: tree.children.map(describe) };
  }
  return { name, kind: scalarKind(e), physical: physicalOf(e) };
}

function scalarKind(e: SchemaElement): ParquetKind {
  const logical = e.logical_type?.type;
  const converted = e.converted_type;
  if (logical === "DATE" || converted === "DATE") return "date";
  if (
    logical === "TIMESTAMP" ||
    converted === "TIMESTAMP_MILLIS" ||
    converted === "TIMESTAMP_MICROS" ||
    e.type === "INT96"
  ) {
    return "timestamp";
  }
  if (logical === "TIME" || converted === "TIME_MILLIS" || converted === "TIME_MICROS") return "time";
  if (logical === "DECIMAL" || converted === "DECIMAL" || logical === "FLOAT16") return "number";
  switch (e.type) {
    case "BOOLEAN":
      return "boolean";
    case "INT32":
    case "INT64":
      return "integer";
    case "FLOAT":
    case "DOUBLE":
      return "number";
    default:
      if (
        logical === "STRING" ||
        logical === "ENUM" ||
        logical === "JSON" ||
        logical === "UUID" ||
        converted === "UTF8" ||
        converted === "ENUM" ||
        converted === "JSON"
      ) {
        return "string";
      }
      return "binary";
  }
}

/** Row groups one at a time, as plain objects with JSON-like values. */
export async function* parquetRows(opened: OpenedParquet): AsyncGenerator<Record<string, unknown>[]> {
  let start = 0;
  for (const group of opened.metadata.row_groups) {
    const end = start + Number(group.num_rows);
    const rows = await parquetReadObjects({
      file: opened.file,
      metadata: opened.metadata,
      rowStart: start,
      rowEnd: end,
      compressors,
    });
    yield rows.map((row) => normalizeRow(row, opened.columns));
    start = end;
  }
}

function normalizeRow(row: Record<string, unknown>, columns: ParquetColumn[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const byName = new Map(columns.map((c) => [c.name, c]));
  for (const [key, value] of Object.entries(row)) out[key] = normalizeValue(value, byName.get(key));
  return out;
}

/** bigint → number, DATE → `YYYY-MM-DD`, TIMESTAMP → ISO 8601, bytes → base64; structures recursively. */
export function normalizeValue(value: unknown, column: ParquetColumn | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const iso = value.toISOString();
    return column?.kind === "date" ? iso.slice(0, 10) : column?.kind === "time" ? iso.slice(11) : iso;
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map((v) => normalizeValue(v, column?.element));
  if (typeof value === "object") {
    const children = new Map((column?.children ?? []).map((c) => [c.name, c]));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalizeValue(v, children.get(k));
    return out;
  }
  return value;
}
