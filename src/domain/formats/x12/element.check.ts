/**
 * Element-level checks of one segment against its definition: mandatory elements, data type, length, code
 * lists, dates and times, composites, and the segment's syntax notes. Each problem is reported with its
 * 999 IK4 / 997 AK4 error code.
 */
import {
  type CompiledElement,
  checkValue,
  describe,
  type ElementProblem,
  type Ik4Code,
} from "./element-value.ts";
import type { CompositeDef, ElementDef, ElementSlot, SegmentSpec } from "./guide.model.ts";

export type { ElementProblem, Ik4Code } from "./element-value.ts";

export interface ElementIssue {
  /** 1-based element position in the segment. */
  position: number;
  /** 1-based component position inside a composite, 0 for a simple element. */
  component: number;
  code: Ik4Code;
  problem: ElementProblem;
  value: string | null;
  expected: string;
  actual: string;
}

export type IssueSink = (issue: ElementIssue) => void;

interface SyntaxRule {
  kind: "P" | "R" | "E" | "C" | "L";
  positions: number[];
  note: string;
}

interface CompiledComposite {
  composite: true;
  def: CompositeDef;
  components: CompiledElement[];
  syntax: SyntaxRule[];
}

export interface CompiledSegmentSpec {
  id: string;
  name: string;
  slots: (CompiledElement | CompiledComposite)[];
  syntax: SyntaxRule[];
}

export class X12GuideError extends Error {
  override readonly name = "X12GuideError";
  readonly code = "x12.guide_invalid";
}

function parseSyntax(note: string, width: number, owner: string): SyntaxRule {
  const m = /^([PRECL])((?:\d\d){2,})$/.exec(note);
  if (!m) throw new X12GuideError(`${owner}: syntax note ${JSON.stringify(note)} is not like P0304`);
  const positions: number[] = [];
  for (let i = 0; i < m[2]!.length; i += 2) positions.push(Number(m[2]!.slice(i, i + 2)));
  for (const p of positions) {
    if (p < 1 || p > width) throw new X12GuideError(`${owner}: syntax note ${note} names position ${p}`);
  }
  return { kind: m[1] as SyntaxRule["kind"], positions, note };
}

function compileElement(def: ElementDef): CompiledElement {
  return { composite: false, def, codes: def.codes ? new Set(def.codes) : null };
}

function compileSlot(slot: ElementSlot, owner: string): CompiledElement | CompiledComposite {
  if (slot.kind === "element") return compileElement(slot);
  return {
    composite: true,
    def: slot,
    components: slot.components.map(compileElement),
    syntax: (slot.syntax ?? []).map((n) => parseSyntax(n, slot.components.length, `${owner} ${slot.ref}`)),
  };
}

export function compileSegmentSpec(spec: SegmentSpec): CompiledSegmentSpec {
  return {
    id: spec.id,
    name: spec.name,
    slots: spec.elements.map((s) => compileSlot(s, spec.id)),
    syntax: (spec.syntax ?? []).map((n) => parseSyntax(n, spec.elements.length, spec.id)),
  };
}

// ---- segment check ----

/** Whether `values[p + shift]` holds a value (elements: shift 0, since values[0] is the segment id). */
function has(values: readonly string[], p: number, shift: number): boolean {
  const v = values[p + shift];
  return v !== undefined && v !== "";
}

/**
 * Applies syntax notes to `values`. Runs for every segment with notes, so the clean path allocates nothing:
 * it only counts the present positions of each note and builds an issue when one fails.
 */
function checkSyntax(
  rules: readonly SyntaxRule[],
  values: readonly string[],
  shift: number,
  component: boolean,
  position: number,
  sink: IssueSink,
): void {
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r]!;
    const ps = rule.positions;
    let present = 0;
    for (let i = 0; i < ps.length; i++) if (has(values, ps[i]!, shift)) present++;
    const first = has(values, ps[0]!, shift);
    let ok: boolean;
    switch (rule.kind) {
      case "P":
        ok = present === 0 || present === ps.length;
        break;
      case "R":
        ok = present > 0;
        break;
      case "E":
        ok = present <= 1;
        break;
      case "C":
        ok = !first || present === ps.length;
        break;
      default: // L
        ok = !first || present > 1;
        break;
    }
    if (!ok) reportSyntax(rule, values, shift, component, position, sink);
  }
}

function reportSyntax(
  rule: SyntaxRule,
  values: readonly string[],
  shift: number,
  component: boolean,
  position: number,
  sink: IssueSink,
): void {
  const ps = rule.positions;
  const at = (p: number) => (component ? { position, component: p } : { position: p, component: 0 });
  const missing = (p: number, why: string) =>
    sink({
      ...at(p),
      code: "2",
      problem: "conditional",
      value: null,
      expected: `${rule.note}: ${why}`,
      actual: "absent",
    });
  switch (rule.kind) {
    case "P":
      for (const p of ps) if (!has(values, p, shift)) missing(p, "present together or not at all");
      return;
    case "R":
      missing(ps[0]!, "at least one present");
      return;
    case "E": {
      let seen = 0;
      for (const p of ps) {
        if (has(values, p, shift) && ++seen > 1) {
          sink({
            ...at(p),
            code: "10",
            problem: "exclusion",
            value: null,
            expected: `${rule.note}: at most one present`,
            actual: "more than one present",
          });
        }
      }
      return;
    }
    case "C":
      for (const p of ps.slice(1))
        if (!has(values, p, shift)) missing(p, `required when ${ps[0]} is present`);
      return;
    case "L":
      missing(ps[1]!, `one of the others required when ${ps[0]} is present`);
      return;
  }
}

function checkSimple(
  value: string,
  el: CompiledElement,
  position: number,
  component: number,
  sink: IssueSink,
): void {
  if (value === "") {
    if (el.def.usage === "M") {
      sink({
        position,
        component,
        code: "1",
        problem: "required",
        value: null,
        expected: `${describe(el.def)}, mandatory`,
        actual: "absent",
      });
    }
    return;
  }
  const p = checkValue(value, el);
  if (p) sink({ position, component, value, ...p });
}

function checkComposite(
  value: string,
  comp: CompiledComposite,
  position: number,
  sep: string,
  sink: IssueSink,
): void {
  if (value === "") {
    if (comp.def.usage === "M") {
      sink({
        position,
        component: 0,
        code: "1",
        problem: "required",
        value: null,
        expected: `${comp.def.ref}, mandatory`,
        actual: "absent",
      });
    }
    return;
  }
  const parts = value.split(sep);
  const n = comp.components.length;
  for (let i = 0; i < n; i++) checkSimple(parts[i] ?? "", comp.components[i]!, position, i + 1, sink);
  if (parts.length > n) {
    sink({
      position,
      component: n + 1,
      code: "13",
      problem: "too_many_components",
      value,
      expected: `${comp.def.ref} with ${n} components`,
      actual: `${parts.length} components`,
    });
  }
  if (comp.syntax.length > 0) checkSyntax(comp.syntax, parts, -1, true, position, sink);
}

/** Checks `elements` (elements[0] is the segment id) against `spec`, reporting every problem to `sink`. */
export function checkSegmentElements(
  elements: readonly string[],
  spec: CompiledSegmentSpec,
  componentSeparator: string,
  sink: IssueSink,
): void {
  const slots = spec.slots;
  const n = slots.length;
  for (let i = 0; i < n; i++) {
    const slot = slots[i]!;
    const value = elements[i + 1] ?? "";
    if (slot.composite) checkComposite(value, slot, i + 1, componentSeparator, sink);
    else checkSimple(value, slot, i + 1, 0, sink);
  }
  if (elements.length - 1 > n) {
    sink({
      position: n + 1,
      component: 0,
      code: "3",
      problem: "too_many_elements",
      value: elements[n + 1] ?? "",
      expected: `${spec.id} with at most ${n} elements`,
      actual: `${elements.length - 1} elements`,
    });
  }
  if (spec.syntax.length > 0) checkSyntax(spec.syntax, elements, 0, false, 0, sink);
}
