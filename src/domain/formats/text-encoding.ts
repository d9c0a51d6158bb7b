/**
 * Text encodings besides UTF-8: a byte order mark tells UTF-16 (and UTF-8 with BOM); a legacy encoding
 * (Windows-1252, ISO-8859-1) is declared on the contract or the connection, since bytes alone cannot
 * tell it. Such text is re-encoded to UTF-8 as it streams, so the readers only ever see UTF-8.
 */
import { Buffer } from "node:buffer";

export const TEXT_ENCODINGS = ["utf-8", "utf-16le", "utf-16be", "windows-1252", "iso-8859-1"] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

const ALIASES: Record<string, TextEncoding> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "utf-16": "utf-16le",
  utf16: "utf-16le",
  "utf-16le": "utf-16le",
  "utf-16be": "utf-16be",
  "windows-1252": "windows-1252",
  cp1252: "windows-1252",
  "cp-1252": "windows-1252",
  win1252: "windows-1252",
  "iso-8859-1": "iso-8859-1",
  "iso8859-1": "iso-8859-1",
  "iso_8859-1": "iso-8859-1",
  latin1: "iso-8859-1",
  "latin-1": "iso-8859-1",
};

/** The canonical name of an encoding label (`latin1` → `iso-8859-1`), or undefined when unknown. */
export function normalizeEncoding(label: string): TextEncoding | undefined {
  return ALIASES[label.trim().toLowerCase()];
}

/** The encoding a byte order mark announces, with the mark's length. */
export function encodingFromBom(head: Uint8Array): { encoding: TextEncoding; length: number } | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

/** Raised when UTF-16 text holds a broken surrogate pair (it is not valid UTF-16). */
export class InvalidTextError extends Error {
  readonly code = "file.invalid_text";
}

/**
 * The text as UTF-8, streaming. A BOM decides first (UTF-16 is re-encoded, UTF-8 passes through with its
 * BOM, which the readers drop); otherwise the declared encoding; otherwise the bytes pass through as they
 * are (UTF-8 is checked by each reader).
 */
export async function* toUtf8(
  chunks: AsyncIterable<Uint8Array>,
  declared: TextEncoding | undefined,
): AsyncGenerator<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  let head: Uint8Array = new Uint8Array(0);
  while (head.length < 3) {
    const next = await iterator.next();
    if (next.done) break;
    head = concat(head, next.value);
  }
  const bom = encodingFromBom(head);
  const encoding = bom?.encoding ?? declared ?? "utf-8";
  const rest: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => iterator,
  };
  if (encoding === "utf-8") {
    if (head.length > 0) yield head;
    for await (const chunk of rest) yield chunk;
    return;
  }
  const decode = decoder(encoding);
  const encoder = new TextEncoder();
  const first = bom !== undefined && bom.encoding !== "utf-8" ? head.subarray(bom.length) : head;
  if (first.length > 0) {
    const text = decode(first, true);
    if (text.length > 0) yield encoder.encode(text);
  }
  for await (const chunk of rest) {
    const text = decode(chunk, true);
    if (text.length > 0) yield encoder.encode(text);
  }
  const tail = decode(new Uint8Array(0), false);
  if (tail.length > 0) yield encoder.encode(tail);
}

function decoder(encoding: Exclude<TextEncoding, "utf-8">): (bytes: Uint8Array, more: boolean) => string {
  if (encoding === "iso-8859-1") {
    // every byte is the code point of the same number (the WHATWG label maps to windows-1252 instead)
    return (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  }
  const d = new TextDecoder(encoding, { fatal: encoding !== "windows-1252", ignoreBOM: true });
  return (bytes, more) => {
    try {
      return d.decode(bytes, { stream: more });
    } catch {
      throw new InvalidTextError(`the file is not valid ${encoding.toUpperCase()} text`);
    }
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
