/**
 * Checks of one element value against its definition: X12 data types (AN, ID, Nn, R, DT, TM), min/max
 * length as X12 counts it (digits only for numbers), code lists, calendar dates and clock times.
 */
import type { ElementDef } from "./guide.model.ts";

/** IK4/AK4 codes: 1 mandatory missing, 2 conditional missing, 3 too many elements, 4 too short, 5 too long,
 * 6 invalid character, 7 invalid code value, 8 invalid date, 9 invalid time, 10 exclusion violated,
 * 13 too many components (999 only). */
export type Ik4Code = "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "10" | "13";

/** The rule suffix each problem kind gets, e.g. `x12.850.BEG03.length`. */
export type ElementProblem =
  | "required"
  | "conditional"
  | "too_many_elements"
  | "length"
  | "character"
  | "code"
  | "date"
  | "time"
  | "exclusion"
  | "too_many_components";

export interface CompiledElement {
  composite: false;
  def: ElementDef;
  codes: ReadonlySet<string> | null;
}

const NOT_PRINTABLE = /[^\x20-\x7e]/;
const DIGITS = /^\d+$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function describe(def: ElementDef): string {
  return `${def.type} ${def.min}/${def.max}`;
}

function describeCodes(codes: readonly string[]): string {
  const shown = codes.slice(0, 12).join(", ");
  return codes.length > 12 ? `one of ${shown}, … (${codes.length} codes)` : `one of ${shown}`;
}

export function isValidDate(value: string): boolean {
  if (!DIGITS.test(value) || (value.length !== 8 && value.length !== 6)) return false;
  const year = value.length === 8 ? Number(value.slice(0, 4)) : 2000 + Number(value.slice(0, 2));
  const rest = value.slice(value.length - 4);
  const month = Number(rest.slice(0, 2));
  const day = Number(rest.slice(2, 4));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const max = month === 2 && !leap ? 28 : DAYS[month - 1]!;
  return day <= max;
}

export function isValidTime(value: string): boolean {
  if (!DIGITS.test(value) || value.length < 4 || value.length > 8 || value.length === 5) return false;
  const hh = Number(value.slice(0, 2));
  const mm = Number(value.slice(2, 4));
  const ss = value.length >= 6 ? Number(value.slice(4, 6)) : 0;
  return hh <= 23 && mm <= 59 && ss <= 59;
}

export interface ValueProblem {
  code: Ik4Code;
  problem: ElementProblem;
  expected: string;
  actual: string;
}

function lengthProblem(def: ElementDef, length: number): ValueProblem | null {
  if (length < def.min)
    return { code: "4", problem: "length", expected: describe(def), actual: `length ${length}` };
  if (length > def.max)
    return { code: "5", problem: "length", expected: describe(def), actual: `length ${length}` };
  return null;
}

/** The first problem of a present (non-empty) value, or null. */
export function checkValue(value: string, el: CompiledElement): ValueProblem | null {
  const def = el.def;
  switch (def.type) {
    case "AN":
    case "ID": {
      if (NOT_PRINTABLE.test(value)) {
        const bad = value.match(NOT_PRINTABLE)![0].codePointAt(0)!;
        const hex = bad.toString(16).toUpperCase().padStart(4, "0");
        return {
          code: "6",
          problem: "character",
          expected: `${describe(def)}, printable ASCII`,
          actual: `U+${hex}`,
        };
      }
      const len = lengthProblem(def, value.length);
      if (len) return len;
      if (el.codes && !el.codes.has(value)) {
        return {
          code: "7",
          problem: "code",
          expected: describeCodes(def.codes!),
          actual: "code not in the list",
        };
      }
      return null;
    }
    case "R": {
      const digits = countDigits(value, true);
      if (digits < 0)
        return { code: "6", problem: "character", expected: "R decimal number", actual: "not a number" };
      return lengthProblem(def, digits);
    }
    case "DT": {
      if (!DIGITS.test(value))
        return { code: "8", problem: "date", expected: dateShape(def), actual: "not a date" };
      const len = lengthProblem(def, value.length);
      if (len) return len;
      return isValidDate(value)
        ? null
        : { code: "8", problem: "date", expected: dateShape(def), actual: "no such date" };
    }
    case "TM": {
      if (!DIGITS.test(value))
        return { code: "9", problem: "time", expected: "TM HHMM[SS[D[D]]]", actual: "not a time" };
      const len = lengthProblem(def, value.length);
      if (len) return len;
      return isValidTime(value)
        ? null
        : { code: "9", problem: "time", expected: "TM HHMM[SS[D[D]]]", actual: "no such time" };
    }
    default: {
      // N0…N4: digits with an optional leading minus; the sign does not count toward the length.
      const digits = countDigits(value, false);
      if (digits < 0) {
        return {
          code: "6",
          problem: "character",
          expected: `${def.type} whole number (implied decimals)`,
          actual: "not a number",
        };
      }
      return lengthProblem(def, digits);
    }
  }
}

/**
 * Digits in a numeric value (an optional leading minus; with `decimal`, at most one point and at least one
 * digit), or -1 when it is not a number. Sign and point do not count toward X12 lengths.
 */
export function countDigits(value: string, decimal: boolean): number {
  let i = value.charCodeAt(0) === 45 ? 1 : 0;
  let digits = 0;
  let point = false;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && decimal && !point) point = true;
    else return -1;
  }
  return digits > 0 ? digits : -1;
}

function dateShape(def: ElementDef): string {
  return def.max === 6 ? "DT YYMMDD" : "DT CCYYMMDD";
}
