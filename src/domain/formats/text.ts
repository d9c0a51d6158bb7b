/** Text helpers shared by the readers: strict UTF-8 decoding, BOM handling, offsets to line/column. */
import { isUtf8 } from "node:buffer";

/** Raised when bytes are not UTF-8; `offset` is the first byte of the bad sequence within the input. */
export class InvalidUtf8Error extends Error {
  readonly code = "file.invalid_utf8";
  readonly offset: number;
  constructor(offset: number) {
    super(
      `invalid UTF-8 byte sequence at byte ${offset} (if the file is not UTF-8, declare its encoding: customProperties encoding, e.g. windows-1252, or the connection's encoding)`,
    );
    this.name = "InvalidUtf8Error";
    this.offset = offset;
  }
}

const BOM = [0xef, 0xbb, 0xbf] as const;

/** Length of a UTF-8 byte order mark at the start of `bytes` (3 or 0). */
export function bomLength(bytes: Uint8Array): number {
  return bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2] ? 3 : 0;
}

/**
 * Offset of the first byte that is not valid UTF-8, or -1. Only called once decoding has failed, so it
 * may be slow: a binary search over prefixes with the platform's own strict decoder.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const valid = (end: number): boolean => {
    try {
      new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, end), {
        stream: true,
      });
      return true;
    } catch {
      return false;
    }
  };
  if (valid(bytes.length)) {
    try {
      new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
      return -1;
    } catch {
      // a multi-byte sequence cut by the end of the input: point at its lead byte
      let i = bytes.length - 1;
      while (i > 0 && bytes.length - i < 4 && ((bytes[i] ?? 0) & 0xc0) === 0x80) i--;
      return i;
    }
  }
  let lo = 0; // valid(lo) holds
  let hi = bytes.length; // valid(hi) fails
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (valid(mid)) lo = mid;
    else hi = mid;
  }
  // Byte hi-1 makes the prefix fail. Either it is bad by itself, or it broke a multi-byte sequence left
  // open at the end of the prefix before it: then the bad sequence starts at that sequence's lead byte.
  const before = hi - 1;
  let openSequence = false;
  try {
    new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, before));
  } catch {
    openSequence = true;
  }
  if (!openSequence) return before;
  let lead = before - 1;
  while (lead > 0 && before - lead < 4 && ((bytes[lead] ?? 0) & 0xc0) === 0x80) lead--;
  return lead;
}

/** Decodes strict UTF-8 (a leading BOM is dropped); throws InvalidUtf8Error with the offending offset. */
export function decodeUtf8Strict(bytes: Uint8Array): string {
  const skip = bomLength(bytes);
  const body = skip > 0 ? bytes.subarray(skip) : bytes;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw new InvalidUtf8Error(firstInvalidUtf8(body) + skip);
  }
}

/** 1-based line and column of a character offset in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** 1-based line and column of a byte offset in raw bytes (columns count bytes). */
export function lineColumnAtByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, bytes.length));
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < end; i = bytes.indexOf(10, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Checks a byte stream chunk by chunk for valid UTF-8 without decoding it (no strings made). A multi-byte
 * character cut by a chunk boundary is carried to the next chunk.
 */
export class Utf8StreamValidator {
  #carry: Uint8Array | undefined;
  #offset = 0;

  /** Offset in the stream of the first invalid byte of this chunk, or -1. */
  push(chunk: Uint8Array): number {
    let data = chunk;
    let base = this.#offset;
    if (this.#carry !== undefined) {
      data = new Uint8Array(this.#carry.length + chunk.length);
      data.set(this.#carry);
      data.set(chunk, this.#carry.length);
      base -= this.#carry.length;
      this.#carry = undefined;
    }
    this.#offset += chunk.length;
    const cut = completeLength(data);
    const body = cut === data.length ? data : data.subarray(0, cut);
    if (!isUtf8(body)) return base + firstInvalidUtf8(body);
    if (cut < data.length) this.#carry = data.slice(cut);
    return -1;
  }

  /** Offset of a character left unfinished at the end of the stream, or -1. */
  end(): number {
    return this.#carry === undefined ? -1 : this.#offset - this.#carry.length;
  }
}

/** Length of `data` without a multi-byte sequence that is still incomplete at its end. */
function completeLength(data: Uint8Array): number {
  const n = data.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = data[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}
