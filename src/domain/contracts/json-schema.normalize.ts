/**
 * A plain JSON Schema document used as a contract: the schema of one record (or of an array of records,
 * then its `items`). The schema itself is what Ajv checks; it is also broken down into PropertyModel so
 * findings get paths and rule ids. Parts driftwatch does not break down (combinators, references that do
 * not resolve locally) stay whole and are checked as one unit.
 */
import type { Contract, DocPath, LogicalType, PropertyModel, SchemaModel } from "./contract.model.ts";
import { type Issues, isObject, type Json } from "./issues.ts";

const MAX_DEPTH = 32;

const OPAQUE_KEYWORDS = [
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "if",
  "then",
  "else",
  "patternProperties",
  "dependentSchemas",
  "dependentRequired",
  "prefixItems",
  "contains",
  "unevaluatedProperties",
  "unevaluatedItems",
  "propertyNames",
  "$dynamicRef",
];

export function looksLikeJsonSchema(doc: Json): boolean {
  return (
    typeof doc.$schema === "string" ||
    (doc.type === "object" && isObject(doc.properties)) ||
    (doc.type === "array" && isObject(doc.items))
  );
}

export function readJsonSchemaContract(doc: Json, issues: Issues): Contract | undefined {
  const idRaw = typeof doc.$id === "string" && doc.$id.length > 0 ? doc.$id : doc.title;
  let id: string;
  if (typeof idRaw === "string" && idRaw.trim().length > 0) id = idRaw.trim();
  else {
    issues.warning(
      [],
      'a JSON Schema contract should have $id or title (used as the contract id); using "json-schema"',
    );
    id = "json-schema";
  }
  const wholeFile = doc.type === "array" && isObject(doc.items);
  const recordAt: DocPath = wholeFile ? ["items"] : [];
  const record = (wholeFile ? doc.items : doc) as Json;
  const defs = { $defs: doc.$defs, definitions: doc.definitions };
  const recordJsonSchema: Json = wholeFile ? { ...record, ...pickDefined(defs) } : { ...doc };
  delete recordJsonSchema.$schema;
  delete recordJsonSchema.$id;
  const name = typeof doc.title === "string" && /^[A-Za-z_][\w-]*$/.test(doc.title) ? doc.title : "record";
  // combinators at the record's top (if/then, oneOf, allOf…) are checked on their own, beside the
  // properties, so a record that fails one gets that one's violation, not every field as unexpected
  const combinators = Object.fromEntries(
    OPAQUE_KEYWORDS.filter((k) => record[k] !== undefined).map((k) => [k, record[k]]),
  );
  const plain: Json = { ...record };
  for (const k of Object.keys(combinators)) delete plain[k];
  const root = fromJsonSchema(plain, name, true, recordAt, doc, 0, issues);
  const schema: SchemaModel = {
    name,
    properties: root.properties ?? [],
    quality: [],
    strict: true,
    reportUnexpected: record.additionalProperties === false,
    csv: { header: true, columnOrder: false },
    severity: {},
    docPath: recordAt,
  };
  if (Object.keys(combinators).length > 0) schema.residual = { ...combinators, ...pickDefined(defs) };
  return {
    id,
    version: "0",
    name: typeof doc.title === "string" ? doc.title : id,
    kind: "json-schema",
    servers: [],
    schemas: [schema],
    document: doc,
    recordJsonSchema,
  };
}

function pickDefined(obj: Json): Json {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

/** Follows a local `#/$defs/x` or `#/definitions/x` reference; undefined when it does not resolve. */
function resolveRef(ref: string, root: Json): Json | undefined {
  const match = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(ref);
  if (match === null) return undefined;
  const table = root[match[1]!];
  const target = isObject(table)
    ? table[decodeURIComponent(match[2]!.replace(/~1/g, "/").replace(/~0/g, "~"))]
    : undefined;
  return isObject(target) ? target : undefined;
}

function fromJsonSchema(
  input: unknown,
  name: string,
  required: boolean,
  at: DocPath,
  root: Json,
  depth: number,
  issues: Issues,
): PropertyModel {
  let sub: Json = isObject(input) ? input : {};
  for (let hops = 0; typeof sub.$ref === "string" && hops < 16; hops++) {
    const target = resolveRef(sub.$ref, root);
    if (target === undefined) break;
    const { $ref: _ignored, ...rest } = sub;
    sub = { ...target, ...rest };
  }
  const types = sub.type === undefined ? [] : Array.isArray(sub.type) ? (sub.type as unknown[]) : [sub.type];
  const nullable = types.includes("null") || sub.nullable === true;
  const nonNull = types.filter((t) => t !== "null");
  const prop: PropertyModel = {
    name,
    required,
    nullable,
    unique: false,
    primaryKey: false,
    options: {},
    quality: [],
    severity: {},
    docPath: at,
  };
  const opaque =
    typeof sub.$ref === "string" ||
    OPAQUE_KEYWORDS.some((k) => sub[k] !== undefined) ||
    nonNull.length > 1 ||
    depth > MAX_DEPTH;
  if (opaque) {
    prop.opaqueSchema = sub;
    return prop;
  }
  const type = nonNull[0];
  const format = typeof sub.format === "string" ? sub.format : undefined;
  let logicalType: LogicalType | undefined;
  if (type === "string") {
    logicalType =
      format === "date"
        ? "date"
        : format === "date-time"
          ? "timestamp"
          : format === "time"
            ? "time"
            : "string";
  } else if (
    type === "integer" ||
    type === "number" ||
    type === "boolean" ||
    type === "object" ||
    type === "array"
  ) {
    logicalType = type;
  } else if (type === undefined && isObject(sub.properties)) {
    logicalType = "object";
  } else if (type !== undefined) {
    issues.error([...at, "type"], `unknown JSON Schema type ${JSON.stringify(type)}`);
  }
  if (logicalType !== undefined) prop.logicalType = logicalType;
  const o = prop.options;
  if (typeof sub.pattern === "string") o.pattern = sub.pattern;
  if (format !== undefined && logicalType === "string") o.format = format;
  if (format !== undefined && (logicalType === "timestamp" || logicalType === "time")) o.format = format;
  for (const key of [
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
    "multipleOf",
  ] as const) {
    if (typeof sub[key] === "number") o[key] = sub[key] as number;
  }
  for (const key of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] as const) {
    if (typeof sub[key] === "number") o[key] = sub[key] as number;
  }
  if (sub.uniqueItems === true) o.uniqueItems = true;
  if (Array.isArray(sub.enum)) prop.enum = sub.enum;
  else if (sub.const !== undefined) prop.enum = [sub.const];
  if (logicalType === "object") {
    const requiredNames = Array.isArray(sub.required)
      ? sub.required.filter((r) => typeof r === "string")
      : [];
    const props = isObject(sub.properties) ? sub.properties : {};
    prop.properties = Object.entries(props).map(([key, child]) =>
      fromJsonSchema(
        child,
        key,
        requiredNames.includes(key),
        [...at, "properties", key],
        root,
        depth + 1,
        issues,
      ),
    );
    if (sub.additionalProperties === false) prop.additionalProperties = false;
    else if (sub.additionalProperties !== undefined && sub.additionalProperties !== true) {
      // additional properties with a schema of their own: checked whole
      prop.opaqueSchema = sub;
      delete prop.properties;
    } else prop.additionalProperties = true;
  }
  if (logicalType === "array" && isObject(sub.items)) {
    prop.items = fromJsonSchema(sub.items, "item", true, [...at, "items"], root, depth + 1, issues);
  }
  return prop;
}
