import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { DriftEvent } from "../drift/drift-event.ts";
import { checkFile } from "./check.ts";
import { compileContract } from "./contract.compile.ts";
import { loadContract } from "./contract.load.ts";
import { MAX_PROBLEMS_PER_RECORD } from "./record.walker.ts";

const enc = (s: string) => new TextEncoder().encode(s);
async function* source(data: string | Uint8Array, size = 64): AsyncGenerator<Uint8Array> {
  const bytes = typeof data === "string" ? enc(data) : data;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** A small ODCS contract: `props` and `extra` are YAML lines under the schema object. */
function contract(props: string, extra = "", header = ""): string {
  return `apiVersion: v3.1.0\nkind: DataContract\nid: t\nversion: 1.0.0\nstatus: active\n${header}schema:\n  - name: orders\n${extra}    properties:\n${props}`;
}
const compile = (text: string) => compileContract(loadContract(text));
const ndjson = (records: unknown[]) => `${records.map((r) => JSON.stringify(r)).join("\n")}\n`;
const find = (events: DriftEvent[], type: string, path?: string) =>
  events.find((e) => e.type === type && (path === undefined || e.path === path));

const ITEMS = `      - name: id
        logicalType: string
        required: true
        primaryKey: true
      - name: items
        logicalType: array
        items:
          logicalType: object
          properties:
            - name: sku
              logicalType: string
              required: true
              logicalTypeOptions:
                pattern: "^[A-Z]+$"
`;

describe("checkFile", () => {
  it("counts occurrences and the percent of records, with 5 samples at most", async () => {
    const records = Array.from({ length: 40 }, (_, i) => ({ id: `r${i}`, items: [{ sku: "AB" }] }));
    for (const i of [3, 9, 20]) records[i] = { id: `r${i}`, items: [{ sku: "AB" }, {} as { sku: string }] };
    for (let i = 30; i < 38; i++) records[i] = { id: `r${i}`, items: [{ sku: "lower" }] };
    const result = await checkFile(compile(contract(ITEMS)), source(ndjson(records)), {
      key: "o.ndjson",
      maxBytes: 1e6,
    });
    const missing = find(result.events, "required_field_missing", "$.items[*].sku");
    assert.equal(missing?.rule, "orders.items.sku.required");
    assert.equal(missing?.count, 3);
    assert.equal(missing?.percent, 7.5);
    assert.deepEqual(
      missing?.samples.map((s) => s.record),
      [4, 10, 21],
    );
    const pattern = find(result.events, "pattern_violation", "$.items[*].sku");
    assert.equal(pattern?.count, 8);
    assert.equal(pattern?.percent, 20);
    assert.equal(pattern?.samples.length, 5);
    assert.deepEqual(pattern?.samples[0], { record: 31, value: "lower" });
    assert.equal(result.records, 40);
  });

  it("stops listing a record's problems at the per-record cap", async () => {
    const items = Array.from({ length: 80 }, () => ({}));
    const result = await checkFile(
      compile(contract(ITEMS)),
      source(
        ndjson([
          { id: "a", items },
          { id: "b", items: [{}] },
        ]),
      ),
      {
        key: "o.ndjson",
        maxBytes: 1e6,
      },
    );
    const missing = find(result.events, "required_field_missing", "$.items[*].sku");
    assert.equal(missing?.count, MAX_PROBLEMS_PER_RECORD + 1); // 50 from record 1, 1 from record 2
    assert.equal(missing?.percent, 100);
    assert.match(result.notes.join("\n"), /1 record\(s\) had more than 50 problems/);
  });

  it("applies severity overrides: quality rule, property customProperties, schema map", async () => {
    const props = `      - name: code
        logicalType: string
        logicalTypeOptions:
          pattern: "^[A-Z]+$"
        customProperties:
          - property: severity
            value:
              pattern: critical
      - name: unit
        logicalType: string
        quality:
          - metric: invalidValues
            arguments:
              validValues: [kg, lb]
            mustBe: 0
            severity: info
`;
    const extra =
      "    customProperties:\n      - property: severity\n        value:\n          unexpected_field: error\n";
    const result = await checkFile(
      compile(contract(props, extra)),
      source(ndjson([{ code: "x", unit: "oz", more: 1 }])),
      {
        key: "a.ndjson",
        maxBytes: 1e6,
      },
    );
    assert.equal(find(result.events, "pattern_violation")?.severity, "critical");
    assert.equal(find(result.events, "enum_violation")?.severity, "info");
    assert.equal(find(result.events, "enum_violation")?.rule, "orders.unit.invalidValues");
    assert.equal(find(result.events, "unexpected_field", "$.more")?.severity, "error");
  });

  it("makes unexpected fields errors in a strict contract and warnings otherwise", async () => {
    const props = "      - name: a\n        logicalType: integer\n";
    const strict = "customProperties:\n  - property: additionalProperties\n    value: false\n";
    const data = ndjson([{ a: 1, b: 2 }]);
    const loose = await checkFile(compile(contract(props)), source(data), { key: "a.ndjson", maxBytes: 1e6 });
    const tight = await checkFile(compile(contract(props, "", strict)), source(data), {
      key: "a.ndjson",
      maxBytes: 1e6,
    });
    assert.equal(find(loose.events, "unexpected_field", "$.b")?.severity, "warning");
    assert.equal(find(tight.events, "unexpected_field", "$.b")?.severity, "error");
  });

  it("hashes the whole file even when parsing stops early", async () => {
    const text = `[{"id": "a"},, ${"x".repeat(5000)}]`;
    const result = await checkFile(compile(contract(ITEMS)), source(text, 100), {
      key: "a.json",
      maxBytes: 1e6,
    });
    assert.equal(result.sha256, createHash("sha256").update(text).digest("hex"));
    assert.equal(result.size, text.length);
    assert.deepEqual(
      result.events.map((e) => e.type),
      ["file_unparseable"],
    );
    assert.deepEqual(result.events[0]?.detail, { line: 1, column: 14 });
    assert.equal(result.events[0]?.file.sha256, result.sha256);
  });

  it("turns an oversize file into one file_too_large event naming the limit", async () => {
    const text = ndjson(Array.from({ length: 50 }, (_, i) => ({ id: `x${i}`, bad: true })));
    const result = await checkFile(compile(contract(ITEMS)), source(text, 64), {
      key: "a.ndjson",
      maxBytes: 300,
    });
    assert.equal(result.tooLarge, true);
    assert.equal(result.events.length, 1);
    assert.equal(result.events[0]?.type, "file_too_large");
    assert.equal(result.events[0]?.severity, "critical");
    assert.match(result.events[0]?.expected ?? "", /300 bytes/);
    assert.deepEqual(result.events[0]?.detail, { limit: 300 });
    assert.ok(result.size > 300 && result.size <= 364);
  });

  it("reports an empty file, an unknown format, and bytes that are not Parquet — never throwing", async () => {
    const compiled = compile(contract(ITEMS));
    const empty = await checkFile(compiled, source("[]"), { key: "a.json", maxBytes: 1e6 });
    assert.deepEqual(
      empty.events.map((e) => e.type),
      ["file_empty"],
    );
    const unknown = await checkFile(compiled, source("whatever"), { key: "a.bin", maxBytes: 1e6 });
    assert.equal(unknown.format, undefined);
    assert.match(unknown.events[0]?.actual ?? "", /cannot tell the format/);
    const garbage = await checkFile(compiled, source("PAR1 not really"), { key: "a.parquet", maxBytes: 1e6 });
    assert.deepEqual(
      garbage.events.map((e) => e.type),
      ["file_unparseable"],
    );
  });

  it("counts NDJSON lines that do not parse as records and checks the others", async () => {
    const text = '{"id":"a","items":[]}\n{"id": nope}\n{"id":"b","items":[{"sku":"lower"}]}\n{"id":"c"}\n';
    const result = await checkFile(compile(contract(ITEMS)), source(text), {
      key: "a.ndjson",
      maxBytes: 1e6,
    });
    const bad = find(result.events, "file_unparseable");
    assert.equal(bad?.count, 1);
    assert.equal(bad?.percent, 25);
    assert.deepEqual(bad?.detail, { line: 2, column: 8 });
    assert.equal(find(result.events, "pattern_violation")?.samples[0]?.record, 3);
    assert.equal(result.records, 4);
  });

  it("finds duplicate keys: a primary key, a composite key, and a duplicateValues threshold", async () => {
    const props = `      - name: tenant
        logicalType: string
        primaryKey: true
        primaryKeyPosition: 1
      - name: n
        logicalType: integer
        primaryKey: true
        primaryKeyPosition: 2
      - name: email
        logicalType: string
        quality:
          - metric: duplicateValues
            mustBeLessThan: 20
            unit: percent
`;
    const rows = [
      { tenant: "a", n: 1, email: "x" },
      { tenant: "a", n: 2, email: "x" },
      { tenant: "b", n: 1, email: "y" },
      { tenant: "a", n: 1, email: "z" },
    ];
    const result = await checkFile(compile(contract(props)), source(ndjson(rows)), {
      key: "a.ndjson",
      maxBytes: 1e6,
    });
    const pk = result.events.find((e) => e.rule === "orders.primaryKey.unique");
    assert.equal(pk?.type, "duplicate_key");
    assert.equal(pk?.count, 1);
    assert.deepEqual(pk?.samples, [{ record: 4, value: ["a", 1] }]);
    const dup = result.events.find((e) => e.rule === "orders.email.duplicateValues");
    assert.equal(dup?.count, 1); // 1 of 4 = 25% ≥ 20%
    assert.equal(dup?.detail?.measured, 25);
  });

  it("evaluates quality thresholds in rows and percent, and rowCount", async () => {
    const props = `      - name: note
        logicalType: string
        quality:
          - metric: nullValues
            mustBeLessThan: 10
            unit: percent
          - metric: missingValues
            arguments:
              missingValues: [null, "", "N/A"]
            mustBeLessOrEqualTo: 1
`;
    const extra = "    quality:\n      - metric: rowCount\n        mustBeBetween: [5, 10]\n";
    const rows = [{ note: null }, { note: "N/A" }, { note: "" }, { note: "ok" }];
    const result = await checkFile(compile(contract(props, extra)), source(ndjson(rows)), {
      key: "a.ndjson",
      maxBytes: 1e6,
    });
    const nulls = result.events.find((e) => e.rule === "orders.note.nullValues");
    assert.equal(nulls?.type, "null_in_required");
    assert.equal(nulls?.count, 1);
    const missing = result.events.find((e) => e.rule === "orders.note.missingValues");
    assert.equal(missing?.count, 3);
    const rowCount = find(result.events, "row_count_out_of_range");
    assert.equal(rowCount?.actual, "4 rows");
    const fine = await checkFile(
      compile(contract(props)),
      source(ndjson([...Array(20)].map(() => ({ note: "x" })))),
      {
        key: "a.ndjson",
        maxBytes: 1e6,
      },
    );
    assert.deepEqual(fine.events, []);
  });

  it("checks arrays of scalars, JDK date patterns, integer widths and nested objects", async () => {
    const props = `      - name: tags
        logicalType: array
        items:
          logicalType: string
          logicalTypeOptions:
            maxLength: 3
      - name: day
        logicalType: date
        logicalTypeOptions:
          format: dd/MM/yyyy
      - name: small
        logicalType: integer
        logicalTypeOptions:
          format: u8
      - name: who
        logicalType: object
        properties:
          - name: age
            logicalType: integer
            required: true
`;
    const rows = [
      { tags: ["ab", "abcd"], day: "31/12/2024", small: 255, who: { age: 3 } },
      { tags: ["ab"], day: "2024-12-31", small: 256, who: { age: null } },
    ];
    const result = await checkFile(compile(contract(props)), source(ndjson(rows)), {
      key: "a.ndjson",
      maxBytes: 1e6,
    });
    assert.equal(find(result.events, "length_violation", "$.tags[*]")?.rule, "orders.tags.item.length");
    assert.equal(find(result.events, "format_violation", "$.day")?.samples[0]?.record, 2);
    assert.equal(find(result.events, "range_violation", "$.small")?.samples[0]?.value, 256);
    assert.equal(find(result.events, "null_in_required", "$.who.age")?.rule, "orders.who.age.not_null");
    assert.equal(result.events.length, 4);
  });

  it("checks with a plain JSON Schema contract", async () => {
    const schema = {
      $id: "urn:rec",
      type: "object",
      required: ["id"],
      additionalProperties: false,
      properties: {
        id: { type: "integer" },
        kind: { enum: ["a", "b"] },
        any: { anyOf: [{ type: "string" }, { type: "null" }] },
      },
    };
    const compiled = compileContract(loadContract(JSON.stringify(schema)));
    const rows = [{ id: 1, kind: "a", any: null }, { kind: "c" }, { id: "x", other: 1, any: 3 }];
    const result = await checkFile(compiled, source(ndjson(rows)), { key: "a.ndjson", maxBytes: 1e6 });
    assert.deepEqual(result.events.map((e) => `${e.type} ${e.path}`).sort(), [
      "enum_violation $.kind",
      "required_field_missing $.id",
      "type_mismatch $.any",
      "type_mismatch $.id",
      "unexpected_field $.other",
    ]);
    assert.deepEqual(result.events[0]?.contract, { id: "urn:rec", version: "0" });
  });

  it("coerces CSV cells by logical type before checking", async () => {
    const props = `      - name: n
        logicalType: integer
        required: true
      - name: ok
        logicalType: boolean
      - name: x
        logicalType: number
`;
    const csv = "n,ok,x\n007,true,1e3\n1.5,yes,\n,FALSE,-.5\n";
    const result = await checkFile(compile(contract(props)), source(csv, 5), { key: "a.csv", maxBytes: 1e6 });
    assert.equal(find(result.events, "type_mismatch", "n")?.samples[0]?.value, "1.5");
    assert.equal(find(result.events, "type_mismatch", "ok")?.samples[0]?.value, "yes");
    assert.equal(find(result.events, "null_in_required", "n")?.samples[0]?.record, 3);
    assert.equal(result.events.length, 3);
  });

  it("checks a Parquet schema against the contract even without rows", async () => {
    const fixtures = join(import.meta.dirname, "../../../test/fixtures");
    const compiled = compile(readFileSync(join(fixtures, "contracts/orders.odcs.yaml"), "utf8"));
    const bytes = readFileSync(join(fixtures, "files/orders-total-as-string-empty.parquet"));
    const result = await checkFile(compiled, source(bytes, 4096), { key: "o.parquet", maxBytes: 1e6 });
    const mismatch = find(result.events, "type_mismatch", "$.total");
    assert.equal(mismatch?.rule, "orders.total.type");
    assert.equal(mismatch?.count, 0);
    assert.deepEqual(mismatch?.detail, { parquetType: "BYTE_ARRAY (UTF8)", column: "total" });
  });

  it("hands X12 files to the X12 checker and fills in the file on its events", async () => {
    const support = await import("../formats/x12/x12.test-support.ts");
    const text = support.x12(support.envelope([support.set("0001", ["BEG*00*SA*PO-1**20240315", "CTT*1"])]));
    const compiled = compile(
      contract(
        "      - name: po\n        logicalType: string\n",
        "    customProperties:\n      - property: x12Guide\n        value: 004010/850\n",
      ),
    );
    const result = await checkFile(compiled, source(text), { key: "in/850_1.edi", maxBytes: 1e6 });
    assert.equal(result.format, "x12");
    assert.ok(result.events.length > 0, "a purchase order without PO1 is drift");
    assert.ok(result.events.every((e) => e.type.startsWith("x12_")));
    for (const e of result.events) {
      assert.deepEqual(e.file, {
        key: "in/850_1.edi",
        sha256: createHash("sha256").update(text).digest("hex"),
        size: text.length,
      });
    }
  });

  it("reports an X12 guide the build does not know as a file problem, not a crash", async () => {
    const compiled = compile(
      contract(
        "      - name: po\n        logicalType: string\n",
        "    customProperties:\n      - property: x12Guide\n        value: 005010/999\n",
      ),
    );
    const result = await checkFile(compiled, source("ISA*00*"), { key: "a.edi", maxBytes: 1e6 });
    assert.deepEqual(
      result.events.map((e) => e.type),
      ["file_unparseable"],
    );
    assert.match(result.events[0]?.actual ?? "", /X12 guide "005010\/999" is not known/);
    assert.equal(result.events[0]?.detail?.internal, undefined);
  });
});
