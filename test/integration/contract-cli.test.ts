/**
 * `driftwatch contract lint|convert` and `check` as a user runs them, for what issue 15 changed: messages a
 * person can act on, Data Contract Specification documents, and a multi-server contract that checks CSV,
 * JSON and Parquet files with no --format (the real bin script; a few processes only).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

const root = join(import.meta.dirname, "../..");
const bin = join(root, "bin/driftwatch");
const fixtures = join(root, "test/fixtures");

function run(args: string[], cwd = root): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    delete env.FORCE_COLOR;
    const child = spawn(bin, args, { cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const MULTI = `apiVersion: v3.1.0
kind: DataContract
id: orders-everywhere
version: 1.0.0
status: active
servers:
  - server: stream
    type: kafka
    host: broker:9092
    format: avro
  - server: csv-drops
    type: s3
    location: s3://drops/csv/*
    format: csv
  - server: json-drops
    type: s3
    location: s3://drops/json/*
    format: json
  - server: parquet-drops
    type: local
    path: parquet/*
    format: parquet
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: string
        required: true
`;

const DCS = `dataContractSpecification: 1.1.0
id: lines
info:
  title: Order lines
  version: 1.0.0
models:
  lines:
    fields:
      order_id:
        type: string
        required: true
      quantity:
        type: integer
        minimum: 1
`;

describe("driftwatch contract and check, as issue 15 asks", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "driftwatch-contract-cli-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("says a missing contract file is missing, and a usage error in one line with where --help is", async () => {
    const missing = await run(["contract", "lint", join(dir, "nope.yaml")]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^driftwatch: cannot read .*nope\.yaml: no such file\n$/);
    const usage = await run(["check", "-c", "x.yaml"]);
    assert.equal(usage.code, 2);
    assert.equal(
      usage.stderr,
      "error: missing required argument 'files'\n(run driftwatch check --help for the options)\n",
    );
  });

  it("checks CSV, JSON and Parquet files of a multi-server contract by the server that matches each", async () => {
    const contract = join(dir, "multi.odcs.yaml");
    await writeFile(contract, MULTI);
    for (const d of ["csv", "json", "parquet"]) await mkdir(join(dir, d), { recursive: true });
    await writeFile(join(dir, "csv", "day-1"), "order_id\nORD-1\n");
    await writeFile(join(dir, "json", "day-1"), '[{"order_id": "ORD-1"}]');
    await copyFile(join(fixtures, "files", "orders.parquet"), join(dir, "parquet", "day-1"));
    const r = await run(
      ["check", "-c", contract, "--fail-on", "error", "csv/day-1", "json/day-1", "parquet/day-1"],
      dir,
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /csv\/day-1 \(csv by server "csv-drops", 1 record,/);
    assert.match(r.stdout, /json\/day-1 \(json by server "json-drops", 1 record,/);
    assert.match(r.stdout, /parquet\/day-1 \(parquet by server "parquet-drops", 6 records,/);
    assert.match(r.stdout, /^3 files, 8 records: /m);
  });

  it("converts a Data Contract Specification document to an ODCS contract that lints clean", async () => {
    const dcs = join(dir, "lines.dcs.yaml");
    await writeFile(dcs, DCS);
    const lint = await run(["contract", "lint", dcs]);
    assert.equal(lint.code, 0);
    assert.match(lint.stdout, /Data Contract Specification 1\.1\.0 document, read as ODCS v3\.1\.0 — valid/);
    const out = join(dir, "lines.odcs.yaml");
    const converted = await run(["contract", "convert", dcs, "-o", out]);
    assert.equal(converted.code, 0, converted.stderr);
    const again = await run(["contract", "lint", out]);
    assert.equal(again.code, 0, again.stdout);
    assert.match(again.stdout, /ODCS v3\.1\.0 contract — valid\n$/);
    const refused = await run(["contract", "convert", out]);
    assert.equal(refused.code, 2);
    assert.match(
      refused.stderr,
      /is already an ODCS v3\.1\.0 contract; convert reads Data Contract Specification documents/,
    );
  });
});
