/**
 * The contract as driftwatch understands it, normalised from an ODCS v3.1 document or a plain JSON
 * Schema. Everything the checker needs is here; the raw document is kept for display and export.
 */
import type { Severity } from "../drift/drift-event.ts";
import type { FileFormat } from "../formats/file-format.ts";

export const LOGICAL_TYPES = [
  "string",
  "date",
  "timestamp",
  "time",
  "number",
  "integer",
  "object",
  "array",
  "boolean",
] as const;
export type LogicalType = (typeof LOGICAL_TYPES)[number];

/** A path inside the contract document, e.g. ["schema", 0, "properties", 2, "logicalType"]. */
export type DocPath = ReadonlyArray<string | number>;

export const QUALITY_METRICS = [
  "nullValues",
  "missingValues",
  "invalidValues",
  "duplicateValues",
  "rowCount",
] as const;
export type QualityMetric = (typeof QUALITY_METRICS)[number];

export const QUALITY_OPERATORS = [
  "mustBe",
  "mustNotBe",
  "mustBeGreaterThan",
  "mustBeGreaterOrEqualTo",
  "mustBeLessThan",
  "mustBeLessOrEqualTo",
  "mustBeBetween",
  "mustNotBeBetween",
] as const;
export type QualityOperator = (typeof QUALITY_OPERATORS)[number];

export interface QualityRule {
  metric: QualityMetric;
  operator: QualityOperator;
  /** A number, or [low, high] for the between operators. */
  threshold: number | [number, number];
  unit: "rows" | "percent";
  severity?: Severity;
  /** `name` or `id` of the rule when the contract gives one (used in the rule id). */
  name?: string;
  description?: string;
  /** invalidValues: the accepted values. */
  validValues?: unknown[];
  /** invalidValues: the pattern valid values match. */
  pattern?: string;
  /** missingValues: the values that count as missing (default null and ""). */
  missingValues?: unknown[];
  /** duplicateValues at schema level: the properties forming the key. */
  properties?: string[];
  docPath: DocPath;
}

export interface LogicalTypeOptions {
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number | string;
  maximum?: number | string;
  exclusiveMinimum?: number | string;
  exclusiveMaximum?: number | string;
  multipleOf?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  /** timestamp/time: the value must carry a time zone. */
  timezone?: boolean;
}

/** Per-property severity overrides, keyed by rule kind (`required`, `pattern`...) or event type; `*` for all. */
export type SeverityOverrides = Readonly<Record<string, Severity>>;

export interface PropertyModel {
  name: string;
  logicalType?: LogicalType;
  /** The field must be present (and, for ODCS, not null). */
  required: boolean;
  /** null is an accepted value (ODCS: when not required; JSON Schema: when the type lists "null"). */
  nullable: boolean;
  unique: boolean;
  primaryKey: boolean;
  primaryKeyPosition?: number;
  options: LogicalTypeOptions;
  /** Accepted values (from `enum`, `logicalTypeOptions.enum`, or an invalidValues rule that must be 0). */
  enum?: unknown[];
  /** Children of an object. */
  properties?: PropertyModel[];
  /** Objects: false = fields outside `properties` are drift; undefined = the schema's default. */
  additionalProperties?: boolean;
  /** Element of an array. */
  items?: PropertyModel;
  quality: QualityRule[];
  severity: SeverityOverrides;
  /** Plain JSON Schema contracts: a sub-schema driftwatch does not break down further (checked as a whole). */
  opaqueSchema?: Record<string, unknown>;
  docPath: DocPath;
}

export interface CsvSettings {
  /** First row is a header (default true). */
  header: boolean;
  /** Field delimiter; guessed from the first line when absent. */
  delimiter?: string;
  /** The header must list the columns in the contract's order. */
  columnOrder: boolean;
}

export interface SchemaModel {
  name: string;
  physicalName?: string;
  properties: PropertyModel[];
  quality: QualityRule[];
  /** `additionalProperties: false`: unexpected fields are errors, not warnings. */
  strict: boolean;
  /** Whether fields outside the contract are reported at all (ODCS: always; JSON Schema: where closed). */
  reportUnexpected: boolean;
  csv: CsvSettings;
  x12Guide?: string;
  /** Plain JSON Schema contracts: the record's own combinators (if/then, oneOf…), checked beside its properties. */
  residual?: Record<string, unknown>;
  /** Severity overrides by event type or rule id (schema, then contract level). */
  severity: SeverityOverrides;
  docPath: DocPath;
}

/** A server entry of the contract: where data lives and, for files, in which format. */
export interface ServerModel {
  /** `server` (its name), or `servers[i]`. */
  name: string;
  /** s3, local, azure, sftp, kafka, postgres… */
  type: string;
  /** The format as the contract writes it (`json`, `avro`…). */
  formatName?: string;
  /** The format driftwatch reads it as; undefined for formats it does not read. */
  format?: FileFormat;
  /** JSON layout: `new_line` (NDJSON) or `array`. */
  jsonDelimiter?: "new_line" | "array";
  /** Where the files are: `location` (URI, may hold a glob) or `path` (local). */
  location?: string;
  /** Whether this server holds files (object stores, local, sftp) rather than tables or topics. */
  files: boolean;
  docPath: DocPath;
}

export interface Contract {
  id: string;
  version: string;
  name: string;
  /** What the document was: ODCS, a Data Contract Specification document read as ODCS, or a JSON Schema. */
  kind: "odcs" | "json-schema" | "dcs";
  /** The format of the contract's files when its file servers agree on one (for display); see `servers`. */
  format?: FileFormat;
  /** JSON layout when the file servers agree on one. */
  jsonDelimiter?: "new_line" | "array";
  /** The location of the first file server, if any. */
  location?: string;
  /** Every server entry, in order. */
  servers: ServerModel[];
  /** Text encoding of the files (`utf-8` unless customProperties `encoding` says otherwise). */
  encoding?: string;
  schemas: SchemaModel[];
  /** The document as parsed (ODCS or JSON Schema). */
  document: Record<string, unknown>;
  /** Plain JSON Schema contracts: the schema of one record, checked as is. */
  recordJsonSchema?: Record<string, unknown>;
}
