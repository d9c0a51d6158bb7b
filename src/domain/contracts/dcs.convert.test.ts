import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stringify } from "yaml";
import { checkFile } from "./check.ts";
import { compileContract } from "./contract.compile.ts";
import { analyzeContract, lintContract, loadContract } from "./contract.load.ts";

const DCS = `dataContractSpecification: 1.1.0
id: orders
info:
  title: Orders
  version: 2.0.0
  owner: checkout
servers:
  production:
    type: s3
    location: s3://acme/orders/*.json
    format: json
    delimiter: new_line
models:
  orders:
    type: table
    primaryKey: [order_id]
    fields:
      order_id:
        type: varchar
        pattern: "^ORD-[0-9]+$"
      status:
        type: string
        enum: [open, shipped]
      total:
        type: decimal
        minimum: 0
      lines:
        type: array
        items:
          type: object
          fields:
            qty:
              $ref: "#/definitions/quantity"
definitions:
  quantity:
    type: integer
    minimum: 1
`;

async function* source(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

describe("Data Contract Specification documents", () => {
  it("are read by converting them to ODCS, and say so", () => {
    const analysis = analyzeContract(DCS);
    assert.deepEqual(analysis.issues, []);
    assert.equal(analysis.document?.label, "Data Contract Specification 1.1.0 document, read as ODCS v3.1.0");
    assert.equal(analysis.contract?.kind, "dcs");
    // the conversion is a valid ODCS contract in its own right
    assert.deepEqual(lintContract(stringify(analysis.odcs)), []);
  });

  it("check the same files with the same verdicts as their ODCS conversion", async () => {
    const analysis = analyzeContract(DCS);
    const fromDcs = compileContract(analysis.contract!);
    const fromOdcs = compileContract(loadContract(stringify(analysis.odcs)));
    const data = [
      { order_id: "ORD-1", status: "open", total: 5, lines: [{ qty: 1 }] },
      { order_id: "bad", status: "lost", total: -1, lines: [{ qty: 0 }] },
      { order_id: "ORD-1", status: "open", total: 1, lines: [] },
    ]
      .map((r) => JSON.stringify(r))
      .join("\n");
    const a = await checkFile(fromDcs, source(data), { key: "orders/2024.json", maxBytes: 1e6 });
    const b = await checkFile(fromOdcs, source(data), { key: "orders/2024.json", maxBytes: 1e6 });
    const brief = (r: typeof a) => r.events.map((e) => `${e.type} ${e.path} ${e.severity} ${e.count}`).sort();
    assert.deepEqual(brief(a), brief(b));
    assert.deepEqual(brief(a), [
      "duplicate_key $.order_id error 1",
      "enum_violation $.status error 1",
      "pattern_violation $.order_id error 1",
      "range_violation $.lines[*].qty error 1",
      "range_violation $.total error 1",
    ]);
  });

  it("point their problems at the DCS line the user wrote", () => {
    const issues = lintContract(
      DCS.replace("    type: s3\n    location: s3://acme/orders/*.json\n", "    type: s3\n"),
    );
    const error = issues.find((i) => i.severity === "error");
    assert.equal(error?.path, "servers.production");
    assert.equal(error?.line, 9);
    assert.match(error?.message ?? "", /an s3 server needs location/);
  });

  it("refuses documents that are no contract, saying what they look like", () => {
    const [openapi] = lintContract("openapi: 3.0.0\ninfo:\n  title: x\npaths: {}\n");
    assert.match(openapi?.message ?? "", /this is an OpenAPI document, not a data contract/);
    const [avro] = lintContract('{"type": "record", "name": "x", "fields": []}');
    assert.match(avro?.message ?? "", /this is an Avro schema/);
  });
});
