import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { closeTestDatabases } from "../support/db.ts";
import { insertEvents } from "../support/export.ts";
import { TEST_CREDENTIALS } from "../support/s3.ts";
import { startWatch, type WatchHarness } from "../support/watch.ts";

after(closeTestDatabases);

const BIN = join(import.meta.dirname, "..", "..", "bin", "driftwatch");

function cli(h: WatchHarness, args: string[], stdin = "") {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(BIN, args, {
      env: { ...process.env, DRIFTWATCH_URL: h.t.url, DRIFTWATCH_API_KEY: h.t.adminKey, NO_COLOR: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += String(d);
    });
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    child.stdin.end(stdin);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("driftwatch destinations (over the HTTP API)", () => {
  let h: WatchHarness;
  before(async () => {
    h = await startWatch({ worker: false });
    h.s3.createBucket("lake");
  });
  after(() => h.close());

  test("add, list, show, test, policy, export, remove; a bad template names the variable", async () => {
    const common = [
      "--bucket",
      "lake",
      "--region",
      "us-east-1",
      "--endpoint-url",
      h.s3.endpoint,
      "--path-style",
      "--credential-type",
      "aws_static",
      "--access-key-id",
      TEST_CREDENTIALS.accessKeyId,
      "--secret-access-key-file",
      "-",
    ];
    const bad = await cli(
      h,
      ["destinations", "add", "--name", "lake", "--prefix", "x/{colour}/", ...common],
      TEST_CREDENTIALS.secretAccessKey,
    );
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /\{colour\}/);
    assert.match(bad.stderr, /template\.unknown_variable/);

    const added = await cli(
      h,
      ["destinations", "add", "--name", "lake", "--prefix", "drift/{org}/{kind}/", ...common],
      `${TEST_CREDENTIALS.secretAccessKey}\n`,
    );
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /created \(the connection test wrote and deleted one object\)\nlake /);
    assert.match(added.stdout, /resolves to +drift\/[^/]+\/events\//);
    assert.ok(!added.stdout.includes(TEST_CREDENTIALS.secretAccessKey));

    const list = await cli(h, ["destinations", "list"]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /NAME +LOCATION/);
    assert.match(list.stdout, /lake +s3:\/\/lake\/drift\/\{org\}\/\{kind\}\//);

    const tested = await cli(h, ["destinations", "test", "lake"]);
    assert.equal(tested.code, 0, tested.stderr);
    assert.match(
      tested.stdout,
      /lake: ok, wrote and deleted s3:\/\/lake\/drift\/.*s3:PutObject \d+ ms, s3:DeleteObject/,
    );

    const policy = await cli(h, ["destinations", "policy", "lake"]);
    assert.equal(policy.code, 0, policy.stderr);
    const doc = JSON.parse(policy.stdout);
    assert.deepEqual(
      doc.Statement.map((s: { Action: string }) => s.Action),
      ["s3:PutObject", "s3:DeleteObject"],
    );
    assert.match(policy.stderr, /only for the connection test/);

    await insertEvents(h.t.db, h.t.orgId, 12);
    const exported = await cli(h, ["destinations", "export", "lake"]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /lake: 12 events in 1 new objects \(1 batches\)/);

    const shown = await cli(h, ["destinations", "show", "lake"]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /written +12 events in 1 objects/);
    assert.match(shown.stdout, /#1 events written 12 events drift\/[^/]+\/events\/events-/);

    const removed = await cli(h, ["destinations", "remove", "lake"]);
    assert.equal(removed.code, 0, removed.stderr);
    const gone = await cli(h, ["destinations", "show", "lake"]);
    assert.notEqual(gone.code, 0);
    assert.match(gone.stderr, /no destination named "lake"/);
  });
});
