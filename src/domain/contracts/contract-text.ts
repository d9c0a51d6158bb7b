/**
 * Parses contract text (YAML or JSON: the `yaml` parser reads both) and keeps the source positions so
 * every lint problem can name a line and column.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { DocPath } from "./contract.model.ts";

export interface LintIssue {
  severity: "error" | "warning";
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Where in the document, e.g. `schema[0].properties[2].logicalType` (`$` for the whole document). */
  path: string;
}

export interface ContractText {
  /** The document as plain data (undefined when the text does not parse). */
  value: unknown;
  /** YAML syntax errors and warnings. */
  syntaxIssues: LintIssue[];
  /** Position of a document path; `key` points at the key of a mapping entry rather than its value. */
  locate(path: DocPath, part?: "key" | "value"): { line: number; column: number };
}

/** Renders a document path as `schema[0].properties[2].name`. */
export function renderDocPath(path: DocPath): string {
  if (path.length === 0) return "$";
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out.length === 0 ? segment : `.${segment}`;
  }
  return out;
}

/** Longest contract text accepted (a contract is a small document; this bounds parse time). */
export const MAX_CONTRACT_CHARS = 4 * 1024 * 1024;

export function parseContractText(text: string): ContractText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const position = (offset: number): { line: number; column: number } => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const syntaxIssues: LintIssue[] = [];
  for (const [severity, list] of [
    ["error", doc.errors],
    ["warning", doc.warnings],
  ] as const) {
    for (const problem of list) {
      const linePos = problem.linePos?.[0];
      const at = linePos ? { line: linePos.line, column: linePos.col } : position(problem.pos[0]);
      const message = (problem.message.split("\n")[0] ?? problem.message).replace(
        / at line \d+, column \d+:?$/,
        "",
      );
      syntaxIssues.push({ severity, message, line: at.line, column: at.column, path: "$" });
    }
  }
  let value: unknown;
  if (doc.errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      syntaxIssues.push({
        severity: "error",
        message: err instanceof Error ? err.message : String(err),
        line: 1,
        column: 1,
        path: "$",
      });
    }
  }
  const locate = (path: DocPath, part: "key" | "value" = "value"): { line: number; column: number } => {
    let node: unknown = doc.contents;
    let best: { line: number; column: number } = { line: 1, column: 1 };
    const rangeOf = (n: unknown): { line: number; column: number } | undefined => {
      const range = (n as Node | null)?.range;
      return range ? position(range[0]) : undefined;
    };
    best = rangeOf(node) ?? best;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
        );
        if (pair === undefined) return best;
        const keyPos = rangeOf(pair.key);
        if (last && part === "key" && keyPos) return keyPos;
        node = pair.value;
        best = rangeOf(node) ?? keyPos ?? best;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment];
        if (item === undefined) return best;
        node = item;
        best = rangeOf(node) ?? best;
      } else {
        return best;
      }
    }
    return best;
  };
  return { value, syntaxIssues, locate };
}
