/**
 * NDJSON (JSON Lines), streamed: bytes are cut at newline bytes (0x0A never occurs inside a multi-byte
 * UTF-8 character), each run of whole lines is decoded strictly in one call, and each line goes to
 * JSON.parse. Blank lines are skipped, CRLF is accepted, a leading BOM is dropped. A bad line (bad JSON
 * or bad UTF-8) is reported with its line number and the reader goes on with the next line.
 */
import { locateJsonError } from "./json-error.ts";
import type { RecordSink } from "./record-sink.ts";
import { bomLength, firstInvalidUtf8 } from "./text.ts";

const NEWLINE = 10;

export class NdjsonLineParser {
  readonly #sink: RecordSink;
  readonly #decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  #carry: Uint8Array[] = [];
  #line = 0;
  #first = true;
  #head: Uint8Array[] = [];

  constructor(sink: RecordSink) {
    this.#sink = sink;
  }

  /** Feeds the next chunk of bytes. */
  push(input: Uint8Array): void {
    if (this.#first) {
      // hold the first bytes until a BOM can be told apart
      this.#head.push(input);
      const joined = concat(this.#head);
      if (joined.length < 3) {
        this.#head = [joined];
        return;
      }
      this.#head = [];
      this.#first = false;
      this.#feed(joined.subarray(bomLength(joined)));
      return;
    }
    this.#feed(input);
  }

  #feed(chunk: Uint8Array): void {
    let start = 0;
    if (this.#carry.length > 0) {
      const nl = chunk.indexOf(NEWLINE);
      if (nl === -1) {
        this.#carry.push(chunk);
        return;
      }
      this.#carry.push(chunk.subarray(0, nl));
      const line = concat(this.#carry);
      this.#carry = [];
      this.#bytesLine(line);
      start = nl + 1;
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last >= start) {
      this.#block(chunk.subarray(start, last));
      start = last + 1;
    }
    if (start < chunk.length) this.#carry.push(chunk.subarray(start));
  }

  /** Ends the input: the last line may lack its newline. */
  end(): void {
    if (this.#first) {
      this.#first = false;
      const joined = concat(this.#head);
      this.#head = [];
      if (joined.length > 0) this.#feed(joined.subarray(bomLength(joined)));
    }
    if (this.#carry.length > 0) {
      const line = concat(this.#carry);
      this.#carry = [];
      this.#bytesLine(line);
    }
  }

  /** Several whole lines (without the final newline): one decode, then one parse per line. */
  #block(bytes: Uint8Array): void {
    let text: string;
    try {
      text = this.#decoder.decode(bytes);
    } catch {
      // some line in here is not UTF-8: go line by line to place it
      let from = 0;
      for (let nl = bytes.indexOf(NEWLINE); nl !== -1; nl = bytes.indexOf(NEWLINE, from)) {
        this.#bytesLine(bytes.subarray(from, nl));
        from = nl + 1;
      }
      this.#bytesLine(bytes.subarray(from));
      return;
    }
    let from = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", from)) {
      this.#textLine(text.slice(from, nl));
      from = nl + 1;
    }
    this.#textLine(from === 0 ? text : text.slice(from));
  }

  #bytesLine(bytes: Uint8Array): void {
    let text: string;
    try {
      text = this.#decoder.decode(bytes);
    } catch {
      const line = ++this.#line;
      const at = firstInvalidUtf8(bytes);
      this.#sink.unparseable({
        message: `invalid UTF-8 byte sequence (if the file is not UTF-8, declare its encoding: customProperties encoding, e.g. windows-1252, or the connection's encoding)`,
        detail: { line, column: at + 1 },
        record: line,
        sample: new TextDecoder("utf-8").decode(bytes),
      });
      return;
    }
    this.#textLine(text);
  }

  #textLine(raw: string): void {
    const line = ++this.#line;
    const text = raw.length > 0 && raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim().length === 0)) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      const where = locateJsonError(text, err);
      this.#sink.unparseable({
        message: where.message,
        detail: { line, column: where.column },
        record: line,
        sample: text,
      });
      return;
    }
    this.#sink.record(value, line);
  }
}

/** Reads NDJSON from a chunk stream into the sink. */
export async function readNdjson(chunks: AsyncIterable<Uint8Array>, sink: RecordSink): Promise<void> {
  const parser = new NdjsonLineParser(sink);
  for await (const chunk of chunks) parser.push(chunk);
  parser.end();
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
