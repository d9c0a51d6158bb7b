/**
 * The per-segment checker: envelope state (ISA/IEA, GS/GE, ST/SE with their counts and control numbers),
 * the guide's structure through `SegmentMatcher`, and element checks. Fed one segment at a time by the
 * tokenizer; everything it keeps is per open envelope, never per segment seen.
 */
import {
  type CompiledSegmentSpec,
  checkSegmentElements,
  compileSegmentSpec,
  type ElementIssue,
} from "./element.check.ts";
import type { FindingAggregator, X12Finding } from "./finding.aggregate.ts";
import type { CompiledGuide } from "./guide.compile.ts";
import { ENVELOPE_004010 } from "./guides/segments-004010.ts";
import { type SegmentIssue, SegmentMatcher } from "./segment-matcher.ts";
import type { X12Delimiters } from "./x12-tokenizer.ts";

const ENVELOPE = {
  ISA: compileSegmentSpec(ENVELOPE_004010.ISA),
  GS: compileSegmentSpec(ENVELOPE_004010.GS),
  GE: compileSegmentSpec(ENVELOPE_004010.GE),
  IEA: compileSegmentSpec(ENVELOPE_004010.IEA),
};

const ENVELOPE_PREFIX = "x12.envelope";

interface OpenInterchange {
  control: string;
  groups: number;
}
interface OpenGroup {
  control: string;
  sets: number;
  index: number;
}
interface OpenSet {
  control: string;
  segments: number;
  index: number;
  ordinal: number;
  guided: boolean;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Same number when both are digit strings (control numbers, counts), else the same text. */
function sameNumber(a: string, b: string): boolean {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return BigInt(a) === BigInt(b);
  return a === b;
}

export class X12Checker {
  readonly #guide: CompiledGuide;
  readonly #out: FindingAggregator;
  readonly #delimiters: () => X12Delimiters | null;
  readonly #matcher: SegmentMatcher;
  #isa: OpenInterchange | null = null;
  #group: OpenGroup | null = null;
  #set: OpenSet | null = null;
  #records = 0;
  /** Segment number being processed (the record of every finding). */
  #index = 0;
  #id = "";

  constructor(guide: CompiledGuide, out: FindingAggregator, delimiters: () => X12Delimiters | null) {
    this.#guide = guide;
    this.#out = out;
    this.#delimiters = delimiters;
    this.#matcher = new SegmentMatcher(guide, (issue) => this.#segmentIssue(issue));
  }

  /** Transaction sets seen (ST count). */
  get records(): number {
    return this.#records;
  }

  /** Open loop depth of the current transaction set (0 outside one). */
  get depth(): number {
    return this.#matcher.depth;
  }

  segment(elements: string[], index: number): void {
    this.#index = index;
    const id = elements[0]!;
    this.#id = id;
    if (id === "ISA") this.#onIsa(elements);
    else if (id === "IEA") this.#onIea(elements);
    else if (id === "GS") this.#onGs(elements);
    else if (id === "GE") this.#onGe(elements);
    else if (id === "ST") this.#onSt(elements);
    else if (id === "SE") this.#onSe(elements);
    else this.#onBody(id, elements);
  }

  // ---- interchange ----

  #onIsa(elements: string[]): void {
    if (this.#isa) this.#closeInterchange(null);
    const checked = elements.slice(0, 16);
    // From 00402 on ISA11 is the repetition separator, a delimiter rather than the "U" standards identifier.
    if ((elements[12] ?? "") >= "00402") checked[11] = "U";
    this.#elements(checked, ENVELOPE.ISA, ENVELOPE_PREFIX, 0);
    this.#isa = { control: elements[13] ?? "", groups: 0 };
  }

  #onIea(elements: string[]): void {
    this.#elements(elements, ENVELOPE.IEA, ENVELOPE_PREFIX, 0);
    this.#closeInterchange(elements);
  }

  #closeInterchange(iea: string[] | null): void {
    if (this.#set) this.#missingSe();
    if (this.#group) this.#missingGe();
    const isa = this.#isa;
    this.#isa = null;
    if (!isa) return;
    if (!iea) {
      this.#envelope("IEA", "missing", "ta1", "023", "IEA closing the interchange", "another ISA", "ISA", 0);
      return;
    }
    const count = iea[1] ?? "";
    if (!sameNumber(count, String(isa.groups))) {
      this.#envelope(
        "IEA01",
        "count",
        "ta1",
        "021",
        `${isa.groups} (functional groups counted)`,
        count,
        count,
        0,
      );
    }
    const control = iea[2] ?? "";
    if (!sameNumber(control, isa.control)) {
      this.#envelope("IEA02", "control_number", "ta1", "001", `${isa.control} (ISA13)`, control, control, 0);
    }
  }

  // ---- functional group ----

  #onGs(elements: string[]): void {
    if (this.#set) this.#missingSe();
    if (this.#group) this.#missingGe();
    this.#elements(elements, ENVELOPE.GS, ENVELOPE_PREFIX, 0);
    const g = this.#guide.source;
    const fid = elements[1] ?? "";
    if (fid !== "" && fid !== g.functionalGroup) {
      this.#envelope(
        "GS01",
        "functional_group",
        "ak9",
        "1",
        `${g.functionalGroup} (guide ${g.id})`,
        fid,
        fid,
        0,
      );
    }
    const version = elements[8] ?? "";
    if (version !== "" && !version.startsWith(g.version)) {
      this.#envelope("GS08", "version", "ak9", "2", `${g.version} (guide ${g.id})`, version, version, 0);
    }
    if (this.#isa) this.#isa.groups++;
    this.#group = { control: elements[6] ?? "", sets: 0, index: this.#index };
  }

  #onGe(elements: string[]): void {
    if (this.#set) this.#missingSe();
    this.#elements(elements, ENVELOPE.GE, ENVELOPE_PREFIX, 0);
    const group = this.#group;
    if (!group) {
      this.#envelope("GE", "unexpected", "ta1", "024", "GE only after a GS", "GE without GS", "GE", 0);
      return;
    }
    this.#group = null;
    const count = elements[1] ?? "";
    if (!sameNumber(count, String(group.sets))) {
      this.#envelope(
        "GE01",
        "count",
        "ak9",
        "5",
        `${group.sets} (transaction sets counted)`,
        count,
        count,
        0,
      );
    }
    const control = elements[2] ?? "";
    if (!sameNumber(control, group.control)) {
      this.#envelope("GE02", "control_number", "ak9", "4", `${group.control} (GS06)`, control, control, 0);
    }
  }

  #missingGe(): void {
    const group = this.#group!;
    this.#group = null;
    const next = this.#currentId();
    this.#envelope(
      "GE",
      "missing",
      "ak9",
      "3",
      `GE closing the group opened at segment ${group.index}`,
      `${next} first`,
      next,
      0,
    );
  }

  // ---- transaction set ----

  #onSt(elements: string[]): void {
    if (this.#set) this.#missingSe();
    if (!this.#group) {
      this.#envelope(
        "GS",
        "missing",
        "ta1",
        "024",
        "GS before the first ST",
        "ST outside a functional group",
        "ST",
        0,
      );
    } else {
      this.#group.sets++;
    }
    const ordinal = ++this.#records;
    const setId = elements[1] ?? "";
    const guided = setId === this.#guide.source.transactionSet;
    this.#set = { control: elements[2] ?? "", segments: 1, index: this.#index, ordinal, guided };
    const stSpec = this.#guide.specs.get("ST");
    if (stSpec) this.#elements(elements, stSpec, this.#guide.rulePrefix, ordinal);
    if (!guided) {
      const want = this.#guide.source.transactionSet;
      this.#envelope(
        "ST01",
        "supported",
        "ik5",
        "1",
        `${want} (guide ${this.#guide.source.id})`,
        setId,
        setId,
        ordinal,
      );
      return;
    }
    this.#matcher.begin();
  }

  #onSe(elements: string[]): void {
    const set = this.#set;
    if (!set) {
      this.#envelope("SE", "unexpected", "ta1", "024", "SE only after an ST", "SE without ST", "SE", 0);
      return;
    }
    set.segments++;
    if (set.guided) {
      this.#matcher.match("SE");
      this.#matcher.end(true);
    }
    const seSpec = this.#guide.specs.get("SE");
    if (seSpec) this.#elements(elements, seSpec, this.#guide.rulePrefix, set.ordinal);
    this.#set = null;
    const prefix = this.#guide.rulePrefix;
    const count = elements[1] ?? "";
    if (!sameNumber(count, String(set.segments))) {
      this.#finding(
        "x12_envelope_invalid",
        "SE01",
        `${prefix}.SE01.count`,
        `${set.segments} (segments from ST to SE)`,
        count,
        { level: "set", ik5: "4" },
        "ik5",
        count,
        set.ordinal,
      );
    }
    const control = elements[2] ?? "";
    if (control !== set.control) {
      this.#finding(
        "x12_envelope_invalid",
        "SE02",
        `${prefix}.SE02.control_number`,
        `${set.control} (ST02)`,
        control,
        { level: "set", ik5: "3" },
        "ik5",
        control,
        set.ordinal,
      );
    }
  }

  #missingSe(): void {
    const set = this.#set!;
    this.#set = null;
    if (set.guided) this.#matcher.end(false);
    const next = this.#currentId();
    const prefix = this.#guide.rulePrefix;
    this.#finding(
      "x12_envelope_invalid",
      "SE",
      `${prefix}.SE.missing`,
      `SE closing the transaction set opened at segment ${set.index}`,
      `${next} first`,
      { level: "set", ik5: "2" },
      "ik5",
      next,
      set.ordinal,
    );
  }

  #onBody(id: string, elements: string[]): void {
    const set = this.#set;
    if (!set) {
      this.#finding(
        "x12_segment_unexpected",
        id,
        `${ENVELOPE_PREFIX}.${id}.outside_set`,
        "segments only between ST and SE",
        `${id} outside a transaction set`,
        { ik3: "2", segment: id },
        "ik3",
        id,
        0,
      );
      return;
    }
    set.segments++;
    if (!set.guided) return;
    const node = this.#matcher.match(id);
    if (node?.spec) this.#elements(elements, node.spec, this.#guide.rulePrefix, set.ordinal);
  }

  // ---- findings ----

  /** Id of the segment being processed (the one that revealed a missing trailer). */
  #currentId(): string {
    return this.#id;
  }

  #elements(elements: string[], spec: CompiledSegmentSpec, prefix: string, set: number): void {
    const sep = this.#delimiters()?.component ?? "";
    checkSegmentElements(elements, spec, sep, (issue) => this.#elementIssue(spec.id, issue, prefix, set));
  }

  #elementIssue(segment: string, issue: ElementIssue, prefix: string, set: number): void {
    const at = `${segment}${pad2(issue.position)}${issue.component > 0 ? `-${issue.component}` : ""}`;
    const detail: Record<string, unknown> = { ik4: issue.code, segment, element: issue.position };
    if (issue.component > 0) detail.component = issue.component;
    this.#finding(
      "x12_element_invalid",
      at,
      `${prefix}.${at}.${issue.problem}`,
      issue.expected,
      issue.actual,
      detail,
      "ik4",
      issue.value,
      set,
    );
  }

  #segmentIssue(issue: SegmentIssue): void {
    const type =
      issue.problem === "required"
        ? "x12_segment_missing"
        : issue.problem === "order"
          ? "x12_segment_order"
          : issue.problem === "loop_max" || issue.problem === "max_use"
            ? "x12_loop_repeat_exceeded"
            : "x12_segment_unexpected";
    const detail: Record<string, unknown> = { ik3: issue.code, segment: issue.id };
    if (issue.pos) detail.position = issue.pos;
    const value = issue.problem === "required" ? null : issue.id;
    const set = this.#set?.ordinal ?? 0;
    this.#finding(
      type,
      issue.path,
      `${this.#guide.rulePrefix}.${issue.path}.${issue.problem}`,
      issue.expected,
      issue.actual,
      detail,
      "ik3",
      value,
      set,
    );
  }

  #envelope(
    path: string,
    problem: string,
    codeKey: "ta1" | "ak9" | "ik5",
    code: string,
    expected: string,
    actual: string,
    value: unknown,
    set: number,
  ): void {
    const level = codeKey === "ta1" ? "interchange" : codeKey === "ak9" ? "group" : "set";
    const prefix = codeKey === "ik5" ? this.#guide.rulePrefix : ENVELOPE_PREFIX;
    this.#finding(
      "x12_envelope_invalid",
      path,
      `${prefix}.${path}.${problem}`,
      expected,
      actual,
      { level, [codeKey]: code },
      codeKey,
      value,
      set,
    );
  }

  #finding(
    type: X12Finding["type"],
    path: string,
    rule: string,
    expected: string,
    actual: string,
    detail: Record<string, unknown>,
    codeKey: string,
    value: unknown,
    set: number,
  ): void {
    this.#out.add({ type, path, rule, expected, actual, detail, codeKey, record: this.#index, value, set });
  }
}
