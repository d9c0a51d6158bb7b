/** Reads ODCS `quality` rules (library metrics with one operator) into QualityRule. */
import { isSeverity } from "../drift/drift-event.ts";
import {
  type DocPath,
  QUALITY_METRICS,
  QUALITY_OPERATORS,
  type QualityMetric,
  type QualityOperator,
  type QualityRule,
} from "./contract.model.ts";
import { type Issues, isObject, regexProblem } from "./issues.ts";

/** Where a rule's problems go: each is a warning, and the rule is skipped (never a reason to refuse the contract). */
type Sink = Pick<Issues, "error" | "warning">;

function skipping(issues: Issues): Sink {
  return {
    error: (path, message, part) => issues.warning(path, `${message}: the rule is skipped`, part),
    warning: (path, message, part) => issues.warning(path, message, part),
  };
}

const PROPERTY_METRICS: readonly QualityMetric[] = [
  "nullValues",
  "missingValues",
  "invalidValues",
  "duplicateValues",
  "rowCount",
];
const SCHEMA_METRICS: readonly QualityMetric[] = ["rowCount", "duplicateValues"];

/** v3.0 rule names still seen in the wild, mapped to v3.1 metrics. */
const LEGACY_RULES: Record<string, QualityMetric> = {
  nullCheck: "nullValues",
  uniqueCheck: "duplicateValues",
  countCheck: "rowCount",
};

export function readQualityRules(
  raw: unknown,
  path: DocPath,
  level: "property" | "schema",
  issues: Issues,
  schemaPropertyNames: readonly string[] = [],
): QualityRule[] {
  if (!Array.isArray(raw)) return []; // the standard's structure check reports anything else
  const out: QualityRule[] = [];
  const sink = skipping(issues);
  raw.forEach((entry, i) => {
    const rule = readRule(entry, [...path, i], level, sink, schemaPropertyNames);
    if (rule !== undefined) out.push(rule);
  });
  return out;
}

function readRule(
  entry: unknown,
  at: DocPath,
  level: "property" | "schema",
  issues: Sink,
  schemaPropertyNames: readonly string[],
): QualityRule | undefined {
  if (!isObject(entry)) return undefined;
  const type = entry.type ?? "library";
  if (type === "text" || type === "sql" || type === "custom") {
    issues.warning([...at, "type"], `quality rules of type "${type}" are kept but not run by driftwatch`);
    return undefined;
  }
  if (type !== "library") return undefined; // the standard's structure check reports it
  const metricRaw = entry.metric ?? entry.rule;
  const metricPath = [...at, entry.metric !== undefined ? "metric" : "rule"];
  if (typeof metricRaw !== "string") {
    issues.error(
      at,
      "a library quality rule needs a `metric` (nullValues, missingValues, invalidValues, duplicateValues, rowCount)",
    );
    return undefined;
  }
  const metric = (QUALITY_METRICS as readonly string[]).includes(metricRaw)
    ? (metricRaw as QualityMetric)
    : LEGACY_RULES[metricRaw];
  if (metric === undefined) {
    issues.error(
      metricPath,
      `unknown quality metric "${metricRaw}"; use one of ${QUALITY_METRICS.join(", ")}`,
    );
    return undefined;
  }
  const allowed = level === "property" ? PROPERTY_METRICS : SCHEMA_METRICS;
  if (!allowed.includes(metric)) {
    issues.error(
      metricPath,
      `metric ${metric} applies to ${level === "property" ? "a schema object" : "a property"}, not to a ${level}`,
    );
    return undefined;
  }
  const operators = QUALITY_OPERATORS.filter((op) => entry[op] !== undefined);
  if (operators.length === 0) {
    issues.error(at, `quality rule ${metric} needs an operator (${QUALITY_OPERATORS.join(", ")})`);
    return undefined;
  }
  if (operators.length > 1) {
    issues.error(
      [...at, operators[1]!],
      `a quality rule takes one operator; found ${operators.join(" and ")}`,
      "key",
    );
    return undefined;
  }
  const operator = operators[0] as QualityOperator;
  const threshold = readThreshold(entry[operator], operator, [...at, operator], issues);
  if (threshold === undefined) return undefined;
  const unitRaw = readUnit(entry.unit);
  if (unitRaw === undefined) {
    issues.error([...at, "unit"], `driftwatch knows the units rows and percent, not "${String(entry.unit)}"`);
    return undefined;
  }
  if (metric === "rowCount" && unitRaw === "percent") {
    issues.error([...at, "unit"], "rowCount counts rows: unit percent does not apply");
    return undefined;
  }
  const rule: QualityRule = { metric, operator, threshold, unit: unitRaw, docPath: at };
  if (entry.severity !== undefined) {
    const severity = readSeverity(entry.severity);
    if (severity !== undefined) rule.severity = severity;
    else
      issues.warning(
        [...at, "severity"],
        `unknown severity "${String(entry.severity)}" (info, warning, error or critical): a failure of this rule is an error`,
      );
  }
  const name = entry.name ?? entry.id;
  if (typeof name === "string" && name.length > 0) rule.name = name;
  if (typeof entry.description === "string") rule.description = entry.description;
  if (!readArguments(rule, entry.arguments, [...at, "arguments"], level, issues, schemaPropertyNames))
    return undefined;
  return rule;
}

function readThreshold(
  value: unknown,
  operator: QualityOperator,
  at: DocPath,
  issues: Sink,
): number | [number, number] | undefined {
  if (operator === "mustBeBetween" || operator === "mustNotBeBetween") {
    if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === "number")) {
      issues.error(at, `${operator} takes two numbers: [low, high]`);
      return undefined;
    }
    const [low, high] = value as [number, number];
    if (low > high) {
      issues.error(at, `${operator}: the low bound ${low} is above the high bound ${high}`);
      return undefined;
    }
    return [low, high];
  }
  if (typeof value !== "number" || !Number.isFinite(value)) {
    issues.error(at, `${operator} takes a number`);
    return undefined;
  }
  return value;
}

function readArguments(
  rule: QualityRule,
  raw: unknown,
  at: DocPath,
  level: "property" | "schema",
  issues: Sink,
  schemaPropertyNames: readonly string[],
): boolean {
  const args = raw === undefined ? {} : raw;
  if (!isObject(args)) {
    issues.error(at, "arguments must be a mapping");
    return false;
  }
  if (rule.metric === "invalidValues") {
    if (args.validValues !== undefined) {
      if (!Array.isArray(args.validValues) || args.validValues.length === 0) {
        issues.error([...at, "validValues"], "validValues must be a non-empty list");
        return false;
      }
      rule.validValues = args.validValues;
    }
    if (args.pattern !== undefined) {
      if (typeof args.pattern !== "string") {
        issues.error([...at, "pattern"], "pattern must be a string");
        return false;
      }
      const problem = regexProblem(args.pattern);
      if (problem !== undefined) {
        issues.error([...at, "pattern"], `invalid regular expression: ${problem}`);
        return false;
      }
      rule.pattern = args.pattern;
    }
    if (rule.validValues === undefined && rule.pattern === undefined) {
      issues.error(at, "invalidValues needs arguments.validValues or arguments.pattern");
      return false;
    }
  }
  if (rule.metric === "missingValues" && args.missingValues !== undefined) {
    if (!Array.isArray(args.missingValues)) {
      issues.error([...at, "missingValues"], "missingValues must be a list of values");
      return false;
    }
    rule.missingValues = args.missingValues;
  }
  if (rule.metric === "duplicateValues" && level === "schema") {
    const props = args.properties;
    if (!Array.isArray(props) || props.length === 0 || !props.every((p) => typeof p === "string")) {
      issues.error(
        [...at, "properties"],
        "a schema-level duplicateValues rule needs arguments.properties: a list of property names",
      );
      return false;
    }
    const unknown = props.filter((p) => !schemaPropertyNames.includes(p));
    if (unknown.length > 0) {
      issues.error([...at, "properties"], `unknown properties in the key: ${unknown.join(", ")}`);
      return false;
    }
    rule.properties = props as string[];
  }
  return true;
}

/** `rows` (also row, count) or `percent` (also percentage, %); undefined for anything else. */
function readUnit(value: unknown): "rows" | "percent" | undefined {
  if (value === undefined || value === null) return "rows";
  if (typeof value !== "string") return undefined;
  const v = value.trim().toLowerCase();
  if (v === "rows" || v === "row" || v === "count") return "rows";
  if (v === "percent" || v === "percentage" || v === "%") return "percent";
  return undefined;
}

/** A rule's severity as contracts write it (`warn`, `ERROR` too). */
function readSeverity(value: unknown): QualityRule["severity"] {
  if (typeof value !== "string") return undefined;
  const v = value.trim().toLowerCase();
  if (isSeverity(v)) return v;
  if (v === "warn") return "warning";
  if (v === "fatal") return "critical";
  return undefined;
}
