/** Turns the contract model into JSON Schema 2020-12: the whole record (fast path) or one level (walker). */

import { type Ajv, jdkFormat } from "./ajv.factory.ts";
import type { PropertyModel, SchemaModel } from "./contract.model.ts";
import { floatWidth, integerWidth, isComparableFormat, isStringFormat } from "./formats-catalog.ts";
import type { Json } from "./issues.ts";

/** JSON Schema of one record of the schema object; unexpected fields fail it when they are reported at all. */
export function recordSchema(schema: SchemaModel, ajv: Ajv): Json {
  const out: Json = { type: "object", properties: {} as Json };
  const properties = out.properties as Json;
  const required: string[] = [];
  for (const p of schema.properties) {
    properties[p.name] = propertySchema(p, ajv, true);
    if (p.required) required.push(p.name);
  }
  if (required.length > 0) out.required = required;
  if (schema.reportUnexpected) out.additionalProperties = false;
  return out;
}

/**
 * JSON Schema of a property. `deep` includes children (object properties, array items); without it only
 * the checks on the value itself remain, so Ajv's errors stay bounded by the number of keywords.
 */
export function propertySchema(p: PropertyModel, ajv: Ajv, deep: boolean, reportUnexpected = true): Json {
  if (p.opaqueSchema !== undefined) return p.opaqueSchema;
  const s: Json = {};
  const o = p.options;
  let baseType: string | undefined;
  switch (p.logicalType) {
    case undefined:
      break;
    case "string":
      baseType = "string";
      if (o.pattern !== undefined) s.pattern = o.pattern;
      if (o.format !== undefined) s.format = o.format;
      if (o.minLength !== undefined) s.minLength = o.minLength;
      if (o.maxLength !== undefined) s.maxLength = o.maxLength;
      break;
    case "date":
    case "timestamp":
    case "time": {
      baseType = "string";
      const format = temporalFormat(p, ajv);
      s.format = format;
      if (isComparableFormat(format)) {
        if (o.minimum !== undefined) s.formatMinimum = o.minimum;
        if (o.maximum !== undefined) s.formatMaximum = o.maximum;
        if (o.exclusiveMinimum !== undefined) s.formatExclusiveMinimum = o.exclusiveMinimum;
        if (o.exclusiveMaximum !== undefined) s.formatExclusiveMaximum = o.exclusiveMaximum;
      }
      break;
    }
    case "integer":
    case "number": {
      baseType = p.logicalType;
      const width = o.format === undefined ? undefined : (integerWidth(o.format) ?? floatWidth(o.format));
      const min = numeric(o.minimum);
      const max = numeric(o.maximum);
      if (min !== undefined || width !== undefined)
        s.minimum = Math.max(min ?? -Infinity, width?.[0] ?? -Infinity);
      if (max !== undefined || width !== undefined)
        s.maximum = Math.min(max ?? Infinity, width?.[1] ?? Infinity);
      if (typeof o.exclusiveMinimum === "number") s.exclusiveMinimum = o.exclusiveMinimum;
      if (typeof o.exclusiveMaximum === "number") s.exclusiveMaximum = o.exclusiveMaximum;
      if (o.multipleOf !== undefined) s.multipleOf = o.multipleOf;
      break;
    }
    case "boolean":
      baseType = "boolean";
      break;
    case "object": {
      baseType = "object";
      if (o.minProperties !== undefined) s.minProperties = o.minProperties;
      if (o.maxProperties !== undefined) s.maxProperties = o.maxProperties;
      if (deep && p.properties !== undefined) {
        const props: Json = {};
        const required: string[] = [];
        for (const child of p.properties) {
          props[child.name] = propertySchema(child, ajv, true, reportUnexpected);
          if (child.required) required.push(child.name);
        }
        s.properties = props;
        if (required.length > 0) s.required = required;
        const closed =
          p.additionalProperties === false || (p.additionalProperties === undefined && reportUnexpected);
        if (closed) s.additionalProperties = false;
      }
      break;
    }
    case "array":
      baseType = "array";
      if (o.minItems !== undefined) s.minItems = o.minItems;
      if (o.maxItems !== undefined) s.maxItems = o.maxItems;
      if (o.uniqueItems) s.uniqueItems = true;
      if (deep && p.items !== undefined) s.items = propertySchema(p.items, ajv, true, reportUnexpected);
      break;
  }
  if (p.enum !== undefined) s.enum = p.nullable ? [...p.enum, null] : p.enum;
  if (baseType !== undefined) s.type = p.nullable ? [baseType, "null"] : baseType;
  return s;
}

/** The Ajv format a date/timestamp/time property is checked with. */
export function temporalFormat(p: PropertyModel, ajv: Ajv): string {
  const f = p.options.format;
  if (f !== undefined) return isStringFormat(f) ? f : jdkFormat(ajv, f);
  const zoned = p.options.timezone === true;
  if (p.logicalType === "date") return "date";
  if (p.logicalType === "time") return zoned ? "time" : "iso-time";
  return zoned ? "date-time" : "iso-date-time";
}

function numeric(value: number | string | undefined): number | undefined {
  return typeof value === "number" ? value : undefined;
}
