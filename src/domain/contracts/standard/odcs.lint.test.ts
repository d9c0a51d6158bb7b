import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse as parseYaml } from "yaml";
import { lintContract, loadContract } from "../contract.load.ts";
import type { LintIssue } from "../contract-text.ts";
import { followsOdcs } from "./odcs.lint.ts";

const HEAD = "apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\n";
const ORDERS = `schema:
  - name: orders
    properties:
      - name: id
        logicalType: string
        required: true
`;
const errors = (issues: LintIssue[]) => issues.filter((i) => i.severity === "error");
const warnings = (issues: LintIssue[]) => issues.filter((i) => i.severity === "warning");
const one = (issues: LintIssue[]) => {
  assert.equal(issues.length, 1, JSON.stringify(issues));
  return issues[0]!;
};

describe("the ODCS standard's structure", () => {
  it("requires status, and names what it takes", () => {
    const issue = one(errors(lintContract(HEAD.replace("status: active\n", "") + ORDERS)));
    assert.match(
      issue.message,
      /the contract needs status \(proposed, draft, active, deprecated or retired\)/,
    );
    assert.deepEqual([issue.line, issue.column, issue.path], [1, 1, "$"]);
  });

  it("refuses an unknown top-level key at its line, and says where own fields go", () => {
    const issue = one(errors(lintContract(`${HEAD}owner: data-team\n${ORDERS}`)));
    assert.match(issue.message, /unknown field owner in the contract: .*customProperties/);
    assert.deepEqual([issue.line, issue.column, issue.path], [6, 1, "owner"]);
  });

  it("refuses description: null and a description that is text", () => {
    for (const value of ["null", "orders of our partners"]) {
      const issue = one(errors(lintContract(`${HEAD}description: ${value}\n${ORDERS}`)));
      assert.equal(issue.path, "description");
      assert.match(issue.message, /description must be a mapping \(usage, purpose, limitations\)/);
    }
  });

  it("checks types, enums and formats where the standard gives them", () => {
    const found = errors(
      lintContract(
        `${HEAD.replace("version: 1.0.0", "version: 1.0")}contractCreatedTs: yesterday\n${ORDERS.replace("required: true", "required: yes")}`,
      ),
    );
    assert.deepEqual(
      found.map((i) => i.path),
      ["version", "contractCreatedTs", "schema[0].properties[0].required"],
    );
    assert.match(found[0]!.message, /version must be text, not a number \(1\) \(quote it: "1"\)/);
    assert.match(found[1]!.message, /must be a timestamp such as/);
    assert.match(found[2]!.message, /required must be true or false, not text \("yes"\)/);
  });

  it("holds each server type to its own fields", () => {
    const servers = `servers:
  - server: drops
    type: s3
    format: csv
  - server: events
    type: kafka
    host: broker:9092
    format: avro
  - server: warehouse
    type: postgres
    host: db
    port: 5432
    database: dw
    schema: public
    location: s3://nope
`;
    const found = errors(lintContract(`${HEAD}${servers}${ORDERS}`));
    assert.deepEqual(
      found.map((i) => [i.path, i.message]),
      [
        ["servers[0]", "an s3 server needs location"],
        [
          "servers[2].location",
          "unknown field location in a server: postgres servers have no location in ODCS v3.1.0",
        ],
      ],
    );
  });

  it("takes logicalTypeOptions only with a logicalType, and only the options of that type", () => {
    const props = `schema:
  - name: t
    properties:
      - name: a
        logicalTypeOptions:
          maxLength: 3
      - name: b
        logicalType: integer
        logicalTypeOptions:
          maxLength: 3
      - name: c
        logicalType: string
        enum: [x, y]
`;
    const issues = lintContract(HEAD + props);
    const found = errors(issues);
    assert.deepEqual(
      found.map((i) => i.path),
      [
        "schema[0].properties[0].logicalTypeOptions.maxLength",
        "schema[0].properties[1].logicalTypeOptions.maxLength",
      ],
    );
    assert.match(found[0]!.message, /options need a logicalType/);
    assert.match(found[1]!.message, /integer takes multipleOf, maximum/);
    // a property-level enum is not the standard's, but driftwatch checks it: a warning, never a refusal
    const enumWarning = one(warnings(issues).filter((i) => i.path.endsWith(".enum")));
    assert.equal(enumWarning.path, "schema[0].properties[2].enum");
    assert.match(enumWarning.message, /driftwatch checks it.*customProperties \(property: enum\)/);
  });

  it("honours the enum forms other tools write as warnings, while the standard's verdict still refuses them", () => {
    const text = `${HEAD}schema:
  - name: t
    properties:
      - name: c
        logicalType: string
        logicalTypeOptions:
          enum: [x, y]
      - name: d
        logicalType: string
        enum: [p]
`;
    const issues = lintContract(text);
    assert.deepEqual(errors(issues), []);
    assert.deepEqual(
      warnings(issues)
        .filter((i) => i.path.endsWith("enum"))
        .map((i) => i.path),
      ["schema[0].properties[0].logicalTypeOptions.enum", "schema[0].properties[1].enum"],
    );
    assert.equal(followsOdcs(parseYaml(text)), false);
  });

  it("accepts a v3.0.2 contract written with v3.1.0 fields, with a warning to raise its apiVersion", () => {
    const text = `${HEAD.replace("v3.1.0", "v3.0.2")}schema:\n  - name: t\n    properties:\n      - name: at\n        logicalType: timestamp\n`;
    const issues = lintContract(text);
    assert.deepEqual(errors(issues), []);
    assert.match(one(warnings(issues)).message, /uses fields of ODCS v3.1.0 that v3.0.2 does not have/);
  });

  it("reads the v3.0 forms: a library rule by name, exclusive bounds as flags", () => {
    const text = `${HEAD.replace("v3.1.0", "v3.0.2")}schema:
  - name: t
    properties:
      - name: n
        logicalType: number
        logicalTypeOptions:
          minimum: 0
          exclusiveMinimum: true
        quality:
          - rule: nullCheck
            mustBe: 0
`;
    assert.deepEqual(lintContract(text), []);
    const n = loadContract(text).schemas[0]!.properties[0]!;
    assert.equal(n.options.exclusiveMinimum, 0);
    assert.equal(n.options.minimum, undefined);
    assert.equal(n.quality[0]?.metric, "nullValues");
  });
});

describe("valid contracts are accepted", () => {
  it("an object that lists required names without listing its properties", () => {
    const text = `${HEAD}schema:
  - name: people
    properties:
      - name: person
        logicalType: object
        logicalTypeOptions:
          required: [name, born]
`;
    assert.deepEqual(lintContract(text), []);
    const person = loadContract(text).schemas[0]!.properties[0]!;
    assert.deepEqual(
      person.properties?.map((p) => [p.name, p.required]),
      [
        ["name", true],
        ["born", true],
      ],
    );
    assert.equal(person.additionalProperties, true);
  });

  it("null among the valid values of a nullable column", () => {
    const text = `${HEAD}schema:
  - name: t
    properties:
      - name: status
        logicalType: string
        quality:
          - metric: invalidValues
            arguments:
              validValues: [open, null]
            mustBe: 0
`;
    assert.deepEqual(lintContract(text), []);
  });

  it("unique / primaryKey on an object or an array: a warning that it cannot be checked", () => {
    const text = `${HEAD}schema:
  - name: t
    properties:
      - name: address
        logicalType: object
        primaryKey: true
        properties:
          - name: city
            logicalType: string
      - name: tags
        logicalType: array
        unique: true
        items:
          logicalType: string
`;
    const issues = lintContract(text);
    assert.deepEqual(errors(issues), []);
    assert.deepEqual(
      warnings(issues).map((i) => i.message),
      [
        'primaryKey on "address" cannot be checked: it applies to single values, not to an object',
        'unique on "tags" cannot be checked: it applies to single values, not to an array',
      ],
    );
  });

  it("quality rules the checker does not run, and units it does not know: warnings, never a refusal", () => {
    const text = `${HEAD}schema:
  - name: t
    properties:
      - name: a
        logicalType: string
    quality:
      - type: sql
        query: SELECT COUNT(*) FROM t
        mustBeLessThan: 10
      - metric: rowCount
        mustBeGreaterThan: 0
        unit: kilograms
`;
    const issues = lintContract(text);
    assert.deepEqual(errors(issues), []);
    assert.equal(warnings(issues).length, 2);
    assert.ok(loadContract(text));
  });

  it("a contract with no schema objects: a warning in lint", () => {
    const text = `${HEAD}roles:\n  - role: analyst\n    access: read\n`;
    const issue = one(lintContract(text));
    assert.equal(issue.severity, "warning");
    assert.match(issue.message, /no schema objects: it can be stored, but files cannot be checked/);
    assert.equal(loadContract(text).schemas.length, 0);
  });

  it("Kafka and database servers beside file servers", () => {
    const text = `${HEAD}servers:
  - server: topic
    type: kafka
    host: broker:9092
    format: avro
  - server: files
    type: s3
    location: s3://drops/orders/*.json
    format: json
${ORDERS}`;
    assert.deepEqual(lintContract(text), []);
    const contract = loadContract(text);
    assert.equal(contract.format, "json");
    assert.deepEqual(
      contract.servers.map((s) => [s.name, s.files, s.format ?? s.formatName]),
      [
        ["topic", false, "avro"],
        ["files", true, "json"],
      ],
    );
  });
});
