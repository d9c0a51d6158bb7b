/**
 * Reading a contract: parse (YAML or JSON), normalise (ODCS or plain JSON Schema), lint with line and
 * column, and refuse to load a contract that has errors.
 */

import { createAjv } from "./ajv.factory.ts";
import type { Contract, DocPath } from "./contract.model.ts";
import {
  type ContractText,
  type LintIssue,
  MAX_CONTRACT_CHARS,
  parseContractText,
  renderDocPath,
} from "./contract-text.ts";
import { convertDcs, looksLikeDcs } from "./dcs.convert.ts";
import { Issues, isObject, type Json, type PendingIssue } from "./issues.ts";
import { recordSchema } from "./json-schema.build.ts";
import { looksLikeJsonSchema, readJsonSchemaContract } from "./json-schema.normalize.ts";
import { looksLikeOdcs, readOdcs } from "./odcs.normalize.ts";
import { lintOdcsStructure } from "./standard/odcs.lint.ts";

export type { LintIssue } from "./contract-text.ts";

/** A contract with lint errors cannot be loaded; `issues` lists them (errors and warnings) with positions. */
export class ContractInvalidError extends Error {
  readonly code = "contract.invalid";
  readonly issues: LintIssue[];
  constructor(issues: LintIssue[]) {
    const errors = issues.filter((i) => i.severity === "error");
    const first = errors[0];
    super(
      first === undefined
        ? "the contract is not valid"
        : `the contract is not valid: ${first.line}:${first.column} ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}`,
    );
    this.name = "ContractInvalidError";
    this.issues = issues;
  }
}

export interface DocumentKind {
  kind: "odcs" | "dcs" | "json-schema";
  /** `ODCS v3.1.0 contract`, `Data Contract Specification 1.1.0 document, read as ODCS v3.1.0`… */
  label: string;
}

export interface ContractAnalysis {
  contract?: Contract;
  issues: LintIssue[];
  /** What the document is (undefined when it is none of the formats driftwatch reads). */
  document?: DocumentKind;
  /** A Data Contract Specification document's ODCS conversion. */
  odcs?: Json;
  /** The text is not valid YAML or JSON. */
  unparsed?: boolean;
}

export function analyzeContract(text: string): ContractAnalysis {
  if (text.length > MAX_CONTRACT_CHARS) {
    return {
      issues: [
        {
          severity: "error",
          message: `the contract is larger than ${MAX_CONTRACT_CHARS} characters`,
          line: 1,
          column: 1,
          path: "$",
        },
      ],
    };
  }
  const parsed = parseContractText(text);
  if (parsed.syntaxIssues.some((i) => i.severity === "error"))
    return { issues: sortIssues(parsed.syntaxIssues), unparsed: true };
  const issues = new Issues();
  const doc = parsed.value;
  let contract: Contract | undefined;
  let documentKind: DocumentKind | undefined;
  let converted: Json | undefined;
  if (!isObject(doc)) {
    issues.error([], `a contract must be a mapping, not ${Array.isArray(doc) ? "a list" : "a single value"}`);
  } else if (looksLikeDcs(doc)) {
    const version =
      typeof doc.dataContractSpecification === "string" ? ` ${doc.dataContractSpecification}` : "";
    documentKind = {
      kind: "dcs",
      label: `Data Contract Specification${version} document, read as ODCS v3.1.0`,
    };
    const conversion = convertDcs(doc, issues);
    converted = conversion.odcs;
    const inner = new Issues();
    lintOdcsStructure(conversion.odcs, inner);
    const read = readOdcs(conversion.odcs, inner);
    for (const i of inner.list) {
      const at = originOf(i.path, conversion.origin);
      issues.list.push({
        ...i,
        path: at,
        message:
          at.length === 0 && i.path.length > 0
            ? `${i.message} (${renderDocPath(i.path)} of the ODCS conversion)`
            : i.message,
      });
    }
    if (read !== undefined) contract = { ...read, kind: "dcs", document: doc };
  } else if (looksLikeOdcs(doc)) {
    const version = lintOdcsStructure(doc, issues);
    documentKind = {
      kind: "odcs",
      label: `ODCS ${typeof doc.apiVersion === "string" ? doc.apiVersion : `v${version}`} contract`,
    };
    contract = readOdcs(doc, issues);
  } else if (looksLikeJsonSchema(doc)) {
    documentKind = { kind: "json-schema", label: "JSON Schema (the schema of one record)" };
    checkJsonSchema(doc, issues);
    if (!issues.hasErrors) contract = readJsonSchemaContract(doc, issues);
  } else {
    issues.error([], notAContract(doc));
  }
  if (contract !== undefined && !issues.hasErrors) {
    const problem = compileProblem(contract);
    if (problem !== undefined) issues.error([], problem);
  }
  const all = [...parsed.syntaxIssues, ...resolve(issues, parsed)];
  const result: ContractAnalysis = { issues: sortIssues(all) };
  if (documentKind !== undefined) result.document = documentKind;
  if (converted !== undefined) result.odcs = converted;
  if (contract !== undefined && !all.some((i) => i.severity === "error")) result.contract = contract;
  return result;
}

/** Problems of a contract text, each with line and column (errors and warnings). */
export function lintContract(text: string): LintIssue[] {
  return analyzeContract(text).issues;
}

/** The contract, or ContractInvalidError when lint finds errors. */
export function loadContract(text: string): Contract {
  const { contract, issues } = analyzeContract(text);
  if (contract === undefined) throw new ContractInvalidError(issues);
  return contract;
}

/** Drops a warning about a place (or what lies under it) that already has an error. */
function dedupe(list: PendingIssue[]): PendingIssue[] {
  const errors = list.filter((i) => i.severity === "error").map((i) => i.path);
  const under = (path: DocPath, base: DocPath): boolean =>
    base.length <= path.length && base.every((s, i) => s === path[i]);
  return list.filter(
    (i) =>
      i.severity === "error" ||
      !errors.some((e) => (e.length === 0 ? i.path.length === 0 : under(i.path, e))),
  );
}

function resolve(issues: Issues, parsed: ContractText): LintIssue[] {
  return dedupe(issues.list).map((i) => {
    const at = parsed.locate(i.path, i.part);
    return {
      severity: i.severity,
      message: i.message,
      line: at.line,
      column: at.column,
      path: renderDocPath(i.path),
    };
  });
}

function sortIssues(list: LintIssue[]): LintIssue[] {
  return [...list].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** A plain JSON Schema must itself be valid (meta-schema) and compile. */
function checkJsonSchema(doc: Json, issues: Issues): void {
  const ajv = createAjv({ allErrors: true });
  const copy: Json = { ...doc };
  delete copy.$schema; // draft-07 documents are read as 2020-12 (the keywords in use are the same)
  const valid = ajv.validateSchema(copy);
  if (!valid) {
    for (const error of (ajv.errors ?? []).slice(0, 20)) {
      const path: DocPath = error.instancePath
        .split("/")
        .slice(1)
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      issues.error(path, `invalid JSON Schema: ${error.message ?? error.keyword}`);
    }
    return;
  }
  try {
    delete copy.$id;
    ajv.compile(copy);
  } catch (err) {
    issues.error([], `the JSON Schema does not compile: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Whether the record schemas compile (a bad pattern or format slipped through would fail here): one Ajv
 * compile per schema object, not the full compile `check` does.
 */
function compileProblem(contract: Contract): string | undefined {
  try {
    const ajv = createAjv({ allErrors: false });
    for (const schema of contract.schemas)
      ajv.compile(contract.recordJsonSchema ?? recordSchema(schema, ajv));
    return undefined;
  } catch (err) {
    return `the contract does not compile: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** The DCS path an ODCS conversion path came from: the longest known prefix. */
function originOf(path: DocPath, origin: Map<string, DocPath>): DocPath {
  for (let n = path.length; n > 0; n--) {
    const prefix = path.slice(0, n);
    const at = origin.get(prefix.map((s) => (typeof s === "number" ? `[${s}]` : `.${s}`)).join(""));
    if (at !== undefined) return at;
  }
  return [];
}

/** Why a document is not read as a contract, naming what it looks like when that can be told. */
function notAContract(doc: Json): string {
  const reads =
    "driftwatch reads ODCS (apiVersion, kind: DataContract, id, version, status, schema), Data Contract Specification (dataContractSpecification, models) and JSON Schema documents";
  if (typeof doc.openapi === "string" || typeof doc.swagger === "string")
    return `this is an OpenAPI document, not a data contract: ${reads}`;
  if (doc.type === "record" && Array.isArray(doc.fields))
    return `this is an Avro schema, not a data contract: ${reads}`;
  if (doc.version === 2 && (Array.isArray(doc.models) || Array.isArray(doc.sources)))
    return `this is a dbt properties file, not a data contract: ${reads}`;
  if (isObject(doc.models))
    return `this looks like a Data Contract Specification document without dataContractSpecification and info: add them, or ${reads.replace("driftwatch reads", "use one of")}`;
  return `not a data contract: ${reads}`;
}
