/**
 * The implementation-guide model: what a transaction set may contain, as plain data.
 *
 * A guide has two halves:
 *   - a segment dictionary (`segments`): for each segment id, its elements in order, each with the data
 *     element reference number, usage, data type, min/max length and optionally a code list, plus the
 *     segment's syntax notes (relational conditions such as `P0304` or `R0203`);
 *   - a structure (`tables`): the heading, detail and summary tables, each an ordered list of segment uses
 *     (position, usage, max use) and loops (usage, max repeats, children; the first child is the loop's
 *     trigger segment). Loops nest to any depth.
 *
 * Adding another transaction set (say the 810 invoice or 856 ship notice for 004010):
 *   1. write its structure in `guides/<set>-<version>.guide.ts` with `seg(...)` and `loop(...)` below;
 *   2. reuse the version's segment dictionary (`guides/segments-004010.ts`) and add element definitions for
 *      any segment the new set uses that is not there yet (segments without a definition are still checked
 *      for order, presence and repeats; their elements are not checked);
 *   3. register it in `guides/registry.ts` under `"<version>/<set>"`.
 * A partner-specific guide is the same data with tighter usages, max uses and code lists: copy the standard
 * guide, override what the partner restricts, and register it under its own id.
 *
 * Positions (`pos`) are kept as the three-digit strings of the standard tables; they only label events.
 */

/** M mandatory, O optional, X conditional (governed by the segment's syntax notes; checked as optional). */
export type Usage = "M" | "O" | "X";

/** N0…N4 numeric with that many implied decimals, R decimal, ID coded, AN string, DT date, TM time. */
export type ElementType = "AN" | "ID" | "DT" | "TM" | "R" | "N0" | "N1" | "N2" | "N3" | "N4";

export interface ElementDef {
  kind: "element";
  /** Data element reference number in the X12 dictionary, e.g. "353". */
  ref: string;
  name: string;
  usage: Usage;
  type: ElementType;
  min: number;
  max: number;
  /** Allowed code values (ID elements). Absent: any value of the right shape. */
  codes?: readonly string[];
}

export interface CompositeDef {
  kind: "composite";
  /** Composite reference, e.g. "C040". */
  ref: string;
  name: string;
  usage: Usage;
  components: readonly ElementDef[];
  syntax?: readonly string[];
}

export type ElementSlot = ElementDef | CompositeDef;

export interface SegmentSpec {
  id: string;
  name: string;
  elements: readonly ElementSlot[];
  /**
   * Syntax notes in the X12 notation: a letter and two-digit element positions.
   * P paired (all or none), R required (at least one), E exclusion (at most one),
   * C conditional (if the first, then all others), L list conditional (if the first, then at least one other).
   */
  syntax?: readonly string[];
}

export interface SegmentUse {
  kind: "segment";
  id: string;
  pos: string;
  usage: "M" | "O";
  max: number;
}

export interface LoopUse {
  kind: "loop";
  /** The loop id: by X12 convention the id of its first (trigger) segment. */
  id: string;
  usage: "M" | "O";
  max: number;
  children: readonly StructureNode[];
}

export type StructureNode = SegmentUse | LoopUse;

export interface GuideTable {
  name: "heading" | "detail" | "summary";
  nodes: readonly StructureNode[];
}

export interface TransactionSetGuide {
  /** `<version>/<set>`, e.g. "004010/850". */
  id: string;
  /** GS08 must start with this, e.g. "004010". */
  version: string;
  /** ST01, e.g. "850". */
  transactionSet: string;
  /** GS01, e.g. "PO". */
  functionalGroup: string;
  name: string;
  segments: Readonly<Record<string, SegmentSpec>>;
  /** ST first, SE last. */
  tables: readonly GuideTable[];
}

/** Max use or repeat written as ">1" in the standard. */
export const UNBOUNDED = Number.POSITIVE_INFINITY;

// ---- small builders so guides read like the standard's tables ----

export function el(
  ref: string,
  name: string,
  usage: Usage,
  type: ElementType,
  min: number,
  max: number,
  codes?: readonly string[],
): ElementDef {
  return codes
    ? { kind: "element", ref, name, usage, type, min, max, codes }
    : { kind: "element", ref, name, usage, type, min, max };
}

export function comp(
  ref: string,
  name: string,
  usage: Usage,
  components: readonly ElementDef[],
  syntax?: readonly string[],
): CompositeDef {
  return syntax
    ? { kind: "composite", ref, name, usage, components, syntax }
    : { kind: "composite", ref, name, usage, components };
}

export function spec(
  id: string,
  name: string,
  elements: readonly ElementSlot[],
  syntax?: readonly string[],
): SegmentSpec {
  return syntax ? { id, name, elements, syntax } : { id, name, elements };
}

export function seg(id: string, pos: string, usage: "M" | "O", max: number): SegmentUse {
  return { kind: "segment", id, pos, usage, max };
}

export function loop(id: string, usage: "M" | "O", max: number, children: readonly StructureNode[]): LoopUse {
  return { kind: "loop", id, usage, max, children };
}

/** A copy of `guide` with the loop or segment at `path` (e.g. ["PO1"] or ["PO1", "PID"]) changed by `patch`. */
export function withNode(
  guide: TransactionSetGuide,
  path: readonly string[],
  patch: Partial<Pick<LoopUse, "usage" | "max">>,
): TransactionSetGuide {
  const rewrite = (nodes: readonly StructureNode[], depth: number): StructureNode[] =>
    nodes.map((node) => {
      if (node.id !== path[depth]) return node;
      if (depth === path.length - 1) return { ...node, ...patch };
      return node.kind === "loop" ? { ...node, children: rewrite(node.children, depth + 1) } : node;
    });
  return { ...guide, tables: guide.tables.map((t) => ({ ...t, nodes: rewrite(t.nodes, 0) })) };
}
