/**
 * Lists the problems of a record that failed the fast path, bounded: it walks the contract's property
 * tree, checks each value with that property's own small validator, and stops after
 * MAX_PROBLEMS_PER_RECORD findings (Ajv has no error cap and `allErrors` on a whole record is a DoS risk).
 */
import type { ErrorObject } from "ajv";
import type { DriftAggregator } from "../drift/drift-aggregator.ts";
import type { DriftEventType } from "../drift/drift-event.ts";
import { explainErrors } from "./ajv-errors.explain.ts";
import { type CheckNode, type CompiledSchema, childPath, type RecordNode } from "./contract.compile.ts";
import { describeActual, describeExpected, jsType } from "./finding-text.ts";

export const MAX_PROBLEMS_PER_RECORD = 50;

const KEYWORDS: Record<string, [string, DriftEventType]> = {
  type: ["type", "type_mismatch"],
  enum: ["enum", "enum_violation"],
  const: ["enum", "enum_violation"],
  pattern: ["pattern", "pattern_violation"],
  format: ["format", "format_violation"],
  formatMinimum: ["range", "range_violation"],
  formatMaximum: ["range", "range_violation"],
  formatExclusiveMinimum: ["range", "range_violation"],
  formatExclusiveMaximum: ["range", "range_violation"],
  minLength: ["length", "length_violation"],
  maxLength: ["length", "length_violation"],
  minItems: ["length", "length_violation"],
  maxItems: ["length", "length_violation"],
  minProperties: ["length", "length_violation"],
  maxProperties: ["length", "length_violation"],
  minimum: ["range", "range_violation"],
  maximum: ["range", "range_violation"],
  exclusiveMinimum: ["range", "range_violation"],
  exclusiveMaximum: ["range", "range_violation"],
  multipleOf: ["range", "range_violation"],
  uniqueItems: ["unique_items", "duplicate_key"],
  required: ["required", "required_field_missing"],
  additionalProperties: ["unexpected", "unexpected_field"],
  unevaluatedProperties: ["unexpected", "unexpected_field"],
};

export function keywordFinding(keyword: string): [string, DriftEventType] {
  return KEYWORDS[keyword] ?? ["schema", "type_mismatch"];
}

export interface WalkOptions {
  /** Report paths as top-level column names (CSV) instead of JSON paths. */
  columns?: boolean;
  /** `type|path` pairs already reported at file level (a missing CSV column): not repeated per record. */
  suppress?: ReadonlySet<string>;
}

export interface WalkResult {
  found: number;
  suppressed: number;
  capped: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export class RecordWalker {
  readonly #schema: CompiledSchema;
  readonly #agg: DriftAggregator;
  readonly #columns: boolean;
  readonly #suppress: ReadonlySet<string> | undefined;
  #record = 0;
  #found = 0;
  #suppressed = 0;

  constructor(schema: CompiledSchema, agg: DriftAggregator, options: WalkOptions = {}) {
    this.#schema = schema;
    this.#agg = agg;
    this.#columns = options.columns === true;
    this.#suppress = options.suppress;
  }

  walk(value: unknown, record: number): WalkResult {
    this.#record = record;
    this.#found = 0;
    this.#suppressed = 0;
    const root = this.#schema.root;
    if (!isPlainObject(value)) {
      this.#emit(
        undefined,
        "$",
        `${root.rule}.$record.type`,
        "type",
        "type_mismatch",
        "an object (one record)",
        jsType(value),
        value,
      );
    } else {
      this.#object(value, root);
    }
    return {
      found: this.#found,
      suppressed: this.#suppressed,
      capped: this.#found >= MAX_PROBLEMS_PER_RECORD,
    };
  }

  /** Maps the fast path's single Ajv error when the walk found nothing (a construct the walk does not model). */
  fallback(error: ErrorObject, record: number): void {
    this.#record = record;
    const [kind, type] = keywordFinding(error.keyword);
    const segments = error.instancePath.split("/").slice(1).map(unescapePointer);
    if (error.keyword === "required")
      segments.push(String((error.params as { missingProperty?: string }).missingProperty));
    if (error.keyword === "additionalProperties") {
      segments.push(String((error.params as { additionalProperty?: string }).additionalProperty));
    }
    let path = "$";
    const names: string[] = [];
    for (const s of segments) {
      if (/^\d+$/.test(s)) path += "[*]";
      else {
        path = childPath(path, s);
        names.push(s);
      }
    }
    const node = this.#schema.nodes.get(path);
    const rule = `${[this.#schema.root.rule, ...names].join(".")}.${kind}`;
    const shown = this.#columns ? (names[0] ?? "$") : path;
    const actual = type === "required_field_missing" ? "absent" : (error.message ?? "does not match");
    this.#emit(node, shown, rule, kind, type, describeExpected(node, kind, error), actual, error.data);
  }

  /** Reports errors of the record's top-level combinators (explained); returns how many were reported. */
  explain(errors: readonly ErrorObject[], record: number): number {
    this.#record = record;
    const before = this.#found;
    for (const error of explainErrors(errors)) {
      if (this.#full()) break;
      this.#located(error);
    }
    return this.#found - before;
  }

  /** One Ajv error at its place in the record (JSON pointer → `$.a[*].b`), with the node there when known. */
  #located(error: ErrorObject): void {
    const [kind, type] = keywordFinding(error.keyword);
    const segments = error.instancePath.split("/").slice(1).map(unescapePointer);
    if (error.keyword === "required")
      segments.push(String((error.params as { missingProperty?: string }).missingProperty));
    if (error.keyword === "additionalProperties")
      segments.push(String((error.params as { additionalProperty?: string }).additionalProperty));
    let path = "$";
    const names: string[] = [];
    for (const s of segments) {
      if (/^\d+$/.test(s)) path += "[*]";
      else {
        path = childPath(path, s);
        names.push(s);
      }
    }
    const node = this.#schema.nodes.get(path);
    const rule = `${[this.#schema.root.rule, ...names].join(".")}.${kind}`;
    const shown = this.#columns ? (names[0] ?? "$") : path;
    const actual = type === "required_field_missing" ? "absent" : describeActual(kind, error.data, error);
    this.#emit(node, shown, rule, kind, type, describeExpected(node, kind, error), actual, error.data);
  }

  #full(): boolean {
    return this.#found >= MAX_PROBLEMS_PER_RECORD;
  }

  #object(obj: Record<string, unknown>, parent: RecordNode | CheckNode): void {
    const children = parent.children ?? [];
    for (const node of children) {
      if (this.#full()) return;
      const value = obj[node.prop.name];
      if (value === undefined) {
        if (node.prop.required) this.#finding(node, "required", "required_field_missing", undefined);
        continue;
      }
      this.#value(value, node);
    }
    if (!parent.closed) return;
    const known = parent.childByName;
    for (const key in obj) {
      if (this.#full()) return;
      if (known?.has(key)) continue;
      const path = childPath(parent.jsonPath, key);
      const strict = this.#schema.model.strict;
      this.#emit(
        undefined,
        this.#columns ? key : path,
        `${parent.childRule}.${key}.unexpected`,
        "unexpected",
        "unexpected_field",
        strict ? "no fields outside the contract (strict)" : "only the contract's fields",
        "present",
        obj[key],
      );
    }
  }

  #value(value: unknown, node: CheckNode): void {
    if (value === null) {
      if (!node.prop.nullable) {
        if (node.prop.required) this.#finding(node, "not_null", "null_in_required", null);
        else this.#finding(node, "type", "type_mismatch", null);
      }
      return;
    }
    if (!node.local(value)) {
      if (node.prop.opaqueSchema !== undefined) {
        // checked whole: the violations that matter (the branch that came closest, the missing field)
        for (const error of explainErrors(node.local.errors ?? [], 5)) {
          if (this.#full()) return;
          const inside = error.keyword === "additionalProperties" || error.keyword === "required";
          if (error.instancePath !== "" || inside) this.#nested(node, error, value);
          else {
            const [kind, type] = keywordFinding(error.keyword);
            this.#finding(node, kind, type, value, error);
          }
        }
        return;
      }
      let typeFailed = false;
      for (const error of node.local.errors ?? []) {
        if (this.#full()) return;
        if (error.instancePath !== "") {
          // a whole-checked (opaque) part: place the error inside it
          this.#nested(node, error, value);
          continue;
        }
        const [kind, type] = keywordFinding(error.keyword);
        if (kind === "type") typeFailed = true;
        this.#finding(node, kind, type, value, error);
      }
      if (typeFailed) return;
    }
    if (node.children !== undefined && isPlainObject(value)) {
      this.#object(value, node);
    } else if (node.item !== undefined && Array.isArray(value)) {
      for (const element of value) {
        if (this.#full()) return;
        this.#value(element, node.item);
      }
    }
  }

  #nested(node: CheckNode, error: ErrorObject, _value: unknown): void {
    const [kind, type] = keywordFinding(error.keyword);
    let path = node.jsonPath;
    const names: string[] = [];
    const segments = error.instancePath.split("/").slice(1).map(unescapePointer);
    if (error.keyword === "additionalProperties")
      segments.push(String((error.params as { additionalProperty?: string }).additionalProperty));
    if (error.keyword === "required")
      segments.push(String((error.params as { missingProperty?: string }).missingProperty));
    for (const s of segments) {
      if (/^\d+$/.test(s)) path += "[*]";
      else {
        path = childPath(path, s);
        names.push(s);
      }
    }
    const rule = `${[node.rule, ...names].join(".")}.${kind}`;
    this.#emit(
      node,
      this.#columns ? node.column : path,
      rule,
      kind,
      type,
      describeExpected(undefined, kind, error),
      error.message ?? "",
      error.data,
    );
  }

  #finding(node: CheckNode, kind: string, type: DriftEventType, value: unknown, error?: ErrorObject): void {
    this.#emit(
      node,
      this.#columns ? node.column : node.jsonPath,
      `${node.rule}.${kind}`,
      kind,
      type,
      describeExpected(node, kind, error),
      describeActual(kind, value, error),
      value,
    );
  }

  #emit(
    node: CheckNode | undefined,
    path: string,
    rule: string,
    kind: string,
    type: DriftEventType,
    expected: string,
    actual: string,
    value: unknown,
  ): void {
    if (this.#suppress?.has(`${type}|${path}`)) {
      this.#suppressed++;
      return;
    }
    this.#found++;
    this.#agg.add({
      type,
      severity: this.#schema.severityFor(node, kind, type, rule),
      path,
      rule,
      expected,
      actual,
      record: this.#record,
      value,
    });
  }
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}
