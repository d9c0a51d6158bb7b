import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  checkSegmentElements,
  compileSegmentSpec,
  type ElementIssue,
  X12GuideError,
} from "./element.check.ts";
import { checkValue, isValidDate, isValidTime } from "./element-value.ts";
import { comp, el, spec } from "./guide.model.ts";
import { SEGMENTS_004010 } from "./guides/segments-004010.ts";

function issues(
  segment: string,
  specId = segment.split("*")[0]!,
): Pick<ElementIssue, "position" | "component" | "code" | "problem">[] {
  const s = compileSegmentSpec(SEGMENTS_004010[specId]!);
  const out: ElementIssue[] = [];
  checkSegmentElements(segment.split("*"), s, ">", (i) => out.push(i));
  return out.map(({ position, component, code, problem }) => ({ position, component, code, problem }));
}

function valueCode(
  type: Parameters<typeof el>[3],
  min: number,
  max: number,
  value: string,
  codes?: string[],
): string | null {
  const p = checkValue(value, {
    composite: false,
    def: el("1", "x", "O", type, min, max, codes),
    codes: codes ? new Set(codes) : null,
  });
  return p ? p.code : null;
}

describe("element values", () => {
  it("checks AN and ID length and characters", () => {
    assert.equal(valueCode("AN", 1, 5, "ABCDE"), null);
    assert.equal(valueCode("AN", 2, 5, "A"), "4");
    assert.equal(valueCode("AN", 1, 5, "ABCDEF"), "5");
    assert.equal(valueCode("AN", 1, 5, "A\u0007B"), "6");
    assert.equal(valueCode("ID", 2, 2, "00", ["00", "01"]), null);
    assert.equal(valueCode("ID", 2, 2, "02", ["00", "01"]), "7");
    assert.equal(valueCode("ID", 2, 2, "002", ["00", "01"]), "5");
  });

  it("counts digits only for N and R lengths, sign and point excluded", () => {
    assert.equal(valueCode("N0", 1, 3, "-123"), null);
    assert.equal(valueCode("N2", 1, 3, "1234"), "5");
    assert.equal(valueCode("N0", 1, 3, "12.5"), "6");
    assert.equal(valueCode("N0", 1, 3, "1A"), "6");
    assert.equal(valueCode("R", 1, 4, "-12.34"), null);
    assert.equal(valueCode("R", 1, 4, "12.345"), "5");
    assert.equal(valueCode("R", 1, 4, ".5"), null);
    assert.equal(valueCode("R", 1, 4, "1.2.3"), "6");
    assert.equal(valueCode("R", 4, 10, "1.5"), "4");
  });

  it("checks dates: shape, length and the calendar", () => {
    assert.equal(valueCode("DT", 8, 8, "20240229"), null);
    assert.equal(valueCode("DT", 8, 8, "20230229"), "8");
    assert.equal(valueCode("DT", 8, 8, "20241301"), "8");
    assert.equal(valueCode("DT", 8, 8, "2024-01-01"), "8");
    assert.equal(valueCode("DT", 8, 8, "240101"), "4");
    assert.equal(valueCode("DT", 6, 6, "240430"), null);
    assert.equal(valueCode("DT", 6, 6, "240431"), "8");
    assert.equal(isValidDate("19000229"), false);
    assert.equal(isValidDate("20000229"), true);
  });

  it("checks times: HHMM, HHMMSS and decimal seconds", () => {
    assert.equal(valueCode("TM", 4, 8, "2359"), null);
    assert.equal(valueCode("TM", 4, 8, "235959"), null);
    assert.equal(valueCode("TM", 4, 8, "23595999"), null);
    assert.equal(valueCode("TM", 4, 8, "2460"), "9");
    assert.equal(valueCode("TM", 4, 8, "12:30"), "9");
    assert.equal(valueCode("TM", 4, 4, "123000"), "5");
    assert.equal(isValidTime("12345"), false);
  });
});

describe("segment elements", () => {
  it("accepts a well-formed segment", () => {
    assert.deepEqual(issues("BEG*00*SA*PO-1**20240315"), []);
    assert.deepEqual(issues("PO1*1*10*EA*12.50*PE*BP*ITEM-001*VP*V-001"), []);
  });

  it("reports a missing mandatory element with code 1 at its position", () => {
    assert.deepEqual(issues("BEG*00*SA***20240315"), [
      { position: 3, component: 0, code: "1", problem: "required" },
    ]);
    assert.deepEqual(issues("BEG*00*SA*PO-1"), [
      { position: 5, component: 0, code: "1", problem: "required" },
    ]);
  });

  it("reports too many elements with code 3", () => {
    assert.deepEqual(issues("N3*A*B*C"), [
      { position: 3, component: 0, code: "3", problem: "too_many_elements" },
    ]);
  });

  it("applies syntax notes: paired, required, conditional, list conditional", () => {
    // N1 R0203: name or id qualifier; P0304: qualifier and code together.
    assert.deepEqual(issues("N1*ST"), [{ position: 2, component: 0, code: "2", problem: "conditional" }]);
    assert.deepEqual(issues("N1*ST**92"), [{ position: 4, component: 0, code: "2", problem: "conditional" }]);
    // PO1 C0302: a unit of measure needs a quantity.
    assert.deepEqual(issues("PO1*1**EA"), [{ position: 2, component: 0, code: "2", problem: "conditional" }]);
    // ITD L03040513: a discount percent needs a due date, days or day of month.
    assert.deepEqual(issues("ITD*01*3*2"), [
      { position: 4, component: 0, code: "2", problem: "conditional" },
    ]);
  });

  it("reports an exclusion with code 10", () => {
    const s = compileSegmentSpec(
      spec("ZZZ", "test", [el("1", "a", "X", "AN", 1, 2), el("2", "b", "X", "AN", 1, 2)], ["E0102"]),
    );
    const out: ElementIssue[] = [];
    checkSegmentElements(["ZZZ", "A", "B"], s, ">", (i) => out.push(i));
    assert.deepEqual(
      out.map((i) => [i.position, i.code, i.problem]),
      [[2, "10", "exclusion"]],
    );
  });

  it("checks composite components with their own positions", () => {
    assert.deepEqual(issues("REF*DP*038**ZZ>ABC"), []);
    assert.deepEqual(issues("REF*DP*038**ZZ"), [
      { position: 4, component: 2, code: "1", problem: "required" },
    ]);
    assert.deepEqual(issues("REF*DP*038**ZZ>ABC>XX"), [
      { position: 4, component: 4, code: "2", problem: "conditional" },
    ]);
    assert.deepEqual(issues("REF*DP*038**ZZ>A>BB>C>DD>E>F"), [
      { position: 4, component: 7, code: "13", problem: "too_many_components" },
    ]);
  });

  it("refuses malformed syntax notes when compiling", () => {
    assert.throws(
      () => compileSegmentSpec(spec("ZZZ", "t", [el("1", "a", "O", "AN", 1, 2)], ["P01"])),
      X12GuideError,
    );
    assert.throws(
      () => compileSegmentSpec(spec("ZZZ", "t", [el("1", "a", "O", "AN", 1, 2)], ["P0102"])),
      X12GuideError,
    );
    assert.throws(
      () =>
        compileSegmentSpec(
          spec("ZZZ", "t", [comp("C1", "c", "O", [el("1", "a", "O", "AN", 1, 2)], ["Q0102"])]),
        ),
      X12GuideError,
    );
  });
});
