/** The `expected` and `actual` texts of findings: short, human, derived from the contract and the value. */
import type { ErrorObject } from "ajv";
import type { CheckNode } from "./contract.compile.ts";

/** JSON type name of a value, telling integers from other numbers. */
export function jsType(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "absent";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function listValues(values: readonly unknown[], max = 10): string {
  const shown = values.slice(0, max).map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
  return values.length > max ? `${shown.join(", ")}, … (${values.length} values)` : shown.join(", ");
}

function bounds(lowKey: string, low: unknown, highKey: string, high: unknown, unit = ""): string {
  const parts: string[] = [];
  if (low !== undefined) parts.push(`${lowKey} ${String(low)}${unit}`);
  if (high !== undefined) parts.push(`${highKey} ${String(high)}${unit}`);
  return parts.join(" and ");
}

export function describeExpected(node: CheckNode | undefined, kind: string, error?: ErrorObject): string {
  const p = node?.prop;
  const label = node?.typeLabel ?? "a value matching the contract";
  switch (kind) {
    case "required":
      return `${label}, required`;
    case "not_null":
      return `${label}, required (not null)`;
    case "type":
      return p?.nullable ? `${label} or null` : label;
    case "enum": {
      const values =
        p?.enum ?? (error?.params as { allowedValues?: unknown[] } | undefined)?.allowedValues ?? [];
      return `one of: ${listValues(values)}`;
    }
    case "pattern":
      return `matches ${p?.options.pattern ?? String((error?.params as { pattern?: string } | undefined)?.pattern ?? "")}`;
    case "format":
      return formatText(
        String((error?.params as { format?: string } | undefined)?.format ?? p?.options.format ?? ""),
      );
    case "length": {
      const o = p?.options;
      if (o === undefined) return error?.message ?? "length within the contract's bounds";
      if (o.minItems !== undefined || o.maxItems !== undefined)
        return `items ${bounds("≥", o.minItems, "≤", o.maxItems)}`;
      if (o.minProperties !== undefined || o.maxProperties !== undefined) {
        return `fields ${bounds("≥", o.minProperties, "≤", o.maxProperties)}`;
      }
      return `length ${bounds("≥", o.minLength, "≤", o.maxLength)}`;
    }
    case "range": {
      const o = p?.options;
      if (o === undefined) return error?.message ?? "within the contract's range";
      const parts = [
        bounds("≥", o.minimum, "≤", o.maximum),
        bounds(">", o.exclusiveMinimum, "<", o.exclusiveMaximum),
        o.multipleOf !== undefined ? `a multiple of ${o.multipleOf}` : "",
      ].filter((x) => x.length > 0);
      if (parts.length === 0 && o.format !== undefined) return `within the ${o.format} range`;
      return parts.join(", ");
    }
    case "unique_items":
      return "array without duplicate items";
    default:
      return error?.message ?? label;
  }
}

export function describeActual(kind: string, value: unknown, error?: ErrorObject): string {
  switch (kind) {
    case "required":
      return "absent";
    case "not_null":
      return "null";
    case "type":
      return jsType(value);
    case "length":
      if (Array.isArray(value)) return `${value.length} items`;
      if (typeof value === "string") return `length ${[...value].length}`;
      if (value !== null && typeof value === "object") return `${Object.keys(value).length} fields`;
      return String(value);
    case "unique_items":
      return error?.message ?? "duplicate items";
    default: {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 79)}…` : text;
    }
  }
}

const FORMAT_TEXT: Record<string, string> = {
  date: "a date (YYYY-MM-DD)",
  "date-time": "a timestamp with time zone (RFC 3339)",
  "iso-date-time": "an ISO 8601 timestamp",
  time: "a time with time zone (HH:MM:SS+hh:mm)",
  "iso-time": "a time (HH:MM:SS)",
};

/** `an ISO 8601 timestamp`, `date like yyyy-MM-dd`, `email format`. */
export function formatText(format: string): string {
  if (format.startsWith("jdk:")) return `like ${format.slice(4)}`;
  return FORMAT_TEXT[format] ?? `${format} format`;
}
