/** Geometry for the events-per-day chart (pure). */
import { SEVERITIES, type SummaryDay } from "./types.ts";

/** The smallest "nice" axis maximum (1, 2, 5 × 10^n) at or above `value` (at least 1). */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const exp = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * exp >= value) return m * exp;
  return 10 * exp;
}

export function dayTotal(d: SummaryDay): number {
  return SEVERITIES.reduce((sum, s) => sum + (d[s] ?? 0), 0);
}

export interface BarSegment {
  severity: (typeof SEVERITIES)[number];
  y: number;
  height: number;
  value: number;
}

/** Stacked segments of one day's bar, from the baseline (`plotHeight`) up; critical on top. */
export function stack(d: SummaryDay, max: number, plotHeight: number): BarSegment[] {
  const out: BarSegment[] = [];
  let base = plotHeight;
  for (const s of SEVERITIES) {
    const value = d[s] ?? 0;
    if (value <= 0) continue;
    const h = (value / max) * plotHeight;
    base -= h;
    out.push({ severity: s, y: base, height: h, value });
  }
  return out;
}
