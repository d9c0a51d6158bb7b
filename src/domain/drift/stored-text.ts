/**
 * Text as both database engines store it: PostgreSQL `text`/`jsonb` refuse NUL and unpaired UTF-16
 * surrogates, and a btree index refuses a row past ~2.7 kB (PGlite: 8 kB). Anything read from a file
 * (field names, values, parser messages) passes through here before it is stored, so one file can never
 * make the ledger refuse a batch.
 */
import { createHash } from "node:crypto";
import type { DriftEvent, DriftSample } from "./drift-event.ts";

/** Bounds, in UTF-16 code units (at most 3 UTF-8 bytes each): path + rule stay under the index limit. */
export const STORED_LIMITS = {
  path: 400,
  rule: 400,
  text: 2000,
  sampleValue: 500,
  contractRef: 200,
  /** Depth past which nested sample/detail values are summarised. */
  depth: 8,
  /** Entries kept per object or array inside a sample/detail value. */
  entries: 50,
} as const;

/** Lone surrogates become U+FFFD; NUL becomes U+FFFD (visible, never silently dropped). */
export function storableText(s: string): string {
  const wellFormed = s.isWellFormed() ? s : s.toWellFormed();
  return wellFormed.includes("\u0000") ? wellFormed.replaceAll("\u0000", "\uFFFD") : wellFormed;
}

const suffixOf = (s: string) => `…#${createHash("sha256").update(s).digest("hex").slice(0, 10)}`;

/**
 * Cleans and bounds a string. A string past `max` is cut and ends with "…#" and 10 hex digits of the
 * SHA-256 of the whole (cleaned) string, so two long strings that differ only past the cut stay distinct.
 */
export function boundedText(s: string, max: number = STORED_LIMITS.text): string {
  const clean = storableText(s);
  if (clean.length <= max) return clean;
  const suffix = suffixOf(clean);
  let cut = max - suffix.length;
  // never split a surrogate pair
  const code = clean.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return clean.slice(0, Math.max(0, cut)) + suffix;
}

/** A JSON-like value made storable: strings cleaned and bounded, depth and width bounded, bigints as text. */
export function boundedJson(
  value: unknown,
  maxString: number = STORED_LIMITS.sampleValue,
  depth = 0,
): unknown {
  if (typeof value === "string") return boundedText(value, maxString);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (value === null || typeof value === "boolean") return value;
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (depth >= STORED_LIMITS.depth) return Array.isArray(value) ? "[…]" : "{…}";
  if (ArrayBuffer.isView(value)) return `<${value.byteLength} bytes>`;
  if (Array.isArray(value)) {
    const out = value.slice(0, STORED_LIMITS.entries).map((v) => boundedJson(v, maxString, depth + 1));
    if (value.length > STORED_LIMITS.entries) out.push(`… ${value.length - STORED_LIMITS.entries} more`);
    return out;
  }
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (n++ >= STORED_LIMITS.entries) {
      out["…"] = "more entries left out";
      break;
    }
    out[boundedText(k, STORED_LIMITS.sampleValue)] = boundedJson(v, maxString, depth + 1);
  }
  return out;
}

const boundSample = (s: DriftSample): DriftSample => ({
  record: s.record,
  value: boundedJson(s.value),
});

/** A drift event whose every string is storable and bounded (distinct long paths stay distinct). */
export function storableEvent(e: DriftEvent): DriftEvent {
  const out: DriftEvent = {
    type: e.type,
    severity: e.severity,
    path: boundedText(e.path, STORED_LIMITS.path),
    rule: boundedText(e.rule, STORED_LIMITS.rule),
    expected: boundedText(e.expected),
    actual: boundedText(e.actual),
    count: e.count,
    percent: e.percent,
    samples: e.samples.slice(0, 5).map(boundSample),
    file: { key: boundedText(e.file.key, 1100), sha256: e.file.sha256, size: e.file.size },
    contract: {
      id: boundedText(e.contract.id, STORED_LIMITS.contractRef),
      version: boundedText(e.contract.version, STORED_LIMITS.contractRef),
    },
  };
  if (e.detail) out.detail = boundedJson(e.detail) as Record<string, unknown>;
  return out;
}
