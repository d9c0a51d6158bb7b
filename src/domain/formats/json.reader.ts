/**
 * JSON: one document (one record) or an array of records. The file is buffered up to the size limit and
 * parsed with JSON.parse: streaming array elements would need a streaming JSON parser, and JSON.parse
 * is both exact and several times faster, so memory here grows with the file (bounded by the limit);
 * NDJSON is the streaming format. When no delimiter is declared and the text holds several documents one
 * per line, it is read as NDJSON.
 */
import { locateJsonError } from "./json-error.ts";
import { NdjsonLineParser } from "./ndjson.reader.ts";
import type { RecordSink } from "./record-sink.ts";
import { decodeUtf8Strict, InvalidUtf8Error, lineColumnAtByte } from "./text.ts";

export interface JsonReadOptions {
  /** Read "several documents, one per line" as NDJSON instead of failing (default true). */
  ndjsonFallback?: boolean;
}

/** Parses the whole file; returns the format that was actually read. */
export function readJsonBytes(
  bytes: Uint8Array,
  sink: RecordSink,
  options: JsonReadOptions = {},
): "json" | "ndjson" {
  let text: string;
  try {
    text = decodeUtf8Strict(bytes);
  } catch (err) {
    if (err instanceof InvalidUtf8Error) {
      sink.unparseable({
        message: err.message,
        detail: { offset: err.offset, ...lineColumnAtByte(bytes, err.offset) },
      });
      return "json";
    }
    throw err;
  }
  if (text.trim().length === 0) return "json";
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : "";
    if (
      (options.ndjsonFallback ?? true) &&
      /non-whitespace character after JSON/.test(message) &&
      looksLikeLines(text)
    ) {
      const parser = new NdjsonLineParser(sink);
      parser.push(bytes);
      parser.end();
      return "ndjson";
    }
    const where = locateJsonError(text, err);
    sink.unparseable({ message: where.message, detail: { line: where.line, column: where.column } });
    return "json";
  }
  if (Array.isArray(doc)) {
    for (let i = 0; i < doc.length; i++) sink.record(doc[i], i + 1);
  } else {
    sink.record(doc, 1);
  }
  return "json";
}

/** The first two non-blank lines each start a JSON value: a hint that this is really NDJSON. */
function looksLikeLines(text: string): boolean {
  const lines = text.split("\n", 50).filter((l) => l.trim().length > 0);
  if (lines.length < 2) return false;
  return lines.slice(0, 2).every((l) => /^\s*[{[]/.test(l));
}
