/** Reads an ODCS v3.x document (header, servers, schema objects, customProperties) into a Contract. */
import { formatFromName } from "../formats/file-format.ts";
import type { Contract, CsvSettings, DocPath, SchemaModel } from "./contract.model.ts";
import {
  type CustomProperty,
  type Issues,
  isObject,
  type Json,
  readBoolean,
  readCustomProperties,
  readSeverityOverrides,
} from "./issues.ts";
import { readProperties } from "./property.normalize.ts";
import { readQualityRules } from "./quality.normalize.ts";

export function looksLikeOdcs(doc: Json): boolean {
  return (
    doc.kind === "DataContract" ||
    (typeof doc.apiVersion === "string" && /^v\d/.test(doc.apiVersion)) ||
    Array.isArray(doc.schema)
  );
}

export function readOdcs(doc: Json, issues: Issues): Contract | undefined {
  const id = readIdentity(doc, "id", issues);
  const version = readIdentity(doc, "version", issues);
  if (doc.kind !== undefined && doc.kind !== "DataContract") {
    issues.error(["kind"], `kind must be DataContract, not "${String(doc.kind)}"`);
  }
  if (typeof doc.apiVersion === "string" && !/^v3\./.test(doc.apiVersion)) {
    issues.warning(
      ["apiVersion"],
      `driftwatch reads ODCS v3; ${doc.apiVersion} may place fields differently`,
    );
  } else if (doc.apiVersion === undefined) {
    issues.warning([], "apiVersion is missing (expected v3.1.0)");
  }
  const rootCustom = readCustomProperties(doc.customProperties, ["customProperties"], issues);
  const server = readServer(doc.servers, issues);
  const schemas: SchemaModel[] = [];
  if (!Array.isArray(doc.schema) || doc.schema.length === 0) {
    issues.error(
      doc.schema === undefined ? [] : ["schema"],
      "the contract has no schema objects: nothing to check files against",
    );
  } else {
    doc.schema.forEach((entry, i) => {
      const schema = readSchemaObject(entry, ["schema", i], rootCustom, issues);
      if (schema !== undefined) schemas.push(schema);
    });
    const names = new Set<string>();
    schemas.forEach((s) => {
      if (names.has(s.name)) issues.error([...s.docPath, "name"], `duplicate schema object name "${s.name}"`);
      names.add(s.name);
    });
  }
  if (server.format === "x12") {
    for (const s of schemas) {
      if (s.x12Guide === undefined) {
        issues.error(
          s.docPath,
          `X12 files need an implementation guide: customProperties x12Guide, e.g. "004010/850"`,
        );
      }
    }
  }
  if (id === undefined || version === undefined) return undefined;
  const contract: Contract = {
    id,
    version,
    name: typeof doc.name === "string" && doc.name.length > 0 ? doc.name : (schemas[0]?.name ?? id),
    kind: "odcs",
    schemas,
    document: doc,
  };
  if (server.format !== undefined) contract.format = server.format;
  if (server.delimiter !== undefined) contract.jsonDelimiter = server.delimiter;
  if (server.location !== undefined) contract.location = server.location;
  if (contract.format === "json" && contract.jsonDelimiter === "new_line") contract.format = "ndjson";
  return contract;
}

function readIdentity(doc: Json, key: "id" | "version", issues: Issues): string | undefined {
  const value = doc[key];
  if (typeof value === "string" && value.trim().length > 0) return value.trim();
  if (typeof value === "number") return String(value);
  issues.error(
    value === undefined ? [] : [key],
    `the contract needs a${key === "id" ? "n" : ""} ${key} (a non-empty string)`,
  );
  return undefined;
}

interface ServerInfo {
  format?: Contract["format"];
  delimiter?: "new_line" | "array";
  location?: string;
}

function readServer(raw: unknown, issues: Issues): ServerInfo {
  if (raw === undefined || raw === null) return {};
  if (!Array.isArray(raw)) {
    issues.error(["servers"], "servers must be a list");
    return {};
  }
  // the S3 entry describes the files; otherwise the first entry that names a format
  const index = raw.findIndex((s) => isObject(s) && s.type === "s3");
  const chosen = index !== -1 ? index : raw.findIndex((s) => isObject(s) && s.format !== undefined);
  const info: ServerInfo = {};
  raw.forEach((entry, i) => {
    if (!isObject(entry)) {
      issues.error(["servers", i], "a server entry must be a mapping");
      return;
    }
    const here: DocPath = ["servers", i];
    let format: Contract["format"];
    if (entry.format !== undefined) {
      format = typeof entry.format === "string" ? formatFromName(entry.format) : undefined;
      if (format === undefined) {
        issues.error(
          [...here, "format"],
          `unknown file format "${String(entry.format)}"; use json, ndjson, csv, parquet or x12`,
        );
      }
    }
    let delimiter: ServerInfo["delimiter"];
    if (entry.delimiter !== undefined) {
      if (entry.delimiter === "new_line" || entry.delimiter === "array") delimiter = entry.delimiter;
      else
        issues.error(
          [...here, "delimiter"],
          `delimiter must be new_line or array, not "${String(entry.delimiter)}"`,
        );
    }
    if (i !== chosen) return;
    if (format !== undefined) info.format = format;
    if (delimiter !== undefined) info.delimiter = delimiter;
    if (typeof entry.location === "string") info.location = entry.location;
  });
  return info;
}

function readSchemaObject(
  entry: unknown,
  at: DocPath,
  rootCustom: Map<string, CustomProperty>,
  issues: Issues,
): SchemaModel | undefined {
  if (!isObject(entry)) {
    issues.error(at, "a schema object must be a mapping");
    return undefined;
  }
  if (typeof entry.name !== "string" || entry.name.length === 0) {
    issues.error(at, "a schema object needs a name");
    return undefined;
  }
  const local = readCustomProperties(entry.customProperties, [...at, "customProperties"], issues);
  const custom = new Map([...rootCustom, ...local]);
  const properties = readProperties(entry.properties, [...at, "properties"], issues, 0);
  if (properties.length === 0 && entry.properties === undefined) {
    issues.warning(at, `schema object "${entry.name}" has no properties: every field will be unexpected`);
  }
  const names = properties.map((p) => p.name);
  const strict = readBoolean(custom.get("additionalProperties"), "additionalProperties", issues) === false;
  const schema: SchemaModel = {
    name: entry.name,
    properties,
    quality: readQualityRules(entry.quality, [...at, "quality"], "schema", issues, names),
    strict,
    reportUnexpected: true,
    csv: readCsvSettings(custom, issues),
    severity: {
      ...readSeverityOverrides(rootCustom.get("severity"), issues),
      ...readSeverityOverrides(local.get("severity"), issues),
    },
    docPath: at,
  };
  if (typeof entry.physicalName === "string") schema.physicalName = entry.physicalName;
  const guide = custom.get("x12Guide");
  if (guide !== undefined) {
    if (typeof guide.value === "string" && /^\d{6}\/\d{3}$/.test(guide.value)) schema.x12Guide = guide.value;
    else
      issues.error(
        guide.path,
        `x12Guide must look like "004010/850" (version/transaction set), not ${JSON.stringify(guide.value)}`,
      );
  }
  for (const prop of properties) {
    if (
      (prop.unique || prop.primaryKey) &&
      prop.logicalType &&
      ["object", "array"].includes(prop.logicalType)
    ) {
      issues.error(
        prop.docPath,
        `unique / primaryKey applies to scalar values, not to a ${prop.logicalType}`,
      );
    }
  }
  warnNestedUniqueness(properties, issues);
  return schema;
}

function warnNestedUniqueness(properties: SchemaModel["properties"], issues: Issues): void {
  const visit = (list: SchemaModel["properties"]): void => {
    for (const p of list) {
      if (p.unique || p.primaryKey) {
        issues.warning(
          p.docPath,
          `unique / primaryKey on nested property "${p.name}" is not checked (top-level only)`,
        );
      }
      if (p.properties) visit(p.properties);
      if (p.items?.properties) visit(p.items.properties);
    }
  };
  for (const p of properties) {
    if (p.properties) visit(p.properties);
    if (p.items?.properties) visit(p.items.properties);
  }
}

function readCsvSettings(custom: Map<string, CustomProperty>, issues: Issues): CsvSettings {
  const settings: CsvSettings = {
    header: readBoolean(custom.get("csvHeader"), "csvHeader", issues) ?? true,
    columnOrder: readBoolean(custom.get("columnOrder"), "columnOrder", issues) ?? false,
  };
  const delimiter = custom.get("delimiter");
  if (delimiter !== undefined) {
    const value = delimiter.value === "tab" || delimiter.value === "\\t" ? "\t" : delimiter.value;
    if (
      typeof value === "string" &&
      value.length === 1 &&
      value !== '"' &&
      value !== "\n" &&
      value !== "\r"
    ) {
      settings.delimiter = value;
    } else {
      issues.error(
        delimiter.path,
        `the CSV delimiter must be one character (or "tab"), not ${JSON.stringify(delimiter.value)}`,
      );
    }
  }
  return settings;
}
