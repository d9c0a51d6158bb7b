/**
 * `driftwatch check` and `driftwatch contract infer|lint` as a user runs them: the real bin script in a
 * child process, asserting exit codes, the report, and the NDJSON events.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

const root = join(import.meta.dirname, "../..");
const bin = join(root, "bin/driftwatch");
const fixtures = join(root, "test/fixtures");
const orders = join(fixtures, "contracts/orders.odcs.yaml");
const lines = join(fixtures, "contracts/orders-csv.odcs.yaml");
const file = (name: string) => join(fixtures, "files", name);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: root,
      env: { ...process.env, NO_COLOR: "", FORCE_COLOR: "", ...env },
    });
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

function events(
  stdout: string,
): Array<{ type: string; path: string; severity: string; rule: string; file: { key: string } }> {
  return stdout
    .trim()
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l));
}

describe("driftwatch check", () => {
  it("exits 0 on clean files, with a report and a summary", async () => {
    const r = await run([
      "check",
      "--contract",
      orders,
      file("orders.json"),
      file("orders.ndjson"),
      file("orders.parquet"),
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /✓ no drift/);
    assert.match(r.stdout, /3 files, 18 records: no drift — passes/);
    assert.doesNotMatch(r.stdout, /\u001b\[/, "no colours when stdout is not a terminal");
  });

  it("prints the expected events as NDJSON and exits 1", async () => {
    const r = await run(["check", "--contract", orders, "--json", file("orders-drift.ndjson")]);
    assert.equal(r.code, 1, r.stderr);
    const got = events(r.stdout).map((e) => `${e.type} ${e.path}`);
    assert.deepEqual(got.sort(), [
      "enum_violation $.status",
      "format_violation $.customer.email",
      "pattern_violation $.items[*].sku",
      "required_field_missing $.items[*].sku",
      "type_mismatch $.total",
      "unexpected_field $.coupon",
    ]);
    assert.ok(events(r.stdout).every((e) => e.file.key.endsWith("orders-drift.ndjson")));
  });

  it("reports each corrupted CSV twin with the expected types and paths", async () => {
    const cases: Array<[string, string[]]> = [
      ["order-lines-ragged.csv", ["column_missing $", "column_unexpected $"]],
      ["order-lines-header-renamed.csv", ["column_missing customer_email", "column_unexpected email"]],
      ["order-lines-text-in-number.csv", ["type_mismatch quantity", "type_mismatch total"]],
      ["order-lines-columns-swapped.csv", ["column_order_changed $"]],
      ["order-lines-latin1.csv", ["file_unparseable $"]],
      ["order-lines-unclosed-quote.csv", ["file_unparseable $"]],
      ["order-lines-header-only.csv", ["file_empty $"]],
    ];
    for (const [name, expected] of cases) {
      const r = await run(["check", "-c", lines, "--json", file(name)]);
      assert.equal(r.code, 1, `${name}: ${r.stderr}`);
      assert.deepEqual(
        events(r.stdout)
          .map((e) => `${e.type} ${e.path}`)
          .sort(),
        expected,
        name,
      );
    }
    const clean = await run([
      "check",
      "-c",
      lines,
      file("order-lines.csv"),
      file("order-lines-quoted-newlines.csv"),
      file("order-lines-bom-crlf.csv"),
    ]);
    assert.equal(clean.code, 0, clean.stdout);
  });

  it("reports the JSON and Parquet twins", async () => {
    const cases: Array<[string, string[]]> = [
      ["orders-truncated.json", ["file_unparseable $"]],
      ["orders-trailing-comma.json", ["file_unparseable $"]],
      ["orders-latin1.ndjson", ["file_unparseable $"]],
      ["orders-total-as-string.parquet", ["type_mismatch $.total"]],
      ["orders-missing-currency.parquet", ["column_missing $.currency"]],
    ];
    for (const [name, expected] of cases) {
      const r = await run(["check", "-c", orders, "--json", file(name)]);
      assert.equal(r.code, 1, `${name}: ${r.stderr}`);
      assert.deepEqual(
        events(r.stdout)
          .map((e) => `${e.type} ${e.path}`)
          .sort(),
        expected,
        name,
      );
    }
    const clean = await run(["check", "-c", orders, file("orders-bom.json"), file("orders-bom-crlf.ndjson")]);
    assert.equal(clean.code, 0, clean.stdout);
  });

  it("--fail-on decides which severities fail", async () => {
    // the empty file is one warning (file_empty) and one rowCount warning
    const warn = await run(["check", "-c", orders, file("orders-empty.json")]);
    assert.equal(warn.code, 1);
    const onError = await run(["check", "-c", orders, "--fail-on", "error", file("orders-empty.json")]);
    assert.equal(onError.code, 0);
    assert.match(onError.stdout, /passes/);
    const onCritical = await run([
      "check",
      "-c",
      orders,
      "--fail-on",
      "critical",
      file("orders-drift.ndjson"),
    ]);
    assert.equal(onCritical.code, 0);
    const critical = await run([
      "check",
      "-c",
      orders,
      "--fail-on",
      "critical",
      file("orders-truncated.json"),
    ]);
    assert.equal(critical.code, 1);
  });

  it("exits 2 on a missing file, a bad option, and a contract with errors (printed with line:column)", async () => {
    const missing = await run(["check", "-c", orders, file("nope.json")]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*nope\.json: no such file/);
    const usage = await run(["check", "-c", orders, "--fail-on", "never", file("orders.json")]);
    assert.equal(usage.code, 2);
    const noContract = await run(["check", file("orders.json")]);
    assert.equal(noContract.code, 2);
    const invalid = join(fixtures, "contracts/invalid.odcs.yaml");
    const bad = await run(["check", "-c", invalid, file("orders.json")]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /invalid\.odcs\.yaml:11:22: error: logicalType "str" is not one of/);
  });

  it("--max-bytes turns a larger file into file_too_large", async () => {
    const r = await run(["check", "-c", orders, "--json", "--max-bytes", "1KB", file("orders.json")]);
    assert.equal(r.code, 1);
    const [event] = events(r.stdout);
    assert.equal(event?.type, "file_too_large");
    assert.equal(event?.severity, "critical");
  });

  it("colours severities when asked and never with NO_COLOR", async () => {
    const forced = await run(["check", "-c", orders, file("orders-drift.ndjson")], { FORCE_COLOR: "1" });
    assert.match(forced.stdout, /\u001b\[31mERROR/);
    const off = await run(["check", "-c", orders, file("orders-drift.ndjson")], {
      FORCE_COLOR: "1",
      NO_COLOR: "1",
    });
    assert.doesNotMatch(off.stdout, /\u001b\[/);
  });
});

describe("driftwatch contract", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "driftwatch-cli-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("lint prints file:line:column and exits 1 on errors, 0 on a valid contract", async () => {
    const invalid = join(fixtures, "contracts/invalid.odcs.yaml");
    const bad = await run(["contract", "lint", invalid]);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /invalid\.odcs\.yaml:19:20: warning: minimum \(10\) is above maximum \(1\)/);
    assert.match(bad.stdout, /2 errors, 7 warnings/);
    const good = await run(["contract", "lint", orders]);
    assert.equal(good.code, 0);
    assert.match(good.stdout, /valid/);
    const gone = await run(["contract", "lint", join(dir, "missing.yaml")]);
    assert.equal(gone.code, 2);
  });

  it("infer writes a contract (YAML or JSON) that lints clean and that the samples pass", async () => {
    const inferred = await run([
      "contract",
      "infer",
      "--id",
      "orders-from-samples",
      file("orders.json"),
      file("orders.ndjson"),
    ]);
    assert.equal(inferred.code, 0, inferred.stderr);
    assert.match(inferred.stdout, /^apiVersion: v3\.1\.0/);
    assert.match(inferred.stdout, /id: orders-from-samples/);
    const path = join(dir, "inferred.yaml");
    await writeFile(path, inferred.stdout);
    assert.equal((await run(["contract", "lint", path])).code, 0);
    const checked = await run(["check", "-c", path, file("orders.json"), file("orders.ndjson")]);
    assert.equal(checked.code, 0, checked.stdout);
    const json = await run(["contract", "infer", "--format", "json", file("order-lines.csv")]);
    assert.equal(JSON.parse(json.stdout).servers[0].format, "csv");
    const unreadable = await run(["contract", "infer", file("orders-truncated.json")]);
    assert.equal(unreadable.code, 2);
    assert.match(unreadable.stderr, /not valid JSON/);
  });
});
