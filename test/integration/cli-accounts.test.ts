/**
 * `driftwatch accounts …` and `driftwatch state-sources …` as a user runs them: the real CLI in a child
 * process against a running server, whose AWS is the STS and S3 emulators on loopback.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { closeTestDatabases } from "../support/db.ts";
import { type IdentityStack, startIdentityStack } from "../support/sts-emulator.stack.ts";

after(closeTestDatabases);

const BIN = join(import.meta.dirname, "..", "..", "bin", "driftwatch");
const USER = {
  accessKeyId: "EXAMPLECLIKEY0001",
  secretAccessKey: "dwCliSecretEXAMPLEdwCliSecretEXAMPLE00001",
  arn: "arn:aws:iam::444455556666:user/cli-scanner",
};
const STATE = JSON.stringify({
  version: 4,
  terraform_version: "1.8.0",
  serial: 5,
  lineage: "lin-cli",
  resources: [
    {
      mode: "managed",
      type: "aws_sqs_queue",
      name: "q",
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [{ attributes: { id: "https://sqs/q", arn: "arn:aws:sqs:us-east-1:444455556666:q" } }],
    },
  ],
});

describe("driftwatch accounts / state-sources (over the HTTP API)", () => {
  let t: IdentityStack;
  before(async () => {
    t = await startIdentityStack({ sts: { users: [USER] } });
    t.s3.emulator.addCredentials({ accessKeyId: USER.accessKeyId, secretAccessKey: USER.secretAccessKey });
    t.s3.emulator.createBucket("cli-state");
    t.s3.emulator.putObject("cli-state", "env:/prod/app.tfstate", STATE);
  });
  after(async () => t.close());

  function cli(args: string[], stdin = "") {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(BIN, args, {
        env: {
          ...process.env,
          DRIFTWATCH_URL: t.url,
          DRIFTWATCH_API_KEY: t.org.adminKey,
          NO_COLOR: "1",
          AWS_ACCESS_KEY_ID: "",
          AWS_SECRET_ACCESS_KEY: "",
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
      child.stdin.end(stdin);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  }

  test("accounts add (secret on stdin), list, show, test, setup; state-sources add, list, test, remove; accounts remove", async () => {
    const add = ["accounts", "add", "--name", "cli prod", "--region", "us-east-1"];
    const keyArgs = ["--access-key-id", USER.accessKeyId, "--secret-access-key-file", "-"];
    const mismatch = await cli(
      [...add, "--account-id", "111122223333", ...keyArgs],
      `${USER.secretAccessKey}\n`,
    );
    assert.equal(mismatch.code, 2, mismatch.stderr);
    assert.match(mismatch.stderr, /444455556666, not 111122223333.*aws\.sts\.account_mismatch/s);
    assert.match(mismatch.stderr, /hint: /);
    assert.ok(!`${mismatch.stdout}${mismatch.stderr}`.includes(USER.secretAccessKey));

    const created = await cli(
      [...add, "--account-id", "444455556666", ...keyArgs],
      `${USER.secretAccessKey}\n`,
    );
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /created\ncli prod/);
    assert.match(created.stdout, /signs in as\s+arn:aws:iam::444455556666:user\/cli-scanner/);
    assert.ok(!created.stdout.includes(USER.secretAccessKey));

    const list = await cli(["accounts", "list"]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /NAME\s+ACCOUNT\s+CREDENTIAL/);
    assert.match(list.stdout, /cli prod\s+444455556666\s+aws_static\s+us-east-1\s+healthy/);

    const shown = await cli(["accounts", "show", "cli prod", "--json"]);
    assert.equal(JSON.parse(shown.stdout).external_account_id, "444455556666");
    assert.equal((await cli(["accounts", "show", "nope"])).code, 2);

    const ok = await cli(["accounts", "test", "cli prod"]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /ok, signs in to 444455556666/);
    t.sts.injectFault({ action: "GetCallerIdentity", code: "ExpiredToken", status: 400, times: 1 });
    const refused = await cli(["accounts", "test", "cli prod"]);
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /refused: .*\[aws\.sts\.token_expired \/ ExpiredToken\]\n {2}fix: /);

    const setup = await cli(["accounts", "setup", "cli prod"]);
    assert.equal(setup.code, 0, setup.stderr);
    assert.match(setup.stdout, /Resource Explorer/);
    assert.match(setup.stdout, /"resource-explorer-2:Search"/);
    assert.match(setup.stdout, /"AWS": "arn:aws:iam::444455556666:user\/cli-scanner"/);

    const where = ["--endpoint-url", t.s3.emulator.endpoint, "--path-style", "--region", t.s3.region];
    const missing = await cli([
      "state-sources",
      "add",
      "--account",
      "cli prod",
      "--bucket",
      "cli-state",
      "--key",
      "app.tfstate",
      ...where,
    ]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /state\.s3\.no_such_key/);
    assert.match(missing.stderr, /hint: .*env:\/<workspace>\//);

    const linked = await cli([
      "state-sources",
      "add",
      "--account",
      "cli prod",
      "--bucket",
      "cli-state",
      "--key",
      "app.tfstate",
      "--workspace",
      "prod",
      ...where,
      "--json",
    ]);
    assert.equal(linked.code, 0, linked.stderr);
    const source = JSON.parse(linked.stdout);
    assert.equal(source.object_key, "env:/prod/app.tfstate");
    assert.equal(source.last_test.serial, 5);

    const sources = await cli(["state-sources", "list", "--account", "cli prod"]);
    assert.match(
      sources.stdout,
      /s3:\/\/cli-state\/env:\/prod\/app\.tfstate\s+cli prod\s+cli prod\s+ok, serial 5/,
    );
    const tested = await cli(["state-sources", "test", source.id]);
    assert.equal(tested.code, 0, tested.stderr);
    assert.match(tested.stdout, /ok: serial 5, lineage lin-cli, terraform 1\.8\.0, 1 resources/);
    t.s3.emulator.deleteObject("cli-state", "env:/prod/app.tfstate");
    const gone = await cli(["state-sources", "test", source.id]);
    assert.equal(gone.code, 1);
    assert.match(gone.stdout, /failed: .*state\.s3\.no_such_key.*\n {2}fix: /s);

    assert.equal((await cli(["state-sources", "remove", source.id])).code, 0);
    assert.match((await cli(["state-sources", "list"])).stdout, /No state sources yet/);
    const removed = await cli(["accounts", "remove", "cli prod"]);
    assert.equal(removed.code, 0, removed.stderr);
    assert.match((await cli(["accounts", "list"])).stdout, /No cloud accounts yet/);
  });
});
