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
      (({ line, column, path }) => ({ line, column, path }))(at(/unknown logicalType "str"/)),
      { line: 11, column: 22, path: "schema[0].properties[0].logicalType" },
    );
    assert.equal(at(/invalid regular expression/).line, 15);
    assert.equal(at(/minimum \(10\) is above maximum \(1\)/).line, 19);
    assert.equal(at(/enum value "open" is not an integer/).path, "schema[0].properties[3].enum[0]");
    assert.equal(at(/unknown format "e-mail"/).line, 27);
    assert.equal(at(/needs an operator/).line, 31);
    assert.deepEqual((({ line, path }) => ({ line, path }))(at(/duplicate property name "qty"/)), {
      line: 33,
      path: "schema[0].properties[6].name",
    });
    assert.ok(issues.every((i) => i.severity === "error"));
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

  it("checks quality rules: one operator, known metric, between bounds, known properties", () => {
    const rule = (body: string) =>
      lintContract(
        `id: q\nversion: "1"\nschema:\n  - name: t\n    properties:\n      - name: a\n        logicalType: string\n    quality:\n${body}`,
      ).filter((i) => i.severity === "error");
    assert.match(
      rule("      - metric: rowCount\n        mustBe: 1\n        mustBeLessThan: 2\n")[0]?.message ?? "",
      /one operator/,
    );
    assert.match(
      rule("      - metric: rowCount\n        mustBeBetween: [5, 1]\n")[0]?.message ?? "",
      /low bound/,
    );
    assert.match(
      rule("      - metric: rowTotal\n        mustBe: 1\n")[0]?.message ?? "",
      /unknown quality metric/,
    );
    assert.match(
      rule(
        "      - metric: duplicateValues\n        mustBe: 0\n        arguments:\n          properties: [a, b]\n",
      )[0]?.message ?? "",
      /unknown properties in the key: b/,
    );
    assert.deepEqual(rule("      - metric: rowCount\n        mustBeBetween: [1, 5]\n"), []);
  });

  it("reads customProperties and the server entry", () => {
    const contract = loadContract(read("orders-csv.odcs.yaml"));
    assert.equal(contract.format, "csv");
    assert.equal(contract.schemas[0]?.csv.columnOrder, true);
    const strict = loadContract(
      `id: s\nversion: "2"\nservers:\n  - type: s3\n    format: json\n    delimiter: new_line\ncustomProperties:\n  - property: additionalProperties\n    value: false\nschema:\n  - name: t\n    properties:\n      - name: a\n        logicalType: string\n`,
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
        err instanceof ContractInvalidError && err.code === "contract.invalid" && err.issues.length === 8,
    );
  });

  it("reads a JSON contract and a plain JSON Schema (id from $id, version 0)", () => {
    const json = loadContract(
      JSON.stringify({
        id: "j",
        version: "3",
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
