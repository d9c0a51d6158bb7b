/** The destinations API against the S3 emulator, with the real SDK, on both database engines. */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { startS3Emulator } from "../../devtools/s3-emulator/s3-emulator.server.ts";
import type { S3Emulator } from "../../devtools/s3-emulator/s3-emulator.types.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { closeTestDatabases, testEngine } from "../support/db.ts";
import { TEST_CREDENTIALS } from "../support/s3.ts";

after(closeTestDatabases);

const KMS_KEY = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe(`destinations API (${testEngine})`, () => {
  let t: TestApp;
  let s3: S3Emulator;
  const denied = new Set<string>();

  before(async () => {
    s3 = await startS3Emulator({ credentials: [TEST_CREDENTIALS] });
    s3.createBucket("lake");
    s3.createBucket("eu-lake", { region: "eu-west-1" });
    s3.setAuthorizer((r) => (denied.has(r.action) ? "deny" : "allow"));
    t = await startTestApp({ worker: false, env: { DRIFTWATCH_ALLOW_PRIVATE_ENDPOINTS: "true" } });
  });
  after(async () => {
    await t.close();
    await s3.close();
  });
  beforeEach(() => denied.clear());

  const body = (over: Record<string, unknown> = {}) => ({
    name: `lake-${Math.random().toString(36).slice(2, 8)}`,
    region: "us-east-1",
    bucket: "lake",
    path_prefix: "drift/{org}/{kind}/{full_date}/",
    endpoint_url: s3.endpoint,
    force_path_style: true,
    credentials: {
      type: "aws_static",
      access_key_id: TEST_CREDENTIALS.accessKeyId,
      secret_access_key: TEST_CREDENTIALS.secretAccessKey,
    },
    ...over,
  });

  async function counts() {
    const { rows } = await t.db.query<{ d: number; s: number }>(
      "SELECT (SELECT count(*)::int FROM destinations) AS d, (SELECT count(*)::int FROM sealed_secrets) AS s",
    );
    return rows[0]!;
  }

  test("create: the connection test writes under the prefix and deletes; the secret is sealed and never shown", async () => {
    const writesBefore = s3.writes.length;
    const res = await t.api("/api/v1/destinations", { body: body({ name: "main lake" }) });
    assert.equal(res.status, 201, res.text);
    const d = res.body;
    assert.equal(d.name, "main lake");
    assert.equal(d.format, "ndjson");
    assert.equal(d.gzip, false);
    assert.equal(d.batch_max_events, 1000);
    assert.equal(d.credentials.type, "aws_static");
    assert.equal(d.credentials.access_key_id_suffix, TEST_CREDENTIALS.accessKeyId.slice(-4));
    assert.ok(!res.text.includes(TEST_CREDENTIALS.secretAccessKey));
    assert.match(d.path_preview, /^drift\/[^/]+\/events\/\d{8}\/$/);
    assert.equal(d.status.backlog_events, 0);
    assert.ok(d.status.last_tested_at);
    const testWrite = s3.writes.slice(writesBefore);
    assert.equal(testWrite.length, 1, "one test object written");
    assert.match(testWrite[0]!.key, /^drift\/[^/]+\/events\/\d{8}\/driftwatch-connection-test-/);
    assert.equal(testWrite[0]!.condition, "if-none-match");
    assert.deepEqual(s3.listKeys("lake"), [], "and deleted");
    const { rows } = await t.db.query<{ ciphertext: Buffer }>("SELECT ciphertext FROM sealed_secrets");
    assert.ok(rows.every((r) => !Buffer.from(r.ciphertext).toString("latin1").includes("wJalr")));

    const got = await t.api(`/api/v1/destinations/${d.id}`);
    assert.equal(got.status, 200);
    assert.deepEqual({ ...got.body, path_preview: "" }, { ...d, path_preview: "" });
    const list = await t.api("/api/v1/destinations");
    assert.ok(list.body.items.some((x: { id: string }) => x.id === d.id));
    const taken = await t.api("/api/v1/destinations", { body: body({ name: "main lake" }) });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, "destination.name_taken");
  });

  test("an unknown template variable, an unbalanced brace or a variable events do not know: 400 naming it, nothing stored", async () => {
    const before = await counts();
    const cases: Array<[string, string, string | undefined]> = [
      ["drift/{colour}/", "template.unknown_variable", "colour"],
      ["drift/{org/", "template.unbalanced_brace", undefined],
      ["drift/org}/", "template.unbalanced_brace", undefined],
      ["drift/{}/", "template.empty_variable", undefined],
      ["drift/{account}/", "template.missing_value", "account"],
    ];
    for (const [prefix, code, variable] of cases) {
      const res = await t.api("/api/v1/destinations", { body: body({ path_prefix: prefix }) });
      assert.equal(res.status, 400, `${prefix}: ${res.text}`);
      assert.equal(res.body.error.code, code, prefix);
      assert.equal(res.body.error.details[0].field, "body.path_prefix");
      if (variable) {
        assert.equal(res.body.error.details[0].variable, variable);
        assert.match(res.body.error.message, new RegExp(`\\{${variable}\\}`));
      } else {
        assert.match(res.body.error.message, /position \d+/);
      }
      assert.ok(res.body.error.hint.length > 10);
      const preview = await t.api("/api/v1/destinations/template-preview", { body: { path_prefix: prefix } });
      if (code !== "template.missing_value") assert.equal(preview.status, 400, prefix);
    }
    const bad = await t.api("/api/v1/destinations", {
      body: body({ format: "parquet", gzip: true }),
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.details[0].field, "body.gzip");
    assert.deepEqual(await counts(), before);
  });

  test("the template preview says what the prefix resolves to today", async () => {
    const res = await t.api("/api/v1/destinations/template-preview", {
      body: { path_prefix: "exports/{tenant}/{kind}/{year}/{month}/{day}/{connection}/" },
    });
    assert.equal(res.status, 200, res.text);
    const now = new Date();
    const ymd = [
      now.getUTCFullYear(),
      String(now.getUTCMonth() + 1).padStart(2, "0"),
      String(now.getUTCDate()).padStart(2, "0"),
    ].join("/");
    const org = (await t.api("/api/v1/org")).body.name.replace(/[^A-Za-z0-9._-]+/g, "-");
    assert.equal(res.body.preview, `exports/${org}/events/${ymd}/partner-orders/`);
    assert.equal(res.body.literal_prefix, "exports/");
    assert.deepEqual(res.body.variables.sort(), ["connection", "day", "kind", "month", "tenant", "year"]);
  });

  test("connection test failures: each a 422 with its own code, the field, the action and the fix; nothing stored", async () => {
    const before = await counts();
    const cases: Array<[() => void, Record<string, unknown>, string, string, RegExp]> = [
      [() => denied.add("s3:PutObject"), {}, "destination.s3.put_denied", "credentials", /s3:PutObject/],
      [
        () => denied.add("s3:DeleteObject"),
        {},
        "destination.s3.delete_denied",
        "credentials",
        /needed only for the connection test/,
      ],
      [
        () => denied.add("kms:GenerateDataKey"),
        { kms_key_arn: KMS_KEY },
        "destination.s3.kms_access_denied",
        "kms_key_arn",
        /kms:GenerateDataKey/,
      ],
      [() => {}, { bucket: "eu-lake" }, "destination.s3.wrong_region", "region", /eu-west-1/],
      [() => {}, { bucket: "no-such-lake" }, "destination.s3.no_such_bucket", "bucket", /bucket/],
    ];
    const hints = new Set<string>();
    for (const [setup, over, code, field, fix] of cases) {
      denied.clear();
      setup();
      const res = await t.api("/api/v1/destinations", { body: body(over) });
      assert.equal(res.status, 422, `${code}: ${res.text}`);
      assert.equal(res.body.error.code, code);
      assert.equal(res.body.error.details.field, field, code);
      assert.match(`${res.body.error.message} ${res.body.error.hint}`, fix, code);
      hints.add(res.body.error.hint);
      assert.ok(!res.text.includes(TEST_CREDENTIALS.secretAccessKey));
      for (const key of s3.listKeys("lake")) s3.deleteObject("lake", key);
    }
    assert.equal(hints.size, cases.length, "a different fix for each");
    assert.deepEqual(await counts(), before);
  });

  test("test on demand, policy, change, delete", async () => {
    const created = await t.api("/api/v1/destinations", {
      body: body({ kms_key_arn: KMS_KEY, path_prefix: "exports/{org}/{full_date}/" }),
    });
    assert.equal(created.status, 201, created.text);
    const id = created.body.id;

    const ok = await t.api(`/api/v1/destinations/${id}/test`, { method: "POST" });
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(
      ok.body.steps.map((s: { action: string }) => s.action),
      ["s3:PutObject", "s3:DeleteObject"],
    );

    denied.add("s3:DeleteObject");
    const failed = await t.api(`/api/v1/destinations/${id}/test`, { method: "POST" });
    assert.equal(failed.status, 422);
    assert.equal(failed.body.error.code, "destination.s3.delete_denied");
    for (const key of s3.listKeys("lake")) s3.deleteObject("lake", key);
    denied.clear();
    const after = await t.api(`/api/v1/destinations/${id}`);
    assert.equal(after.body.last_error.code, "destination.s3.delete_denied");
    assert.equal(after.body.health, "critical");

    const policy = await t.api(`/api/v1/destinations/${id}/policy`);
    assert.equal(policy.status, 200, policy.text);
    const statements = policy.body.policy.Statement as Array<{
      Sid: string;
      Action: unknown;
      Resource: string;
    }>;
    assert.deepEqual(
      statements.map((s) => [s.Sid, s.Action, s.Resource]),
      [
        ["WriteExports", "s3:PutObject", "arn:aws:s3:::lake/exports/*"],
        ["RemoveConnectionTestObject", "s3:DeleteObject", "arn:aws:s3:::lake/exports/*"],
        ["EncryptExports", ["kms:GenerateDataKey", "kms:Decrypt"], KMS_KEY],
      ],
    );
    assert.ok(policy.body.notes.some((n: string) => /only for the connection test/.test(n)));
    assert.equal(policy.body.external_id, null);

    const renamed = await t.api(`/api/v1/destinations/${id}`, {
      method: "PATCH",
      body: { name: "renamed", format: "csv", gzip: true, batch_max_events: 50 },
    });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.body.format, "csv");
    assert.equal(renamed.body.batch_max_events, 50);

    denied.add("s3:PutObject");
    const refused = await t.api(`/api/v1/destinations/${id}`, {
      method: "PATCH",
      body: { path_prefix: "elsewhere/" },
    });
    assert.equal(refused.status, 422);
    assert.equal((await t.api(`/api/v1/destinations/${id}`)).body.path_prefix, "exports/{org}/{full_date}/");
    denied.clear();

    const del = await t.api(`/api/v1/destinations/${id}`, { method: "DELETE" });
    assert.equal(del.status, 204);
    assert.equal((await t.api(`/api/v1/destinations/${id}`)).status, 404);
  });
});
