/** Drift-event helpers shared by the events page, the connection page and "try a file". Pure. */
import type { DriftEvent, EventFilter, Severity } from "./types.ts";

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2, critical: 3 };

export interface FileGroup<E extends DriftEvent> {
  key: string;
  fileKey: string;
  events: E[];
  worst: Severity;
}

/** Events grouped by file (first appearance order), worst severity first inside each group. */
export function groupByFile<E extends DriftEvent & { file_id?: string | null }>(events: E[]): FileGroup<E>[] {
  const groups = new Map<string, FileGroup<E>>();
  for (const e of events) {
    const key = e.file_id ?? `${e.file?.key ?? ""}:${e.file?.sha256 ?? ""}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, fileKey: e.file?.key ?? "(uploaded file)", events: [], worst: e.severity };
      groups.set(key, g);
    }
    g.events.push(e);
    if (RANK[e.severity] > RANK[g.worst]) g.worst = e.severity;
  }
  for (const g of groups.values()) g.events.sort((a, b) => RANK[b.severity] - RANK[a.severity]);
  return [...groups.values()];
}

/** "3 of 40 records (7.5 %)", "3 records", "1 occurrence". */
export function affected(e: Pick<DriftEvent, "count" | "percent">): string {
  const n = e.count;
  if (e.percent === null || e.percent === undefined) return n === 1 ? "1 occurrence" : `${n} occurrences`;
  const pct = `${Math.round(e.percent * 100) / 100} %`;
  return `${n} ${n === 1 ? "record" : "records"} (${pct} of the file)`;
}

export interface EventFilters {
  connection_id: string;
  type: string;
  severity: string;
  status: string;
  since: string;
  until: string;
  /** One file's events (from the ledger); shown as a removable chip, not a form field. */
  file_id: string;
}

export const FILTER_KEYS: (keyof EventFilters)[] = [
  "connection_id",
  "type",
  "severity",
  "status",
  "since",
  "until",
  "file_id",
];

export function filtersFromSearch(search: URLSearchParams): EventFilters {
  const f: EventFilters = {
    connection_id: "",
    type: "",
    severity: "",
    status: "",
    since: "",
    until: "",
    file_id: "",
  };
  for (const k of FILTER_KEYS) f[k] = search.get(k) ?? "";
  return f;
}

export function filtersToSearch(f: EventFilters): string {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k]) q.set(k, f[k]);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/**
 * The API query for the filters: dates (YYYY-MM-DD, kept in the URL as typed) become instants, `until`
 * covering its whole day.
 */
/** The filters as the API's query (the server checks each value and names a bad one). */
export function filtersToApi(f: EventFilters): EventFilter {
  const out: EventFilter = {};
  if (f.connection_id) out.connection_id = f.connection_id;
  if (f.type) out.type = f.type as EventFilter["type"];
  if (f.severity) out.severity = f.severity as EventFilter["severity"];
  if (f.status) out.status = f.status as EventFilter["status"];
  if (f.file_id) out.file_id = f.file_id;
  if (/^\d{4}-\d{2}-\d{2}$/.test(f.since)) out.since = `${f.since}T00:00:00Z`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(f.until)) {
    const d = new Date(`${f.until}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    out.until = d.toISOString();
  }
  return out;
}
