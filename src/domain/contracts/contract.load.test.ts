import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ContractInvalidError, lintContract, loadContract } from "./contract.load.ts";

const fixtures = join(import.meta.dirname, "../../../test/fixtures/contracts");
const read = (name: string) => readFileSync(join(fixtures, name), "utf8");

describe("lintContract", () => {
  it("finds each kind of problem with its line, column and path", () => {
    const issues = lintContract(read("invalid.odcs.yaml"));
    const at = (needle: RegExp) => {
      const issue = issues.find((i) => needle.test(i.message));
      assert.ok(issue, `no issue matching ${needle}: ${JSON.stringify(issues)}`);
      return issue;
    };
    assert.deepEqual(
      (({ line, column, path, severity }) => ({ line, column, path, severity }))(
        at(/logicalType "str" is not one of/),
      ),
      { line: 11, column: 22, path: "schema[0].properties[0].logicalType", severity: "error" },
    );
    assert.deepEqual(
      (({ path, severity }) => ({ path, severity }))(
        at(/enum is not a field of a schema property in the standard: driftwatch checks it/),
      ),
      { path: "schema[0].properties[3].enum", severity: "warning" },
    );
    assert.equal(at(/needs one operator/).line, 31);
    // what the standard allows but driftwatch cannot check is a warning, not a refusal
    assert.equal(at(/invalid regular expression/).severity, "warning");
    assert.equal(at(/minimum \(10\) is above maximum \(1\)/).line, 19);
    assert.equal(at(/format "e-mail" is not one driftwatch checks/).line, 27);
    assert.deepEqual((({ line, path }) => ({ line, path }))(at(/duplicate property name "qty"/)), {
      line: 33,
      path: "schema[0].properties[6].name",
    });
    assert.equal(issues.filter((i) => i.severity === "error").length, 2);
  });

  it("reports YAML syntax errors with their position", () => {
    const issues = lintContract("id: x\nversion: 1\nschema:\n  - name: a\n    properties: [\n");
    assert.equal(issues[0]?.severity, "error");
    assert.equal(issues[0]?.line, 6);
    const dup = lintContract("id: a\nid: b\n");
    assert.match(dup[0]?.message ?? "", /unique/);
    assert.equal(dup[0]?.line, 2);
  });

  it("accepts the fixture contracts without errors", () => {
    for (const name of ["orders.odcs.yaml", "orders-csv.odcs.yaml"]) {
      assert.deepEqual(
        lintContract(read(name)).filter((i) => i.severity === "error"),
        [],
        name,
      );
    }
  });

  it("warns without refusing: a property without logicalType, text quality rules", () => {
    const text = [
      "apiVersion: v3.1.0",
      "kind: DataContract",
      "id: w",
      "version: 1.0.0",
      "status: draft",
      "schema:",
      "  - name: t",
      "    properties:",
      "      - name: anything",
      "        quality:",
      "          - type: text",
      "            description: looks right",
    ].join("\n");
    const issues = lintContract(text);
    assert.equal(issues.length, 2);
    assert.ok(issues.every((i) => i.severity === "warning"));
    assert.equal(loadContract(text).id, "w");
  });

  it("checks quality rules: the standard's errors, and warnings for rules it skips", () => {
    const rule = (body: string) =>
      lintContract(
        `apiVersion: v3.1.0\nkind: DataContract\nid: q\nversion: "1"\nstatus: active\nschema:\n  - name: t\n    properties:\n      - name: a\n        logicalType: string\n    quality:\n${body}`,
      );
    const first = (list: ReturnType<typeof rule>, severity: string) =>
      list.find((i) => i.severity === severity)?.message ?? "";
    assert.match(
      first(rule("      - metric: rowCount\n        mustBe: 1\n        mustBeLessThan: 2\n"), "error"),
      /one operator; found mustBe and mustBeLessThan/,
    );
    assert.match(
      first(rule("      - metric: rowTotal\n        mustBe: 1\n"), "error"),
      /metric "rowTotal" is not one of/,
    );
    const low = rule("      - metric: rowCount\n        mustBeBetween: [5, 1]\n");
    assert.deepEqual(
      low.filter((i) => i.severity === "error"),
      [],
    );
    assert.match(first(low, "warning"), /low bound .* the rule is skipped/);
    const key = rule(
      "      - metric: duplicateValues\n        mustBe: 0\n        arguments:\n          properties: [a, b]\n",
    );
    assert.match(first(key, "warning"), /unknown properties in the key: b: the rule is skipped/);
    const unit = rule("      - metric: rowCount\n        mustBe: 1\n        unit: bananas\n");
    assert.deepEqual(
      unit.filter((i) => i.severity === "error"),
      [],
    );
    assert.match(first(unit, "warning"), /units rows and percent, not "bananas": the rule is skipped/);
    assert.deepEqual(rule("      - metric: rowCount\n        mustBeBetween: [1, 5]\n"), []);
  });

  it("reads customProperties and the server entry", () => {
    const contract = loadContract(read("orders-csv.odcs.yaml"));
    assert.equal(contract.format, "csv");
    assert.equal(contract.schemas[0]?.csv.columnOrder, true);
    const strict = loadContract(
      `apiVersion: v3.1.0\nkind: DataContract\nid: s\nversion: "2"\nstatus: active\nservers:\n  - server: drops\n    type: s3\n    location: s3://bucket/drops/*.json\n    format: json\n    delimiter: new_line\ncustomProperties:\n  - property: additionalProperties\n    value: false\nschema:\n  - name: t\n    properties:\n      - name: a\n        logicalType: string\n`,
    );
    assert.equal(strict.format, "ndjson");
    assert.equal(strict.schemas[0]?.strict, true);
  });
});

describe("loadContract", () => {
  it("throws ContractInvalidError with the issues", () => {
    assert.throws(
      () => loadContract(read("invalid.odcs.yaml")),
      (err) =>
        err instanceof ContractInvalidError && err.code === "contract.invalid" && err.issues.length === 9,
    );
  });

  it("reads a JSON contract and a plain JSON Schema (id from $id, version 0)", () => {
    const json = loadContract(
      JSON.stringify({
        apiVersion: "v3.1.0",
        id: "j",
        version: "3",
        status: "active",
        kind: "DataContract",
        schema: [{ name: "t", properties: [] }],
      }),
    );
    assert.equal(json.id, "j");
    const schema = loadContract(
      JSON.stringify({
        $schema: "https://json-schema.org/draft/2020-12/schema",
        $id: "https://example.com/order.json",
        type: "object",
        required: ["id"],
        properties: { id: { type: "integer" }, tags: { type: "array", items: { type: "string" } } },
      }),
    );
    assert.equal(schema.kind, "json-schema");
    assert.equal(schema.id, "https://example.com/order.json");
    assert.equal(schema.version, "0");
    assert.equal(schema.schemas[0]?.properties[0]?.required, true);
  });

  it("lints a plain JSON Schema against the meta-schema with positions", () => {
    const issues = lintContract(
      '{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n  "type": "object",\n  "properties": {\n    "a": { "type": "strin" }\n  }\n}',
    );
    assert.equal(issues[0]?.severity, "error");
    assert.equal(issues[0]?.line, 5);
  });
});
