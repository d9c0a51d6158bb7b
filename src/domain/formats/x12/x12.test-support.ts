/**
 * Builders shared by the X12 tests: interchanges written as segment lists, byte streams cut into chunks,
 * and a large generated 850. Test-only; nothing in the checker imports it.
 */
import type { DriftEvent } from "../../drift/drift-event.ts";

const encoder = new TextEncoder();

export interface InterchangeOptions {
  element?: string;
  component?: string;
  terminator?: string;
  /** Written after each terminator. */
  lineEnd?: string;
  version?: string;
  repetition?: string;
  control?: string;
}

/** A fixed-width ISA (106 characters with its terminator). */
export function isa(o: InterchangeOptions = {}): string {
  const e = o.element ?? "*";
  const fields = [
    "ISA",
    "00",
    "          ",
    "00",
    "          ",
    "ZZ",
    "BUYERCO        ",
    "ZZ",
    "SELLERCO       ",
    "240315",
    "1130",
    o.repetition ?? "U",
    o.version ?? "00401",
    o.control ?? "000000101",
    "0",
    "T",
    o.component ?? ">",
  ];
  return fields.join(e) + (o.terminator ?? "~");
}

/** Joins segments written with `*` (and `>` for components) into an interchange text using `o`'s delimiters. */
export function x12(segments: readonly string[], o: InterchangeOptions = {}): string {
  const e = o.element ?? "*";
  const c = o.component ?? ">";
  const t = o.terminator ?? "~";
  const nl = o.lineEnd ?? "";
  return segments
    .map((s) => (s === "ISA" ? isa(o) : `${s.replaceAll("*", e).replaceAll(">", c)}${t}`) + nl)
    .join("");
}

/** A transaction set body with ST and a correct SE around it. */
export function set(control: string, body: readonly string[]): string[] {
  return [`ST*850*${control}`, ...body, `SE*${body.length + 2}*${control}`];
}

/** ISA, one GS, the sets, GE and IEA with correct counts and control numbers. */
export function envelope(sets: readonly string[][]): string[] {
  return [
    "ISA",
    "GS*PO*BUYERCO*SELLERCO*20240315*1130*101*X*004010",
    ...sets.flat(),
    `GE*${sets.length}*101`,
    "IEA*1*000000101",
  ];
}

/** A minimal valid 850 body. */
export const MINIMAL_BODY: readonly string[] = ["BEG*00*SA*PO-1**20240315", "PO1*1*1*EA*1**BP*X", "CTT*1"];

export async function* chunked(bytes: Uint8Array | string, size: number): AsyncGenerator<Uint8Array> {
  const all = typeof bytes === "string" ? encoder.encode(bytes) : bytes;
  for (let i = 0; i < all.length; i += size) yield all.subarray(i, Math.min(all.length, i + size));
}

export const PO1_LINE = "PO1*1*10*EA*12.50*PE*BP*ITEM-000001*VP*V-000001~\r\n";

/**
 * A generated 850 with `lines` PO1 segments, produced chunk by chunk (never held whole): about 50 bytes a
 * line. The longest segment is the ISA (106 characters).
 */
export async function* largeInterchange(lines: number, chunkSize = 64 * 1024): AsyncGenerator<Uint8Array> {
  const head =
    x12(envelope([]).slice(0, 2), { lineEnd: "\r\n" }) + "ST*850*0001~\r\nBEG*00*SA*PO-1**20240315~\r\n";
  const tail = `CTT*${lines}~\r\nSE*${lines + 4}*0001~\r\nGE*1*101~\r\nIEA*1*000000101~\r\n`;
  let buf = head;
  for (let i = 1; i <= lines; i++) {
    const n = String(i).padStart(6, "0");
    buf += `PO1*${i}*10*EA*12.50*PE*BP*ITEM-${n}*VP*V-${n}~\r\n`;
    if (buf.length >= chunkSize) {
      yield encoder.encode(buf);
      buf = "";
    }
  }
  yield encoder.encode(buf + tail);
}

/** The parts of events tests compare exactly: type, path, rule and the acknowledgment code. */
export function summary(
  events: readonly DriftEvent[],
): { type: string; path: string; rule: string; code: string }[] {
  return events.map((e) => {
    const d = e.detail ?? {};
    const code = ["ik3", "ik4", "ik5", "ak9", "ta1", "code"]
      .map((k) => d[k])
      .find((v) => typeof v === "string");
    return { type: e.type, path: e.path, rule: e.rule, code: (code as string | undefined) ?? "" };
  });
}
