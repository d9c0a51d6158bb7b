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
  type CustomProperty,
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
  if (!Array.isArray(raw)) return []; // the standard's structure check reports it
  const seen = new Map<string, number>();
  const out: PropertyModel[] = [];
  raw.forEach((entry, i) => {
    const at = [...path, i];
    if (!isObject(entry) || typeof entry.name !== "string" || entry.name.length === 0) return;
    const first = seen.get(entry.name);
    if (first !== undefined) {
      issues.warning(
        [...at, "name"],
        `duplicate property name "${entry.name}" (first at properties[${first}]): this one is ignored`,
      );
      return;
    }
    seen.set(entry.name, i);
    const prop = readProperty(entry, entry.name, at, issues, depth);
    if (prop !== undefined) out.push(prop);
  });
  return out;
}

function readBool(entry: Json, key: string): boolean {
  return entry[key] === true;
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
    }
  } else if (entry.properties !== undefined) {
    logicalType = "object";
  } else if (entry.items !== undefined) {
    logicalType = "array";
  } else {
    issues.warning(at, `property "${name}" has no logicalType: any value is accepted`);
  }
  const required = readBool(entry, "required");
  const custom = readCustomProperties(entry.customProperties, [...at, "customProperties"], issues);
  const prop: PropertyModel = {
    name,
    required,
    nullable: !required,
    unique: readBool(entry, "unique"),
    primaryKey: readBool(entry, "primaryKey"),
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
  readEnum(prop, entry, at, custom, issues);
  if (logicalType === "object" || entry.properties !== undefined) {
    if (logicalType === undefined || logicalType === "object") {
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
    } else if (entry.items === undefined) {
      issues.warning(at, `array "${name}" has no items: its elements are not checked`);
    }
  }
  return prop;
}

function markRequiredChildren(prop: PropertyModel, options: unknown, at: DocPath, issues: Issues): void {
  if (!isObject(options) || options.required === undefined) return;
  const list = options.required;
  if (!Array.isArray(list)) return;
  const listed = (prop.properties?.length ?? 0) > 0;
  prop.properties ??= [];
  for (const name of list) {
    if (typeof name !== "string") continue;
    const child = prop.properties.find((c) => c.name === name);
    if (child !== undefined) {
      child.required = true;
      child.nullable = false;
      continue;
    }
    // a required name without a property: it must be present, whatever its value
    if (listed)
      issues.warning(
        [...at, "logicalTypeOptions", "required"],
        `required names "${name}", which is not among the properties: only its presence is checked`,
      );
    prop.properties.push({
      name,
      required: true,
      nullable: false,
      unique: false,
      primaryKey: false,
      options: {},
      quality: [],
      severity: {},
      docPath: [...at, "logicalTypeOptions", "required"],
    });
  }
  // an object that names its required fields without listing its properties is open to other fields
  if (!listed) prop.additionalProperties = true;
}

function readOptions(prop: PropertyModel, raw: unknown, at: DocPath, issues: Issues): void {
  if (raw === undefined || raw === null) return;
  if (!isObject(raw)) return;
  const type = prop.logicalType;
  const allowed = type === undefined ? [] : OPTIONS_BY_TYPE[type];
  const options: LogicalTypeOptions = prop.options;
  for (const [key, value] of Object.entries(raw)) {
    const here = [...at, key];
    if (key === "enum") continue; // read by readEnum
    if (type === undefined || !allowed.includes(key)) continue; // the standard's structure check reports it
    switch (key) {
      case "pattern": {
        if (typeof value === "string") {
          const problem = regexProblem(value);
          if (problem === undefined) options.pattern = value;
          else issues.warning(here, `invalid regular expression: ${problem}; the pattern is not checked`);
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
        break;
      case "minimum":
      case "maximum":
      case "exclusiveMinimum":
      case "exclusiveMaximum":
        readBound(options, key, type, value);
        break;
      case "multipleOf":
        if (typeof value === "number" && value > 0) options.multipleOf = value;
        break;
      case "uniqueItems":
      case "timezone":
        if (typeof value === "boolean") options[key] = value;
        break;
      default:
        break; // required (objects) is read with the children; defaultTimezone is informational
    }
  }
  exclusiveFlags(options, raw);
  checkRanges(options, at, issues);
}

/** ODCS v3.0 writes exclusive bounds as flags beside minimum / maximum (`exclusiveMinimum: true`). */
function exclusiveFlags(options: LogicalTypeOptions, raw: Json): void {
  if (raw.exclusiveMinimum === true && options.minimum !== undefined) {
    options.exclusiveMinimum = options.minimum;
    delete options.minimum;
  }
  if (raw.exclusiveMaximum === true && options.maximum !== undefined) {
    options.exclusiveMaximum = options.maximum;
    delete options.maximum;
  }
}

function readFormat(
  options: LogicalTypeOptions,
  type: LogicalType | undefined,
  value: unknown,
  at: DocPath,
  issues: Issues,
): void {
  if (typeof value !== "string" || value.length === 0) return;
  if (type === "integer") {
    if (integerWidth(value) !== undefined) options.format = value;
    return;
  }
  if (type === "number") {
    if (isFloatFormat(value)) options.format = value;
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
      issues.warning(at, `${err instanceof Error ? err.message : String(err)}; the format is not checked`);
    }
    return;
  }
  if (!isStringFormat(value)) {
    issues.warning(
      at,
      `format "${value}" is not one driftwatch checks (${STRING_FORMATS.join(", ")}); it is not checked`,
    );
    return;
  }
  options.format = value;
}

function readBound(
  options: LogicalTypeOptions,
  key: "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum",
  type: LogicalType | undefined,
  value: unknown,
): void {
  if (type === "date" || type === "timestamp" || type === "time") {
    if (typeof value !== "string" && !(value instanceof Date)) return;
    options[key] = value instanceof Date ? value.toISOString() : value;
    return;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) return;
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
      issues.warning(
        [...at, low],
        `${low} (${String(a)}) is above ${high} (${String(b)}): no value can pass`,
      );
    }
  }
}

function readEnum(
  prop: PropertyModel,
  entry: Json,
  at: DocPath,
  custom: Map<string, CustomProperty>,
  issues: Issues,
): void {
  const sources: Array<[unknown, DocPath]> = [];
  // the standard has no enum: driftwatch reads customProperties `enum`, and the two forms other tools
  // write (a property-level enum, logicalTypeOptions.enum), which the standard's check reports
  const fromCustom = custom.get("enum");
  if (fromCustom !== undefined) sources.push([fromCustom.value, fromCustom.path]);
  if (entry.enum !== undefined) sources.push([entry.enum, [...at, "enum"]]);
  if (isObject(entry.logicalTypeOptions) && entry.logicalTypeOptions.enum !== undefined) {
    sources.push([entry.logicalTypeOptions.enum, [...at, "logicalTypeOptions", "enum"]]);
  }
  for (const [raw, here] of sources) {
    if (!Array.isArray(raw) || raw.length === 0) {
      issues.warning(here, "enum must be a non-empty list of values; it is ignored");
      continue;
    }
    // the v3.2 form lists { value, label, ... } entries
    const values = raw.map((v) => (isObject(v) && "value" in v ? v.value : v));
    values.forEach((v, i) => {
      const problem = enumValueProblem(v, prop.logicalType);
      if (problem !== undefined) issues.warning([...here, i], problem);
    });
    prop.enum = prop.enum === undefined ? values : prop.enum.filter((v) => values.includes(v));
  }
  for (const rule of prop.quality) {
    if (rule.metric === "invalidValues" && rule.validValues !== undefined) {
      rule.validValues.forEach((v, i) => {
        const problem = enumValueProblem(v, prop.logicalType);
        if (problem !== undefined) issues.warning([...rule.docPath, "arguments", "validValues", i], problem);
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
  // null among the valid values says that null is accepted (it is, where the property is not required)
  return fits || value === null
    ? undefined
    : `value ${JSON.stringify(value)} is not ${type === "integer" ? "an" : "a"} ${type}: no value of the property can equal it`;
}
