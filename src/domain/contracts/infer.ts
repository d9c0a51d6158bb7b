/**
 * inferContract: an ODCS v3.1 contract from sample files, which those same files pass. JSON, NDJSON and
 * CSV are read record by record (CSV cells typed the way the checker coerces them); Parquet is described
 * from its own schema (its types are authoritative; a column is required when it is REQUIRED or its
 * statistics count no nulls).
 */
import { parse as parseCsvSync } from "csv-parse/sync";
import { stringify } from "yaml";
import { guessDelimiter } from "../formats/csv.reader.ts";
import { type FileFormat, formatFromKey } from "../formats/file-format.ts";
import { readJsonBytes } from "../formats/json.reader.ts";
import { NdjsonLineParser } from "../formats/ndjson.reader.ts";
import { openParquet, type ParquetColumn } from "../formats/parquet.reader.ts";
import type { RecordSink } from "../formats/record-sink.ts";
import { decodeUtf8Strict } from "../formats/text.ts";
import { coercer } from "./csv.checker.ts";
import { FieldStats } from "./infer.stats.ts";
import type { Json } from "./issues.ts";

export { ENUM_MAX_VALUES } from "./infer.stats.ts";

export interface InferOptions {
  id?: string;
  name?: string;
  format?: FileFormat;
}

/** A sample could not be read; the message says which and why. */
export class InferError extends Error {
  readonly code = "contract.infer_failed";
}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function inferContract(
  samples: Array<{ key: string; bytes: Uint8Array }>,
  opts: InferOptions = {},
): object {
  if (samples.length === 0) throw new InferError("no sample files to infer a contract from");
  const root = new FieldStats();
  let format: FileFormat | undefined;
  let jsonLayout: "array" | "new_line" | "mixed" | undefined;
  let csvDelimiter: string | undefined;
  let parquetColumns: ParquetColumn[] | undefined;
  let parquetRequired: Set<string> | undefined;
  for (const sample of samples) {
    const f = opts.format ?? formatFromKey(sample.key) ?? sniff(sample.bytes);
    format ??= f;
    if (f === "json" || f === "ndjson") {
      const layout = readJsonSample(sample, f, root);
      jsonLayout = jsonLayout === undefined || jsonLayout === layout ? layout : "mixed";
    } else if (f === "csv") {
      csvDelimiter = readCsvSample(sample, root, csvDelimiter);
    } else if (f === "parquet") {
      const opened = openParquetSample(sample);
      parquetColumns ??= opened.columns;
      const required = requiredColumns(opened);
      parquetRequired =
        parquetRequired === undefined
          ? required
          : new Set([...parquetRequired].filter((c) => required.has(c)));
    } else {
      throw new InferError(
        `${sample.key}: cannot infer a contract from ${f ?? "an unknown format"} (use JSON, NDJSON, CSV or Parquet)`,
      );
    }
  }
  const name = opts.name ?? schemaName(samples[0]!.key);
  const id = opts.id ?? `${name.replace(/_/g, "-")}-contract`;
  const properties =
    parquetColumns !== undefined
      ? parquetColumns.map((c) => parquetProperty(c, parquetRequired?.has(c.name) ?? false))
      : [...root.fields].map(([field, stats]) => property(field, stats));
  const server: Json = {
    server: "samples",
    type: "local",
    path: samples[0]!.key,
    format: format === "ndjson" ? "json" : (format ?? "json"),
  };
  const schema: Json = {
    name,
    physicalType: format === "csv" || format === "parquet" ? "table" : "object",
    properties,
  };
  if (format === "csv") {
    const custom = [{ property: "csvHeader", value: true }];
    if (csvDelimiter !== undefined && csvDelimiter !== ",")
      custom.push({ property: "delimiter", value: csvDelimiter as never });
    schema.customProperties = custom;
  }
  return {
    apiVersion: "v3.1.0",
    kind: "DataContract",
    id,
    name,
    version: "0.1.0",
    status: "draft",
    description: {
      purpose: `Inferred by driftwatch from ${samples.map((s) => s.key).join(", ")}; review before use.`,
    },
    servers: [server],
    schema: [schema],
  };
}

/** The contract document as YAML. */
export function contractToYaml(doc: object): string {
  return stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 });
}

function sniff(bytes: Uint8Array): FileFormat | undefined {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x41 && bytes[2] === 0x52 && bytes[3] === 0x31)
    return "parquet";
  const head = new TextDecoder()
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (head.startsWith("ISA")) return "x12";
  if (head.startsWith("{") || head.startsWith("[")) return "json";
  return head.length > 0 ? "csv" : undefined;
}

function schemaName(key: string): string {
  const base = (key.split("/").pop() ?? key).replace(/\.[^.]*$/, "");
  const cleaned = base
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
  return /^[a-z_]/.test(cleaned) ? cleaned : `records${cleaned.length > 0 ? `_${cleaned}` : ""}`;
}

function readJsonSample(
  sample: { key: string; bytes: Uint8Array },
  f: FileFormat,
  root: FieldStats,
): "array" | "new_line" {
  let failure: string | undefined;
  let count = 0;
  const sink: RecordSink = {
    record: (value) => {
      count++;
      root.add(value);
    },
    unparseable: (p) => {
      failure ??= `${p.message} at ${Object.entries(p.detail)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`;
    },
  };
  let layout: "array" | "new_line";
  if (f === "ndjson") {
    const parser = new NdjsonLineParser(sink);
    parser.push(sample.bytes);
    parser.end();
    layout = "new_line";
  } else {
    const read = readJsonBytes(sample.bytes, sink);
    layout = read === "ndjson" ? "new_line" : "array";
  }
  if (failure !== undefined) throw new InferError(`${sample.key}: not valid JSON: ${failure}`);
  if (count === 0) throw new InferError(`${sample.key}: no records to learn from`);
  return layout;
}

function decodeOrThrow(sample: { key: string; bytes: Uint8Array }): string {
  try {
    return decodeUtf8Strict(sample.bytes);
  } catch (err) {
    throw new InferError(`${sample.key}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function readCsvSample(
  sample: { key: string; bytes: Uint8Array },
  root: FieldStats,
  known: string | undefined,
): string {
  const text = decodeOrThrow(sample);
  const delimiter = known ?? guessDelimiter(text.split(/\r?\n/, 1)[0] ?? "");
  let rows: string[][];
  try {
    rows = parseCsvSync(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (err) {
    throw new InferError(`${sample.key}: not valid CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
  const [header, ...body] = rows;
  if (header === undefined || body.length === 0)
    throw new InferError(`${sample.key}: no data rows to learn from`);
  const names = header.map((h) => h.trim());
  for (const row of body) {
    const record: Record<string, unknown> = {};
    names.forEach((name, i) => {
      if (i < row.length) record[name] = typeCell(row[i]!);
    });
    root.add(record);
  }
  return delimiter;
}

/** A CSV cell as the value the checker would make of it once the column type is known. */
function typeCell(cell: string): unknown {
  if (cell === "") return null;
  if (INTEGER.test(cell)) return coercer("integer")(cell);
  if (NUMBER.test(cell)) return coercer("number")(cell);
  const lower = cell.toLowerCase();
  if (lower === "true" || lower === "false") return lower === "true";
  return cell;
}

function property(name: string, stats: FieldStats): Json {
  const out: Json = { name };
  const type = stats.type;
  if (type === "string") {
    const format = stats.format;
    if (format === "date") out.logicalType = "date";
    else if (format === "iso-date-time") out.logicalType = "timestamp";
    else if (format === "iso-time") out.logicalType = "time";
    else {
      out.logicalType = "string";
      if (format !== undefined) out.logicalTypeOptions = { format };
    }
  } else if (type !== undefined) {
    out.logicalType = type;
  }
  if (stats.required) out.required = true;
  if (type === "object") out.properties = [...stats.fields].map(([n, s]) => property(n, s));
  if (type === "array" && stats.items !== undefined && stats.items.type !== undefined) {
    const { name: _n, required: _r, ...items } = property("item", stats.items);
    out.items = items;
  }
  const values = type === "string" && out.logicalType === "string" ? stats.enumValues : undefined;
  if (values !== undefined)
    out.quality = [{ metric: "invalidValues", arguments: { validValues: values }, mustBe: 0 }];
  if (type === undefined && stats.types.size > 1) {
    out.description = `values of several types seen (${[...stats.types].join(", ")}): no logicalType proposed`;
  }
  return out;
}

function openParquetSample(sample: { key: string; bytes: Uint8Array }): ReturnType<typeof openParquet> {
  try {
    return openParquet(sample.bytes);
  } catch (err) {
    throw new InferError(
      `${sample.key}: not a readable Parquet file: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** Top-level columns declared REQUIRED, or with statistics showing no nulls in any row group. */
function requiredColumns(opened: ReturnType<typeof openParquet>): Set<string> {
  const out = new Set<string>();
  const schema = opened.metadata.schema;
  for (const element of schema.slice(1)) if (element.repetition_type === "REQUIRED") out.add(element.name);
  for (const column of opened.columns) {
    if (out.has(column.name) || opened.metadata.row_groups.length === 0) continue;
    const noNulls = opened.metadata.row_groups.every((g) =>
      g.columns.some(
        (c) =>
          c.meta_data?.path_in_schema.length === 1 &&
          c.meta_data.path_in_schema[0] === column.name &&
          c.meta_data.statistics?.null_count === 0n,
      ),
    );
    if (noNulls) out.add(column.name);
  }
  return out;
}

function parquetProperty(column: ParquetColumn, required: boolean): Json {
  const out: Json = { name: column.name };
  const kind = column.kind === "binary" ? "string" : column.kind;
  out.logicalType = kind;
  if (required) out.required = true;
  out.physicalType = column.physical;
  if (column.children !== undefined) out.properties = column.children.map((c) => parquetProperty(c, false));
  if (column.element !== undefined) {
    const { name: _n, required: _r, ...items } = parquetProperty(column.element, false);
    out.items = items;
  }
  return out;
}
