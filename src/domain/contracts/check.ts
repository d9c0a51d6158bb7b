/**
 * checkFile: one pass over a file's bytes — hash and size as they stream, the size limit, the format's
 * reader, the contract's checks — into drift events. Parse failures and oversize files are events, never
 * exceptions; only a failing source (network, disk) throws, as SourceReadError, so the caller can retry.
 */
import { DriftAggregator } from "../drift/drift-aggregator.ts";
import type { DriftContractRef, DriftEvent, Severity } from "../drift/drift-event.ts";
import { ByteMeter, FileTooLargeSignal, SourceReadError } from "../formats/byte-meter.ts";
import { type FileFormat, formatFromKey } from "../formats/file-format.ts";
import { readJsonBytes } from "../formats/json.reader.ts";
import { readNdjson } from "../formats/ndjson.reader.ts";
import type { CompiledContract, CompiledSchema } from "./contract.compile.ts";
import { checkCsvStream } from "./csv.checker.ts";
import { checkParquetBytes } from "./parquet.checker.ts";
import { RecordChecker } from "./record.checker.ts";

export interface CheckOptions {
  /** The file's key (S3 key or path): names the file in events and, without `format`, tells the format. */
  key: string;
  /** Bytes read at most; past it the file is one `file_too_large` event. */
  maxBytes: number;
  /** Forces the format instead of the contract's server entry or the key's extension. */
  format?: FileFormat;
}

export interface CheckResult {
  format: FileFormat | undefined;
  /** SHA-256 (hex) of every byte read: the whole file, or the bytes up to the limit when too large. */
  sha256: string;
  /** Bytes read. */
  size: number;
  /** Records checked (lines, rows, array elements, X12 records as the X12 checker counts them). */
  records: number;
  events: DriftEvent[];
  tooLarge: boolean;
  /** Limits that were reached while checking (per-record problem cap, uniqueness memory). */
  notes: string[];
}

/** The format of a file: the contract's server entry first, then the key's extension. */
export function detectFormat(compiled: CompiledContract, key: string): FileFormat | undefined {
  const fromKey = formatFromKey(key);
  const c = compiled.contract;
  // a .ndjson/.jsonl name is unambiguous even under a contract that says json
  if ((c.format === "json" || c.format === "ndjson") && fromKey === "ndjson") return "ndjson";
  if (c.format !== undefined) return c.format;
  if (c.schemas.some((s) => s.x12Guide !== undefined) && (fromKey === undefined || fromKey === "x12"))
    return "x12";
  if (fromKey === "json" && c.jsonDelimiter === "new_line") return "ndjson";
  return fromKey;
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
  const format = opts.format ?? detectFormat(compiled, opts.key);
  const schema = compiled.schemaFor(opts.key);
  const agg = new DriftAggregator();
  const notes: string[] = [];
  const state: RunState = { checker: undefined, x12: undefined };
  const fileProblem = (message: string, detail: Record<string, unknown> = {}): void => {
    const rule = `${schema.model.name}.$file.unparseable`;
    agg.add({
      type: "file_unparseable",
      severity: schema.severityFor(undefined, "unparseable", "file_unparseable", rule),
      path: "$",
      rule,
      expected: `a readable ${format ?? "data"} file`,
      actual: message,
      record: 0,
      detail,
    });
  };
  try {
    await run(format, compiled, schema, meter, agg, opts, state, fileProblem);
    await meter.drain();
  } catch (err) {
    if (err instanceof SourceReadError) throw err;
    if (!(err instanceof FileTooLargeSignal)) {
      fileProblem(`the file could not be checked: ${err instanceof Error ? err.message : String(err)}`, {
        internal: true,
      });
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
  let records = 0;
  if (meter.tooLarge) {
    agg.clear();
    state.x12 = undefined;
    const rule = `${schema.model.name}.$file.too_large`;
    agg.add({
      type: "file_too_large",
      severity: schema.severityFor(undefined, "too_large", "file_too_large", rule),
      path: "$",
      rule,
      expected: `at most ${opts.maxBytes} bytes`,
      actual: `more than ${opts.maxBytes} bytes (stopped after ${meter.size})`,
      record: 0,
      detail: { limit: opts.maxBytes },
    });
  } else {
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
      const rule = `${schema.model.name}.$file.empty`;
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
  return { format, sha256: file.sha256, size: file.size, records, events, tooLarge: meter.tooLarge, notes };
}

interface RunState {
  checker: RecordChecker | undefined;
  x12: { events: DriftEvent[]; records: number } | undefined;
}

async function run(
  format: FileFormat | undefined,
  compiled: CompiledContract,
  schema: CompiledSchema,
  meter: ByteMeter,
  agg: DriftAggregator,
  opts: CheckOptions,
  state: RunState,
  fileProblem: (message: string, detail?: Record<string, unknown>) => void,
): Promise<void> {
  switch (format) {
    case undefined:
      fileProblem(
        `cannot tell the format of "${opts.key}": name it in the contract (servers[].format) or use a known extension (.json, .ndjson, .csv, .parquet, .edi)`,
      );
      return;
    case "json": {
      const bytes = await meter.readAll();
      state.checker = new RecordChecker(schema, agg, { format: "json" });
      readJsonBytes(bytes, state.checker, { ndjsonFallback: compiled.contract.jsonDelimiter === undefined });
      return;
    }
    case "ndjson":
      state.checker = new RecordChecker(schema, agg, { format: "ndjson" });
      await readNdjson(meter.chunks(), state.checker);
      return;
    case "csv":
      state.checker = await checkCsvStream(meter.chunks(), schema, agg);
      return;
    case "parquet":
      state.checker = await checkParquetBytes(await meter.readAll(), schema, agg);
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
        state.x12 = await x12.checkX12(meter.chunks(), {
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
