/**
 * Reads an ODCS v3.x document (header, servers, schema objects, customProperties) into a Contract. The
 * standard's structure is linted first (standard/odcs.lint.ts); what is reported here are warnings about
 * what driftwatch cannot check or will ignore, never errors, so a contract the standard accepts loads.
 */
import { formatFromName } from "../formats/file-format.ts";
import { normalizeEncoding } from "../formats/text-encoding.ts";
import type { Contract, CsvSettings, DocPath, SchemaModel, ServerModel } from "./contract.model.ts";
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

/** Server types whose entries describe files (a location or path with a format). */
const FILE_SERVERS = new Set(["s3", "local", "azure", "sftp", "gcs", "custom", "glue"]);

export function readOdcs(doc: Json, issues: Issues): Contract | undefined {
  const id = readIdentity(doc.id);
  const version = readIdentity(doc.version);
  const rootCustom = readCustomProperties(doc.customProperties, ["customProperties"], issues);
  const servers = readServers(doc.servers, issues);
  const schemas: SchemaModel[] = [];
  if (!Array.isArray(doc.schema) || doc.schema.length === 0) {
    issues.warning(
      doc.schema === undefined ? [] : ["schema"],
      "the contract has no schema objects: it can be stored, but files cannot be checked against it",
    );
  } else {
    doc.schema.forEach((entry, i) => {
      const schema = readSchemaObject(entry, ["schema", i], rootCustom, issues);
      if (schema !== undefined) schemas.push(schema);
    });
    const names = new Set<string>();
    for (const s of schemas) {
      if (names.has(s.name))
        issues.warning(
          [...s.docPath, "name"],
          `a second schema object is named "${s.name}": files are matched to the first`,
        );
      names.add(s.name);
    }
  }
  if (servers.some((s) => s.format === "x12")) {
    for (const s of schemas) {
      if (s.x12Guide === undefined) {
        issues.warning(
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
    servers,
    schemas,
    document: doc,
  };
  const fileServers = servers.filter((s) => s.files && s.format !== undefined);
  const formats = new Set(fileServers.map((s) => s.format));
  if (formats.size === 1) {
    contract.format = fileServers[0]!.format!;
    const delimiters = new Set(fileServers.map((s) => s.jsonDelimiter));
    const only = fileServers[0]!.jsonDelimiter;
    if (delimiters.size === 1 && only !== undefined) contract.jsonDelimiter = only;
  }
  const located = servers.find((s) => s.files && s.location !== undefined);
  if (located?.location !== undefined) contract.location = located.location;
  const encoding = rootCustom.get("encoding");
  if (encoding !== undefined) {
    const name = typeof encoding.value === "string" ? normalizeEncoding(encoding.value) : undefined;
    if (name === undefined)
      issues.warning(
        encoding.path,
        `unknown encoding ${JSON.stringify(encoding.value)}: files are read as UTF-8 (use utf-8, utf-16, windows-1252 or iso-8859-1)`,
      );
    else contract.encoding = name;
  }
  return contract;
}

function readIdentity(value: unknown): string | undefined {
  if (typeof value === "string" && value.trim().length > 0) return value.trim();
  return undefined;
}

function readServers(raw: unknown, issues: Issues): ServerModel[] {
  if (!Array.isArray(raw)) return [];
  const out: ServerModel[] = [];
  raw.forEach((entry, i) => {
    if (!isObject(entry)) return;
    const here: DocPath = ["servers", i];
    const type = typeof entry.type === "string" ? entry.type : "custom";
    const files = FILE_SERVERS.has(type);
    const server: ServerModel = {
      name: typeof entry.server === "string" ? entry.server : `servers[${i}]`,
      type,
      files,
      docPath: here,
    };
    if (typeof entry.format === "string") {
      server.formatName = entry.format;
      const format = formatFromName(entry.format);
      if (format !== undefined) server.format = format;
      else if (files)
        issues.warning(
          [...here, "format"],
          `driftwatch reads json, ndjson, csv, parquet and x12 files; files of server "${server.name}" (${entry.format}) will be reported as not checked`,
        );
    }
    if (entry.delimiter === "new_line" || entry.delimiter === "array") server.jsonDelimiter = entry.delimiter;
    if (server.format === "json" && server.jsonDelimiter === "new_line") server.format = "ndjson";
    const where = typeof entry.location === "string" ? entry.location : entry.path;
    if (typeof where === "string" && where.length > 0) server.location = where;
    out.push(server);
  });
  return out;
}

function readSchemaObject(
  entry: unknown,
  at: DocPath,
  rootCustom: Map<string, CustomProperty>,
  issues: Issues,
): SchemaModel | undefined {
  if (!isObject(entry) || typeof entry.name !== "string" || entry.name.length === 0) return undefined;
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
      issues.warning(
        guide.path,
        `x12Guide must look like "004010/850" (version/transaction set), not ${JSON.stringify(guide.value)}: ignored`,
      );
  }
  for (const prop of properties) {
    if ((prop.unique || prop.primaryKey) && (prop.logicalType === "object" || prop.logicalType === "array")) {
      issues.warning(
        prop.docPath,
        `${prop.primaryKey ? "primaryKey" : "unique"} on "${prop.name}" cannot be checked: it applies to single values, not to ${prop.logicalType === "object" ? "an object" : "an array"}`,
      );
      prop.unique = false;
      prop.primaryKey = false;
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
      issues.warning(
        delimiter.path,
        `the CSV delimiter must be one character (or "tab"), not ${JSON.stringify(delimiter.value)}: it is guessed from the header instead`,
      );
    }
  }
  return settings;
}
