/**
 * Folds single findings ("record 12 lacks items[*].sku") into drift events aggregated per
 * type × path × rule: a count of occurrences, the share of records affected, and at most
 * MAX_SAMPLES samples (record number and a truncated value).
 */
import {
  type DriftContractRef,
  type DriftEvent,
  type DriftEventType,
  type DriftFileRef,
  type DriftSample,
  MAX_SAMPLES,
  type Severity,
} from "./drift-event.ts";

/** One finding, before aggregation. `record` is 1-based; 0 marks a file-level finding. */
export interface Occurrence {
  type: DriftEventType;
  severity: Severity;
  path: string;
  rule: string;
  expected: string;
  actual: string;
  record: number;
  value?: unknown;
  detail?: Record<string, unknown>;
}

/** An already-aggregated event (for example a quality threshold computed over the whole file). */
export type PrebuiltEvent = Omit<DriftEvent, "file" | "contract">;

interface Bucket {
  event: PrebuiltEvent;
  lastRecord: number;
  recordsAffected: number;
  fileLevel: boolean;
}

/** Longest string kept in a sample; longer values are cut and end with "…". */
export const MAX_SAMPLE_CHARS = 200;

/** A value small enough to keep in a sample: long strings and large structures are cut to a string. */
export function truncateSample(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === "string") {
    return value.length > MAX_SAMPLE_CHARS ? `${value.slice(0, MAX_SAMPLE_CHARS - 1)}…` : value;
  }
  if (typeof value === "bigint") return value.toString();
  if (value !== null && typeof value === "object") {
    let text: string;
    try {
      text = JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) ?? "null";
    } catch {
      return "[unserialisable value]";
    }
    return text.length > MAX_SAMPLE_CHARS ? `${text.slice(0, MAX_SAMPLE_CHARS - 1)}…` : value;
  }
  return value;
}

/** Percent of `part` in `whole`, rounded to 2 decimals; null when there is no denominator. */
export function percentOf(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 10000) / 100;
}

export class DriftAggregator {
  readonly #buckets = new Map<string, Bucket>();

  /** Records one finding. Findings of the same type, path and rule land in one event. */
  add(o: Occurrence): void {
    const key = `${o.type}\u0000${o.path}\u0000${o.rule}`;
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      const event: PrebuiltEvent = {
        type: o.type,
        severity: o.severity,
        path: o.path,
        rule: o.rule,
        expected: o.expected,
        actual: o.actual,
        count: 0,
        percent: null,
        samples: [],
      };
      if (o.detail !== undefined) event.detail = o.detail;
      bucket = { event, lastRecord: -1, recordsAffected: 0, fileLevel: o.record === 0 };
      this.#buckets.set(key, bucket);
    }
    bucket.event.count++;
    if (o.record !== bucket.lastRecord) {
      bucket.lastRecord = o.record;
      bucket.recordsAffected++;
      if (bucket.event.samples.length < MAX_SAMPLES && o.record > 0) {
        bucket.event.samples.push({ record: o.record, value: truncateSample(o.value) });
      }
    }
  }

  /** Adds an event whose count and percent were computed elsewhere. */
  put(event: PrebuiltEvent): void {
    const key = `${event.type}\u0000${event.path}\u0000${event.rule}`;
    const samples: DriftSample[] = event.samples
      .slice(0, MAX_SAMPLES)
      .map((s) => ({ record: s.record, value: truncateSample(s.value) }));
    this.#buckets.set(key, {
      event: { ...event, samples },
      lastRecord: -1,
      recordsAffected: 0,
      fileLevel: true,
    });
  }

  /** True when no finding was recorded. */
  get empty(): boolean {
    return this.#buckets.size === 0;
  }

  /** Forgets the findings of one type at one path (a file-level finding that replaces per-record ones). */
  drop(type: DriftEventType, path: string): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.event.type === type && bucket.event.path === path) this.#buckets.delete(key);
    }
  }

  /** Whether some event of this type was recorded at this path. */
  hasAt(type: DriftEventType, path: string): boolean {
    for (const bucket of this.#buckets.values())
      if (bucket.event.type === type && bucket.event.path === path) return true;
    return false;
  }

  /** Whether some event of this type was recorded. */
  has(type: DriftEventType): boolean {
    for (const bucket of this.#buckets.values()) if (bucket.event.type === type) return true;
    return false;
  }

  /** Drops every finding (used when a file turns out too large and only that event must remain). */
  clear(): void {
    this.#buckets.clear();
  }

  /** The events, in the order their first finding arrived, with file and contract filled in. */
  events(records: number, file: DriftFileRef, contract: DriftContractRef): DriftEvent[] {
    const out: DriftEvent[] = [];
    for (const bucket of this.#buckets.values()) {
      const percent = bucket.fileLevel ? bucket.event.percent : percentOf(bucket.recordsAffected, records);
      out.push({ ...bucket.event, percent, file: { ...file }, contract: { ...contract } });
    }
    return out;
  }
}
