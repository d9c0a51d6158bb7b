import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { closeTestDatabases } from "../support/db.ts";
import { TEST_CREDENTIALS } from "../support/s3.ts";
import { fixture, startWatch, type WatchHarness } from "../support/watch.ts";

after(closeTestDatabases);

const BIN = join(import.meta.dirname, "..", "..", "bin", "driftwatch");

function cli(h: WatchHarness, args: string[], env: Record<string, string> = {}, stdin?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(BIN, args, {
      env: {
        ...process.env,
        DRIFTWATCH_URL: h.t.url,
        DRIFTWATCH_API_KEY: h.t.adminKey,
        NO_COLOR: "1",
        ...env,
      },
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
    child.stdin.end(stdin ?? "");
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("driftwatch connections / events (over the HTTP API)", () => {
  let h: WatchHarness;
  before(async () => {
    h = await startWatch();
  });
  after(async () => h.close());

  test("add (secret from stdin), list, show, poll, events, ack; errors name the cause and the fix", async () => {
    const common = [
      "--bucket",
      h.bucket,
      "--region",
      "us-east-1",
      "--prefix",
      "cli/",
      "--pattern",
      "*.ndjson",
      "--endpoint-url",
      h.s3.endpoint,
      "--path-style",
      "--contract",
      h.contractId,
      "--access-key-id",
      TEST_CREDENTIALS.accessKeyId,
    ];
    const wrong = await cli(
      h,
      ["connections", "add", "--name", "cli", ...common, "--secret-access-key-file", "-"],
      {},
      "not-the-secret\n",
    );
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /secret access key does not match.*connection\.s3\.signature_mismatch/s);
    assert.match(wrong.stderr, /hint: /);

    const added = await cli(
      h,
      ["connections", "add", "--name", "cli", ...common, "--secret-access-key-file", "-"],
      {},
      `${TEST_CREDENTIALS.secretAccessKey}\n`,
    );
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /created\ncli /);
    assert.ok(!added.stdout.includes(TEST_CREDENTIALS.secretAccessKey));

    const list = await cli(h, ["connections", "list"]);
    assert.equal(list.code, 0);
    assert.match(list.stdout, /NAME\s+LOCATION/);
    assert.match(list.stdout, /cli\s+s3:\/\/partner-drops\/cli\/\s+\*\.ndjson\s+orders/);

    h.s3.putObject(h.bucket, "cli/a.ndjson", fixture("files", "orders-drift.ndjson"));
    h.clock.advance(1000);
    const poll = await cli(h, ["connections", "poll", "cli"]);
    assert.equal(poll.code, 0, poll.stderr);
    assert.match(poll.stdout, /cli: completed: .*processed 1,/);

    const show = await cli(h, ["connections", "show", "cli"]);
    assert.match(show.stdout, /health\s+healthy/);
    assert.match(show.stdout, /recent polls/);

    const events = await cli(h, ["events", "--connection", "cli", "--json"]);
    assert.equal(events.code, 0);
    const lines = events.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.ok(lines.length > 0);
    assert.ok(lines.every((e) => e.file.key === "cli/a.ndjson" && e.status === "open"));
    const human = await cli(h, ["events", "--connection", "cli"]);
    assert.match(human.stdout, /cli: cli\/a\.ndjson\n/);
    assert.match(human.stdout, /expected .*; got /);

    const ack = await cli(h, ["events", "ack", lines[0].id]);
    assert.equal(ack.code, 0);
    const open = await cli(h, ["events", "--connection", "cli", "--json"]);
    assert.equal(open.stdout.trim().split("\n").length, lines.length - 1);

    const unknown = await cli(h, ["connections", "show", "nope"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no connection named "nope"/);
    const noKey = await cli(h, ["connections", "list"], { DRIFTWATCH_API_KEY: "" });
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /DRIFTWATCH_API_KEY/);
    const down = await cli(h, ["connections", "list"], { DRIFTWATCH_URL: "http://127.0.0.1:9" });
    assert.equal(down.code, 2);
    assert.match(down.stderr, /Cannot reach the driftwatch server/);
    const badInterval = await cli(h, ["connections", "add", "--name", "x", ...common, "--interval", "0"]);
    assert.equal(badInterval.code, 2);
    assert.match(badInterval.stderr, /1 to 10080/);
  });
});
