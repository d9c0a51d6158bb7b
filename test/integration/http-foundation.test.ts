import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { hashApiKey } from "../../src/app/api-keys.service.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { closeTestDatabases } from "../support/db.ts";

after(closeTestDatabases);

describe("HTTP foundation", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ bodyLimitBytes: 4096 });
  });
  after(async () => t.close());

  test("liveness, readiness, metrics, OpenAPI 3.1 and the reference page answer without a key", async () => {
    assert.deepEqual((await t.api("/healthz", { key: null })).body, { status: "ok" });
    const ready = await t.api("/readyz", { key: null });
    assert.equal(ready.status, 200);
    assert.equal(ready.body.status, "ready");
    const spec = await t.api("/openapi.json", { key: null });
    assert.equal(spec.body.openapi, "3.1.0");
    assert.ok(spec.body.paths["/api/v1/api-keys"], "API routes are documented");
    assert.equal((await fetch(`${t.url}/docs/`)).status, 200);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    assert.match(metrics, /driftwatch_http_requests_total\{method="GET",route="\/healthz",status="200"\} 1/);
  });

  test("no key, a malformed key, an unknown key and a revoked key each get 401 in the one error shape", async () => {
    for (const key of [null, "nope", "dwk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]) {
      const res = await t.api("/api/v1/connections", { key });
      assert.equal(res.status, 401, `key ${key}`);
      assert.equal(res.body.error.code, "auth.unauthorized");
      assert.ok(res.body.error.hint);
    }
    const created = await t.api("/api/v1/api-keys", { body: { name: "ci" } });
    assert.equal(created.status, 201);
    assert.match(created.body.key, /^dwk_/);
    assert.equal(created.body.api_key.prefix, created.body.key.slice(0, 12));
    assert.equal((await t.api("/api/v1/connections", { key: created.body.key })).status, 200);

    const listed = await t.api("/api/v1/api-keys");
    assert.ok(!listed.text.includes(created.body.key), "a list never shows a whole key");
    assert.ok(listed.body.items.some((k: { id: string }) => k.id === created.body.api_key.id));

    const revoked = await t.api(`/api/v1/api-keys/${created.body.api_key.id}`, { method: "DELETE" });
    assert.equal(revoked.status, 200);
    assert.ok(revoked.body.revoked_at);
    const after = await t.api("/api/v1/connections", { key: created.body.key });
    assert.equal(after.status, 401);
    assert.match(after.body.error.message, /revoked/);
  });

  test("a member key cannot manage keys; another org's key id is a 404", async () => {
    const member = await t.api("/api/v1/api-keys", { body: { name: "member" } });
    const denied = await t.api("/api/v1/api-keys", { body: { name: "x" }, key: member.body.key });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.code, "auth.forbidden");

    // a second organisation with its own admin key
    const { rows } = await t.db.query<{ id: string }>(
      "INSERT INTO orgs (name, external_id) VALUES ('other', 'dw-other-org') RETURNING id",
    );
    const otherKey = "dwk_otherorgotherorgotherorgotherorgotherorg0";
    await t.db.query(
      "INSERT INTO api_keys (org_id, name, role, prefix, key_hash) VALUES ($1, 'o', 'admin', 'dwk_otherorg', $2)",
      [rows[0]!.id, hashApiKey(otherKey)],
    );
    const res = await t.api(`/api/v1/api-keys/${member.body.api_key.id}`, {
      method: "DELETE",
      key: otherKey,
    });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, "not_found");
    const stillThere = await t.api("/api/v1/connections", { key: member.body.key });
    assert.equal(stillThere.status, 200, "the other org's request changed nothing");
    const org = await t.api("/api/v1/org", { key: otherKey });
    assert.equal(org.body.id, rows[0]!.id);
  });

  test("bad bodies get a 400 (413 when oversized) that names the problem, and change nothing", async () => {
    const before = (await t.api("/api/v1/api-keys")).body.items.length;

    const malformed = await t.api("/api/v1/api-keys", { raw: '{"name": "x",}' });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.code, "request.malformed_json");

    const wrongType = await t.api("/api/v1/api-keys", { body: { name: 5 } });
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.body.error.code, "request.invalid");
    assert.match(wrongType.body.error.message, /body\.name must be a string/);

    const unknown = await t.api("/api/v1/api-keys", { body: { name: "x", colour: "red" } });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.error.message, /body\.colour is not a known field/);

    const missing = await t.api("/api/v1/api-keys", { body: {} });
    assert.equal(missing.status, 400);
    assert.match(missing.body.error.message, /body\.name is required/);

    const badEnum = await t.api("/api/v1/api-keys", { body: { name: "x", role: "root" } });
    assert.equal(badEnum.status, 400);
    assert.match(badEnum.body.error.message, /body\.role/);

    const huge = await t.api("/api/v1/api-keys", { body: { name: "x".repeat(10_000) } });
    assert.equal(huge.status, 413);
    assert.equal(huge.body.error.code, "request.too_large");
    assert.match(huge.body.error.message, /4096 bytes/);

    const badId = await t.api("/api/v1/api-keys/not-a-uuid", { method: "DELETE" });
    assert.equal(badId.status, 400);
    assert.match(badId.body.error.message, /path\.id/);

    assert.equal((await t.api("/api/v1/api-keys")).body.items.length, before, "nothing was created");
    const noRoute = await t.api("/api/v1/nothing-here");
    assert.equal(noRoute.status, 404);
    assert.equal(noRoute.body.error.code, "route.not_found");
  });
});
