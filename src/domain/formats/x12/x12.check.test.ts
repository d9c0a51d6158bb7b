import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { withNode } from "./guide.model.ts";
import { GUIDE_850_004010 } from "./guides/850-004010.guide.ts";
import { checkX12, checkX12Against, hasX12Guide, listX12Guides, X12UnknownGuideError } from "./index.ts";
import { chunked, envelope, largeInterchange, MINIMAL_BODY, set, summary, x12 } from "./x12.test-support.ts";

const FIXTURES = join(import.meta.dirname, "../../../../test/fixtures/x12");
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const OPTS = {
  guide: "004010/850",
  fileKey: "in/850.edi",
  contract: { id: "orders-inbound", version: "1.2.0" },
};

async function check(bytes: Uint8Array | string, chunk = 1 << 16) {
  return checkX12(chunked(bytes, chunk), OPTS);
}

/** Expected events per fixture: exactly these types, paths, rules and acknowledgment codes, in this order. */
const EXPECTED: Record<string, { records: number; events: ReturnType<typeof summary> }> = {
  "850-clean.edi": { records: 2, events: [] },
  "850-pipe-delimiters.edi": { records: 2, events: [] },
  "850-se-count.edi": {
    records: 2,
    events: [{ type: "x12_envelope_invalid", path: "SE01", rule: "x12.850.SE01.count", code: "4" }],
  },
  "850-missing-beg.edi": {
    records: 2,
    events: [{ type: "x12_segment_missing", path: "BEG", rule: "x12.850.BEG.required", code: "3" }],
  },
  "850-out-of-order.edi": {
    records: 2,
    events: [{ type: "x12_segment_order", path: "REF", rule: "x12.850.REF.order", code: "7" }],
  },
  "850-element-too-long.edi": {
    records: 2,
    events: [{ type: "x12_element_invalid", path: "BEG03", rule: "x12.850.BEG03.length", code: "5" }],
  },
  "850-invalid-code.edi": {
    records: 2,
    events: [{ type: "x12_element_invalid", path: "BEG01", rule: "x12.850.BEG01.code", code: "7" }],
  },
  "850-truncated.edi": {
    records: 2,
    events: [{ type: "file_unparseable", path: "$", rule: "x12.syntax", code: "x12.truncated" }],
  },
  "not-x12.edi": {
    records: 0,
    events: [{ type: "file_unparseable", path: "$", rule: "x12.syntax", code: "x12.no_isa" }],
  },
  // Within the standard's 100,000 PO1 loops; the over-max case runs against a test guide below.
  "850-po1-over-max.edi": { records: 1, events: [] },
};

describe("checkX12 on the fixtures", () => {
  for (const [name, want] of Object.entries(EXPECTED)) {
    it(`${name}: ${want.events.map((e) => `${e.type} ${e.path}`).join(", ") || "no events"}`, async () => {
      const got = await check(fixture(name));
      assert.deepEqual(summary(got.events), want.events);
      assert.equal(got.records, want.records);
    });

    it(`${name}: the same result fed 1 byte at a time`, async () => {
      const whole = await check(fixture(name));
      const bytewise = await check(fixture(name), 1);
      assert.deepEqual(bytewise, whole);
    });
  }

  it("has the fixtures it claims: CRLF after terminators in the clean file, | and ^ in the other", () => {
    const clean = new TextDecoder().decode(fixture("850-clean.edi"));
    assert.equal(clean.split("~\r\n").length - 1, 36);
    const pipes = new TextDecoder().decode(fixture("850-pipe-delimiters.edi"));
    assert.ok(pipes.startsWith("ISA|00|") && pipes.includes("REF|DP|038||ZZ^ABC~"));
  });

  it("fills the event shape: samples, percent of transaction sets, file and contract", async () => {
    const { events } = await check(fixture("850-element-too-long.edi"));
    assert.deepEqual(events[0], {
      type: "x12_element_invalid",
      severity: "error",
      path: "BEG03",
      rule: "x12.850.BEG03.length",
      expected: "AN 1/22",
      actual: "length 25",
      count: 1,
      percent: 50,
      samples: [{ record: 4, value: "PO-1001-ABCDEFGHIJKLMNOPQ" }],
      file: { key: "in/850.edi", sha256: "", size: 0 },
      contract: { id: "orders-inbound", version: "1.2.0" },
      detail: { ik4: "5", segment: "BEG", element: 3 },
    });
  });

  it("says where a truncated or foreign file broke", async () => {
    const truncated = (await check(fixture("850-truncated.edi"))).events[0]!;
    assert.equal(truncated.severity, "critical");
    assert.deepEqual(truncated.detail, {
      code: "x12.truncated",
      offset: fixture("850-truncated.edi").length,
      segment: 36,
    });
    const foreign = (await check(fixture("not-x12.edi"))).events[0]!;
    assert.deepEqual(foreign.detail, { code: "x12.no_isa", offset: 0, segment: 1 });
  });

  it("reports a PO1 loop over its max against a guide that allows three", async () => {
    const guide = withNode(GUIDE_850_004010, ["PO1"], { max: 3 });
    const got = await checkX12Against(chunked(fixture("850-po1-over-max.edi"), 1 << 16), guide, OPTS);
    assert.deepEqual(summary(got.events), [
      { type: "x12_loop_repeat_exceeded", path: "PO1", rule: "x12.850.PO1.loop_max", code: "4" },
    ]);
    assert.deepEqual(got.events[0]!.samples, [{ record: 10, value: "PO1" }]);
  });
});

describe("checkX12 envelope", () => {
  const body = MINIMAL_BODY;

  it("checks GE01 against the sets counted and GE02 against GS06", async () => {
    const segs = envelope([set("0001", body), set("0002", body)]).map((s) =>
      s.startsWith("GE") ? "GE*3*102" : s,
    );
    const got = await check(x12(segs));
    assert.deepEqual(summary(got.events), [
      { type: "x12_envelope_invalid", path: "GE01", rule: "x12.envelope.GE01.count", code: "5" },
      { type: "x12_envelope_invalid", path: "GE02", rule: "x12.envelope.GE02.control_number", code: "4" },
    ]);
    assert.equal(got.events[0]!.percent, null);
    assert.equal(got.events[0]!.expected, "2 (transaction sets counted)");
  });

  it("checks IEA01 against the groups counted and IEA02 against ISA13", async () => {
    const segs = envelope([set("0001", body)]).map((s) => (s.startsWith("IEA") ? "IEA*2*000000999" : s));
    const got = await check(x12(segs));
    assert.deepEqual(summary(got.events), [
      { type: "x12_envelope_invalid", path: "IEA01", rule: "x12.envelope.IEA01.count", code: "021" },
      { type: "x12_envelope_invalid", path: "IEA02", rule: "x12.envelope.IEA02.control_number", code: "001" },
    ]);
  });

  it("checks ST02 against SE02", async () => {
    const segs = envelope([set("0001", body)]).map((s) => (s.startsWith("SE") ? "SE*5*0009" : s));
    const got = await check(x12(segs));
    assert.deepEqual(summary(got.events), [
      { type: "x12_envelope_invalid", path: "SE02", rule: "x12.850.SE02.control_number", code: "3" },
    ]);
  });

  it("reports a missing SE (IK5 2) and a missing GE (AK9 3) when the next header comes first", async () => {
    const first = set("0001", body).slice(0, -1);
    const segs = [
      "ISA",
      "GS*PO*A1*B1*20240315*1130*1*X*004010",
      ...first,
      ...set("0002", body),
      "GS*PO*A1*B1*20240315*1130*2*X*004010",
      ...set("0003", body),
      "GE*1*2",
      "IEA*2*000000101",
    ];
    const got = await check(x12(segs));
    assert.deepEqual(summary(got.events), [
      { type: "x12_envelope_invalid", path: "SE", rule: "x12.850.SE.missing", code: "2" },
      { type: "x12_envelope_invalid", path: "GE", rule: "x12.envelope.GE.missing", code: "3" },
    ]);
    assert.equal(got.records, 3);
    assert.deepEqual(got.events[0]!.samples, [{ record: 7, value: "ST" }]);
  });

  it("still reports what a set without SE lacked, counted against that set", async () => {
    const segs = envelope([["ST*850*0001", "BEG*00*SA*PO-1**20240315"], set("0002", MINIMAL_BODY)]);
    const got = await check(x12(segs));
    assert.deepEqual(summary(got.events), [
      { type: "x12_segment_missing", path: "PO1", rule: "x12.850.PO1.required", code: "3" },
      { type: "x12_envelope_invalid", path: "SE", rule: "x12.850.SE.missing", code: "2" },
    ]);
    assert.deepEqual(
      got.events.map((e) => e.percent),
      [50, 50],
    );
  });

  it("reports a transaction set the guide does not cover, and a group of another version", async () => {
    const segs = envelope([["ST*810*0001", "BIG*20240315*INV1", "SE*3*0001"]]).map((s) =>
      s.startsWith("GS") ? "GS*IN*BUYERCO*SELLERCO*20240315*1130*101*X*005010" : s,
    );
    const got = await check(x12(segs));
    assert.deepEqual(summary(got.events), [
      { type: "x12_envelope_invalid", path: "GS01", rule: "x12.envelope.GS01.functional_group", code: "1" },
      { type: "x12_envelope_invalid", path: "GS08", rule: "x12.envelope.GS08.version", code: "2" },
      { type: "x12_envelope_invalid", path: "ST01", rule: "x12.850.ST01.supported", code: "1" },
    ]);
  });

  it("checks envelope elements: ISA date, GS time", async () => {
    const text = x12(envelope([set("0001", body)]))
      .replace("*240315*", "*241315*")
      .replace("*20240315*1130*101*", "*20240315*2561*101*");
    const got = await check(text);
    assert.deepEqual(summary(got.events), [
      { type: "x12_element_invalid", path: "ISA09", rule: "x12.envelope.ISA09.date", code: "8" },
      { type: "x12_element_invalid", path: "GS05", rule: "x12.envelope.GS05.time", code: "9" },
    ]);
  });

  it("reports segments outside a transaction set", async () => {
    const segs = envelope([set("0001", body)]);
    segs.splice(2, 0, "BEG*00*SA*PO-1**20240315");
    const got = await check(x12(segs));
    assert.deepEqual(summary(got.events), [
      { type: "x12_segment_unexpected", path: "BEG", rule: "x12.envelope.BEG.outside_set", code: "2" },
    ]);
  });
});

describe("checkX12 aggregation and options", () => {
  it("aggregates per path and rule: count of occurrences, percent of sets, at most 5 samples", async () => {
    const bad = [
      "BEG*00*SA*PO-1**20240315",
      ...Array.from({ length: 7 }, (_, i) => `PO1*${i}*1*EA*1**BP*X*ZZ`),
      "CTT*7",
    ];
    const segs = envelope([
      set("0001", bad),
      set("0002", MINIMAL_BODY),
      set("0003", bad),
      set("0004", MINIMAL_BODY),
    ]);
    const { events, records } = await check(x12(segs));
    assert.equal(records, 4);
    assert.equal(events.length, 1);
    const e = events[0]!;
    assert.equal(e.path, "PO109");
    assert.equal(e.rule, "x12.850.PO109.conditional");
    assert.equal(e.count, 14);
    assert.equal(e.percent, 50);
    assert.equal(e.samples.length, 5);
    assert.deepEqual(e.samples[0], { record: 5, value: null });
  });

  it("folds junk segment ids into one event instead of one per distinct string", async () => {
    const junk = Array.from({ length: 300 }, (_, i) => `junk-${i}*x`);
    const segs = envelope([set("0001", [...MINIMAL_BODY.slice(0, 2), ...junk, "CTT*1"])]);
    const { events } = await check(x12(segs));
    assert.deepEqual(summary(events), [
      { type: "x12_segment_unexpected", path: "PO1/?", rule: "x12.850.PO1/?.unrecognized", code: "1" },
    ]);
    assert.equal(events[0]!.count, 300);
    assert.deepEqual(events[0]!.samples[0], { record: 6, value: "junk-0" });
  });

  it("lets the contract set a rule's severity", async () => {
    const { events } = await checkX12(chunked(fixture("850-invalid-code.edi"), 1 << 16), {
      ...OPTS,
      severityFor: (rule, fallback) => (rule === "x12.850.BEG01.code" ? "warning" : fallback),
    });
    assert.equal(events[0]!.severity, "warning");
  });

  it("lists its guides and refuses an unknown one with a typed error", async () => {
    assert.deepEqual(listX12Guides(), ["004010/850"]);
    assert.equal(hasX12Guide("004010/850"), true);
    assert.equal(hasX12Guide("005010/850"), false);
    await assert.rejects(checkX12(chunked("", 1), { ...OPTS, guide: "005010/850" }), (err: unknown) => {
      assert.ok(err instanceof X12UnknownGuideError);
      assert.equal(err.code, "x12.guide_unknown");
      return true;
    });
  });

  it("checks 50,000 PO1 lines holding no more than one segment between chunks", async () => {
    const got = await checkX12Against(largeInterchange(50_000, 8192), GUIDE_850_004010, OPTS);
    assert.deepEqual(got.events, []);
    assert.equal(got.records, 1);
    assert.equal(got.segments, 50_008);
    // The longest segment is the 106-character ISA; the carry never holds more than that plus a CR/LF.
    assert.ok(got.maxBuffered <= 108, `buffered ${got.maxBuffered}`);
    // Structure state: the transaction set and one PO1 loop level, never one level per line.
    assert.equal(got.maxDepth, 2);
  });
});
