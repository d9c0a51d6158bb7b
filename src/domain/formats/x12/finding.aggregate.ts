/**
 * Aggregates X12 findings into drift events: one event per path × rule, with a count of occurrences, the
 * percent of transaction sets affected, and up to five samples (segment number and value).
 */
import {
  type DriftContractRef,
  type DriftEvent,
  type DriftEventType,
  MAX_SAMPLES,
  type Severity,
} from "../../drift/drift-event.ts";

export interface X12Finding {
  type: DriftEventType;
  path: string;
  rule: string;
  expected: string;
  actual: string;
  /** Stable facts about the rule (codes, element position); the first occurrence's are kept. */
  detail: Record<string, unknown>;
  /** The detail key holding the acknowledgment code (`ik3`, `ik4`, `ik5`, `ak9`, `ta1`), if any. */
  codeKey?: string;
  /** Segment number in the file. */
  record: number;
  value: unknown;
  /** Ordinal of the transaction set it belongs to (1-based), or 0 for group- and interchange-level findings. */
  set: number;
}

export type SeverityFor = (rule: string, fallback: Severity) => Severity;

interface Entry {
  finding: X12Finding;
  count: number;
  sets: number;
  lastSet: number;
  codes: string[];
  samples: { record: number; value: unknown }[];
}

const MAX_SAMPLE_CHARS = 200;

/** A copy that does not keep the (large) input chunk it was sliced from alive. */
function detach(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const short = value.length > MAX_SAMPLE_CHARS ? `${value.slice(0, MAX_SAMPLE_CHARS)}…` : value;
  return structuredClone(short);
}

export function defaultSeverity(type: DriftEventType): Severity {
  return type === "file_unparseable" || type === "file_too_large" ? "critical" : "error";
}

export class FindingAggregator {
  readonly #entries = new Map<string, Entry>();
  readonly #fileKey: string;
  readonly #contract: DriftContractRef;
  readonly #severityFor: SeverityFor | undefined;

  constructor(fileKey: string, contract: DriftContractRef, severityFor?: SeverityFor) {
    this.#fileKey = fileKey;
    this.#contract = contract;
    this.#severityFor = severityFor;
  }

  get size(): number {
    return this.#entries.size;
  }

  add(f: X12Finding): void {
    const key = `${f.path}\u0000${f.rule}`;
    let e = this.#entries.get(key);
    if (!e) {
      e = {
        finding: { ...f, value: undefined, detail: { ...f.detail } },
        count: 0,
        sets: 0,
        lastSet: 0,
        codes: [],
        samples: [],
      };
      this.#entries.set(key, e);
    }
    e.count++;
    if (f.set > 0 && f.set !== e.lastSet) {
      e.sets++;
      e.lastSet = f.set;
    }
    if (f.codeKey) {
      const code = f.detail[f.codeKey];
      if (typeof code === "string" && !e.codes.includes(code)) e.codes.push(code);
    }
    if (e.samples.length < MAX_SAMPLES) e.samples.push({ record: f.record, value: detach(f.value) });
  }

  /** The events, in order of first occurrence. `records` is the number of transaction sets. */
  events(records: number): DriftEvent[] {
    const out: DriftEvent[] = [];
    for (const e of this.#entries.values()) {
      const f = e.finding;
      const fallback = defaultSeverity(f.type);
      const detail: Record<string, unknown> = { ...f.detail };
      // The same rule can fail with more than one code (an element too short in one place, too long in another).
      if (f.codeKey && e.codes.length > 1) detail[`${f.codeKey}All`] = e.codes;
      out.push({
        type: f.type,
        severity: this.#severityFor ? this.#severityFor(f.rule, fallback) : fallback,
        path: f.path,
        rule: f.rule,
        expected: f.expected,
        actual: f.actual,
        count: e.count,
        percent: f.set > 0 && records > 0 ? Math.round((e.sets / records) * 10000) / 100 : null,
        samples: e.samples,
        file: { key: this.#fileKey, sha256: "", size: 0 },
        contract: { ...this.#contract },
        detail,
      });
    }
    return out;
  }
}
