/** Pure formatting helpers (no DOM), shared by pages and unit-tested under test/browser/. */

const STEPS: [number, number, string][] = [
  [60, 1, "s"],
  [3600, 60, "min"],
  [86400, 3600, "h"],
  [30 * 86400, 86400, "d"],
  [365 * 86400, 30 * 86400, "mo"],
  [Number.POSITIVE_INFINITY, 365 * 86400, "y"],
];

/** "3 min ago", "in 57 min", "just now"; `now` is passed in (ms since epoch). */
export function relativeTime(iso: string | null | undefined, now: number): string {
  if (!iso) return "—";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const signed = Math.round((t - now) / 1000);
  const diff = Math.abs(signed);
  if (diff < 5) return "just now";
  const [, size, unit] = STEPS.find(([limit]) => diff < limit)!;
  const text = `${Math.floor(diff / size)} ${unit}`;
  return signed > 0 ? `in ${text}` : `${text} ago`;
}

/** "2026-11-23 10:04 UTC". */
export function absoluteTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "every 60 min", "every 2 h", "every 1 d 6 h". */
export function formatInterval(minutes: number): string {
  if (minutes < 60) return `every ${minutes} min`;
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d ? `${d} d` : "", h ? `${h} h` : "", m ? `${m} min` : ""].filter(Boolean);
  return `every ${parts.join(" ")}`;
}

/** A sample value as one readable line: strings quoted, absent shown as such. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "(absent)";
  if (typeof value === "string") return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** "snake_case_name" → "Snake case name". */
export function humanize(id: string): string {
  const s = id.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}
