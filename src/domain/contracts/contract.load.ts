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

export interface ContractAnalysis {
  contract?: Contract;
  issues: LintIssue[];
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
    return { issues: sortIssues(parsed.syntaxIssues) };
  const issues = new Issues();
  const doc = parsed.value;
  let contract: Contract | undefined;
  if (!isObject(doc)) {
    issues.error([], "a contract must be a mapping (an ODCS document or a JSON Schema)");
  } else if (looksLikeOdcs(doc)) {
    lintOdcsStructure(doc, issues);
    contract = readOdcs(doc, issues);
  } else if (looksLikeJsonSchema(doc)) {
    checkJsonSchema(doc, issues);
    if (!issues.hasErrors) contract = readJsonSchemaContract(doc, issues);
  } else {
    issues.error(
      [],
      "not a data contract: expected an ODCS document (apiVersion, kind: DataContract, id, version, schema) or a JSON Schema",
    );
  }
  if (contract !== undefined && !issues.hasErrors) {
    const problem = compileProblem(contract);
    if (problem !== undefined) issues.error([], problem);
  }
  const all = [...parsed.syntaxIssues, ...resolve(issues, parsed)];
  const result: ContractAnalysis = { issues: sortIssues(all) };
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
