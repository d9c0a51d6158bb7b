/**
 * Turns a `TransactionSetGuide` (plain data) into the structures the checker walks: one tree of nodes with
 * event paths precomputed, per-loop indexes from segment id to child positions, and compiled element specs.
 * Compiled once per guide object and cached.
 */
import { type CompiledSegmentSpec, compileSegmentSpec, X12GuideError } from "./element.check.ts";
import type { StructureNode, TransactionSetGuide } from "./guide.model.ts";

export interface GuideNode {
  kind: "segment" | "loop";
  /** The segment id, or for a loop the id of its trigger segment. */
  id: string;
  usage: "M" | "O";
  max: number;
  /** Position label of the segment (a loop's: its trigger's). */
  pos: string;
  /** Event path: loop ids from the outermost loop down, then the segment, e.g. `PO1/PID` or `N1/N3`. */
  path: string;
  table: string;
  /** Element spec of the segment (a loop's: its trigger's), or null when the guide does not define it. */
  spec: CompiledSegmentSpec | null;
  /** Loops only: children in order; children[0] is the trigger segment. */
  children: GuideNode[];
  /** Loops only: for each segment id, the ascending child positions that start with it. */
  byId: Map<string, number[]>;
  /** Loops only: positions (after the trigger) of mandatory children, ascending. */
  mandatory: number[];
}

export interface CompiledGuide {
  source: TransactionSetGuide;
  /** Rule prefix, e.g. `x12.850`. */
  rulePrefix: string;
  /** A synthetic loop holding every table's nodes; children[0] is ST, the last child SE. */
  root: GuideNode;
  /** Every segment id used anywhere in the structure. */
  knownIds: ReadonlySet<string>;
  specs: ReadonlyMap<string, CompiledSegmentSpec>;
}

const cache = new WeakMap<TransactionSetGuide, CompiledGuide>();

export function compileGuide(guide: TransactionSetGuide): CompiledGuide {
  const hit = cache.get(guide);
  if (hit) return hit;
  const specs = new Map<string, CompiledSegmentSpec>();
  for (const [id, s] of Object.entries(guide.segments)) {
    if (s.id !== id) throw new X12GuideError(`${guide.id}: segment spec under ${id} is for ${s.id}`);
    specs.set(id, compileSegmentSpec(s));
  }
  const knownIds = new Set<string>();

  const build = (node: StructureNode, parentPath: string, table: string): GuideNode => {
    if (!(node.max >= 1)) throw new X12GuideError(`${guide.id}: ${node.id} has max ${node.max}`);
    knownIds.add(node.id);
    if (node.kind === "segment") {
      return {
        kind: "segment",
        id: node.id,
        usage: node.usage,
        max: node.max,
        pos: node.pos,
        path: parentPath ? `${parentPath}/${node.id}` : node.id,
        table,
        spec: specs.get(node.id) ?? null,
        children: [],
        byId: new Map(),
        mandatory: [],
      };
    }
    const trigger = node.children[0];
    if (trigger?.kind !== "segment" || trigger.id !== node.id) {
      throw new X12GuideError(`${guide.id}: loop ${node.id} must start with segment ${node.id}`);
    }
    const path = parentPath ? `${parentPath}/${node.id}` : node.id;
    // The trigger sits at the loop's own path (`N1`, not `N1/N1`); the other children below it.
    const children = node.children.map((c, i) => build(c, i === 0 ? parentPath : path, table));
    return {
      kind: "loop",
      id: node.id,
      usage: node.usage,
      max: node.max,
      pos: trigger.pos,
      path,
      table,
      spec: children[0]!.spec,
      children,
      byId: indexChildren(children),
      mandatory: mandatoryAfterTrigger(children),
    };
  };

  const top: GuideNode[] = [];
  for (const table of guide.tables) for (const n of table.nodes) top.push(build(n, "", table.name));
  const first = top[0];
  const last = top[top.length - 1];
  if (first?.kind !== "segment" || first.id !== "ST" || last?.kind !== "segment" || last.id !== "SE") {
    throw new X12GuideError(`${guide.id}: the structure must start with ST and end with SE`);
  }
  const root: GuideNode = {
    kind: "loop",
    id: "ST",
    usage: "M",
    max: 1,
    pos: first.pos,
    path: "",
    table: "heading",
    spec: first.spec,
    children: top,
    byId: indexChildren(top),
    mandatory: mandatoryAfterTrigger(top),
  };
  const compiled: CompiledGuide = {
    source: guide,
    rulePrefix: `x12.${guide.transactionSet}`,
    root,
    knownIds,
    specs,
  };
  cache.set(guide, compiled);
  return compiled;
}

function indexChildren(children: readonly GuideNode[]): Map<string, number[]> {
  const byId = new Map<string, number[]>();
  children.forEach((c, i) => {
    const list = byId.get(c.id);
    if (list) list.push(i);
    else byId.set(c.id, [i]);
  });
  return byId;
}

function mandatoryAfterTrigger(children: readonly GuideNode[]): number[] {
  const out: number[] = [];
  children.forEach((c, i) => {
    if (i > 0 && c.usage === "M") out.push(i);
  });
  return out;
}
