/**
 * The part of Resource Explorer's query syntax the emulator understands: space-separated terms, each a
 * filter `prefix:value` (`region`, `resourcetype`, `service`, `id`, `accountid`, `tag.key`, `tag`
 * as `key=value` or `none`) or a free keyword matched against the ARN; `-` before a term negates it; a
 * trailing `*` in a value matches a prefix. Case-insensitive, as AWS's search. Terms are ANDed.
 */
import type { ScriptedResource } from "./cloud-emulator.types.ts";

const PREFIXES = new Set(["region", "resourcetype", "service", "id", "accountid", "tag.key", "tag"]);

export interface QueryTerm {
  negated: boolean;
  /** A filter prefix, or undefined for a free keyword. */
  prefix?: string;
  value: string;
}

export class QuerySyntaxError extends Error {}

export function parseQuery(query: string, opts: { keywords: boolean }): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (const raw of query.trim().split(/\s+/)) {
    if (raw === "") continue;
    const negated = raw.startsWith("-");
    const body = negated ? raw.slice(1) : raw;
    const colon = body.indexOf(":");
    const prefix = colon > 0 ? body.slice(0, colon).toLowerCase() : undefined;
    if (prefix !== undefined && PREFIXES.has(prefix)) {
      const value = body.slice(colon + 1);
      if (value === "") throw new QuerySyntaxError(`The filter ${prefix}: has no value.`);
      terms.push({ negated, prefix, value: value.toLowerCase() });
      continue;
    }
    if (prefix !== undefined && !body.startsWith("arn:")) {
      throw new QuerySyntaxError(`Unknown filter prefix: ${prefix}`);
    }
    if (!opts.keywords) {
      throw new QuerySyntaxError("This operation supports only filter prefixes, not free-form text.");
    }
    terms.push({ negated, value: body.toLowerCase() });
  }
  return terms;
}

function like(actual: string, pattern: string): boolean {
  const a = actual.toLowerCase();
  return pattern.endsWith("*") ? a.startsWith(pattern.slice(0, -1)) : a === pattern;
}

export function idOf(r: ScriptedResource): string {
  const resource = r.arn.split(":").slice(5).join(":");
  const cut = Math.max(resource.lastIndexOf("/"), resource.lastIndexOf(":"));
  return cut < 0 ? resource : resource.slice(cut + 1);
}

export function serviceOf(r: ScriptedResource): string {
  return r.service ?? r.arn.split(":")[2] ?? "";
}

function termMatches(t: QueryTerm, r: ScriptedResource, accountId: string): boolean {
  switch (t.prefix) {
    case "region":
      return like(r.region, t.value);
    case "resourcetype":
      return like(r.resourceType, t.value);
    case "service":
      return like(serviceOf(r), t.value);
    case "id":
      return like(idOf(r), t.value);
    case "accountid":
      return like(accountId, t.value);
    case "tag.key":
      return Object.keys(r.tags ?? {}).some((k) => like(k, t.value));
    case "tag": {
      const tags = Object.entries(r.tags ?? {});
      if (t.value === "none") return tags.length === 0;
      if (t.value === "all") return true;
      const eq = t.value.indexOf("=");
      if (eq < 0) return tags.some(([k]) => like(k, t.value));
      const key = t.value.slice(0, eq);
      const value = t.value.slice(eq + 1);
      return tags.some(([k, v]) => like(k, key) && like(v, value));
    }
    default:
      return r.arn.toLowerCase().includes(t.value);
  }
}

export function matches(terms: QueryTerm[], r: ScriptedResource, accountId: string): boolean {
  for (const t of terms) if (termMatches(t, r, accountId) === t.negated) return false;
  return true;
}
