/**
 * Walks one transaction set's segments through the guide's structure: order, presence, max use and loop
 * repeats. Holds only a stack of open loops (one level per nesting depth) with a cursor and use counts, so
 * memory does not grow with the number of segments or loop iterations.
 *
 * Matching a segment id: look forward from the cursor in the innermost open loop, then in each enclosing
 * loop (closing the inner ones); a loop child matches on its trigger segment, and meeting a loop's trigger
 * again starts a new iteration. Mandatory children skipped over, or left unseen when a loop closes, are
 * missing. A segment found nowhere forward is out of order if it belongs earlier in an open loop, unexpected
 * if the guide uses it elsewhere, unrecognized otherwise.
 */
import type { CompiledGuide, GuideNode } from "./guide.compile.ts";

/** IK3/AK3 codes: 1 unrecognized, 2 unexpected, 3 mandatory missing, 4 loop over max, 5 segment over max use,
 * 7 not in proper sequence. */
export type Ik3Code = "1" | "2" | "3" | "4" | "5" | "7";

export type SegmentProblem = "required" | "unrecognized" | "unexpected" | "order" | "loop_max" | "max_use";

export interface SegmentIssue {
  problem: SegmentProblem;
  code: Ik3Code;
  /** Segment id (a loop's trigger id for loop problems). */
  id: string;
  /** Event path, e.g. `BEG`, `N1/N3`, `PO1/ZZZ`. */
  path: string;
  /** Position label from the guide, or "" when the segment is not in the guide at this point. */
  pos: string;
  expected: string;
  actual: string;
}

export type SegmentIssueSink = (issue: SegmentIssue) => void;

interface Level {
  node: GuideNode;
  cursor: number;
  counts: Int32Array;
}

function describeMax(max: number): string {
  return max === Number.POSITIVE_INFINITY ? "any number of" : `at most ${max}`;
}

export class SegmentMatcher {
  readonly #guide: CompiledGuide;
  readonly #sink: SegmentIssueSink;
  #stack: Level[] = [];
  /** Level objects by depth, reused when the same loop opens again at that depth (no allocation per line). */
  #pool: Level[] = [];

  constructor(guide: CompiledGuide, sink: SegmentIssueSink) {
    this.#guide = guide;
    this.#sink = sink;
  }

  /** Depth of open loops, the transaction set itself included (for tests of bounded state). */
  get depth(): number {
    return this.#stack.length;
  }

  /** Starts a transaction set: its ST has been read. */
  begin(): void {
    this.#stack = [this.#open(this.#guide.root, 0)];
  }

  /** A fresh level for `node` at `depth`: its trigger used once, the cursor on it. */
  #open(node: GuideNode, depth: number): Level {
    let level = this.#pool[depth];
    if (level?.node === node) {
      level.counts.fill(0);
      level.cursor = 0;
    } else {
      level = { node, cursor: 0, counts: new Int32Array(node.children.length) };
      this.#pool[depth] = level;
    }
    level.counts[0] = 1;
    return level;
  }

  /**
   * Places the next segment. Returns the guide node it matched (whose `spec` checks its elements), the node
   * it belongs to when it is out of order, or null when the guide has no place for it.
   */
  match(id: string): GuideNode | null {
    const stack = this.#stack;
    for (let d = stack.length - 1; d >= 0; d--) {
      const level = stack[d]!;
      const j = forward(level, id);
      if (j < 0) continue;
      for (let k = stack.length - 1; k > d; k--) this.#close(stack[k]!, false);
      stack.length = d + 1;
      this.#skip(level, j);
      level.cursor = j;
      const child = level.node.children[j]!;
      const uses = ++level.counts[j]!;
      if (child.kind === "segment") {
        if (uses > child.max) {
          this.#sink({
            problem: "max_use",
            code: "5",
            id,
            path: child.path,
            pos: child.pos,
            expected: `${id} ${describeMax(child.max)} times here`,
            actual: `more than ${child.max}`,
          });
        }
        return child;
      }
      if (uses > child.max) {
        this.#sink({
          problem: "loop_max",
          code: "4",
          id,
          path: child.path,
          pos: child.pos,
          expected: `loop ${child.path} ${describeMax(child.max)} times`,
          actual: `more than ${child.max}`,
        });
      }
      stack.push(this.#open(child, stack.length));
      return child;
    }

    for (let d = stack.length - 1; d >= 0; d--) {
      const level = stack[d]!;
      const j = backward(level, id);
      if (j < 0) continue;
      const child = level.node.children[j]!;
      const current = level.node.children[level.cursor]!;
      this.#sink({
        problem: "order",
        code: "7",
        id,
        path: child.path,
        pos: child.pos,
        expected: `${id} at position ${child.pos}, before ${current.id}`,
        actual: `${id} after ${current.id}`,
      });
      return child;
    }

    const inner = stack[stack.length - 1]!.node.path;
    const label = segmentLabel(id);
    const path = inner ? `${inner}/${label}` : label;
    if (this.#guide.knownIds.has(id)) {
      this.#sink({
        problem: "unexpected",
        code: "2",
        id,
        path,
        pos: "",
        expected: `a segment the ${this.#guide.source.id} guide allows ${inner ? `in loop ${inner}` : "here"}`,
        actual: `${id}`,
      });
    } else {
      this.#sink({
        problem: "unrecognized",
        code: "1",
        id,
        path,
        pos: "",
        expected: `a segment id of the ${this.#guide.source.id} guide`,
        actual: label === "?" ? "not a segment id" : id,
      });
    }
    return null;
  }

  /**
   * Ends the transaction set: closes every open loop and reports mandatory segments never seen.
   * `trailerSeen` false (the SE is missing) keeps SE itself out of the report: the envelope check owns that.
   */
  end(trailerSeen: boolean): void {
    const stack = this.#stack;
    for (let k = stack.length - 1; k >= 0; k--) this.#close(stack[k]!, k === 0 && !trailerSeen);
    this.#stack = [];
  }

  /** Mandatory children strictly between the cursor and `to` that were never used. */
  #skip(level: Level, to: number): void {
    const mandatory = level.node.mandatory;
    for (let i = 0; i < mandatory.length; i++) {
      const k = mandatory[i]!;
      if (k >= to) return;
      if (k > level.cursor && level.counts[k] === 0) this.#missing(level.node.children[k]!);
    }
  }

  #close(level: Level, skipLast: boolean): void {
    const mandatory = level.node.mandatory;
    const end = skipLast ? level.node.children.length - 1 : level.node.children.length;
    for (let i = 0; i < mandatory.length; i++) {
      const k = mandatory[i]!;
      if (k >= end) return;
      if (k > level.cursor && level.counts[k] === 0) this.#missing(level.node.children[k]!);
    }
  }

  #missing(node: GuideNode): void {
    this.#sink({
      problem: "required",
      code: "3",
      id: node.id,
      path: node.path,
      pos: node.pos,
      expected:
        node.kind === "loop"
          ? `loop ${node.path} (mandatory, position ${node.pos})`
          : `${node.id} (mandatory, position ${node.pos})`,
      actual: "absent",
    });
  }
}

/** First child at or after the cursor that starts with `id` (never the loop's own trigger at 0). */
function forward(level: Level, id: string): number {
  const list = level.node.byId.get(id);
  if (!list) return -1;
  const from = level.cursor > 0 ? level.cursor : 1;
  for (let i = 0; i < list.length; i++) if (list[i]! >= from) return list[i]!;
  return -1;
}

/** A child before the cursor that starts with `id` (the segment came too late). */
function backward(level: Level, id: string): number {
  const list = level.node.byId.get(id);
  if (!list) return -1;
  for (let i = list.length - 1; i >= 0; i--) if (list[i]! >= 1 && list[i]! < level.cursor) return list[i]!;
  return -1;
}

const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

/**
 * The id as it appears in event paths: itself when it has the shape of an X12 segment id, "?" otherwise, so
 * junk input cannot mint one event (and one path) per distinct garbage string.
 */
export function segmentLabel(id: string): string {
  return SEGMENT_ID.test(id) ? id : "?";
}
