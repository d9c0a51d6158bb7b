/**
 * A small language for the structure a standard gives its documents (objects with known fields, required
 * fields, closed or open; strings with an enum, a pattern or a format; arrays; "one of"), and the checker
 * that walks a parsed document against it. Every problem is an error at the exact document path, with a
 * message a person can act on. The ODCS versions are described with it in `odcs-v3.shapes.ts`.
 */
import { fullFormats } from "ajv-formats/dist/formats.js";
import type { DocPath } from "../contract.model.ts";
import { isObject, type Json } from "../issues.ts";

export type Shape =
  | StringShape
  | { kind: "number"; exclusiveMinimum?: number }
  | { kind: "integer"; minimum?: number }
  | { kind: "boolean" }
  /** Any JSON value. */
  | { kind: "any" }
  /** A string, number, boolean or null. */
  | { kind: "scalar" }
  | ArrayShape
  | ObjectShape
  | { kind: "oneOf"; options: readonly Shape[]; label: string }
  | { kind: "lazy"; get: () => Shape };

export interface StringShape {
  kind: "string";
  enum?: readonly string[];
  pattern?: RegExp;
  /** What the pattern asks for, in words. */
  patternText?: string;
  format?: "uri" | "date" | "date-time";
}

export interface ArrayShape {
  kind: "array";
  items: Shape;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
}

/** Fields that apply to an object only in some cases (a server's type, a property's logicalType). */
export interface Variant {
  fields?: Readonly<Record<string, Shape>>;
  required?: readonly string[];
  /** Extra checks of the whole object (e.g. "exactly one operator"). */
  refine?: (obj: Json, at: DocPath, report: Reporter) => void;
  /** Words for messages: `an s3 server`, `a string property`. */
  label?: string;
}

export interface ObjectShape {
  kind: "object";
  /** Words for messages: `a server`, `a schema property`. */
  label: string;
  fields: Readonly<Record<string, Shape>>;
  required?: readonly string[];
  /** Unknown fields are errors. */
  closed: boolean;
  /** Variants that apply to this object, given its content. */
  variants?: (obj: Json) => readonly Variant[];
  /** Words appended to the unknown-field message of this object. */
  unknownHint?: (key: string, obj: Json) => string | undefined;
  /** Words appended to the missing-field message. */
  requiredHint?: Readonly<Record<string, string>>;
  /**
   * Fields the standard does not define but that driftwatch reads anyway (a form other tools write): the
   * returned words explain it, and the field is a warning instead of an error. The standard's own verdict
   * (`followsOdcs`) still counts it as unknown.
   */
  extension?: (key: string) => string | undefined;
}

export type Reporter = (
  path: DocPath,
  message: string,
  part?: "key" | "value",
  severity?: "error" | "extension",
) => void;

/** Checks `value` against `shape`; each problem goes to `report` with its path. */
export function checkShape(
  value: unknown,
  shape: Shape,
  at: DocPath,
  report: Reporter,
  field?: string,
): void {
  const name = field ?? lastName(at);
  switch (shape.kind) {
    case "lazy":
      checkShape(value, shape.get(), at, report, field);
      return;
    case "any":
      return;
    case "scalar":
      if (typeof value === "object" && value !== null)
        report(
          at,
          `${name} must be a single value (text, number, true/false or null), not ${describe(value)}`,
        );
      return;
    case "string":
      checkString(value, shape, at, report, name);
      return;
    case "number":
      if (typeof value !== "number") report(at, `${name} must be a number, not ${describe(value)}`);
      else if (shape.exclusiveMinimum !== undefined && !(value > shape.exclusiveMinimum))
        report(at, `${name} must be above ${shape.exclusiveMinimum}`);
      return;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value))
        report(at, `${name} must be a whole number, not ${describe(value)}`);
      else if (shape.minimum !== undefined && value < shape.minimum)
        report(at, `${name} must be ${shape.minimum} or more`);
      return;
    case "boolean":
      if (typeof value !== "boolean") report(at, `${name} must be true or false, not ${describe(value)}`);
      return;
    case "array":
      checkArray(value, shape, at, report, name);
      return;
    case "object":
      checkObject(value, shape, at, report, name);
      return;
    case "oneOf": {
      const passing = shape.options.filter((o) => matches(value, o));
      if (passing.length === 1) return;
      if (passing.length === 0) {
        // report the problems of the option whose basic type fits, when there is one
        const near = shape.options.find((o) => sameKind(value, o));
        if (near !== undefined) checkShape(value, near, at, report, field);
        else report(at, `${name} must be ${shape.label}, not ${describe(value)}`);
        return;
      }
      report(at, `${name} matches more than one form of ${shape.label}`);
      return;
    }
  }
}

/** Whether `value` fits `shape` (no problems). */
export function matches(value: unknown, shape: Shape): boolean {
  let ok = true;
  checkShape(value, shape, [], (_path, _message, _part, severity) => {
    if (severity !== "extension") ok = false;
  });
  return ok;
}

function checkString(value: unknown, shape: StringShape, at: DocPath, report: Reporter, name: string): void {
  if (typeof value !== "string") {
    const hint =
      typeof value === "number" || typeof value === "boolean" ? ` (quote it: "${String(value)}")` : "";
    report(at, `${name} must be text, not ${describe(value)}${hint}`);
    return;
  }
  if (shape.enum !== undefined && !shape.enum.includes(value)) {
    const list = shape.enum.length <= 12 ? `: ${orList(shape.enum)}` : "";
    report(at, `${name} "${value}" is not one of the values the standard allows${list}`);
    return;
  }
  if (shape.pattern !== undefined && !shape.pattern.test(value)) {
    report(at, `${name} "${value}" ${shape.patternText ?? `does not match ${shape.pattern.source}`}`);
    return;
  }
  if (shape.format !== undefined && !formatOk(shape.format, value)) {
    const what = {
      uri: "a URI with a scheme, such as s3://bucket/path/*.json",
      date: "a date such as 2024-05-31",
      "date-time": "a timestamp such as 2024-05-31T12:00:00Z",
    }[shape.format];
    report(at, `${name} "${value}" must be ${what}`);
  }
}

function formatOk(format: "uri" | "date" | "date-time", value: string): boolean {
  const f = fullFormats[format];
  if (typeof f === "function") return f(value);
  if (f instanceof RegExp) return f.test(value);
  if (typeof f === "object" && f !== null && "validate" in f) {
    const v = (f as { validate: unknown }).validate;
    if (typeof v === "function") return Boolean((v as (s: string) => boolean)(value));
    if (v instanceof RegExp) return v.test(value);
  }
  return true;
}

function checkArray(value: unknown, shape: ArrayShape, at: DocPath, report: Reporter, name: string): void {
  if (!Array.isArray(value)) {
    report(at, `${name} must be a list, not ${describe(value)}`);
    return;
  }
  if (shape.minItems !== undefined && value.length < shape.minItems)
    report(at, `${name} needs at least ${shape.minItems} ${shape.minItems === 1 ? "entry" : "entries"}`);
  if (shape.maxItems !== undefined && value.length > shape.maxItems)
    report(at, `${name} takes at most ${shape.maxItems} ${shape.maxItems === 1 ? "entry" : "entries"}`);
  if (shape.uniqueItems) {
    const seen = new Set<string>();
    for (const v of value) {
      const key = JSON.stringify(v);
      if (seen.has(key)) {
        report(at, `${name} lists ${key} more than once`);
        break;
      }
      seen.add(key);
    }
  }
  value.forEach((item, i) => {
    checkShape(item, shape.items, [...at, i], report, `${singular(name)} ${i + 1}`);
  });
}

function checkObject(value: unknown, shape: ObjectShape, at: DocPath, report: Reporter, name: string): void {
  if (!isObject(value)) {
    report(at, `${name} must be a mapping (${shape.label}), not ${describe(value)}`);
    return;
  }
  const variants = shape.variants?.(value) ?? [];
  const required = new Set(shape.required ?? []);
  for (const v of variants) for (const r of v.required ?? []) required.add(r);
  for (const key of required) {
    if (value[key] !== undefined) continue;
    const owner = variants.find((v) => v.required?.includes(key))?.label ?? shape.label;
    const hint = shape.requiredHint?.[key];
    report(at, `${owner} needs ${key}${hint ? ` (${hint})` : ""}`);
  }
  for (const [key, child] of Object.entries(value)) {
    const here = [...at, key];
    const own = Object.hasOwn(shape.fields, key) ? shape.fields[key] : undefined;
    const extra = variants.flatMap((v) =>
      v.fields && Object.hasOwn(v.fields, key) ? [v.fields[key] as Shape] : [],
    );
    if (own === undefined && extra.length === 0) {
      const extension = shape.closed ? shape.extension?.(key) : undefined;
      if (extension !== undefined) {
        report(
          here,
          `${key} is not a field of ${shape.label} in the standard: ${extension}`,
          "key",
          "extension",
        );
      } else if (shape.closed) {
        const hint = shape.unknownHint?.(key, value);
        report(here, `unknown field ${key} in ${shape.label}${hint ? `: ${hint}` : ""}`, "key");
      }
      continue;
    }
    const seen = new Set<string>();
    const once: Reporter = (path, message, part, severity) => {
      const k = `${path.join("\u0000")}\u0001${message}`;
      if (seen.has(k)) return;
      seen.add(k);
      report(path, message, part, severity);
    };
    if (own !== undefined) checkShape(child, own, here, once, key);
    for (const s of extra) checkShape(child, s, here, once, key);
  }
  for (const v of variants) v.refine?.(value, at, report);
}

function sameKind(value: unknown, shape: Shape): boolean {
  switch (shape.kind) {
    case "string":
      return typeof value === "string";
    case "number":
    case "integer":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    case "lazy":
      return sameKind(value, shape.get());
    default:
      return false;
  }
}

/** `a number (42)`, `null`, `a list`, `a mapping`, `text ("x")`. */
export function describe(value: unknown): string {
  if (value === null) return "null (empty)";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string")
    return `text (${JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value)})`;
  if (typeof value === "number") return `a number (${value})`;
  if (typeof value === "boolean") return `${value}`;
  return typeof value;
}

export function orList(values: readonly string[]): string {
  if (values.length === 1) return values[0]!;
  return `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}

function lastName(at: DocPath): string {
  for (let i = at.length - 1; i >= 0; i--) {
    const s = at[i];
    if (typeof s === "string") return i === at.length - 1 ? s : `${s} entry`;
  }
  return "the document";
}

function singular(name: string): string {
  if (name.endsWith("ies")) return `${name.slice(0, -3)}y`;
  if (name.endsWith("s") && !name.endsWith("ss")) return name.slice(0, -1);
  return `${name} entry`;
}
