import type { Attrs } from "./mapping.model.ts";
import type { CompiledMapping } from "./mapping.ts";
import { tagPropertyOf } from "./mapping.ts";
import { equal, isAbsent, normalise } from "./normalise.ts";
import type { StateResource } from "./state.model.ts";

/** One difference, in driftctl's changelog shape: `from` is the state's value, `to` the live one. */
export interface Change {
  type: "create" | "update" | "delete";
  /** Terraform attribute path, root to leaf (`["tags", "Owner"]`, `["versioning_configuration", "0", "status"]`). */
  path: string[];
  from: unknown;
  to: unknown;
  computed: boolean;
}

const SENSITIVE = "(sensitive)";

function getPath(o: unknown, path: readonly string[]): unknown {
  let cur = o;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

function change(path: string[], from: unknown, to: unknown, hide: boolean): Change {
  const type = from === undefined ? "create" : to === undefined ? "delete" : "update";
  return {
    type,
    path,
    from: from === undefined ? null : hide ? SENSITIVE : from,
    to: to === undefined ? null : hide ? SENSITIVE : to,
    computed: false,
  };
}

function setKey(x: unknown): string {
  return typeof x === "string" ? x : JSON.stringify(x);
}

/** Live tags as a map from either shape (`[{Key, Value}]` or `{k: v}`), AWS-reserved `aws:` keys left out. */
function liveTagMap(v: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (Array.isArray(v)) {
    for (const t of v as Attrs[]) {
      const k = t?.Key ?? t?.key;
      if (typeof k === "string" && !k.startsWith("aws:")) out.set(k, String(t.Value ?? t.value ?? ""));
    }
  } else if (v && typeof v === "object") {
    for (const k in v) if (!k.startsWith("aws:")) out.set(k, String((v as Attrs)[k] ?? ""));
  }
  return out;
}

/** Tag differences, Terraform's keys in their order (the state writes them sorted), then live-only keys sorted. */
function diffTags(tf: unknown, live: unknown, out: Change[]): void {
  const b = liveTagMap(live);
  let seen = 0;
  if (tf && typeof tf === "object" && !Array.isArray(tf)) {
    for (const k in tf) {
      if (k.startsWith("aws:")) continue;
      const a = String((tf as Attrs)[k] ?? "");
      const l = b.get(k);
      if (l === undefined) out.push(change(["tags", k], a, undefined, false));
      else {
        seen++;
        if (l !== a) out.push(change(["tags", k], a, l, false));
      }
    }
  }
  if (seen === b.size) return;
  const extra: string[] = [];
  for (const k of b.keys()) if (!(tf && typeof tf === "object" && Object.hasOwn(tf, k))) extra.push(k);
  for (const k of extra.sort()) out.push(change(["tags", k], undefined, b.get(k), false));
}

/**
 * The differences between a state object and the live properties of the resource it matched. Only the
 * mapping's pairs (minus properties that cannot drift) and the tags are compared; an unmapped type compares
 * its tags only.
 */
export function diffResource(
  res: StateResource,
  props: Attrs,
  cfnType: string,
  mapping: CompiledMapping | undefined,
): Change[] {
  const out: Change[] = [];
  const attrs = res.attributes;
  for (const p of mapping?.pairs ?? []) {
    const tfRaw = p.tfValue ? p.tfValue(attrs) : getPath(attrs, p.tfPath);
    const liveRaw = p.liveValue ? p.liveValue(props, attrs) : getPath(props, p.cfnPath);
    const from = normalise(tfRaw, p.kind, p.unset);
    const to = normalise(liveRaw, p.kind, p.unset);
    if (equal(from, to)) continue;
    const hide = res.sensitive.has(p.tfPath[0]!);
    if (p.kind === "set" && Array.isArray(from ?? []) && Array.isArray(to ?? [])) {
      const a = new Map(((from ?? []) as unknown[]).map((x) => [setKey(x), x]));
      const b = new Map(((to ?? []) as unknown[]).map((x) => [setKey(x), x]));
      for (const [k, x] of a) if (!b.has(k)) out.push(change([...p.tfPath, k], x, undefined, hide));
      for (const [k, x] of b) if (!a.has(k)) out.push(change([...p.tfPath, k], undefined, x, hide));
    } else out.push(change([...p.tfPath], from, to, hide));
  }
  const tagProp = mapping ? mapping.tagProperty : tagPropertyOf(cfnType);
  if (tagProp) {
    const tfTags = mapping?.tfTags
      ? mapping.tfTags(attrs)
      : "tags_all" in attrs && !isAbsent(attrs.tags_all)
        ? attrs.tags_all
        : "tags" in attrs
          ? attrs.tags
          : "tags_all" in attrs
            ? attrs.tags_all
            : undefined;
    // a Terraform type without a tags attribute does not manage tags
    if (tfTags !== undefined || "tags" in attrs || "tags_all" in attrs || mapping?.tfTags) {
      diffTags(tfTags, props[tagProp.property], out);
    }
  }
  return out;
}
