import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileGuide } from "./guide.compile.ts";
import { loop, seg, type TransactionSetGuide, withNode } from "./guide.model.ts";
import { type SegmentIssue, SegmentMatcher } from "./segment-matcher.ts";

/** ST, AAA (M), BBB (max 2), loop LP (max 2: LP, L1 mandatory, loop NN max 1), CCC, SE. */
const TEST_GUIDE: TransactionSetGuide = {
  id: "test/999",
  version: "004010",
  transactionSet: "999",
  functionalGroup: "FA",
  name: "matcher test",
  segments: {},
  tables: [
    {
      name: "heading",
      nodes: [
        seg("ST", "010", "M", 1),
        seg("AAA", "020", "M", 1),
        seg("BBB", "030", "O", 2),
        loop("LP", "O", 2, [
          seg("LP", "040", "O", 1),
          seg("L1", "050", "M", 1),
          loop("NN", "O", 1, [seg("NN", "060", "O", 1), seg("N2", "070", "O", 1)]),
        ]),
        seg("CCC", "080", "O", 1),
      ],
    },
    { name: "summary", nodes: [seg("SE", "090", "M", 1)] },
  ],
};

function run(ids: string, guide = TEST_GUIDE, trailerSeen = true): string[] {
  const out: SegmentIssue[] = [];
  const m = new SegmentMatcher(compileGuide(guide), (i) => out.push(i));
  m.begin();
  for (const id of ids.split(" ").filter(Boolean)) m.match(id);
  m.end(trailerSeen);
  return out.map((i) => `${i.problem}:${i.path}:${i.code}`);
}

describe("SegmentMatcher", () => {
  it("accepts segments and loops in order, loops repeated within their max", () => {
    assert.deepEqual(run("AAA BBB BBB LP L1 NN N2 LP L1 CCC SE"), []);
    assert.deepEqual(run("AAA SE"), []);
  });

  it("reports a mandatory segment skipped over (IK3 3)", () => {
    assert.deepEqual(run("BBB CCC SE"), ["required:AAA:3"]);
  });

  it("reports a mandatory segment missing when its loop closes", () => {
    assert.deepEqual(run("AAA LP NN CCC SE"), ["required:LP/L1:3"]);
    assert.deepEqual(run("AAA LP L1 LP SE"), ["required:LP/L1:3"]);
  });

  it("reports a mandatory loop that never started, by its trigger", () => {
    const g = withNode(TEST_GUIDE, ["LP"], { usage: "M" });
    assert.deepEqual(run("AAA CCC SE", g), ["required:LP:3"]);
  });

  it("reports a segment over its max use (IK3 5) and a loop over its max repeats (IK3 4)", () => {
    assert.deepEqual(run("AAA BBB BBB BBB SE"), ["max_use:BBB:5"]);
    assert.deepEqual(run("AAA LP L1 LP L1 LP L1 SE"), ["loop_max:LP:4"]);
    assert.deepEqual(run("AAA LP L1 NN NN SE"), ["loop_max:LP/NN:4"]);
  });

  it("reports a segment that belongs earlier as out of order (IK3 7), keeping its place", () => {
    assert.deepEqual(run("AAA CCC BBB SE"), ["order:BBB:7"]);
    assert.deepEqual(run("AAA LP L1 NN N2 L1 SE"), ["order:LP/L1:7"]);
  });

  it("reports a segment the guide uses elsewhere as unexpected (IK3 2), an unknown id as unrecognized (IK3 1)", () => {
    assert.deepEqual(run("AAA N2 SE"), ["unexpected:N2:2"]);
    assert.deepEqual(run("AAA LP L1 ZZZ SE"), ["unrecognized:LP/ZZZ:1"]);
  });

  it("leaves SE out of the missing report when the trailer never came", () => {
    assert.deepEqual(run("AAA", TEST_GUIDE, false), []);
    assert.deepEqual(run("", TEST_GUIDE, false), ["required:AAA:3"]);
  });

  it("keeps only one level per open loop, however many iterations", () => {
    const many: TransactionSetGuide = withNode(TEST_GUIDE, ["LP"], { max: 100_000 });
    const m = new SegmentMatcher(compileGuide(many), () => assert.fail("no issue expected"));
    m.begin();
    m.match("AAA");
    let deepest = 0;
    for (let i = 0; i < 10_000; i++) {
      m.match("LP");
      m.match("L1");
      m.match("NN");
      deepest = Math.max(deepest, m.depth);
    }
    m.match("SE");
    m.end(true);
    assert.equal(deepest, 3);
    assert.equal(m.depth, 0);
  });
});
