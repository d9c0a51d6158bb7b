/**
 * What a file's first bytes say about its format: a Parquet magic number, an X12 interchange (`ISA`), JSON
 * (`{` or `[`), other text, or binary data. Used when neither a server entry nor the extension tells, and
 * to refuse reading a file as a format it plainly is not.
 */
import type { FileFormat } from "./file-format.ts";

export type ContentKind = FileFormat | "binary" | "text" | "empty";

/** `sure` when the bytes can only be that format (magic numbers, an ISA header). */
export interface Sniffed {
  kind: ContentKind;
  sure: boolean;
}

const PAR1 = [0x50, 0x41, 0x52, 0x31];

export function sniffContent(head: Uint8Array): Sniffed {
  if (head.length === 0) return { kind: "empty", sure: false };
  if (PAR1.every((b, i) => head[i] === b)) return { kind: "parquet", sure: true };
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d))
    i++;
  if (i >= head.length) return { kind: "empty", sure: false };
  if (head[i] === 0x49 && head[i + 1] === 0x53 && head[i + 2] === 0x41) return { kind: "x12", sure: true };
  if (head[i] === 0x7b || head[i] === 0x5b) return { kind: "json", sure: false };
  if (looksBinary(head)) return { kind: "binary", sure: true };
  // text reads as CSV only when its first line has a delimiter in it
  let end = head.indexOf(0x0a, i);
  if (end === -1) end = head.length;
  for (let j = i; j < end; j++) {
    const b = head[j];
    if (b === 0x2c || b === 0x3b || b === 0x09 || b === 0x7c) return { kind: "csv", sure: false };
  }
  return { kind: "text", sure: false };
}

/** NUL bytes, or many control characters, in what should be text (UTF-16 with a BOM is text). */
export function looksBinary(head: Uint8Array): boolean {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  const n = Math.min(head.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return n > 0 && control / n > 0.1;
}
