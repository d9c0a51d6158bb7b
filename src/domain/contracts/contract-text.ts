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
  explainSyntax(text, syntaxIssues);
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

/**
 * Rewrites the YAML parser's messages where the cause is a common slip: a quoted value continued on the
 * next line without indenting it past its key (the parser then sees an unclosed quote and a broken key).
 */
function explainSyntax(text: string, issues: LintIssue[]): void {
  const lines = text.split(/\r?\n/);
  const indent = (line: string | undefined): number =>
    line === undefined ? 0 : line.length - line.trimStart().length;
  for (let i = 0; i < issues.length; i++) {
    const issue = issues[i]!;
    if (issue.severity !== "error" || !/^Missing closing ["']quote/.test(issue.message)) continue;
    const line = lines[issue.line - 1];
    const next = lines[issue.line];
    const key = line === undefined ? undefined : /^(\s*)(?:-\s+)?([^\s:#][^:#]*?):\s/.exec(line);
    if (key === undefined || key === null || next === undefined) continue;
    const keyIndent = key[1]!.length;
    if (indent(next) > keyIndent) continue;
    issue.message = `the quoted value of ${key[2]!.trim()} continues on line ${issue.line + 1}, which is not indented past ${key[2]!.trim()}: indent the continued text further than the key, or close the quote on line ${issue.line}`;
    issue.line += 1;
    issue.column = 1;
    // the parser's follow-on complaints about that line are the same slip
    for (let j = issues.length - 1; j > i; j--) {
      if (issues[j]!.severity === "error" && issues[j]!.line <= issue.line + 1) issues.splice(j, 1);
    }
  }
}
