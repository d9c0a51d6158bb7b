/**
 * Ajv's errors for a schema with combinators (`if`/`then`, `oneOf`, `anyOf`, `$ref`) list every branch's
 * failure and then a summary ("must match exactly one schema in oneOf"). A person needs the real
 * violation: the missing field, the enum, the branch that came closest. This keeps those.
 */
import type { ErrorObject } from "ajv";

const SUMMARIES = new Set(["if", "oneOf", "anyOf", "allOf", "not", "contains"]);

/** The errors worth reporting, in order, bounded by `max`. */
export function explainErrors(errors: readonly ErrorObject[], max = 20): ErrorObject[] {
  // a combinator's branch errors come before the combinator's own error: find them all first
  const consumed = new Set<ErrorObject>();
  const replacement = new Map<ErrorObject, ErrorObject[]>();
  for (const error of errors) {
    if ((error.keyword !== "oneOf" && error.keyword !== "anyOf") || consumed.has(error)) continue;
    const branches = branchErrors(errors, error);
    for (const list of branches.values()) for (const e of list) consumed.add(e);
    const passing = (error.params as { passingSchemas?: number[] | null }).passingSchemas;
    // more than one branch matched: the combinator's own error says so
    const best = Array.isArray(passing) && passing.length > 1 ? undefined : closestBranch(branches);
    replacement.set(error, best ?? [error]);
  }
  const out: ErrorObject[] = [];
  for (const error of errors) {
    if (consumed.has(error)) continue;
    const replaced = replacement.get(error);
    if (replaced !== undefined) {
      out.push(...replaced);
      continue;
    }
    if (SUMMARIES.has(error.keyword)) {
      // `if` failing means its then/else failed: those errors are the real ones, when there are any
      const inner = errors.some(
        (e) =>
          e !== error && e.schemaPath.startsWith(parentOf(error.schemaPath)) && !SUMMARIES.has(e.keyword),
      );
      if (inner) continue;
    }
    out.push(error);
  }
  // the same violation reached through several branches is reported once
  const seen = new Set<string>();
  return out
    .filter((e) => {
      const key = `${e.instancePath}\u0000${e.keyword}\u0000${JSON.stringify(e.params)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, max);
}

/** `#/properties/pay/oneOf` → `#/properties/pay`. */
function parentOf(schemaPath: string): string {
  return schemaPath.slice(0, schemaPath.lastIndexOf("/"));
}

/** The errors of each branch of a oneOf/anyOf error, by branch index. */
function branchErrors(errors: readonly ErrorObject[], combinator: ErrorObject): Map<number, ErrorObject[]> {
  const prefix = `${combinator.schemaPath}/`;
  const out = new Map<number, ErrorObject[]>();
  for (const e of errors) {
    if (e === combinator || !e.schemaPath.startsWith(prefix)) continue;
    const index = Number(e.schemaPath.slice(prefix.length).split("/")[0]);
    if (!Number.isInteger(index)) continue;
    const list = out.get(index) ?? [];
    list.push(e);
    out.set(index, list);
  }
  return out;
}

/** The branch that came closest: its type matched, then the fewest errors. */
function closestBranch(branches: Map<number, ErrorObject[]>): ErrorObject[] | undefined {
  let best: { errors: ErrorObject[]; score: number } | undefined;
  for (const list of branches.values()) {
    const explained = explainErrors(list);
    const typeMiss = explained.some((e) => e.keyword === "type" && e.instancePath === list[0]?.instancePath);
    const score = (typeMiss ? 1000 : 0) + explained.length;
    if (best === undefined || score < best.score) best = { errors: explained, score };
  }
  return best?.errors;
}
