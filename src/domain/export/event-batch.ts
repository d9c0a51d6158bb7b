/**
 * A batch of drift events as the bytes of one exported object: NDJSON (default), CSV or Parquet, and for
 * the text formats optionally gzip. No I/O: events in, byte chunks out.
 *
 * NDJSON and CSV are produced as a lazy sequence of ~256 KiB chunks (a batch of 50,000 events never exists
 * as one string); gzip compresses that sequence as it is read. Parquet is a columnar file whose footer
 * describes the whole of it, so a batch is built in memory (batches are bounded by their event count) and
 * compressed inside the file with Snappy; gzip does not apply to it.
 *
 * Each event keeps the shape of the API and `check --json` (DESIGN §5), plus where and when it was found.
 */
import { pipeline, Readable } from "node:stream";
import { createGzip } from "node:zlib";
import { stringify } from "csv-stringify/sync";
import { parquetWriteBuffer } from "hyparquet-writer";
import type { DriftEvent } from "../drift/drift-event.ts";

export const EXPORT_FORMATS = ["ndjson", "csv", "parquet"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A drift event as exported: the event, its id, when it was recorded, and the connection it came from. */
export interface ExportedEvent extends DriftEvent {
  id: string;
  /** ISO 8601, UTC. */
  detected_at: string;
  connection: { id: string; name: string };
}

export interface FormatInfo {
  /** `.ndjson`, `.csv.gz`, `.parquet`. */
  extension: string;
  contentType: string;
}

export function formatInfo(format: ExportFormat, gzip: boolean): FormatInfo {
  const base = {
    ndjson: { extension: ".ndjson", contentType: "application/x-ndjson" },
    csv: { extension: ".csv", contentType: "text/csv; charset=utf-8" },
    parquet: { extension: ".parquet", contentType: "application/vnd.apache.parquet" },
  }[format];
  if (!gzip || format === "parquet") return base;
  return { extension: `${base.extension}.gz`, contentType: "application/gzip" };
}

/** Why a format and compression cannot go together, or undefined when they can. */
export function formatProblem(format: string, gzip: boolean): { message: string; hint: string } | undefined {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    return {
      message: `"${format}" is not an export format.`,
      hint: `Use one of ${EXPORT_FORMATS.join(", ")} (default ndjson).`,
    };
  }
  if (gzip && format === "parquet") {
    return {
      message: "gzip does not apply to Parquet.",
      hint: "Parquet files are compressed inside (Snappy); set compression to none, or choose ndjson or csv.",
    };
  }
  return undefined;
}

/** Flat columns of CSV and Parquet, in this order. Samples and detail are JSON text. */
export const FLAT_COLUMNS = [
  "id",
  "detected_at",
  "connection_id",
  "connection_name",
  "type",
  "severity",
  "path",
  "rule",
  "expected",
  "actual",
  "count",
  "percent",
  "file_key",
  "file_sha256",
  "file_size",
  "contract_id",
  "contract_version",
  "samples",
  "detail",
] as const;

type FlatRow = [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  number,
  number | null,
  string,
  string,
  number,
  string,
  string,
  string,
  string | null,
];

function flatten(e: ExportedEvent): FlatRow {
  return [
    e.id,
    e.detected_at,
    e.connection.id,
    e.connection.name,
    e.type,
    e.severity,
    e.path,
    e.rule,
    e.expected,
    e.actual,
    e.count,
    e.percent,
    e.file.key,
    e.file.sha256,
    e.file.size,
    e.contract.id,
    e.contract.version,
    JSON.stringify(e.samples),
    e.detail === undefined ? null : JSON.stringify(e.detail),
  ];
}

const CHUNK = 256 * 1024;
const encoder = new TextEncoder();

function* textChunks(lines: Iterable<string>): Generator<Uint8Array> {
  let pending: string[] = [];
  let size = 0;
  for (const line of lines) {
    pending.push(line);
    size += line.length;
    if (size >= CHUNK) {
      yield encoder.encode(pending.join(""));
      pending = [];
      size = 0;
    }
  }
  if (pending.length > 0) yield encoder.encode(pending.join(""));
}

function* ndjsonLines(events: Iterable<ExportedEvent>): Generator<string> {
  for (const e of events) yield `${JSON.stringify(e)}\n`;
}

function* csvLines(events: Iterable<ExportedEvent>): Generator<string> {
  yield stringify([FLAT_COLUMNS as unknown as string[]]);
  let rows: FlatRow[] = [];
  for (const e of events) {
    rows.push(flatten(e));
    if (rows.length === 500) {
      yield stringify(rows);
      rows = [];
    }
  }
  if (rows.length > 0) yield stringify(rows);
}

function parquetFile(events: readonly ExportedEvent[]): Uint8Array {
  const rows = events.map(flatten);
  const column = (i: number) => rows.map((r) => r[i]!);
  const types: Record<(typeof FLAT_COLUMNS)[number], "STRING" | "INT64" | "DOUBLE" | "JSON" | "TIMESTAMP"> = {
    id: "STRING",
    detected_at: "TIMESTAMP",
    connection_id: "STRING",
    connection_name: "STRING",
    type: "STRING",
    severity: "STRING",
    path: "STRING",
    rule: "STRING",
    expected: "STRING",
    actual: "STRING",
    count: "INT64",
    percent: "DOUBLE",
    file_key: "STRING",
    file_sha256: "STRING",
    file_size: "INT64",
    contract_id: "STRING",
    contract_version: "STRING",
    samples: "JSON",
    detail: "JSON",
  };
  const columnData = FLAT_COLUMNS.map((name, i) => {
    const type = types[name];
    let data: unknown[] = column(i);
    if (type === "TIMESTAMP") data = data.map((v) => new Date(v as string));
    if (type === "INT64") data = data.map((v) => BigInt(v as number));
    if (type === "JSON") data = data.map((v) => (v === null ? null : JSON.parse(v as string)));
    return { name, data, type, nullable: name === "percent" || name === "detail" };
  });
  const buffer = parquetWriteBuffer({
    columnData,
    createdBy: "driftwatch",
    rowGroupSize: 100_000,
  });
  return new Uint8Array(buffer);
}

/**
 * The bytes of a batch, as a sequence of chunks. NDJSON and CSV are lazy: pulling a chunk serialises the
 * next events only.
 */
export function serializeEvents(events: Iterable<ExportedEvent>, format: ExportFormat): Iterable<Uint8Array> {
  switch (format) {
    case "ndjson":
      return textChunks(ndjsonLines(events));
    case "csv":
      return textChunks(csvLines(events));
    case "parquet":
      return [parquetFile([...events])];
  }
}

/** Gzip of a chunk sequence, compressed as it is read, with backpressure (the output never exists whole). */
export function gzipChunks(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncIterable<Uint8Array> {
  const gzip = createGzip({ level: 6 });
  // pipeline destroys the gzip stream with the source's error, so a reader sees it.
  pipeline(Readable.from(chunks, { objectMode: false }), gzip, () => {});
  return gzip;
}

/** The object body of a batch: serialised, then gzipped when asked (text formats only). */
export function encodeBatch(
  events: Iterable<ExportedEvent>,
  format: ExportFormat,
  gzip: boolean,
): Iterable<Uint8Array> | AsyncIterable<Uint8Array> {
  const plain = serializeEvents(events, format);
  return gzip && format !== "parquet" ? gzipChunks(plain) : plain;
}

/** Every chunk joined (for small bodies and tests). */
export async function collect(chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const c of chunks) {
    parts.push(c);
    size += c.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** When a batch is due: it is full, or its oldest event has waited long enough. */
export interface BatchPolicy {
  /** Events per object (1–100,000). */
  maxEvents: number;
  /** Seconds the oldest waiting event may wait (1–86,400). */
  maxAgeSeconds: number;
}

export const DEFAULT_BATCH_POLICY: BatchPolicy = { maxEvents: 1000, maxAgeSeconds: 300 };

export function batchDue(
  waiting: { count: number; oldestAt: Date | undefined },
  policy: BatchPolicy,
  now: Date,
): boolean {
  if (waiting.count === 0 || waiting.oldestAt === undefined) return false;
  if (waiting.count >= policy.maxEvents) return true;
  return now.getTime() - waiting.oldestAt.getTime() >= policy.maxAgeSeconds * 1000;
}
