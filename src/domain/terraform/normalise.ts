import type { ValueKind } from "./mapping.model.ts";

/**
 * Making a Terraform value and a Cloud Control value comparable. Terraform writes `""`, `[]`, `{}` and `null`
 * for what Cloud Control leaves out: all of them are "absent" (`undefined`) here.
 */

export function isAbsent(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object") {
    for (const _ in v as object) return false;
    return true;
  }
  return false;
}

/** A scalar: numbers and numeric strings as numbers, "true"/"false" as booleans, the rest as strings. */
export function scalar(v: unknown): unknown {
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "string") {
    if (v === "true") return true;
    if (v === "false") return false;
    const c = v.charCodeAt(0);
    if ((c === 45 || (c >= 48 && c <= 57)) && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
    return v;
  }
  return v;
}

function sortedKeys(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}

const POLICY_LISTS = new Set(["Action", "NotAction", "Resource", "NotResource"]);

/** One IAM statement in a canonical form: lists sorted, single values as one-element lists. */
function canonicalStatement(s: unknown): unknown {
  if (!s || typeof s !== "object" || Array.isArray(s)) return canonicalJson(s);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s as Record<string, unknown>)) {
    if (POLICY_LISTS.has(k)) out[k] = asSortedList(v);
    else if ((k === "Principal" || k === "NotPrincipal") && v && typeof v === "object") {
      out[k] = Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([pk, pv]) => [pk, asSortedList(pv)]),
      );
    } else if (k === "Condition" && v && typeof v === "object") {
      out[k] = Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([op, m]) => [
          op,
          m && typeof m === "object"
            ? Object.fromEntries(
                Object.entries(m as Record<string, unknown>).map(([ck, cv]) => [ck, asSortedList(cv)]),
              )
            : m,
        ]),
      );
    } else if (k === "Sid" && v === "") {
      // an empty Sid is no Sid
    } else out[k] = canonicalJson(v);
  }
  return canonicalJson(out);
}

function asSortedList(v: unknown): unknown[] {
  const list = Array.isArray(v) ? v : [v];
  return [...new Set(list.map((x) => JSON.stringify(canonicalJson(x))))].sort().map((x) => JSON.parse(x));
}

/** Any JSON value with object keys sorted (so two equal documents stringify alike). */
export function canonicalJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonicalJson);
  if (v && typeof v === "object") {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[k] = canonicalJson(x);
    return sortedKeys(o);
  }
  return v;
}

/**
 * A JSON document given as text or as an object. IAM policy documents (with `Statement`) are made canonical:
 * a single statement becomes a list, statements are sorted, `Action`/`Resource`/principals/condition values
 * become sorted lists — so documents that mean the same compare equal.
 */
export function canonicalDocument(v: unknown): unknown {
  let doc = v;
  if (typeof v === "string") {
    try {
      doc = JSON.parse(v);
    } catch {
      return v; // not JSON: compared as text
    }
  }
  if (doc && typeof doc === "object" && !Array.isArray(doc) && "Statement" in doc) {
    const d = doc as Record<string, unknown>;
    const statements = (Array.isArray(d.Statement) ? d.Statement : [d.Statement]).map(canonicalStatement);
    statements.sort((a, b) => {
      const x = JSON.stringify(a);
      const y = JSON.stringify(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    return canonicalJson({ ...d, Statement: statements });
  }
  return canonicalJson(doc);
}

/** A value as the kind says, `undefined` when absent or equal to the pair's "unset" value. */
export function normalise(v: unknown, kind: ValueKind | undefined, unset: unknown): unknown {
  if (isAbsent(v)) return undefined;
  let out: unknown;
  switch (kind ?? "scalar") {
    case "json":
      out = canonicalDocument(v);
      break;
    case "set":
      out = Array.isArray(v)
        ? [...new Set(v.map((x) => JSON.stringify(scalarOrJson(x))))].sort().map((x) => JSON.parse(x))
        : [scalar(v)];
      break;
    case "list":
      out = Array.isArray(v) ? v.map(scalarOrJson) : [scalar(v)];
      break;
    case "map":
      out =
        v && typeof v === "object" && !Array.isArray(v)
          ? sortedKeys(
              Object.fromEntries(
                Object.entries(v)
                  .filter(([, x]) => !isAbsent(x))
                  .map(([k, x]) => [k, String(x)]),
              ),
            )
          : v;
      break;
    case "lower":
      out = String(v).toLowerCase();
      break;
    case "tail":
      out = typeof v === "string" ? v.slice(v.lastIndexOf("/") + 1) : scalar(v);
      break;
    default:
      out = v !== null && typeof v === "object" ? canonicalJson(v) : scalar(v);
  }
  if (isAbsent(out)) return undefined;
  if (unset !== undefined) {
    // the common unset values are scalars: compare them without normalising again
    if (typeof unset !== "object" ? out === scalar(unset) : equal(out, normalise(unset, kind, undefined)))
      return undefined;
  }
  return out;
}

function scalarOrJson(x: unknown): unknown {
  return x !== null && typeof x === "object" ? canonicalJson(x) : scalar(x);
}

/** Deep equality of normalised values. */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
