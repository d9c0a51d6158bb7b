/**
 * checkFile: one pass over a file's bytes — hash and size as they stream, the size limit, the format's
 * reader, the contract's checks — into drift events. Parse failures and oversize files are events, never
 * exceptions; only a failing source (network, disk) throws, as SourceReadError, so the caller can retry.
 */
import { DriftAggregator } from "../drift/drift-aggregator.ts";
import type { DriftContractRef, DriftEvent, Severity } from "../drift/drift-event.ts";
import { ByteMeter, FileTooLargeSignal, SourceReadError } from "../formats/byte-meter.ts";
import {
  type Compression,
  CorruptCompressionError,
  compressionFromKey,
  compressionFromMagic,
  DecompressedTooLargeSignal,
  decompress,
} from "../formats/compression.ts";
import type { FileFormat } from "../formats/file-format.ts";
import { readJsonBytes } from "../formats/json.reader.ts";
import { readNdjson } from "../formats/ndjson.reader.ts";
import { peek } from "../formats/peek.ts";
import { sniffContent } from "../formats/sniff.ts";
import { InvalidTextError, normalizeEncoding, type TextEncoding, toUtf8 } from "../formats/text-encoding.ts";
import type { CompiledContract, CompiledSchema } from "./contract.compile.ts";
import { checkCsvStream } from "./csv.checker.ts";
import { chooseFormat, contentMismatch, type FormatChoice, formatFromContent } from "./format.resolve.ts";
import { checkParquetBytes } from "./parquet.checker.ts";
import { RecordChecker } from "./record.checker.ts";

export interface CheckOptions {
  /** The file's key (S3 key or path): names the file in events and, without `format`, helps tell the format. */
  key: string;
  /** Bytes read at most, before and after decompression; past it the file is one `file_too_large` event. */
  maxBytes: number;
  /** Forces the format instead of the contract's servers, the key's extension and the content. */
  format?: FileFormat;
  /** Text encoding of the file when it has no BOM (the connection's setting); overrides the contract's. */
  encoding?: TextEncoding;
}

export interface CheckResult {
  format: FileFormat | undefined;
  /** What decided the format: `--format`, `server "x"`, `the .csv extension`, `the content`… */
  formatFrom?: string;
  /** The compression the file was decompressed from. */
  compression?: Compression;
  /** SHA-256 (hex) of every byte read: the whole file, or the bytes up to the limit when too large. */
  sha256: string;
  /** Bytes read (compressed bytes for a compressed file). */
  size: number;
  /** Records checked (lines, rows, array elements, X12 records as the X12 checker counts them). */
  records: number;
  events: DriftEvent[];
  tooLarge: boolean;
  /** Limits that were reached while checking (per-record problem cap, uniqueness memory). */
  notes: string[];
}

/** The format of a file as its key and the contract tell it (the content may still refuse it). */
export function detectFormat(compiled: CompiledContract, key: string): FileFormat | undefined {
  return chooseFormat(compiled.contract, key).format;
}

interface X12Module {
  checkX12(
    source: AsyncIterable<Uint8Array>,
    opts: {
      guide: string;
      fileKey: string;
      contract: DriftContractRef;
      severityFor?: (rule: string, fallback: Severity) => Severity;
    },
  ): Promise<{ events: DriftEvent[]; records: number }>;
}

/** The X12 checker lives in its own module; undefined when this build has none. */
async function loadX12(): Promise<X12Module | undefined> {
  const specifier = "../formats/x12/index.ts";
  try {
    const mod = (await import(specifier)) as Partial<X12Module>;
    return typeof mod.checkX12 === "function" ? (mod as X12Module) : undefined;
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_MODULE_NOT_FOUND") return undefined;
    throw err;
  }
}

export async function checkFile(
  compiled: CompiledContract,
  source: AsyncIterable<Uint8Array>,
  opts: CheckOptions,
): Promise<CheckResult> {
  const meter = new ByteMeter(source, opts.maxBytes);
  const choice = chooseFormat(compiled.contract, opts.key, opts.format);
  const schema = compiled.schemaFor(compressionFromKey(opts.key)?.inner ?? opts.key);
  const agg = new DriftAggregator();
  const notes: string[] = [];
  const state: RunState = { checker: undefined, x12: undefined, format: choice.format };
  const fileProblem = (message: string, detail: Record<string, unknown> = {}): void => {
    const name = schema?.model.name ?? compiled.contract.id;
    const rule = `${name}.$file.unparseable`;
    agg.add({
      type: "file_unparseable",
      severity: schema?.severityFor(undefined, "unparseable", "file_unparseable", rule) ?? "critical",
      path: "$",
      rule,
      expected: `a readable ${state.format ?? "data"} file`,
      actual: message,
      record: 0,
      detail,
    });
  };
  let decompressedTooLarge = false;
  let compression: Compression | undefined;
  try {
    if (schema === undefined) {
      fileProblem("not checked: the contract has no schema objects to check files against");
    } else {
      const raw = await peek(meter.chunks(), 8);
      compression = compressionFromMagic(raw.head);
      const named = compressionFromKey(opts.key)?.compression;
      if (named !== undefined && compression === undefined && raw.head.length > 0)
        notes.push(`the name says ${named}, but the content is not ${named}-compressed: read as it is`);
      const body =
        compression === undefined ? raw.chunks : decompress(raw.chunks, compression, opts.maxBytes);
      await run(choice, compiled, schema, body, agg, opts, state, fileProblem);
    }
    await meter.drain();
  } catch (err) {
    if (err instanceof SourceReadError) throw err;
    if (err instanceof DecompressedTooLargeSignal) decompressedTooLarge = true;
    else if (err instanceof CorruptCompressionError || err instanceof InvalidTextError)
      fileProblem(err.message);
    else if (!(err instanceof FileTooLargeSignal)) {
      fileProblem(`the file could not be checked: ${err instanceof Error ? err.message : String(err)}`, {
        internal: true,
      });
    }
    if (!meter.tooLarge) {
      try {
        await meter.drain();
      } catch (again) {
        if (again instanceof SourceReadError) throw again;
      }
    }
  } finally {
    await meter.close();
  }
  const file = { key: opts.key, sha256: meter.sha256(), size: meter.size };
  const format = state.format;
  const name = schema?.model.name ?? compiled.contract.id;
  let records = 0;
  const tooLarge = meter.tooLarge || decompressedTooLarge;
  if (tooLarge) {
    agg.clear();
    state.x12 = undefined;
    const rule = `${name}.$file.too_large`;
    agg.add({
      type: "file_too_large",
      severity: schema?.severityFor(undefined, "too_large", "file_too_large", rule) ?? "critical",
      path: "$",
      rule,
      expected: `at most ${opts.maxBytes} bytes${decompressedTooLarge ? " once decompressed" : ""}`,
      actual: decompressedTooLarge
        ? `more than ${opts.maxBytes} bytes once decompressed (${compression}; stopped there, after ${meter.size} compressed bytes): a file this large, or a decompression bomb`
        : `more than ${opts.maxBytes} bytes (stopped after ${meter.size})`,
      record: 0,
      detail: { limit: opts.maxBytes, ...(decompressedTooLarge ? { decompressed: true, compression } : {}) },
    });
  } else if (schema !== undefined) {
    const checker = state.checker;
    if (checker !== undefined) {
      records = checker.records;
      const wholeFileFailed = checker.parseProblems > 0 && records === 0;
      if (!wholeFileFailed) checker.finish(notes);
    }
    if (state.x12 !== undefined) records = state.x12.records;
    const anyUnparseable = agg.has("file_unparseable");
    const x12Unparseable = state.x12?.events.some((e) => e.type === "file_unparseable") ?? false;
    if (records === 0 && !anyUnparseable && !x12Unparseable && (state.x12?.events.length ?? 0) === 0) {
      const rule = `${name}.$file.empty`;
      agg.add({
        type: "file_empty",
        severity: schema.severityFor(undefined, "empty", "file_empty", rule),
        path: "$",
        rule,
        expected: "at least one record",
        actual: "no records",
        record: 0,
      });
    }
  }
  const events = [
    ...(state.x12?.events ?? []).map((e) => ({ ...e, file: { ...file } })),
    ...agg.events(records, file, compiled.ref),
  ];
  const result: CheckResult = {
    format,
    sha256: file.sha256,
    size: file.size,
    records,
    events,
    tooLarge,
    notes,
  };
  if (state.from !== undefined) result.formatFrom = state.from;
  if (compression !== undefined) result.compression = compression;
  return result;
}

interface RunState {
  checker: RecordChecker | undefined;
  x12: { events: DriftEvent[]; records: number } | undefined;
  format: FileFormat | undefined;
  from?: string;
}

async function readAll(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    parts.push(chunk);
    total += chunk.byteLength;
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

async function run(
  choice: FormatChoice,
  compiled: CompiledContract,
  schema: CompiledSchema,
  body: AsyncIterable<Uint8Array>,
  agg: DriftAggregator,
  opts: CheckOptions,
  state: RunState,
  fileProblem: (message: string, detail?: Record<string, unknown>) => void,
): Promise<void> {
  if (choice.unsupported !== undefined) {
    state.from = choice.from;
    fileProblem(
      `not checked: ${choice.from} says its files are ${choice.unsupported}, which driftwatch does not read (json, ndjson, csv, parquet, x12)`,
    );
    return;
  }
  const content = await peek(body, 512);
  const sniffed = sniffContent(content.head);
  let format = choice.format;
  state.from = choice.from;
  if (format === undefined) {
    format = formatFromContent(sniffed);
    if (format === undefined) {
      if (sniffed.kind === "empty") {
        state.format = undefined;
        return; // no records: file_empty
      }
      const what =
        sniffed.kind === "binary"
          ? "binary data with no known magic number"
          : "text that is neither JSON, CSV nor X12";
      fileProblem(
        `cannot tell the format of "${opts.key}": it is ${what}; name the format in the contract (servers[].format with a matching location), use a known extension (.json, .ndjson, .csv, .parquet, .edi), or pass --format`,
      );
      return;
    }
  }
  state.format = format;
  const mismatch = contentMismatch(format, sniffed);
  if (mismatch !== undefined) {
    fileProblem(
      `${mismatch}: ${choice.from === "the content" ? "" : `${choice.from} says ${format}; `}fix the contract's server format, the file name, or pass --format`,
      { readAs: format, from: choice.from, content: sniffed.kind },
    );
    return;
  }
  const text = (): AsyncIterable<Uint8Array> =>
    toUtf8(content.chunks, opts.encoding ?? asEncoding(compiled.contract.encoding));
  switch (format) {
    case "json": {
      const bytes = await readAll(text());
      state.checker = new RecordChecker(schema, agg, { format: "json" });
      const read = readJsonBytes(bytes, state.checker, {
        ndjsonFallback: choice.jsonDelimiter === undefined,
      });
      if (read === "ndjson") state.format = "ndjson";
      return;
    }
    case "ndjson":
      state.checker = new RecordChecker(schema, agg, { format: "ndjson" });
      await readNdjson(text(), state.checker);
      return;
    case "csv":
      state.checker = await checkCsvStream(text(), schema, agg);
      return;
    case "parquet":
      state.checker = await checkParquetBytes(await readAll(content.chunks), schema, agg);
      return;
    case "x12": {
      const x12 = await loadX12();
      if (x12 === undefined) {
        fileProblem("X12 checking is not available in this build");
        return;
      }
      const guide = schema.model.x12Guide;
      if (guide === undefined) {
        fileProblem('the contract names no X12 guide (customProperties: x12Guide, e.g. "004010/850")');
        return;
      }
      const overrides = schema.model.severity;
      try {
        state.x12 = await x12.checkX12(content.chunks, {
          guide,
          fileKey: opts.key,
          contract: compiled.ref,
          severityFor: (rule, fallback) => overrides[rule] ?? fallback,
        });
      } catch (err) {
        if ((err as { code?: string }).code !== "x12.guide_unknown") throw err;
        fileProblem(`the contract's X12 guide "${guide}" is not known to this build`);
      }
      return;
    }
  }
}

function asEncoding(name: string | undefined): TextEncoding | undefined {
  return name === undefined ? undefined : normalizeEncoding(name);
}
