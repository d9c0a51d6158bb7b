/**
 * Compiles a contract once into what checking a file needs: per schema object a whole-record Ajv
 * validator (the fast path: one call per record, stops at the first error) and a tree of per-property
 * validators the walker uses on failing records to list every problem, bounded.
 */
import type { ValidateFunction } from "ajv";
import { defaultSeverity } from "../drift/default-severity.ts";
import type { DriftContractRef, DriftEventType, Severity } from "../drift/drift-event.ts";
import { type Ajv, createAjv } from "./ajv.factory.ts";
import type { Contract, PropertyModel, SchemaModel } from "./contract.model.ts";
import { isObject, type Json } from "./issues.ts";
import { propertySchema, recordSchema, temporalFormat } from "./json-schema.build.ts";

/** A property, ready to check. */
export interface CheckNode {
  prop: PropertyModel;
  /** `$.items[*].sku` */
  jsonPath: string;
  /** The top-level column this node sits in (CSV reports columns by name). */
  column: string;
  /** Rule id prefix: `orders.items.sku`. */
  rule: string;
  /** Rule id prefix of this node's children (an array element's children hang under the array's rule). */
  childRule: string;
  /** Checks the value itself (not its children); Ajv errors bounded by the number of keywords. */
  local: ValidateFunction;
  /** Objects: children and whether fields outside them are reported. */
  children?: CheckNode[];
  childByName?: Map<string, CheckNode>;
  closed: boolean;
  /** Arrays: the element. */
  item?: CheckNode;
  /** Human label of the expected type, e.g. `string (email)`. */
  typeLabel: string;
}

/** The record level: an object whose children are the schema object's properties. */
export interface RecordNode {
  children: CheckNode[];
  childByName: Map<string, CheckNode>;
  closed: boolean;
  jsonPath: string;
  rule: string;
  childRule: string;
}

export interface CompiledSchema {
  model: SchemaModel;
  /** JSON Schema 2020-12 of one record. */
  jsonSchema: Json;
  /** Fast path: the whole record, first error only. */
  validate: ValidateFunction;
  /** The record's top-level combinators (plain JSON Schema contracts), every error. */
  residual?: ValidateFunction;
  root: RecordNode;
  /** Every node by JSON path (`$.items[*].sku`). */
  nodes: Map<string, CheckNode>;
  /**
   * Severity of a finding: property override, then schema/contract override (rule id, event type), then
   * `fallback` when given, else the event type's default.
   */
  severityFor(
    node: CheckNode | undefined,
    kind: string,
    type: DriftEventType,
    rule: string,
    fallback?: Severity,
  ): Severity;
}

export interface CompiledContract {
  contract: Contract;
  ref: DriftContractRef;
  schemas: CompiledSchema[];
  /** JSON Schema 2020-12 of one record of the first schema object (`{}` without schema objects). */
  jsonSchema: Json;
  /**
   * The schema object a file is checked against: the one whose name appears in the file name, else the
   * first; undefined when the contract has none.
   */
  schemaFor(key: string): CompiledSchema | undefined;
}

/** Thrown when a contract that passed lint still fails to compile (a driftwatch bug or an Ajv limit). */
export class ContractCompileError extends Error {
  readonly code = "contract.compile_failed";
}

export function compileContract(contract: Contract): CompiledContract {
  const ajv = createAjv({ allErrors: false });
  const localAjv = createAjv({ allErrors: true });
  const ref: DriftContractRef = { id: contract.id, version: contract.version };
  let schemas: CompiledSchema[];
  try {
    schemas = contract.schemas.map((s) => compileSchema(contract, s, ajv, localAjv));
  } catch (err) {
    throw new ContractCompileError(
      `the contract does not compile: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
  const first = schemas[0];
  return {
    contract,
    ref,
    schemas,
    jsonSchema: first?.jsonSchema ?? {},
    schemaFor(key: string): CompiledSchema | undefined {
      if (schemas.length <= 1) return first;
      const base = (key.split("/").pop() ?? key).toLowerCase();
      const match = schemas.find(
        (s) =>
          base.includes(s.model.name.toLowerCase()) ||
          (s.model.physicalName && base.includes(s.model.physicalName.toLowerCase())),
      );
      return match ?? first;
    },
  };
}

function compileSchema(contract: Contract, model: SchemaModel, ajv: Ajv, localAjv: Ajv): CompiledSchema {
  const jsonSchema = contract.recordJsonSchema ?? recordSchema(model, ajv);
  const validate = ajv.compile(jsonSchema);
  const defs = contract.recordJsonSchema ? pickDefs(contract.recordJsonSchema) : {};
  const nodes = new Map<string, CheckNode>();
  const build = (
    p: PropertyModel,
    parentPath: string,
    parentRule: string,
    column: string | undefined,
    asItem = false,
  ): CheckNode => {
    const jsonPath = asItem ? `${parentPath}[*]` : childPath(parentPath, p.name);
    const rule = asItem ? `${parentRule}.item` : `${parentRule}.${p.name}`;
    // children of an array element hang under the array's own rule: orders.items.sku
    const childRule = asItem ? parentRule : rule;
    const localSchema = { ...propertySchema(p, localAjv, false), ...defs };
    const node: CheckNode = {
      prop: p,
      jsonPath,
      column: column ?? p.name,
      rule,
      childRule,
      local: (p.opaqueSchema ? ajv : localAjv).compile(localSchema),
      closed:
        p.additionalProperties === false || (p.additionalProperties === undefined && model.reportUnexpected),
      typeLabel: typeLabel(p, localAjv),
    };
    nodes.set(jsonPath, node);
    if (p.properties !== undefined && p.opaqueSchema === undefined) {
      node.children = p.properties.map((c) => build(c, jsonPath, childRule, node.column));
      node.childByName = new Map(node.children.map((c) => [c.prop.name, c]));
    }
    if (p.items !== undefined && p.opaqueSchema === undefined) {
      node.item = build(p.items, jsonPath, rule, node.column, true);
    }
    return node;
  };
  const children = model.properties.map((p) => build(p, "$", model.name, undefined));
  const root: RecordNode = {
    children,
    childByName: new Map(children.map((c) => [c.prop.name, c])),
    closed: model.reportUnexpected,
    jsonPath: "$",
    rule: model.name,
    childRule: model.name,
  };
  const cache = new Map<string, Severity>();
  const severityFor = (
    node: CheckNode | undefined,
    kind: string,
    type: DriftEventType,
    rule: string,
    fallback?: Severity,
  ): Severity => {
    const key = `${rule}\u0000${type}\u0000${fallback ?? ""}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const own = node?.prop.severity;
    const sev =
      own?.[kind] ??
      own?.[type] ??
      own?.["*"] ??
      model.severity[rule] ??
      model.severity[type] ??
      model.severity["*"] ??
      fallback ??
      defaultSeverity(type, model.strict);
    if (cache.size < 10_000) cache.set(key, sev);
    return sev;
  };
  const compiled: CompiledSchema = { model, jsonSchema, validate, root, nodes, severityFor };
  if (model.residual !== undefined) compiled.residual = localAjv.compile(model.residual);
  return compiled;
}

/** `$.items` or `$['odd name']`. */
export function childPath(parent: string, name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `${parent}.${name}` : `${parent}[${JSON.stringify(name)}]`;
}

function pickDefs(schema: Json): Json {
  const out: Json = {};
  if (isObject(schema.$defs)) out.$defs = schema.$defs;
  if (isObject(schema.definitions)) out.definitions = schema.definitions;
  return out;
}

/** `string (email)`, `date`, `integer`, `array of object`... */
export function typeLabel(p: PropertyModel, ajv: Ajv): string {
  if (p.opaqueSchema !== undefined) return "a value matching the schema";
  const t = p.logicalType;
  if (t === undefined) return "any value";
  if (t === "date" || t === "timestamp" || t === "time") {
    const f = temporalFormat(p, ajv);
    return f.startsWith("jdk:") ? `${t} (${f.slice(4)})` : t;
  }
  if (t === "string" && p.options.format !== undefined) return `string (${p.options.format})`;
  if (t === "array" && p.items?.logicalType !== undefined) return `array of ${p.items.logicalType}`;
  return t;
}
