/**
 * What sample records say about each field: the types seen (integers widen to numbers), how often a
 * field is present and non-null, the formats every string matches, and the distinct strings (for enums).
 */
import type { ValidateFunction } from "ajv";
import { createAjv } from "./ajv.factory.ts";

/** Most distinct strings an enum is proposed for. */
export const ENUM_MAX_VALUES = 10;

export type SeenType = "string" | "integer" | "number" | "boolean" | "object" | "array";

/** Formats tried on strings, most specific first; the first one every value matches wins. */
const FORMAT_CANDIDATES = ["date", "iso-date-time", "iso-time", "uuid", "email"] as const;
export type DetectedFormat = (typeof FORMAT_CANDIDATES)[number];

let formatChecks: Array<[DetectedFormat, ValidateFunction]> | undefined;
function checks(): Array<[DetectedFormat, ValidateFunction]> {
  if (formatChecks === undefined) {
    const ajv = createAjv({ allErrors: false });
    formatChecks = FORMAT_CANDIDATES.map((f) => [f, ajv.compile({ type: "string", format: f })]);
  }
  return formatChecks;
}

export class FieldStats {
  /** Times the holder (object or array) of this field was seen. */
  holders = 0;
  /** Non-null values seen. */
  present = 0;
  nulls = 0;
  readonly types = new Set<SeenType>();
  /** Formats all strings so far match (undefined until the first string). */
  formats: Set<DetectedFormat> | undefined;
  strings = 0;
  /** Distinct strings, while there are at most ENUM_MAX_VALUES of them. */
  distinct: Set<string> | undefined = new Set();
  /** Object fields in first-seen order. */
  readonly fields = new Map<string, FieldStats>();
  /** Objects seen (the denominator of "present in every record"). */
  objects = 0;
  items: FieldStats | undefined;

  add(value: unknown): void {
    if (value === null || value === undefined) {
      this.nulls++;
      return;
    }
    this.present++;
    if (typeof value === "string") this.#string(value);
    else if (typeof value === "number") this.types.add(Number.isInteger(value) ? "integer" : "number");
    else if (typeof value === "boolean") this.types.add("boolean");
    else if (typeof value === "bigint") this.types.add("integer");
    else if (Array.isArray(value)) {
      this.types.add("array");
      this.items ??= new FieldStats();
      for (const element of value) {
        this.items.holders++;
        this.items.add(element);
      }
    } else if (typeof value === "object") {
      this.types.add("object");
      this.objects++;
      for (const field of this.fields.values()) field.holders++;
      for (const [key, v] of Object.entries(value)) {
        let field = this.fields.get(key);
        if (field === undefined) {
          field = new FieldStats();
          // seen now for the first time: every earlier object lacked it
          field.holders = this.objects;
          this.fields.set(key, field);
        }
        field.add(v);
      }
    }
  }

  #string(value: string): void {
    this.types.add("string");
    this.strings++;
    if (this.distinct !== undefined) {
      this.distinct.add(value);
      if (this.distinct.size > ENUM_MAX_VALUES) this.distinct = undefined;
    }
    if (this.formats === undefined) {
      this.formats = new Set(FORMAT_CANDIDATES.filter((f) => matches(f, value)));
    } else if (this.formats.size > 0) {
      for (const f of this.formats) if (!matches(f, value)) this.formats.delete(f);
    }
  }

  /** Present and non-null in every holder. */
  get required(): boolean {
    return this.present > 0 && this.present === this.holders && this.nulls === 0;
  }

  /** The one type that fits every value: integers widen to numbers; incompatible mixes give undefined. */
  get type(): SeenType | undefined {
    const t = this.types;
    if (t.size === 1) return [...t][0];
    if (t.size === 2 && t.has("integer") && t.has("number")) return "number";
    return undefined;
  }

  /** The detected string format, if every string matched one. */
  get format(): DetectedFormat | undefined {
    if (this.formats === undefined) return undefined;
    return FORMAT_CANDIDATES.find((f) => this.formats?.has(f));
  }

  /**
   * An enum is proposed for a string field with at most ENUM_MAX_VALUES distinct values, each seen
   * twice on average (so a handful of ids in a small sample is not mistaken for a code list), and no format.
   */
  get enumValues(): string[] | undefined {
    if (this.distinct === undefined || this.distinct.size === 0 || this.format !== undefined)
      return undefined;
    if (this.strings < 2 * this.distinct.size) return undefined;
    return [...this.distinct].sort();
  }
}

function matches(format: DetectedFormat, value: string): boolean {
  const check = checks().find(([f]) => f === format)?.[1];
  return check !== undefined && check(value) === true;
}
