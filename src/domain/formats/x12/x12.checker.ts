/**
 * The per-segment checker: envelope state (ISA/IEA, GS/GE, ST/SE with their counts and control numbers),
 * the guide's structure through `SegmentMatcher`, and element checks. Fed one segment at a time by the
 * tokenizer; everything it keeps is per open envelope, never per segment seen.
 */
import { type CompiledSegmentSpec, checkSegmentElements, compileSegmentSpec } from "./element.check.ts";
import type { FindingAggregator } from "./finding.aggregate.ts";
import type { CompiledGuide } from "./guide.compile.ts";
import { ENVELOPE_004010 } from "./guides/envelope-004010.ts";
import { SegmentMatcher } from "./segment-matcher.ts";
import { X12Findings } from "./x12.findings.ts";
import type { X12Delimiters } from "./x12-tokenizer.ts";

const ENVELOPE = {
  ISA: compileSegmentSpec(ENVELOPE_004010.ISA),
  GS: compileSegmentSpec(ENVELOPE_004010.GS),
  GE: compileSegmentSpec(ENVELOPE_004010.GE),
  IEA: compileSegmentSpec(ENVELOPE_004010.IEA),
};

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

/** Same number when both are digit strings (control numbers, counts), else the same text. */
function sameNumber(a: string, b: string): boolean {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return BigInt(a) === BigInt(b);
  return a === b;
}

export class X12Checker {
  readonly #guide: CompiledGuide;
  readonly #findings: X12Findings;
  readonly #delimiters: () => X12Delimiters | null;
  readonly #matcher: SegmentMatcher;
  #isa: OpenInterchange | null = null;
  #group: OpenGroup | null = null;
  #set: OpenSet | null = null;
  #records = 0;
  /** Segment number and id being processed. */
  #index = 0;
  #id = "";

  constructor(guide: CompiledGuide, out: FindingAggregator, delimiters: () => X12Delimiters | null) {
    this.#guide = guide;
    this.#findings = new X12Findings(out, guide.rulePrefix);
    this.#delimiters = delimiters;
    this.#matcher = new SegmentMatcher(guide, (issue) =>
      this.#findings.segment(issue, this.#set?.ordinal ?? 0),
    );
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
    this.#findings.record = index;
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
    this.#elements(checked, ENVELOPE.ISA, 0);
    this.#isa = { control: elements[13] ?? "", groups: 0 };
  }

  #onIea(elements: string[]): void {
    this.#elements(elements, ENVELOPE.IEA, 0);
    this.#closeInterchange(elements);
  }

  /** Closes the open interchange at its IEA, or (iea null) when another ISA came first. */
  #closeInterchange(iea: string[] | null): void {
    if (this.#set) this.#missingSe();
    if (this.#group) this.#missingGe();
    const isa = this.#isa;
    this.#isa = null;
    if (!isa) return;
    const f = this.#findings;
    if (!iea) {
      f.envelope(
        "IEA",
        "missing",
        "ta1",
        "023",
        { expected: "IEA closing the interchange", actual: "ISA first" },
        "ISA",
      );
      return;
    }
    const count = iea[1] ?? "";
    if (!sameNumber(count, String(isa.groups))) {
      f.envelope(
        "IEA01",
        "count",
        "ta1",
        "021",
        { expected: `${isa.groups} (groups counted)`, actual: count },
        count,
      );
    }
    const control = iea[2] ?? "";
    if (!sameNumber(control, isa.control)) {
      f.envelope(
        "IEA02",
        "control_number",
        "ta1",
        "001",
        { expected: `${isa.control} (ISA13)`, actual: control },
        control,
      );
    }
  }

  // ---- functional group ----

  #onGs(elements: string[]): void {
    if (this.#set) this.#missingSe();
    if (this.#group) this.#missingGe();
    this.#elements(elements, ENVELOPE.GS, 0);
    const g = this.#guide.source;
    const f = this.#findings;
    const fid = elements[1] ?? "";
    if (fid !== "" && fid !== g.functionalGroup) {
      f.envelope(
        "GS01",
        "functional_group",
        "ak9",
        "1",
        { expected: `${g.functionalGroup} (guide ${g.id})`, actual: fid },
        fid,
      );
    }
    const version = elements[8] ?? "";
    if (version !== "" && !version.startsWith(g.version)) {
      f.envelope(
        "GS08",
        "version",
        "ak9",
        "2",
        { expected: `${g.version} (guide ${g.id})`, actual: version },
        version,
      );
    }
    if (this.#isa) this.#isa.groups++;
    this.#group = { control: elements[6] ?? "", sets: 0, index: this.#index };
  }

  #onGe(elements: string[]): void {
    if (this.#set) this.#missingSe();
    this.#elements(elements, ENVELOPE.GE, 0);
    const f = this.#findings;
    const group = this.#group;
    if (!group) {
      f.envelope(
        "GE",
        "unexpected",
        "ta1",
        "024",
        { expected: "GE only after a GS", actual: "GE without GS" },
        "GE",
      );
      return;
    }
    this.#group = null;
    const count = elements[1] ?? "";
    if (!sameNumber(count, String(group.sets))) {
      f.envelope(
        "GE01",
        "count",
        "ak9",
        "5",
        { expected: `${group.sets} (transaction sets counted)`, actual: count },
        count,
      );
    }
    const control = elements[2] ?? "";
    if (!sameNumber(control, group.control)) {
      f.envelope(
        "GE02",
        "control_number",
        "ak9",
        "4",
        { expected: `${group.control} (GS06)`, actual: control },
        control,
      );
    }
  }

  #missingGe(): void {
    const group = this.#group!;
    this.#group = null;
    const expected = `GE closing the group opened at segment ${group.index}`;
    this.#findings.envelope("GE", "missing", "ak9", "3", { expected, actual: `${this.#id} first` }, this.#id);
  }

  // ---- transaction set ----

  #onSt(elements: string[]): void {
    if (this.#set) this.#missingSe();
    const f = this.#findings;
    if (this.#group) this.#group.sets++;
    else
      f.envelope(
        "GS",
        "missing",
        "ta1",
        "024",
        { expected: "GS before the first ST", actual: "ST outside a group" },
        "ST",
      );
    const ordinal = ++this.#records;
    const setId = elements[1] ?? "";
    const guide = this.#guide.source;
    const guided = setId === guide.transactionSet;
    this.#set = { control: elements[2] ?? "", segments: 1, index: this.#index, ordinal, guided };
    const stSpec = this.#guide.specs.get("ST");
    if (stSpec) this.#elements(elements, stSpec, ordinal);
    if (!guided) {
      const text = { expected: `${guide.transactionSet} (guide ${guide.id})`, actual: setId };
      f.envelope("ST01", "supported", "ik5", "1", text, setId, ordinal);
      return;
    }
    this.#matcher.begin();
  }

  #onSe(elements: string[]): void {
    const set = this.#set;
    const f = this.#findings;
    if (!set) {
      f.envelope(
        "SE",
        "unexpected",
        "ta1",
        "024",
        { expected: "SE only after an ST", actual: "SE without ST" },
        "SE",
      );
      return;
    }
    set.segments++;
    if (set.guided) {
      this.#matcher.match("SE");
      this.#matcher.end(true);
    }
    const seSpec = this.#guide.specs.get("SE");
    if (seSpec) this.#elements(elements, seSpec, set.ordinal);
    this.#set = null;
    const count = elements[1] ?? "";
    if (!sameNumber(count, String(set.segments))) {
      const text = { expected: `${set.segments} (segments from ST to SE)`, actual: count };
      f.envelope("SE01", "count", "ik5", "4", text, count, set.ordinal);
    }
    const control = elements[2] ?? "";
    if (control !== set.control) {
      f.envelope(
        "SE02",
        "control_number",
        "ik5",
        "3",
        { expected: `${set.control} (ST02)`, actual: control },
        control,
        set.ordinal,
      );
    }
  }

  #missingSe(): void {
    const set = this.#set!;
    // Close the structure while the set is still current, so what it lacked counts against it.
    if (set.guided) this.#matcher.end(false);
    this.#set = null;
    const text = {
      expected: `SE closing the transaction set opened at segment ${set.index}`,
      actual: `${this.#id} first`,
    };
    this.#findings.envelope("SE", "missing", "ik5", "2", text, this.#id, set.ordinal);
  }

  #onBody(id: string, elements: string[]): void {
    const set = this.#set;
    if (!set) {
      this.#findings.outsideSet(id);
      return;
    }
    set.segments++;
    if (!set.guided) return;
    const node = this.#matcher.match(id);
    if (node?.spec) this.#elements(elements, node.spec, set.ordinal);
  }

  /** Element checks; `set` is the transaction set ordinal, 0 for envelope segments. */
  #elements(elements: string[], spec: CompiledSegmentSpec, set: number): void {
    const sep = this.#delimiters()?.component ?? "";
    const inSet = set > 0;
    checkSegmentElements(elements, spec, sep, (issue) => this.#findings.element(spec.id, issue, inSet, set));
  }
}
