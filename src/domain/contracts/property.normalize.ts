/** Reads ODCS schema properties (recursively: objects and arrays of objects) into PropertyModel. */
import {
  type DocPath,
  LOGICAL_TYPES,
  type LogicalType,
  type LogicalTypeOptions,
  type PropertyModel,
} from "./contract.model.ts";
import {
  integerWidth,
  isFloatFormat,
  isStringFormat,
  jdkPatternToRegExp,
  STRING_FORMATS,
} from "./formats-catalog.ts";
import {
  type Issues,
  isObject,
  type Json,
  readCustomProperties,
  readSeverityOverrides,
  regexProblem,
} from "./issues.ts";
import { readQualityRules } from "./quality.normalize.ts";

/** Deepest nesting of properties read (a bound against runaway documents). */
export const MAX_PROPERTY_DEPTH = 32;

const OPTIONS_BY_TYPE: Record<LogicalType, readonly string[]> = {
  string: ["pattern", "format", "minLength", "maxLength"],
  date: ["format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"],
  timestamp: [
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "timezone",
    "defaultTimezone",
  ],
  time: [
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "timezone",
    "defaultTimezone",
  ],
  integer: ["format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
  number: ["format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
  boolean: [],
  object: ["minProperties", "maxProperties", "required"],
  array: ["minItems", "maxItems", "uniqueItems"],
};

export function readProperties(raw: unknown, path: DocPath, issues: Issues, depth: number): PropertyModel[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    issues.error(path, "properties must be a list");
    return [];
  }
  const seen = new Map<string, number>();
  const out: PropertyModel[] = [];
  raw.forEach((entry, i) => {
    const at = [...path, i];
    if (!isObject(entry)) {
      issues.error(at, "a property must be a mapping with at least a name");
      return;
    }
    if (typeof entry.name !== "string" || entry.name.length === 0) {
      issues.error(at, "a property needs a name");
      return;
    }
    const first = seen.get(entry.name);
    if (first !== undefined) {
      issues.error(
        [...at, "name"],
        `duplicate property name "${entry.name}" (first at properties[${first}])`,
      );
      return;
    }
    seen.set(entry.name, i);
    const prop = readProperty(entry, entry.name, at, issues, depth);
    if (prop !== undefined) out.push(prop);
  });
  return out;
}

function readBool(entry: Json, key: string, at: DocPath, issues: Issues): boolean {
  const value = entry[key];
  if (value === undefined || value === null) return false;
  if (typeof value === "boolean") return value;
  issues.error([...at, key], `${key} must be true or false`);
  return false;
}

export function readProperty(
  entry: Json,
  name: string,
  at: DocPath,
  issues: Issues,
  depth: number,
): PropertyModel | undefined {
  if (depth > MAX_PROPERTY_DEPTH) {
    issues.error(at, `properties nested deeper than ${MAX_PROPERTY_DEPTH} levels are not supported`);
    return undefined;
  }
  let logicalType: LogicalType | undefined;
  if (entry.logicalType !== undefined) {
    if ((LOGICAL_TYPES as readonly string[]).includes(entry.logicalType as string)) {
      logicalType = entry.logicalType as LogicalType;
    } else {
      issues.error(
        [...at, "logicalType"],
        `unknown logicalType "${String(entry.logicalType)}"; use one of ${LOGICAL_TYPES.join(", ")}`,
      );
    }
  } else if (entry.properties !== undefined) {
    logicalType = "object";
  } else if (entry.items !== undefined) {
    logicalType = "array";
  } else {
    issues.warning(at, `property "${name}" has no logicalType: any value is accepted`);
  }
  const required = readBool(entry, "required", at, issues);
  const custom = readCustomProperties(entry.customProperties, [...at, "customProperties"], issues);
  const prop: PropertyModel = {
    name,
    required,
    nullable: !required,
    unique: readBool(entry, "unique", at, issues),
    primaryKey: readBool(entry, "primaryKey", at, issues),
    options: {},
    quality: readQualityRules(entry.quality, [...at, "quality"], "property", issues),
    severity: readSeverityOverrides(custom.get("severity"), issues),
    docPath: at,
  };
  if (logicalType !== undefined) prop.logicalType = logicalType;
  if (typeof entry.primaryKeyPosition === "number" && entry.primaryKeyPosition > 0) {
    prop.primaryKeyPosition = entry.primaryKeyPosition;
  }
  if (prop.primaryKey) {
    prop.required = true;
    prop.nullable = false;
  }
  readOptions(prop, entry.logicalTypeOptions, [...at, "logicalTypeOptions"], issues);
  readEnum(prop, entry, at, issues);
  if (logicalType === "object" || entry.properties !== undefined) {
    if (logicalType !== undefined && logicalType !== "object") {
      issues.warning([...at, "properties"], `properties are ignored on a ${logicalType}`, "key");
    } else {
      prop.properties = readProperties(entry.properties, [...at, "properties"], issues, depth + 1);
      markRequiredChildren(prop, entry.logicalTypeOptions, at, issues);
    }
  }
  if (logicalType === "array") {
    if (isObject(entry.items)) {
      const item = readProperty(entry.items, "item", [...at, "items"], issues, depth + 1);
      if (item !== undefined) {
        // array elements are never null: a null element is a type mismatch
        item.nullable = false;
        prop.items = item;
      }
    } else if (entry.items !== undefined) {
      issues.error([...at, "items"], "items must be a mapping describing one element");
    } else {
      issues.warning(at, `array "${name}" has no items: its elements are not checked`);
    }
  } else if (entry.items !== undefined) {
    issues.warning(
      [...at, "items"],
      `items are ignored on a ${logicalType ?? "property without logicalType"}`,
      "key",
    );
  }
  return prop;
}

function markRequiredChildren(prop: PropertyModel, options: unknown, at: DocPath, issues: Issues): void {
  if (!isObject(options) || options.required === undefined) return;
  const list = options.required;
  if (!Array.isArray(list)) {
    issues.error([...at, "logicalTypeOptions", "required"], "required must be a list of property names");
    return;
  }
  for (const name of list) {
    const child = prop.properties?.find((c) => c.name === name);
    if (child === undefined) {
      issues.error(
        [...at, "logicalTypeOptions", "required"],
        `required names an unknown property "${String(name)}"`,
      );
    } else {
      child.required = true;
      child.nullable = false;
    }
  }
}

function readOptions(prop: PropertyModel, raw: unknown, at: DocPath, issues: Issues): void {
  if (raw === undefined || raw === null) return;
  if (!isObject(raw)) {
    issues.error(at, "logicalTypeOptions must be a mapping");
    return;
  }
  const type = prop.logicalType;
  const allowed = type === undefined ? [] : OPTIONS_BY_TYPE[type];
  const options: LogicalTypeOptions = prop.options;
  for (const [key, value] of Object.entries(raw)) {
    const here = [...at, key];
    if (key === "enum") continue; // read by readEnum
    if (type !== undefined && !allowed.includes(key)) {
      issues.warning(here, `option ${key} does not apply to ${type} and is ignored`, "key");
      continue;
    }
    switch (key) {
      case "pattern": {
        if (typeof value !== "string") issues.error(here, "pattern must be a string");
        else {
          const problem = regexProblem(value);
          if (problem === undefined) options.pattern = value;
          else issues.error(here, `invalid regular expression: ${problem}`);
        }
        break;
      }
      case "format":
        readFormat(options, type, value, here, issues);
        break;
      case "minLength":
      case "maxLength":
      case "minItems":
      case "maxItems":
      case "minProperties":
      case "maxProperties":
        if (typeof value === "number" && Number.isInteger(value) && value >= 0) options[key] = value;
        else issues.error(here, `${key} must be a whole number ≥ 0`);
        break;
      case "minimum":
      case "maximum":
      case "exclusiveMinimum":
      case "exclusiveMaximum":
        readBound(options, key, type, value, here, issues);
        break;
      case "multipleOf":
        if (typeof value === "number" && value > 0) options.multipleOf = value;
        else issues.error(here, "multipleOf must be a number above 0");
        break;
      case "uniqueItems":
      case "timezone":
        if (typeof value === "boolean") options[key] = value;
        else issues.error(here, `${key} must be true or false`);
        break;
      default:
        break; // required (objects) is read with the children; defaultTimezone is informational
    }
  }
  checkRanges(options, at, issues);
}

function readFormat(
  options: LogicalTypeOptions,
  type: LogicalType | undefined,
  value: unknown,
  at: DocPath,
  issues: Issues,
): void {
  if (typeof value !== "string" || value.length === 0) {
    issues.error(at, "format must be a non-empty string");
    return;
  }
  if (type === "integer") {
    if (integerWidth(value) === undefined)
      issues.error(at, `unknown integer format "${value}"; use i8…i128 or u8…u128`);
    else options.format = value;
    return;
  }
  if (type === "number") {
    if (!isFloatFormat(value)) issues.error(at, `unknown number format "${value}"; use f32 or f64`);
    else options.format = value;
    return;
  }
  if (type === "date" || type === "timestamp" || type === "time") {
    if (isStringFormat(value)) {
      options.format = value;
      return;
    }
    try {
      jdkPatternToRegExp(value);
      options.format = value;
    } catch (err) {
      issues.error(at, err instanceof Error ? err.message : String(err));
    }
    return;
  }
  if (!isStringFormat(value)) {
    issues.error(at, `unknown format "${value}"; known formats: ${STRING_FORMATS.join(", ")}`);
    return;
  }
  options.format = value;
}

function readBound(
  options: LogicalTypeOptions,
  key: "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum",
  type: LogicalType | undefined,
  value: unknown,
  at: DocPath,
  issues: Issues,
): void {
  if (type === "date" || type === "timestamp" || type === "time") {
    if (typeof value !== "string" && !(value instanceof Date)) {
      issues.error(at, `${key} of a ${type} must be a ${type} string`);
      return;
    }
    options[key] = value instanceof Date ? value.toISOString() : value;
    return;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) {
    issues.error(at, `${key} must be a number`);
    return;
  }
  options[key] = value;
}

function checkRanges(o: LogicalTypeOptions, at: DocPath, issues: Issues): void {
  const pairs: Array<[keyof LogicalTypeOptions, keyof LogicalTypeOptions]> = [
    ["minLength", "maxLength"],
    ["minItems", "maxItems"],
    ["minProperties", "maxProperties"],
    ["minimum", "maximum"],
    ["exclusiveMinimum", "exclusiveMaximum"],
    ["minimum", "exclusiveMaximum"],
    ["exclusiveMinimum", "maximum"],
  ];
  for (const [low, high] of pairs) {
    const a = o[low];
    const b = o[high];
    if (a === undefined || b === undefined || typeof a !== typeof b) continue;
    const strict = low.startsWith("exclusive") || high.startsWith("exclusive");
    if ((a as number | string) > (b as number | string) || (strict && a === b)) {
      issues.error([...at, low], `${low} (${String(a)}) is above ${high} (${String(b)}): no value can pass`);
    }
  }
}

function readEnum(prop: PropertyModel, entry: Json, at: DocPath, issues: Issues): void {
  const sources: Array<[unknown, DocPath]> = [];
  if (entry.enum !== undefined) sources.push([entry.enum, [...at, "enum"]]);
  if (isObject(entry.logicalTypeOptions) && entry.logicalTypeOptions.enum !== undefined) {
    sources.push([entry.logicalTypeOptions.enum, [...at, "logicalTypeOptions", "enum"]]);
  }
  for (const [raw, here] of sources) {
    if (!Array.isArray(raw) || raw.length === 0) {
      issues.error(here, "enum must be a non-empty list of values");
      continue;
    }
    // the v3.2 form lists { value, label, ... } entries
    const values = raw.map((v) => (isObject(v) && "value" in v ? v.value : v));
    values.forEach((v, i) => {
      const problem = enumValueProblem(v, prop.logicalType);
      if (problem !== undefined) issues.error([...here, i], problem);
    });
    prop.enum = prop.enum === undefined ? values : prop.enum.filter((v) => values.includes(v));
  }
  for (const rule of prop.quality) {
    if (rule.metric === "invalidValues" && rule.validValues !== undefined) {
      rule.validValues.forEach((v, i) => {
        const problem = enumValueProblem(v, prop.logicalType);
        if (problem !== undefined) issues.error([...rule.docPath, "arguments", "validValues", i], problem);
      });
    }
  }
}

function enumValueProblem(value: unknown, type: LogicalType | undefined): string | undefined {
  const fits = (() => {
    switch (type) {
      case undefined:
        return true;
      case "string":
      case "date":
      case "timestamp":
      case "time":
        return typeof value === "string";
      case "integer":
        return typeof value === "number" && Number.isInteger(value);
      case "number":
        return typeof value === "number";
      case "boolean":
        return typeof value === "boolean";
      default:
        return false;
    }
  })();
  return fits
    ? undefined
    : `enum value ${JSON.stringify(value)} is not ${type === "integer" ? "an" : "a"} ${type}`;
}
