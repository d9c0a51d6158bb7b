import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DriftAggregator, MAX_SAMPLE_CHARS, percentOf, truncateSample } from "./drift-aggregator.ts";

const file = { key: "k", sha256: "h", size: 1 };
const contract = { id: "c", version: "1" };
const base = {
  type: "type_mismatch" as const,
  severity: "error" as const,
  path: "$.a",
  rule: "s.a.type",
  expected: "integer",
  actual: "string",
};

describe("DriftAggregator", () => {
  it("counts occurrences and computes the percent of records affected, 2 decimals", () => {
    const agg = new DriftAggregator();
    agg.add({ ...base, record: 1, value: "x" });
    agg.add({ ...base, record: 1, value: "y" }); // same record twice: counted, record once
    agg.add({ ...base, record: 7, value: "z" });
    const [event] = agg.events(3, file, contract);
    assert.equal(event?.count, 3);
    assert.equal(event?.percent, 66.67); // 2 of 3 records
    assert.deepEqual(event?.samples, [
      { record: 1, value: "x" },
      { record: 7, value: "z" },
    ]);
    assert.deepEqual(event?.file, file);
    assert.deepEqual(event?.contract, contract);
  });

  it("keeps at most 5 samples however many records are affected", () => {
    const agg = new DriftAggregator();
    for (let r = 1; r <= 40; r++) agg.add({ ...base, record: r, value: r });
    const [event] = agg.events(40, file, contract);
    assert.equal(event?.count, 40);
    assert.equal(event?.percent, 100);
    assert.deepEqual(
      event?.samples.map((s) => s.record),
      [1, 2, 3, 4, 5],
    );
  });

  it("aggregates per type, path and rule", () => {
    const agg = new DriftAggregator();
    agg.add({ ...base, record: 1 });
    agg.add({ ...base, path: "$.b", rule: "s.b.type", record: 1 });
    agg.add({ ...base, type: "null_in_required", record: 2 });
    assert.equal(agg.events(2, file, contract).length, 3);
  });

  it("gives file-level findings no percent", () => {
    const agg = new DriftAggregator();
    agg.add({ ...base, type: "file_empty", path: "$", record: 0 });
    const [event] = agg.events(0, file, contract);
    assert.equal(event?.percent, null);
    assert.deepEqual(event?.samples, []);
  });

  it("truncates long sample values", () => {
    const long = "x".repeat(1000);
    const cut = truncateSample(long) as string;
    assert.equal(cut.length, MAX_SAMPLE_CHARS);
    assert.ok(cut.endsWith("…"));
    assert.equal(typeof truncateSample({ a: long }), "string");
    assert.deepEqual(truncateSample({ a: 1 }), { a: 1 });
    assert.equal(truncateSample(10n), "10");
  });

  it("rounds percent to 2 decimals", () => {
    assert.equal(percentOf(1, 3), 33.33);
    assert.equal(percentOf(2, 3), 66.67);
    assert.equal(percentOf(3, 40), 7.5);
    assert.equal(percentOf(1, 0), null);
  });
});
