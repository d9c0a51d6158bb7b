/**
 * CSV, streamed through csv-parse: quoting, quoted newlines, CRLF and a BOM are the parser's business.
 * Bytes are decoded strictly first (a latin-1 file is reported, not silently turned into U+FFFD).
 * Rows of any width are passed on (ragged rows are the checker's finding, not a parse failure); empty
 * lines are skipped. The first parse error stops the reader.
 */

import { Buffer } from "node:buffer";
import { Parser } from "csv-parse";
import type { ParseProblem } from "./record-sink.ts";
import { Utf8StreamValidator } from "./text.ts";

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
  const utf8 = new Utf8StreamValidator();
  let delimiter = options.delimiter;
  let parser: Parser | undefined;
  let failure: (Error & { lines?: number; bytes?: number }) | undefined;
  let rows = 0;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;

  const start = (): Parser => {
    if (delimiter === undefined) {
      const head = new TextDecoder().decode(concatBytes(pending).subarray(0, 65536));
      delimiter = guessDelimiter(head.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "");
    }
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
    for (const part of pending) p.write(asBuffer(part));
    pending = [];
    return p;
  };

  const badBytes = (at: number, message: string): { delimiter: string } => {
    sink.unparseable({ message, detail: { offset: at } });
    parser?.destroy();
    return { delimiter: delimiter ?? "," };
  };

  for await (const chunk of chunks) {
    if (failure !== undefined) break;
    const bad = utf8.push(chunk);
    if (bad !== -1) {
      return badBytes(
        bad,
        `invalid UTF-8 byte sequence at byte ${bad} (if the file is not UTF-8, declare its encoding: customProperties encoding, e.g. windows-1252, or the connection's encoding)`,
      );
    }
    if (parser === undefined) {
      // hold the first bytes until a whole first line is there to guess the delimiter from
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (delimiter === undefined && !chunk.includes(10) && pendingBytes < 65536) continue;
      parser = start();
      continue;
    }
    parser.write(asBuffer(chunk));
  }
  if (failure === undefined) {
    const cut = utf8.end();
    if (cut !== -1) return badBytes(cut, "invalid UTF-8: the file ends inside a multi-byte character");
    if (parser === undefined) {
      if (pendingBytes === 0) return { delimiter: delimiter ?? "," };
      parser = start();
    }
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
    const detail: ParseProblem["detail"] = {};
    if (typeof failure.lines === "number") detail.line = failure.lines;
    if (typeof failure.bytes === "number") detail.offset = failure.bytes;
    sink.unparseable({ message: failure.message, detail });
    parser?.destroy();
  }
  return { delimiter: delimiter ?? "," };
}

/** A Buffer view of the bytes (no copy): csv-parse reads Buffers. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
