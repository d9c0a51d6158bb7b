/** Lint problems as `file:line:column: severity: message (path)`, the form editors and CI logs link. */
import type { LintIssue } from "../../domain/contracts/index.ts";
import type { Palette } from "./colors.ts";

export function renderIssues(file: string, issues: LintIssue[], c: Palette): string {
  return issues
    .map((i) => {
      const sev = i.severity === "error" ? c.severity("error", "error") : c.severity("warning", "warning");
      const path = i.path === "$" ? "" : ` ${c.dim(`(${i.path})`)}`;
      return `${file}:${i.line}:${i.column}: ${sev}: ${i.message}${path}`;
    })
    .join("\n");
}
