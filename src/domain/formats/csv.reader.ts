/**
 * CSV, streamed through csv-parse: quoting, quoted newlines, CRLF and a BOM are the parser's business.
 * Bytes are decoded strictly first (a latin-1 file is reported, not silently turned into U+FFFD).
 * Rows of any width are passed on (ragged rows are the checker's finding, not a parse failure); empty
 * lines are skipped. The first parse error stops the reader.
 */
import { Parser } from "csv-parse";
import type { ParseProblem } from "./record-sink.ts";
import { firstInvalidUtf8, lineColumnAtByte } from "./text.ts";

export interface CsvSink {
  /** Every row, the header included; `row` is 1-based over the rows the parser produced. */
  row(cells: string[], row: number): void;
  unparseable(problem: ParseProblem): void;
}

export interface CsvReadOptions {
  /** Field delimiter; when absent it is guessed from the first line (`,` `;` tab `|`). */
  delimiter?: string;
  /** Longest accepted record in characters (bounds the memory a runaway quote can take). */
  maxRecordSize?: number;
}

const CANDIDATES = [",", ";", "\t", "|"] as const;

/** Guesses the delimiter from the first line: the candidate seen most often outside quotes. */
export function guessDelimiter(firstLine: string): string {
  let best = ",";
  let bestCount = 0;
  for (const candidate of CANDIDATES) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === candidate) count++;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** Reads CSV rows into the sink; returns the delimiter used. */
export async function readCsv(
  chunks: AsyncIterable<Uint8Array>,
  sink: CsvSink,
  options: CsvReadOptions = {},
): Promise<{ delimiter: string }> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let delimiter = options.delimiter;
  let parser: Parser | undefined;
  let failure: (Error & { lines?: number; bytes?: number; code?: string }) | undefined;
  let rows = 0;
  let pending = "";
  let consumedBytes = 0;

  const start = (firstText: string): Parser => {
    const firstLine = firstText.split(/\r?\n/, 1)[0] ?? "";
    delimiter ??= guessDelimiter(firstLine);
    const p = new Parser({
      delimiter,
      bom: true,
      relax_column_count: true,
      record_delimiter: ["\r\n", "\n", "\r"],
      skip_empty_lines: true,
      max_record_size: options.maxRecordSize ?? 16 * 1024 * 1024,
    });
    p.on("data", (cells: string[]) => {
      if (failure === undefined) sink.row(cells, ++rows);
    });
    p.on("error", (err: Error) => {
      failure ??= err;
    });
    return p;
  };

  const fail = (): void => {
    const err = failure!;
    const detail: ParseProblem["detail"] = {};
    if (typeof err.lines === "number") detail.line = err.lines;
    if (typeof err.bytes === "number") detail.offset = err.bytes;
    sink.unparseable({ message: err.message, detail });
  };

  for await (const chunk of chunks) {
    if (failure !== undefined) break;
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const within = Math.max(0, firstInvalidUtf8(chunk));
      const at = consumedBytes + within;
      sink.unparseable({
        message: `invalid UTF-8 byte sequence at byte ${at} (is the file in another encoding, e.g. latin-1?)`,
        detail: { offset: at, column: lineColumnAtByte(chunk, within).column },
      });
      parser?.destroy();
      return { delimiter: delimiter ?? "," };
    }
    consumedBytes += chunk.length;
    if (parser === undefined) {
      // wait for a whole first line (or enough text) before guessing the delimiter
      pending += text;
      if (delimiter === undefined && !pending.includes("\n") && pending.length < 65536) continue;
      parser = start(pending);
      text = pending;
      pending = "";
    }
    if (text.length > 0) parser.write(text);
  }
  if (failure === undefined) {
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      sink.unparseable({
        message: "invalid UTF-8: the file ends inside a multi-byte character",
        detail: { offset: consumedBytes },
      });
      parser?.destroy();
      return { delimiter: delimiter ?? "," };
    }
    const rest = pending + tail;
    pending = "";
    if (parser === undefined) {
      if (rest.length === 0) return { delimiter: delimiter ?? "," };
      parser = start(rest);
    }
    if (rest.length > 0) parser.write(rest);
    const p = parser;
    if (!p.destroyed) {
      await new Promise<void>((resolve) => {
        p.once("end", () => resolve());
        p.once("error", () => resolve());
        p.once("close", () => resolve());
        p.end();
      });
    }
  }
  if (failure !== undefined) {
    fail();
    parser?.destroy();
  }
  return { delimiter: delimiter ?? "," };
}
