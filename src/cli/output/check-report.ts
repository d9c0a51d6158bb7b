/** Human-readable report of `driftwatch check`: findings grouped by file, then one summary line. */
import type { CheckResult } from "../../domain/contracts/index.ts";
import {
  type DriftEvent,
  SEVERITIES,
  type Severity,
  severityAtLeast,
} from "../../domain/drift/drift-event.ts";
import type { Palette } from "./colors.ts";
import { plural } from "./fs-error.ts";

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

const ORDER: Record<Severity, number> = { critical: 0, error: 1, warning: 2, info: 3 };

function sampleText(event: DriftEvent): string {
  if (event.samples.length === 0) return "";
  const shown = event.samples.map((s) => {
    const value = typeof s.value === "string" ? JSON.stringify(s.value) : JSON.stringify(s.value);
    const cut = value !== undefined && value.length > 60 ? `${value.slice(0, 59)}…` : value;
    return `#${s.record} ${cut}`;
  });
  return shown.join(", ");
}

function where(event: DriftEvent): string {
  const d = event.detail;
  if (d === undefined) return "";
  const parts: string[] = [];
  if (typeof d.line === "number") parts.push(`line ${d.line}`);
  if (typeof d.column === "number") parts.push(`column ${d.column}`);
  if (typeof d.offset === "number" && parts.length === 0) parts.push(`byte ${d.offset}`);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

/** The report for one file. */
export function renderFile(key: string, result: CheckResult, c: Palette): string {
  const lines: string[] = [];
  const format =
    result.format === undefined
      ? "unknown format"
      : `${result.format}${result.formatFrom !== undefined && result.formatFrom !== "--format" ? ` by ${result.formatFrom}` : ""}`;
  const packed = result.compression !== undefined ? `, ${result.compression}` : "";
  const head = `${c.bold(key)} ${c.dim(`(${format}${packed}, ${plural(result.records, "record")}, ${formatBytes(result.size)}, sha256 ${result.sha256.slice(0, 12)}…)`)}`;
  lines.push(head);
  if (result.events.length === 0) {
    lines.push(`  ${c.green("✓ no drift")}`);
    return lines.join("\n");
  }
  const events = [...result.events].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  for (const e of events) {
    const share = e.percent === null ? "" : ` (${e.percent}% of records)`;
    lines.push(
      `  ${c.severity(e.severity, e.severity.toUpperCase().padEnd(8))} ${e.type.padEnd(22)} ${e.path}  ×${e.count}${share}`,
    );
    lines.push(`           expected ${e.expected}; got ${e.actual}${where(e)}`);
    const samples = sampleText(e);
    if (samples.length > 0) lines.push(`           ${c.dim(`samples: ${samples}`)}`);
    lines.push(`           ${c.dim(`rule ${e.rule}`)}`);
  }
  for (const note of result.notes) lines.push(`  ${c.dim(`note: ${note}`)}`);
  return lines.join("\n");
}

export interface Summary {
  files: number;
  records: number;
  events: DriftEvent[];
  failed: boolean;
  failOn: Severity;
  ioErrors: number;
}

export function renderSummary(s: Summary, c: Palette): string {
  const counts = SEVERITIES.filter((sev) => s.events.some((e) => e.severity === sev))
    .reverse()
    .map((sev) => c.severity(sev, `${s.events.filter((e) => e.severity === sev).length} ${sev}`));
  const findings =
    s.events.length === 0
      ? "no drift"
      : `${s.events.length} drift event${s.events.length === 1 ? "" : "s"} (${counts.join(", ")})`;
  const io = s.ioErrors > 0 ? `, ${s.ioErrors} file${s.ioErrors === 1 ? "" : "s"} not readable` : "";
  const verdict = s.ioErrors > 0 ? "error" : s.failed ? `fails (--fail-on ${s.failOn})` : "passes";
  return `${plural(s.files, "file")}, ${plural(s.records, "record")}: ${findings}${io} — ${verdict}`;
}

/** Whether any event reaches the threshold. */
export function failsAt(events: DriftEvent[], threshold: Severity): boolean {
  return events.some((e) => severityAtLeast(e.severity, threshold));
}
