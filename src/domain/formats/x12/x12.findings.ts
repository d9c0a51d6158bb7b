/**
 * Turns the checker's problems into findings with their paths, rule ids and acknowledgment codes:
 *   element problems  → x12_element_invalid, path `BEG03` (`REF04-1` for a component), code in `ik4`;
 *   segment problems  → x12_segment_missing / _unexpected / _order / x12_loop_repeat_exceeded, path with
 *                       loop context (`N1/N3`), code in `ik3`;
 *   envelope problems → x12_envelope_invalid, code in `ik5` (transaction set), `ak9` (functional group) or
 *                       `ta1` (interchange).
 * Rule ids: `x12.<set>.<path>.<problem>` inside a transaction set, `x12.envelope.<path>.<problem>` outside.
 */
import type { ElementIssue } from "./element.check.ts";
import type { FindingAggregator, X12Finding } from "./finding.aggregate.ts";
import { type SegmentIssue, segmentLabel } from "./segment-matcher.ts";

export const ENVELOPE_PREFIX = "x12.envelope";

export type EnvelopeLevel = "ta1" | "ak9" | "ik5";

const LEVEL_NAME: Record<EnvelopeLevel, string> = { ta1: "interchange", ak9: "group", ik5: "set" };

const SEGMENT_TYPE: Record<SegmentIssue["problem"], X12Finding["type"]> = {
  required: "x12_segment_missing",
  unrecognized: "x12_segment_unexpected",
  unexpected: "x12_segment_unexpected",
  order: "x12_segment_order",
  loop_max: "x12_loop_repeat_exceeded",
  max_use: "x12_loop_repeat_exceeded",
};

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export class X12Findings {
  readonly #out: FindingAggregator;
  readonly #setPrefix: string;
  /** Segment number being checked: the `record` of every finding. */
  record = 0;

  constructor(out: FindingAggregator, setPrefix: string) {
    this.#out = out;
    this.#setPrefix = setPrefix;
  }

  /** An element problem; `inSet` picks the rule prefix (set-level vs envelope), `set` the set ordinal or 0. */
  element(segment: string, issue: ElementIssue, inSet: boolean, set: number): void {
    const at = `${segment}${pad2(issue.position)}${issue.component > 0 ? `-${issue.component}` : ""}`;
    const detail: Record<string, unknown> = { ik4: issue.code, segment, element: issue.position };
    if (issue.component > 0) detail.component = issue.component;
    const prefix = inSet ? this.#setPrefix : ENVELOPE_PREFIX;
    this.#add(
      "x12_element_invalid",
      at,
      `${prefix}.${at}.${issue.problem}`,
      issue,
      detail,
      "ik4",
      issue.value,
      set,
    );
  }

  segment(issue: SegmentIssue, set: number): void {
    const detail: Record<string, unknown> = { ik3: issue.code, segment: segmentLabel(issue.id) };
    if (issue.pos) detail.position = issue.pos;
    const rule = `${this.#setPrefix}.${issue.path}.${issue.problem}`;
    const value = issue.problem === "required" ? null : issue.id;
    this.#add(SEGMENT_TYPE[issue.problem], issue.path, rule, issue, detail, "ik3", value, set);
  }

  /** A segment between transaction sets that is not an envelope segment. */
  outsideSet(id: string): void {
    const label = segmentLabel(id);
    const text = {
      expected: "segments only between ST and SE",
      actual: `${label} outside a transaction set`,
    };
    const rule = `${ENVELOPE_PREFIX}.${label}.outside_set`;
    const code = label === "?" ? "1" : "2";
    this.#add("x12_segment_unexpected", label, rule, text, { ik3: code, segment: label }, "ik3", id, 0);
  }

  /** An envelope problem with its TA1 (interchange), AK9 (group) or IK5 (set) code. */
  envelope(
    path: string,
    problem: string,
    level: EnvelopeLevel,
    code: string,
    text: { expected: string; actual: string },
    value: unknown,
    set = 0,
  ): void {
    const prefix = level === "ik5" ? this.#setPrefix : ENVELOPE_PREFIX;
    const detail = { level: LEVEL_NAME[level], [level]: code };
    this.#add("x12_envelope_invalid", path, `${prefix}.${path}.${problem}`, text, detail, level, value, set);
  }

  #add(
    type: X12Finding["type"],
    path: string,
    rule: string,
    text: { expected: string; actual: string },
    detail: Record<string, unknown>,
    codeKey: string,
    value: unknown,
    set: number,
  ): void {
    const { expected, actual } = text;
    this.#out.add({ type, path, rule, expected, actual, detail, codeKey, record: this.record, value, set });
  }
}
