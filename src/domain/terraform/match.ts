import { identifierFromArn } from "../cloud/cfn-catalogue.ts";
import type { LiveResource } from "../cloud/resource.ts";

/** A state resource waiting for its live object. */
export interface Pending {
  arn: string | undefined;
  /** The types its identifier may be found under (the mapped type and its aliases). */
  types: readonly string[] | undefined;
  identifier: string | undefined;
  /** Region the state records for it (ARN or `region` attribute), or the state source's. */
  region: string | undefined;
  /** Position of the matched live resource. */
  at?: number;
  matchedBy?: "arn" | "identifier";
}

/**
 * Matches state resources with live ones: on ARN first, then on the Cloud Control identifier (within the
 * state's region when it records one). The state side is indexed, not the live side: a scan has fewer
 * state objects than live ones, and looking a live ARN up costs less than adding it to a map.
 */
export function matchLive(pending: readonly Pending[], live: readonly LiveResource[]): void {
  const byArn = new Map<string, Pending | Pending[]>();
  for (const p of pending) {
    if (p.arn === undefined) continue;
    const had = byArn.get(p.arn);
    if (had === undefined) byArn.set(p.arn, p);
    else if (Array.isArray(had)) had.push(p);
    else byArn.set(p.arn, [had, p]);
  }
  if (byArn.size > 0) {
    for (let i = 0; i < live.length; i++) {
      const hit = byArn.get(live[i]!.arn);
      if (hit === undefined) continue;
      for (const p of Array.isArray(hit) ? hit : [hit]) {
        if (p.at === undefined) {
          p.at = i;
          p.matchedBy = "arn";
        }
      }
    }
  }

  // what the ARN did not find, by type then identifier
  const byId = new Map<string, Map<string, Pending[]>>();
  for (const p of pending) {
    if (p.at !== undefined || p.identifier === undefined || !p.types) continue;
    for (const t of p.types) {
      let ids = byId.get(t);
      if (!ids) {
        ids = new Map();
        byId.set(t, ids);
      }
      const list = ids.get(p.identifier);
      if (list) list.push(p);
      else ids.set(p.identifier, [p]);
    }
  }
  if (byId.size === 0) return;
  for (let i = 0; i < live.length; i++) {
    const r = live[i]!;
    const ids = byId.get(r.cfnType);
    if (!ids) continue;
    const id = r.identifier ?? identifierFromArn(r.cfnType, r.arn);
    const list = id === undefined ? undefined : ids.get(id);
    if (!list) continue;
    for (const p of list) {
      if (p.at === undefined && (p.region === undefined || r.region === p.region || r.region === "global")) {
        p.at = i;
        p.matchedBy = "identifier";
      }
    }
  }
}
