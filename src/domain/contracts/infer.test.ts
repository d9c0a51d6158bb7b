import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { checkFile } from "./check.ts";
import { compileContract } from "./contract.compile.ts";
import { lintContract, loadContract } from "./contract.load.ts";
import { contractToYaml, InferError, inferContract } from "./infer.ts";

const files = join(import.meta.dirname, "../../../test/fixtures/files");
const enc = (s: string) => new TextEncoder().encode(s);
async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

type Doc = {
  schema: Array<{ properties: Array<Record<string, unknown>>; customProperties?: unknown }>;
  servers: unknown[];
};
const props = (doc: object): Record<string, Record<string, unknown>> =>
  Object.fromEntries((doc as Doc).schema[0]!.properties.map((p) => [String(p.name), p]));

describe("inferContract", () => {
  for (const name of [
    "orders.json",
    "orders.ndjson",
    "order-lines.csv",
    "order-lines-quoted-newlines.csv",
    "orders.parquet",
  ]) {
    it(`infers from ${name} a contract that file passes`, async () => {
      const bytes = readFileSync(join(files, name));
      const doc = inferContract([{ key: name, bytes }]);
      const yaml = contractToYaml(doc);
      assert.deepEqual(
        lintContract(yaml).filter((i) => i.severity === "error"),
        [],
      );
      const result = await checkFile(compileContract(loadContract(yaml)), once(bytes), {
        key: name,
        maxBytes: 1e7,
      });
      assert.deepEqual(result.events, []);
      assert.ok(result.records > 0);
    });
  }

  it("widens integer and number, requires only fields present and non-null everywhere", () => {
    const doc = inferContract([
      { key: "a.ndjson", bytes: enc('{"n":1,"m":1,"o":1}\n{"n":2.5,"m":null}\n{"n":3,"m":2,"o":"x"}\n') },
    ]);
    const p = props(doc);
    assert.equal(p.n?.logicalType, "number");
    assert.equal(p.n?.required, true);
    assert.equal(p.m?.logicalType, "integer");
    assert.equal(p.m?.required, undefined);
    assert.equal(p.o?.logicalType, undefined, "integer and string mixed: no type");
  });

  it("detects formats, proposes enums under the threshold, and recurses into arrays of objects", () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({
      at: `2024-01-0${(i % 9) + 1}T10:00:00Z`,
      day: "2024-01-02",
      mail: `u${i}@example.com`,
      uid: "3f2b8c1e-9d4a-4c6b-8e2f-1a2b3c4d5e6f",
      status: i % 3 === 0 ? "open" : "closed",
      ref: `R${i}`,
      lines: [{ sku: "A", qty: i }],
    }));
    const doc = inferContract([{ key: "t.json", bytes: enc(JSON.stringify(rows)) }], {
      id: "x",
      name: "things",
    });
    const p = props(doc);
    assert.equal(p.at?.logicalType, "timestamp");
    assert.equal(p.day?.logicalType, "date");
    assert.deepEqual(p.mail?.logicalTypeOptions, { format: "email" });
    assert.deepEqual(p.uid?.logicalTypeOptions, { format: "uuid" });
    assert.deepEqual(p.status?.quality, [
      { metric: "invalidValues", arguments: { validValues: ["closed", "open"] }, mustBe: 0 },
    ]);
    assert.equal(p.ref?.quality, undefined, "12 distinct values: no enum");
    const items = p.lines?.items as {
      logicalType: string;
      properties: Array<{ name: string; logicalType: string }>;
    };
    assert.equal(items.logicalType, "object");
    assert.deepEqual(
      items.properties.map((c) => [c.name, c.logicalType]),
      [
        ["sku", "string"],
        ["qty", "integer"],
      ],
    );
    assert.equal((doc as { id: string }).id, "x");
  });

  it("gives CSV columns, types and the delimiter", () => {
    const doc = inferContract([
      { key: "x.csv", bytes: enc("id;price;ok;when\n1;2.5;true;2024-01-01\n2;3;false;\n") },
    ]);
    const p = props(doc);
    assert.deepEqual(
      Object.entries(p).map(([k, v]) => [k, v.logicalType, v.required ?? false]),
      [
        ["id", "integer", true],
        ["price", "number", true],
        ["ok", "boolean", true],
        ["when", "date", false],
      ],
    );
    assert.deepEqual((doc as Doc).schema[0]?.customProperties, [
      { property: "csvHeader", value: true },
      { property: "delimiter", value: ";" },
    ]);
    assert.equal((parse(contractToYaml(doc)) as Doc).servers.length, 1);
  });

  it("refuses samples it cannot read", () => {
    assert.throws(() => inferContract([{ key: "a.json", bytes: enc("[1,") }]), InferError);
    assert.throws(() => inferContract([]), InferError);
  });
});
