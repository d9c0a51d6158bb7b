/**
 * File-wide checks that no single record can decide: `unique` / `primaryKey`, and the ODCS quality
 * metrics (nullValues, missingValues, invalidValues, duplicateValues, rowCount) with their operators and
 * units. Each tracker counts as records stream past and yields at most one event at the end.
 */
import { type DriftAggregator, percentOf } from "../drift/drift-aggregator.ts";
import type { DriftEventType, DriftSample } from "../drift/drift-event.ts";
import type { CheckNode, CompiledSchema } from "./contract.compile.ts";
import type { QualityOperator, QualityRule } from "./contract.model.ts";
import { KeySet } from "./key-set.ts";

/**
 * Distinct keys remembered per uniqueness check (a 64-bit hash each: at most 32 MiB); past this, new keys
 * are no longer remembered (and a note says so).
 */
export const MAX_TRACKED_KEYS = 2_000_000;

type Extract = (record: unknown) => unknown[];

interface Tracker {
  observe(record: unknown, recordNo: number): void;
  finish(agg: DriftAggregator, records: number, notes: string[]): void;
}

const SYMBOL: Record<QualityOperator, string> = {
  mustBe: "=",
  mustNotBe: "≠",
  mustBeGreaterThan: ">",
  mustBeGreaterOrEqualTo: "≥",
  mustBeLessThan: "<",
  mustBeLessOrEqualTo: "≤",
  mustBeBetween: "between",
  mustNotBeBetween: "not between",
};

/** Whether a measured value satisfies the rule's operator. */
export function passes(
  measured: number,
  operator: QualityOperator,
  threshold: number | [number, number],
): boolean {
  const t = typeof threshold === "number" ? threshold : Number.NaN;
  const [low, high] = Array.isArray(threshold) ? threshold : [Number.NaN, Number.NaN];
  switch (operator) {
    case "mustBe":
      return measured === t;
    case "mustNotBe":
      return measured !== t;
    case "mustBeGreaterThan":
      return measured > t;
    case "mustBeGreaterOrEqualTo":
      return measured >= t;
    case "mustBeLessThan":
      return measured < t;
    case "mustBeLessOrEqualTo":
      return measured <= t;
    case "mustBeBetween":
      return measured >= low && measured <= high;
    case "mustNotBeBetween":
      return measured < low || measured > high;
  }
}

function thresholdText(rule: QualityRule): string {
  const unit = rule.unit === "percent" ? "%" : rule.metric === "rowCount" ? "" : " rows";
  const t = Array.isArray(rule.threshold)
    ? `${rule.threshold[0]} and ${rule.threshold[1]}${unit}`
    : `${rule.threshold}${unit}`;
  return `${rule.metric} ${SYMBOL[rule.operator]} ${t}`;
}

/** Values at a node's place in a record, arrays flattened (`$.items[*].sku` gives one value per item). */
function extractor(node: CheckNode, schema: CompiledSchema): Extract {
  const steps: Array<{ name: string; each: boolean }> = [];
  // rebuild the chain from the root by walking nodes whose path prefixes this one
  const chain: CheckNode[] = [];
  const visit = (list: CheckNode[] | undefined): boolean => {
    for (const n of list ?? []) {
      chain.push(n);
      if (n === node) return true;
      if (visit(n.children) || (n.item && (n.item === node || visit(n.item.children)))) return true;
      chain.pop();
    }
    return false;
  };
  visit(schema.root.children);
  for (const n of chain) steps.push({ name: n.prop.name, each: n.item !== undefined && n !== node });
  return (record) => {
    let current: unknown[] = [record];
    for (const step of steps) {
      const next: unknown[] = [];
      for (const holder of current) {
        if (holder === null || typeof holder !== "object" || Array.isArray(holder)) continue;
        const value = (holder as Record<string, unknown>)[step.name];
        if (step.each && Array.isArray(value)) next.push(...value);
        else if (!step.each) next.push(value);
      }
      current = next;
    }
    return current;
  };
}

interface TrackerSpec {
  rule: QualityRule | undefined;
  type: DriftEventType;
  path: string;
  ruleId: string;
  node: CheckNode | undefined;
  kind: string;
  schema: CompiledSchema;
  extract: Extract;
  /** Counts one offending value; `duplicates` mode remembers keys instead. */
  offends?: (value: unknown) => boolean;
  duplicates?: boolean;
  composite?: boolean;
  expected: string;
}

class CountTracker implements Tracker {
  #offenders = 0;
  #slots = 0;
  #affected = 0;
  #last = -1;
  readonly #samples: DriftSample[] = [];
  readonly #seen = new KeySet();
  #capped = false;

  readonly spec: TrackerSpec;

  constructor(spec: TrackerSpec) {
    this.spec = spec;
  }

  observe(record: unknown, recordNo: number): void {
    const values = this.spec.extract(record);
    if (this.spec.composite) {
      if (values.some((v) => v === null || v === undefined)) return;
      this.#count(`\u0000j${JSON.stringify(values)}`, values, recordNo);
      return;
    }
    for (const value of values) {
      if (this.spec.duplicates) {
        if (value === null || value === undefined) continue;
        this.#count(keyOf(value), value, recordNo);
      } else {
        this.#slots++;
        if (this.spec.offends?.(value)) this.#offend(value, recordNo);
      }
    }
  }

  #count(key: string, value: unknown, recordNo: number): void {
    this.#slots++;
    if (this.#capped) {
      // past the cap, only keys already remembered can still be found again
      if (this.#seen.has(key)) this.#offend(value, recordNo);
      return;
    }
    if (!this.#seen.add(key)) {
      this.#offend(value, recordNo);
      return;
    }
    if (this.#seen.size >= MAX_TRACKED_KEYS) this.#capped = true;
  }

  #offend(value: unknown, recordNo: number): void {
    this.#offenders++;
    if (recordNo !== this.#last) {
      this.#last = recordNo;
      this.#affected++;
      if (this.#samples.length < 5)
        this.#samples.push({ record: recordNo, value: value === undefined ? null : value });
    }
  }

  finish(agg: DriftAggregator, records: number, notes: string[]): void {
    const { rule, schema } = this.spec;
    if (this.#capped) {
      notes.push(
        `${this.spec.ruleId}: duplicates were looked for among the first ${MAX_TRACKED_KEYS} distinct values only`,
      );
    }
    const share = percentOf(this.#offenders, this.#slots) ?? 0;
    const measured = rule?.unit === "percent" ? share : this.#offenders;
    const ok = rule === undefined ? this.#offenders === 0 : passes(measured, rule.operator, rule.threshold);
    if (ok) return;
    // a quality rule of the contract that fails is an error unless it declares its severity
    const severity =
      rule?.severity ??
      schema.severityFor(
        this.spec.node,
        this.spec.kind,
        this.spec.type,
        this.spec.ruleId,
        rule === undefined ? undefined : "error",
      );
    agg.put({
      type: this.spec.type,
      severity,
      path: this.spec.path,
      rule: this.spec.ruleId,
      expected: this.spec.expected,
      actual: `${this.#offenders} of ${this.#slots} values (${share}%)`,
      count: this.#offenders,
      percent: percentOf(this.#affected, records),
      samples: this.#samples,
      ...(rule === undefined
        ? {}
        : {
            detail: {
              metric: rule.metric,
              operator: rule.operator,
              threshold: rule.threshold,
              unit: rule.unit,
              measured,
            },
          }),
    });
  }
}

const METRIC_TYPE: Record<string, DriftEventType> = {
  nullValues: "null_in_required",
  missingValues: "required_field_missing",
  duplicateValues: "duplicate_key",
};

export class QualityEngine {
  readonly #trackers: Tracker[] = [];
  readonly #schema: CompiledSchema;
  readonly #columns: boolean;

  constructor(schema: CompiledSchema, options: { columns?: boolean } = {}) {
    this.#schema = schema;
    this.#columns = options.columns === true;
    this.#build();
  }

  /** rowCount rules, of the schema object or written on a property (they count the same rows). */
  readonly #rowCounts: Array<{ rule: QualityRule; ruleId: string }> = [];

  get active(): boolean {
    return this.#trackers.length > 0 || this.#rowCounts.length > 0;
  }

  observe(record: unknown, recordNo: number): void {
    for (const t of this.#trackers) t.observe(record, recordNo);
  }

  finish(agg: DriftAggregator, records: number, notes: string[]): void {
    for (const t of this.#trackers) t.finish(agg, records, notes);
    const schema = this.#schema;
    for (const { rule, ruleId } of this.#rowCounts) {
      if (passes(records, rule.operator, rule.threshold)) continue;
      agg.put({
        type: "row_count_out_of_range",
        severity:
          rule.severity ??
          schema.severityFor(undefined, "rowCount", "row_count_out_of_range", ruleId, "error"),
        path: "$",
        rule: ruleId,
        expected: thresholdText(rule),
        actual: `${records} rows`,
        count: records,
        percent: null,
        samples: [],
        detail: { metric: "rowCount", operator: rule.operator, threshold: rule.threshold, measured: records },
      });
    }
  }

  #build(): void {
    const schema = this.#schema;
    const name = schema.model.name;
    const pathOf = (n: CheckNode): string => (this.#columns ? n.column : n.jsonPath);
    const top = schema.root.children;
    const pk = top.filter((n) => n.prop.primaryKey);
    pk.sort((a, b) => (a.prop.primaryKeyPosition ?? 1e9) - (b.prop.primaryKeyPosition ?? 1e9));
    const uniques = top.filter((n) => n.prop.unique || (n.prop.primaryKey && pk.length === 1));
    for (const n of uniques) {
      this.#trackers.push(
        new CountTracker({
          rule: undefined,
          type: "duplicate_key",
          path: pathOf(n),
          ruleId: `${n.rule}.unique`,
          node: n,
          kind: "unique",
          schema,
          extract: (r) => [isRecord(r) ? r[n.prop.name] : undefined],
          duplicates: true,
          expected: `unique ${n.prop.name}`,
        }),
      );
    }
    if (pk.length > 1) {
      const names = pk.map((n) => n.prop.name);
      this.#trackers.push(
        this.#composite(names, undefined, `${name}.primaryKey.unique`, `unique key (${names.join(", ")})`),
      );
    }
    for (const rule of schema.model.quality) {
      if (rule.metric === "rowCount")
        this.#rowCounts.push({ rule, ruleId: `${name}.${rule.name ?? "rowCount"}` });
      if (rule.metric === "duplicateValues" && rule.properties) {
        this.#trackers.push(
          this.#composite(
            rule.properties,
            rule,
            `${name}.${rule.name ?? "duplicateValues"}`,
            thresholdText(rule),
          ),
        );
      }
    }
    for (const node of schema.nodes.values()) {
      const used = new Map<string, number>();
      for (const rule of node.prop.quality) {
        if (rule.metric === "rowCount") {
          this.#rowCounts.push({ rule, ruleId: `${node.rule}.${rule.name ?? "rowCount"}` });
          continue;
        }
        const base = rule.name ?? rule.metric;
        const n = (used.get(base) ?? 0) + 1;
        used.set(base, n);
        this.#trackers.push(
          this.#metric(node, rule, `${node.rule}.${n === 1 ? base : `${base}_${n}`}`, pathOf(node)),
        );
      }
    }
  }

  #composite(names: string[], rule: QualityRule | undefined, ruleId: string, expected: string): Tracker {
    return new CountTracker({
      rule,
      type: "duplicate_key",
      path: this.#columns ? names.join(",") : "$",
      ruleId,
      node: undefined,
      kind: "unique",
      schema: this.#schema,
      extract: (r) => names.map((k) => (isRecord(r) ? r[k] : undefined)),
      duplicates: true,
      composite: true,
      expected,
    });
  }

  #metric(node: CheckNode, rule: QualityRule, ruleId: string, path: string): Tracker {
    const extract = extractor(node, this.#schema);
    let type = METRIC_TYPE[rule.metric] ?? "enum_violation";
    let offends: ((v: unknown) => boolean) | undefined;
    if (rule.metric === "nullValues") offends = (v) => v === null || v === undefined;
    if (rule.metric === "missingValues") {
      const missing = rule.missingValues ?? [null, ""];
      offends = (v) => (v === undefined ? missing.includes(null) : missing.includes(v));
    }
    if (rule.metric === "invalidValues") {
      const valid = rule.validValues;
      const re = rule.pattern === undefined ? undefined : new RegExp(rule.pattern, "u");
      type = valid !== undefined ? "enum_violation" : "pattern_violation";
      offends = (v) => {
        if (v === null || v === undefined) return false;
        if (valid !== undefined && !valid.includes(v)) return true;
        return re !== undefined && !re.test(typeof v === "string" ? v : String(v));
      };
    }
    const expected =
      rule.metric === "invalidValues" && rule.validValues
        ? `${thresholdText(rule)} (valid: ${rule.validValues.slice(0, 10).join(", ")})`
        : thresholdText(rule);
    return new CountTracker({
      rule,
      type,
      path,
      ruleId,
      node,
      kind: rule.metric,
      schema: this.#schema,
      extract,
      ...(offends ? { offends } : {}),
      duplicates: rule.metric === "duplicateValues",
      expected,
    });
  }
}

/** A string key per value: strings as they are, other types tagged so 1 and "1" differ. */
function keyOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return `\u0000${typeof value}${String(value)}`;
  return `\u0000j${JSON.stringify(value)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
