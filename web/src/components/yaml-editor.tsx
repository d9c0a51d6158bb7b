import { useRef } from "react";
import type { LintIssue } from "../lib/types.ts";

/**
 * A YAML editor: a textarea with line numbers; lines with lint issues are marked in the gutter (the
 * message in its tooltip), and the issue list below jumps to the line.
 */
export function YamlEditor({
  id,
  value,
  onChange,
  issues,
  describedBy,
  label,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  issues: LintIssue[];
  describedBy?: string;
  label: string;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lineCount = Math.max(1, value.split("\n").length);
  const byLine = new Map<number, LintIssue[]>();
  for (const issue of issues) {
    if (issue.line) byLine.set(issue.line, [...(byLine.get(issue.line) ?? []), issue]);
  }
  return (
    <div className="editor">
      <div className="gutter" ref={gutter} aria-hidden="true">
        {Array.from({ length: lineCount }, (_, i) => {
          const n = i + 1;
          const here = byLine.get(n);
          const isError = here?.some((x) => x.severity === "error");
          return (
            <div
              key={n}
              className={here ? (isError ? "has-issue" : "has-warning") : undefined}
              title={here?.map((x) => x.message).join("\n")}
              data-line={n}
            >
              {n}
            </div>
          );
        })}
      </div>
      <textarea
        ref={area}
        id={id}
        aria-label={label}
        aria-describedby={describedBy}
        aria-invalid={issues.some((x) => x.severity === "error") || undefined}
        value={value}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        wrap="off"
        onChange={(e) => onChange(e.target.value)}
        onScroll={(e) => {
          if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
        }}
        onKeyDown={(e) => {
          // Tab inserts two spaces (YAML indentation); Escape then Tab leaves the editor.
          if (e.key === "Tab" && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
            const t = e.currentTarget;
            if (t.dataset.escaped === "1") {
              t.dataset.escaped = "";
              return;
            }
            e.preventDefault();
            const { selectionStart: s, selectionEnd: end } = t;
            const next = `${t.value.slice(0, s)}  ${t.value.slice(end)}`;
            onChange(next);
            requestAnimationFrame(() => t.setSelectionRange(s + 2, s + 2));
          } else if (e.key === "Escape") {
            e.currentTarget.dataset.escaped = "1";
          }
        }}
      />
    </div>
  );
}

/** Puts the caret at the start of `line` (1-based) in the textarea `id` and scrolls to it. */
export function goToLine(id: string, line: number): void {
  const t = document.getElementById(id) as HTMLTextAreaElement | null;
  if (!t) return;
  const lines = t.value.split("\n");
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i]!.length + 1;
  t.focus();
  t.setSelectionRange(offset, offset + (lines[line - 1]?.length ?? 0));
  const lineHeight = Number.parseFloat(getComputedStyle(t).lineHeight) || 20;
  t.scrollTop = Math.max(0, (line - 4) * lineHeight);
}

export function IssueList({ issues, editorId }: { issues: LintIssue[]; editorId: string }) {
  if (issues.length === 0) return null;
  return (
    <ul className="issues" data-testid="lint-issues">
      {issues.map((issue) => (
        <li
          key={`${issue.line}-${issue.column}-${issue.message}`}
          className={issue.severity === "error" ? "field-error" : "field-warning"}
        >
          {issue.line ? (
            <button type="button" className="link-btn where" onClick={() => goToLine(editorId, issue.line!)}>
              line {issue.line}
              {issue.column ? `:${issue.column}` : ""}
            </button>
          ) : (
            <span className="where">document</span>
          )}{" "}
          {issue.message}
          {issue.path ? <span className="cell-sub"> ({issue.path})</span> : null}
        </li>
      ))}
    </ul>
  );
}
