/**
 * Data Contract Specification documents (`dataContractSpecification: 1.x`, the format many teams keep) read
 * by converting them to ODCS v3.1.0: info → the header, servers (a mapping) → a list, models and their
 * fields → schema objects and properties, enums → invalidValues rules, $ref → the definition. What has no
 * place in ODCS goes to customProperties. Each ODCS path remembers the DCS path it came from, so lint
 * problems point at the line the user wrote.
 */
import type { DocPath } from "./contract.model.ts";
import { type Issues, isObject, type Json } from "./issues.ts";
import { serverVariant } from "./standard/servers.shapes.ts";

export function looksLikeDcs(doc: Json): boolean {
  return typeof doc.dataContractSpecification === "string" || (isObject(doc.models) && isObject(doc.info));
}

export interface DcsConversion {
  odcs: Json;
  /** ODCS path (rendered) → the DCS path it came from. */
  origin: Map<string, DocPath>;
}

const TYPES: Record<string, string> = {
  string: "string",
  text: "string",
  varchar: "string",
  bytes: "string",
  uuid: "string",
  number: "number",
  decimal: "number",
  numeric: "number",
  double: "number",
  float: "number",
  integer: "integer",
  int: "integer",
  long: "integer",
  bigint: "integer",
  boolean: "boolean",
  timestamp: "timestamp",
  timestamp_tz: "timestamp",
  timestamp_ntz: "timestamp",
  date: "date",
  time: "time",
  object: "object",
  record: "object",
  struct: "object",
  map: "object",
  array: "array",
};

const key = (path: DocPath): string => path.map((s) => (typeof s === "number" ? `[${s}]` : `.${s}`)).join("");

export function convertDcs(doc: Json, issues: Issues): DcsConversion {
  const origin = new Map<string, DocPath>();
  const info = isObject(doc.info) ? doc.info : {};
  const odcs: Json = {
    apiVersion: "v3.1.0",
    kind: "DataContract",
    id: typeof doc.id === "string" ? doc.id : "",
    version: info.version !== undefined ? String(info.version) : "",
    status: typeof info.status === "string" ? info.status : "active",
  };
  origin.set(key(["id"]), ["id"]);
  origin.set(key(["version"]), ["info", "version"]);
  if (typeof info.title === "string") odcs.name = info.title;
  const custom: Json[] = [];
  if (typeof info.owner === "string") custom.push({ property: "owner", value: info.owner });
  if (isObject(info.contact)) custom.push({ property: "contact", value: info.contact });
  const description: Json = {};
  if (typeof info.description === "string") description.purpose = info.description;
  if (isObject(doc.terms)) {
    if (typeof doc.terms.usage === "string") description.usage = doc.terms.usage;
    if (typeof doc.terms.limitations === "string") description.limitations = doc.terms.limitations;
  }
  if (Object.keys(description).length > 0) odcs.description = description;
  if (isObject(doc.servers)) {
    odcs.servers = Object.entries(doc.servers).flatMap(([name, raw], i) => {
      if (!isObject(raw)) {
        issues.error(["servers", name], `server ${name} must be a mapping`);
        return [];
      }
      origin.set(key(["servers", i]), ["servers", name]);
      return [convertServer(name, raw)];
    });
  }
  const definitions = isObject(doc.definitions) ? doc.definitions : {};
  if (doc.models !== undefined && !isObject(doc.models))
    issues.error(["models"], "models must be a mapping of model names to models");
  const models = isObject(doc.models) ? doc.models : {};
  odcs.schema = Object.entries(models).flatMap(([name, raw], i) => {
    const at: DocPath = ["models", name];
    if (!isObject(raw)) {
      issues.error(at, `model ${name} must be a mapping (type, fields…)`);
      return [];
    }
    origin.set(key(["schema", i]), at);
    const schema: Json = { name };
    if (typeof raw.type === "string") schema.physicalType = raw.type;
    if (typeof raw.description === "string") schema.description = raw.description;
    const keys = Array.isArray(raw.primaryKey) ? raw.primaryKey.filter((k) => typeof k === "string") : [];
    if (raw.fields !== undefined && !isObject(raw.fields))
      issues.error([...at, "fields"], "fields must be a mapping of field names to fields");
    const fields = isObject(raw.fields) ? raw.fields : {};
    schema.properties = Object.entries(fields).map(([field, f], j) =>
      convertField(
        field,
        f,
        [...at, "fields", field],
        ["schema", i, "properties", j],
        definitions,
        origin,
        issues,
      ),
    );
    keys.forEach((k, position) => {
      const p = (schema.properties as Json[]).find((x) => x.name === k);
      if (p === undefined)
        issues.warning([...at, "primaryKey"], `primaryKey names ${k}, which is not a field of ${name}`);
      else Object.assign(p, { primaryKey: true, primaryKeyPosition: position + 1, required: true });
    });
    const quality = convertQuality(raw.quality, [...at, "quality"], issues);
    if (quality.length > 0) schema.quality = quality;
    return [schema];
  });
  for (const [name, value] of Object.entries(doc)) {
    if (
      ["dataContractSpecification", "id", "info", "servers", "models", "definitions", "terms"].includes(name)
    )
      continue;
    custom.push({ property: name, value });
  }
  if (custom.length > 0) odcs.customProperties = custom;
  return { odcs, origin };
}

function convertServer(name: string, raw: Json): Json {
  const type = typeof raw.type === "string" ? raw.type : "custom";
  const server: Json = { server: name, type };
  const allowed = new Set(Object.keys(serverVariant("3.1", type)[0]?.fields ?? {}));
  const custom: Json[] = [];
  for (const [k, v] of Object.entries(raw)) {
    if (k === "type") continue;
    if (k === "description" || k === "environment") server[k] = v;
    else if (allowed.has(k)) server[k] = k === "port" && typeof v === "string" ? Number(v) : v;
    else custom.push({ property: k, value: v });
  }
  if (custom.length > 0) server.customProperties = custom;
  return server;
}

function convertField(
  name: string,
  raw: unknown,
  at: DocPath,
  target: DocPath,
  definitions: Json,
  origin: Map<string, DocPath>,
  issues: Issues,
  depth = 0,
): Json {
  origin.set(key(target), at);
  let f: Json = isObject(raw) ? raw : {};
  if (!isObject(raw)) issues.error(at, `field ${name} must be a mapping (type, required…)`);
  if (typeof f.$ref === "string") {
    const match = /^#\/definitions\/(.+)$/.exec(f.$ref);
    const def = match ? definitions[match[1]!] : undefined;
    if (isObject(def)) f = { ...def, ...f };
    else
      issues.warning(
        [...at, "$ref"],
        `$ref ${f.$ref} does not name a definition of this document: the field is not checked`,
      );
  }
  const p: Json = { name };
  const type = typeof f.type === "string" ? TYPES[f.type.toLowerCase()] : undefined;
  if (typeof f.type === "string") {
    p.physicalType = f.type;
    if (type === undefined)
      issues.warning([...at, "type"], `type ${f.type} has no ODCS logical type: any value is accepted`);
    else p.logicalType = type;
  }
  if (typeof f.description === "string") p.description = f.description;
  if (typeof f.title === "string") p.businessName = f.title;
  for (const b of ["required", "unique", "primaryKey"] as const) if (typeof f[b] === "boolean") p[b] = f[b];
  if (typeof f.classification === "string") p.classification = f.classification;
  if (Array.isArray(f.tags)) p.tags = f.tags.filter((t) => typeof t === "string");
  if (f.example !== undefined) p.examples = [f.example];
  if (Array.isArray(f.examples)) p.examples = f.examples;
  const options: Json = {};
  const optionKeys: Record<string, readonly string[]> = {
    string: ["minLength", "maxLength", "pattern", "format"],
    number: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
    integer: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
    date: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "format"],
    timestamp: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "format"],
    time: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "format"],
    array: ["minItems", "maxItems", "uniqueItems"],
    object: [],
    boolean: [],
  };
  for (const k of optionKeys[type ?? ""] ?? []) {
    const v = f[k];
    if (v === undefined) continue;
    // DCS writes draft-4 style flags sometimes (exclusiveMinimum: true beside minimum)
    if ((k === "exclusiveMinimum" || k === "exclusiveMaximum") && typeof v === "boolean") {
      const bound = k === "exclusiveMinimum" ? "minimum" : "maximum";
      if (v && f[bound] !== undefined) {
        options[k] = f[bound];
        delete options[bound];
      }
      continue;
    }
    if (
      (k === "minimum" || k === "maximum") &&
      options[k === "minimum" ? "exclusiveMinimum" : "exclusiveMaximum"] !== undefined
    )
      continue;
    options[k] = type === "date" || type === "timestamp" || type === "time" ? String(v) : v;
  }
  if (Object.keys(options).length > 0) p.logicalTypeOptions = options;
  const quality = convertQuality(f.quality, [...at, "quality"], issues);
  if (Array.isArray(f.enum) && f.enum.length > 0)
    quality.unshift({
      type: "library",
      metric: "invalidValues",
      arguments: { validValues: f.enum },
      mustBe: 0,
    });
  if (quality.length > 0) p.quality = quality;
  if (depth < 32 && type === "object" && isObject(f.fields)) {
    p.properties = Object.entries(f.fields).map(([child, c], j) =>
      convertField(
        child,
        c,
        [...at, "fields", child],
        [...target, "properties", j],
        definitions,
        origin,
        issues,
        depth + 1,
      ),
    );
  }
  if (depth < 32 && type === "array" && isObject(f.items)) {
    const item = convertField(
      "item",
      f.items,
      [...at, "items"],
      [...target, "items"],
      definitions,
      origin,
      issues,
      depth + 1,
    );
    delete item.name;
    p.items = item;
  }
  return p;
}

const OPERATORS = [
  "mustBe",
  "mustNotBe",
  "mustBeGreaterThan",
  "mustBeGreaterOrEqualTo",
  "mustBeLessThan",
  "mustBeLessOrEqualTo",
  "mustBeBetween",
  "mustNotBeBetween",
];

function convertQuality(raw: unknown, at: DocPath, issues: Issues): Json[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    issues.warning(at, "quality must be a list of rules: ignored");
    return [];
  }
  return raw.flatMap((q, i) => {
    if (!isObject(q)) return [];
    const type = typeof q.type === "string" ? q.type : q.metric !== undefined ? "library" : "text";
    const out: Json = {};
    for (const k of ["name", "description", "dimension", "severity", "unit", "businessImpact"])
      if (q[k] !== undefined) out[k] = q[k];
    if (type === "sql" || type === "library" || type === "text") {
      out.type = type;
      for (const k of ["query", "metric", "arguments", ...OPERATORS]) if (q[k] !== undefined) out[k] = q[k];
      if (type === "library" && out.metric === undefined && typeof q.rule === "string") out.rule = q.rule;
    } else {
      // great-expectations, soda, custom…: kept as a custom rule of that engine
      out.type = "custom";
      out.engine = type;
      const { type: _t, description: _d, name: _n, ...rest } = q;
      out.implementation = rest;
      issues.warning(
        [...at, i, "type"],
        `quality rules of type ${type} are kept (as custom) but not run by driftwatch`,
      );
    }
    return [out];
  });
}
