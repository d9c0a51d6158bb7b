import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DriftEvent } from "../drift/drift-event.ts";
import { checkFile } from "./check.ts";
import { compileContract } from "./contract.compile.ts";
import { loadContract } from "./contract.load.ts";

const enc = (s: string) => new TextEncoder().encode(s);
async function* source(data: string | Uint8Array): AsyncGenerator<Uint8Array> {
  yield typeof data === "string" ? enc(data) : data;
}
const HEAD = "apiVersion: v3.1.0\nkind: DataContract\nid: t\nversion: 1.0.0\nstatus: active\n";
const check = async (contract: string, key: string, data: string) =>
  checkFile(compileContract(loadContract(contract)), source(data), { key, maxBytes: 1e6 });
const brief = (events: DriftEvent[]) => events.map((e) => `${e.type} ${e.path} ${e.severity}`).sort();

const CITIES = `${HEAD}schema:
  - name: cities
    properties:
      - name: id
        logicalType: string
        required: true
      - name: population
        logicalType: integer
`;

describe("missing fields mean the same in every format", () => {
  it("an optional field absent from every record: one column_missing warning, for JSON, NDJSON and CSV alike", async () => {
    const json = await check(CITIES, "c.json", '[{"id":"a"},{"id":"b"}]');
    const ndjson = await check(CITIES, "c.ndjson", '{"id":"a"}\n{"id":"b"}\n');
    const csv = await check(CITIES, "c.csv", "id\na\nb\n");
    assert.deepEqual(brief(json.events), ["column_missing $.population warning"]);
    assert.deepEqual(brief(ndjson.events), ["column_missing $.population warning"]);
    assert.deepEqual(brief(csv.events), ["column_missing population warning"]);
    assert.equal(json.events[0]?.actual, "absent from all 2 records");
  });

  it("a required field absent from every record: a column_missing error instead of one event per record", async () => {
    const r = await check(CITIES, "c.ndjson", '{"population":1}\n');
    assert.deepEqual(brief(r.events), ["column_missing $.id error"]);
    assert.equal(r.events[0]?.actual, "absent from all 1 record");
    // present in some records: the others are required_field_missing as before
    const some = await check(CITIES, "c.ndjson", '{"id":"a"}\n{"population":1}\n');
    assert.deepEqual(brief(some.events), ["required_field_missing $.id error"]);
  });
});

describe("dataset-level rules fail or warn as declared", () => {
  const rule = (extra: string) => `${CITIES}    quality:
      - metric: rowCount
        mustBeGreaterThan: 5
${extra}`;
  it("a failed rowCount rule is an error unless it declares a severity", async () => {
    const data = '{"id":"a","population":1}\n';
    assert.deepEqual(brief((await check(rule(""), "c.ndjson", data)).events), [
      "row_count_out_of_range $ error",
    ]);
    assert.deepEqual(brief((await check(rule("        severity: warning\n"), "c.ndjson", data)).events), [
      "row_count_out_of_range $ warning",
    ]);
  });
});

describe("numbers and JSON Schema as written", () => {
  it("multipleOf 0.01 accepts 19.99, 0.07 and 1.15, and refuses 1.155", async () => {
    const contract = `${HEAD}schema:
  - name: prices
    properties:
      - name: price
        logicalType: number
        logicalTypeOptions:
          multipleOf: 0.01
`;
    const r = await check(
      contract,
      "p.ndjson",
      '{"price":19.99}\n{"price":0.07}\n{"price":1.15}\n{"price":1.155}\n',
    );
    assert.deepEqual(brief(r.events), ["range_violation $.price error"]);
    assert.deepEqual(r.events[0]?.samples, [{ record: 4, value: 1.155 }]);
  });

  it("a JSON Schema with if/then, oneOf and $ref beside additionalProperties: false reports the real violations", async () => {
    const schema = JSON.stringify({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "order",
      type: "object",
      additionalProperties: false,
      required: ["id", "kind"],
      properties: {
        id: { type: "string" },
        kind: { enum: ["retail", "wholesale"] },
        vat: { type: "string" },
        address: { $ref: "#/$defs/address" },
        pay: {
          oneOf: [
            {
              type: "object",
              properties: { card: { type: "string" } },
              required: ["card"],
              additionalProperties: false,
            },
            {
              type: "object",
              properties: { iban: { type: "string" } },
              required: ["iban"],
              additionalProperties: false,
            },
          ],
        },
      },
      if: { properties: { kind: { const: "wholesale" } } },
      // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, not a thenable
      then: { required: ["vat"] },
      $defs: { address: { type: "object", required: ["city"], properties: { city: { type: "string" } } } },
    });
    const data = [
      { id: "a", kind: "retail", vat: "x" },
      { id: "b", kind: "wholesale" },
      { id: "c", kind: "other", address: {}, pay: { card: "1", iban: "2" } },
    ]
      .map((r) => JSON.stringify(r))
      .join("\n");
    const r = await check(schema, "o.ndjson", data);
    assert.deepEqual(brief(r.events), [
      "enum_violation $.kind error",
      "required_field_missing $.address.city error",
      "required_field_missing $.vat error",
      "unexpected_field $.pay.iban error",
    ]);
    assert.deepEqual(
      r.events.find((e) => e.path === "$.vat")?.samples.map((s) => s.record),
      [2],
    );
  });
});
