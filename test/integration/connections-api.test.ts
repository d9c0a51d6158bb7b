import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { closeTestDatabases } from "../support/db.ts";
import { TEST_CREDENTIALS } from "../support/s3.ts";
import { fixture, startWatch, type WatchHarness } from "../support/watch.ts";

after(closeTestDatabases);

describe("S3 connections API", () => {
  let h: WatchHarness;
  before(async () => {
    h = await startWatch({ worker: false });
  });
  after(async () => h.close());

  const body = (overrides: Record<string, unknown> = {}, creds: Record<string, unknown> = {}) => ({
    name: "partner orders",
    provider: "aws_s3",
    region: "us-east-1",
    bucket: h.bucket,
    prefix: "incoming/demo/orders/",
    file_pattern: "*.json",
    endpoint_url: h.s3.endpoint,
    force_path_style: true,
    contract_id: h.contractId,
    credentials: {
      type: "aws_static",
      access_key_id: TEST_CREDENTIALS.accessKeyId,
      secret_access_key: TEST_CREDENTIALS.secretAccessKey,
      ...creds,
    },
    ...overrides,
  });

  async function nothingStored() {
    const { rows } = await h.t.db.query<{ c: number; s: number }>(
      "SELECT (SELECT count(*)::int FROM connections) AS c, (SELECT count(*)::int FROM sealed_secrets) AS s",
    );
    assert.deepEqual(rows[0], { c: 0, s: 0 }, "a refused connection stores nothing");
  }

  test("wrong secret, unknown key, missing bucket, wrong region, unreachable endpoint: each a 422 naming the field", async () => {
    h.s3.putObject(h.bucket, "incoming/demo/orders/850_1.json", fixture("files", "orders.json"));
    const cases: Array<[Record<string, unknown>, Record<string, unknown>, string, string, string]> = [
      [
        {},
        { secret_access_key: "wrong-secret-wrong-secret-wrong-secret-1" },
        "connection.s3.signature_mismatch",
        "SignatureDoesNotMatch",
        "credentials.secret_access_key",
      ],
      [
        {},
        { access_key_id: "EXAMPLEKEYID2" },
        "connection.s3.unknown_access_key",
        "InvalidAccessKeyId",
        "credentials.access_key_id",
      ],
      [{ bucket: "no-such-bucket" }, {}, "connection.s3.no_such_bucket", "NoSuchBucket", "bucket"],
      [{ region: "eu-west-1" }, {}, "connection.s3.wrong_region", "AuthorizationHeaderMalformed", "region"],
      [
        { endpoint_url: "http://127.0.0.1:9" },
        {},
        "connection.s3.unreachable",
        "ECONNREFUSED",
        "endpoint_url",
      ],
    ];
    for (const [overrides, creds, code, awsCode, field] of cases) {
      const res = await h.t.api("/api/v1/connections", { body: body(overrides, creds) });
      assert.equal(res.status, 422, `${code}: ${res.text}`);
      assert.equal(res.body.error.code, code);
      assert.equal(res.body.error.details.aws_code, awsCode);
      assert.equal(res.body.error.details.field, field);
      assert.ok(res.body.error.hint.length > 20, "a hint with the fix");
      assert.ok(!res.text.includes(TEST_CREDENTIALS.secretAccessKey), "the secret is never echoed");
      await nothingStored();
    }
  });

  test("list denied and get denied are told apart, with the missing permission and resource", async () => {
    h.s3.setAuthorizer((req) => (req.action === "s3:ListBucket" ? "deny" : "allow"));
    const list = await h.t.api("/api/v1/connections", { body: body() });
    assert.equal(list.status, 422);
    assert.equal(list.body.error.code, "connection.s3.list_denied");
    assert.match(list.body.error.hint, /lacks s3:ListBucket on arn:aws:s3:::partner-drops/);
    h.s3.setAuthorizer((req) => (req.action === "s3:GetObject" ? "deny" : "allow"));
    const get = await h.t.api("/api/v1/connections", { body: body() });
    assert.equal(get.status, 422);
    assert.equal(get.body.error.code, "connection.s3.access_denied");
    assert.match(
      get.body.error.hint,
      /lacks s3:GetObject on arn:aws:s3:::partner-drops\/incoming\/demo\/orders\/850_1\.json/,
    );
    h.s3.setAuthorizer(undefined);
    await nothingStored();
  });

  test("bad fields are 400s naming the field, before AWS is asked", async () => {
    const before = h.s3.requests.length;
    const cases: Array<[Record<string, unknown>, Record<string, unknown>, RegExp]> = [
      [{ bucket: "Bad_Bucket" }, {}, /body\.bucket/],
      [{ region: "moon-1", endpoint_url: undefined }, {}, /body\.region/],
      [{ poll_interval_minutes: 0 }, {}, /body\.poll_interval_minutes/],
      [{ poll_interval_minutes: "60" }, {}, /body\.poll_interval_minutes must be an integer/],
      [{ file_pattern: "/abs/*.json" }, {}, /body\.file_pattern/],
      [{ contract_id: "00000000-0000-4000-8000-000000000000" }, {}, /body\.contract_id/],
      [{}, { type: "aws_role" }, /body\.credentials\.role_arn is required/],
      [{}, { type: "aws_oidc" }, /body\.credentials\.access_key_id is not used by credential type aws_oidc/],
      [{}, { type: "gcp" }, /body\.credentials\.type/],
      [{ extra: 1 }, {}, /body\.extra is not a known field/],
    ];
    for (const [overrides, creds, message] of cases) {
      const res = await h.t.api("/api/v1/connections", { body: body(overrides, creds) });
      assert.equal(res.status, 400, `${message}: ${res.text}`);
      assert.match(res.body.error.message, message);
      assert.ok(res.body.error.details[0].field.startsWith("body."));
    }
    assert.equal(h.s3.requests.length, before, "nothing was sent to S3");
    await nothingStored();
  });

  test("a valid connection is saved with sealed credentials; responses show only the type and a fingerprint", async () => {
    const res = await h.t.api("/api/v1/connections", { body: body() });
    assert.equal(res.status, 201, res.text);
    const c = res.body;
    assert.equal(c.credentials.type, "aws_static");
    assert.match(c.credentials.fingerprint, /^sha256:[0-9a-f]{16}$/);
    assert.equal(c.poll_interval_minutes, 60, "default interval");
    assert.equal(c.health, "unknown");
    assert.ok(c.next_poll_at, "the first poll is scheduled");
    for (const text of [
      res.text,
      (await h.t.api(`/api/v1/connections/${c.id}`)).text,
      (await h.t.api("/api/v1/connections")).text,
    ]) {
      assert.ok(!text.includes(TEST_CREDENTIALS.secretAccessKey));
      assert.ok(!text.includes(TEST_CREDENTIALS.accessKeyId));
    }
    const { rows } = await h.t.db.query<{ dump: string }>(
      "SELECT row_to_json(c)::text AS dump FROM connections c",
    );
    assert.ok(!rows[0]!.dump.includes(TEST_CREDENTIALS.secretAccessKey), "the row holds no secret");

    const dup = await h.t.api("/api/v1/connections", { body: body() });
    assert.equal(dup.status, 409);

    const policy = await h.t.api(`/api/v1/connections/${c.id}/policy`);
    assert.equal(policy.status, 200);
    const statements = JSON.stringify(policy.body.policy);
    assert.match(statements, /s3:ListBucket/);
    assert.match(statements, /arn:aws:s3:::partner-drops\/incoming\/demo\/orders\/\*/);

    const paused = await h.t.api(`/api/v1/connections/${c.id}/pause`, { method: "POST" });
    assert.equal(paused.body.paused, true);
    assert.equal(paused.body.next_poll_at, null);
    const pollPaused = await h.t.api(`/api/v1/connections/${c.id}/poll`, { method: "POST" });
    assert.equal(pollPaused.status, 409);
    assert.equal(pollPaused.body.error.code, "connection.paused");
    const resumed = await h.t.api(`/api/v1/connections/${c.id}/resume`, { method: "POST" });
    assert.equal(resumed.body.paused, false);
    assert.ok(resumed.body.next_poll_at);

    // PATCH with a wrong secret is refused and changes nothing
    const badPatch = await h.t.api(`/api/v1/connections/${c.id}`, {
      method: "PATCH",
      body: {
        credentials: {
          type: "aws_static",
          access_key_id: TEST_CREDENTIALS.accessKeyId,
          secret_access_key: "nope-nope-nope-nope",
        },
      },
    });
    assert.equal(badPatch.status, 422);
    assert.equal(
      (await h.t.api(`/api/v1/connections/${c.id}`)).body.credentials.fingerprint,
      c.credentials.fingerprint,
    );
    const renamed = await h.t.api(`/api/v1/connections/${c.id}`, {
      method: "PATCH",
      body: { name: "renamed", poll_interval_minutes: 5 },
    });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name, "renamed");
    assert.equal(renamed.body.poll_interval_minutes, 5);

    const other = await h.t.api(`/api/v1/connections/${c.id}`, {
      key: "dwk_nobodynobodynobodynobodynobodynobody000",
    });
    assert.equal(other.status, 401);
    const del = await h.t.api(`/api/v1/connections/${c.id}`, { method: "DELETE" });
    assert.equal(del.status, 204);
    assert.equal((await h.t.api(`/api/v1/connections/${c.id}`)).status, 404);
    await nothingStored();
  });
});
