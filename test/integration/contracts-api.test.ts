import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../support/app.ts";
import { closeTestDatabases } from "../support/db.ts";

after(closeTestDatabases);

const FIX = join(import.meta.dirname, "..", "fixtures");
const ORDERS = readFileSync(join(FIX, "contracts", "orders.odcs.yaml"), "utf8");
const INVALID = readFileSync(join(FIX, "contracts", "invalid.odcs.yaml"), "utf8");

async function upload(t: TestApp, path: string, file: string) {
  const res = await fetch(t.url + path, {
    method: "POST",
    headers: { authorization: `Bearer ${t.adminKey}`, "content-type": "application/octet-stream" },
    body: readFileSync(join(FIX, "files", file)),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe("contracts API", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  test("create, read, update (a new version), list versions, and read an old version", async () => {
    const created = await t.api("/api/v1/contracts", { body: { name: "Partner orders", document: ORDERS } });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.contract_key, "orders-inbound");
    assert.equal(created.body.odcs_version, "1.2.0");
    assert.equal(created.body.version, 1);

    const same = await t.api(`/api/v1/contracts/${created.body.id}`, {
      method: "PUT",
      body: { document: ORDERS },
    });
    assert.equal(same.body.version, 1, "an unchanged document is not a new version");

    const changed = ORDERS.replace("version: 1.2.0", "version: 1.3.0");
    const updated = await t.api(`/api/v1/contracts/${created.body.id}`, {
      method: "PUT",
      body: { document: changed },
    });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.version, 2);
    assert.equal(updated.body.odcs_version, "1.3.0");

    const versions = await t.api(`/api/v1/contracts/${created.body.id}/versions`);
    assert.deepEqual(
      versions.body.items.map((v: { version: number }) => v.version),
      [2, 1],
    );
    const v1 = await t.api(`/api/v1/contracts/${created.body.id}/versions/1`);
    assert.equal(v1.body.document, ORDERS);

    const dup = await t.api("/api/v1/contracts", { body: { name: "Partner orders", document: ORDERS } });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.code, "contract.name_taken");
  });

  test("a contract with lint errors is a 400 with line and column, and nothing is stored", async () => {
    const before = (await t.api("/api/v1/contracts")).body.items.length;
    const res = await t.api("/api/v1/contracts", { body: { name: "broken", document: INVALID } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "contract.invalid");
    const issue = res.body.error.details.issues[0];
    assert.ok(issue.line > 0 && issue.column > 0);
    assert.match(res.body.error.message, /\d+:\d+/);
    assert.equal((await t.api("/api/v1/contracts")).body.items.length, before);

    const lint = await t.api("/api/v1/contracts/lint", { body: { document: INVALID } });
    assert.equal(lint.status, 200);
    assert.ok(lint.body.issues.some((i: { severity: string }) => i.severity === "error"));
    const yamlBroken = await t.api("/api/v1/contracts/lint", {
      body: { document: "schema:\n  - name: x\n   bad: [" },
    });
    assert.ok(yamlBroken.body.issues[0].line >= 2);
  });

  test("try a file: drift events come back and nothing is stored; infer a contract from a sample", async () => {
    const created = await t.api("/api/v1/contracts", { body: { name: "try", document: ORDERS } });
    const clean = await upload(
      t,
      `/api/v1/contracts/${created.body.id}/check?filename=orders.json`,
      "orders.json",
    );
    assert.equal(clean.status, 200);
    assert.equal(clean.body.format, "json");
    assert.deepEqual(clean.body.events, []);
    assert.ok(clean.body.records > 0);

    const truncated = await upload(
      t,
      `/api/v1/contracts/${created.body.id}/check?filename=orders.json`,
      "orders-truncated.json",
    );
    assert.equal(truncated.status, 200);
    assert.deepEqual(
      truncated.body.events.map((e: { type: string }) => e.type),
      ["file_unparseable"],
    );
    const drift = await upload(
      t,
      `/api/v1/contracts/${created.body.id}/check?filename=orders-drift.ndjson`,
      "orders-drift.ndjson",
    );
    assert.ok(drift.body.events.length > 0);
    assert.ok(
      drift.body.events.every((e: { file: { key: string } }) => e.file.key === "orders-drift.ndjson"),
    );
    const { rows } = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM drift_events");
    assert.equal(rows[0]!.n, 0, "the try-it check stores nothing");

    const inferred = await upload(t, "/api/v1/contracts/infer?filename=order-lines.csv", "order-lines.csv");
    assert.equal(inferred.status, 200);
    assert.equal(inferred.body.format, "csv");
    const fromSample = await t.api("/api/v1/contracts", {
      body: { name: "inferred lines", document: inferred.body.document },
    });
    assert.equal(fromSample.status, 201, fromSample.text);
    const passes = await upload(
      t,
      `/api/v1/contracts/${fromSample.body.id}/check?filename=order-lines.csv`,
      "order-lines.csv",
    );
    assert.deepEqual(passes.body.events, [], "the sample passes the contract inferred from it");
  });

  test("an unknown or other org's contract is a 404; a bad format is a 400", async () => {
    const missing = await t.api("/api/v1/contracts/00000000-0000-4000-8000-000000000000");
    assert.equal(missing.status, 404);
    const created = await t.api("/api/v1/contracts", { body: { name: "fmt", document: ORDERS } });
    const bad = await t.api(`/api/v1/contracts/${created.body.id}/check?format=xml`, { raw: "{}" });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /query\.format/);
  });
});
