import assert from "node:assert/strict";
import { after, test } from "node:test";
import { closeTestDatabases } from "../support/db.ts";
import { TEST_CREDENTIALS } from "../support/s3.ts";
import { fixture, startWatch } from "../support/watch.ts";

after(closeTestDatabases);

/**
 * Secrets stay secret: after a session that exercises every path where a credential travels (a refused
 * create, a good one, polls, AWS refusing with errors that echo the request, a credential change, listings),
 * the secret is in no response body, no log line (debug level), no error, and no database column.
 */
test("no response, log line, error or database row carries a secret", async () => {
  const h = await startWatch({ env: { DRIFTWATCH_LOG_LEVEL: "debug" } });
  const NEW_SECRET = "Zq8mN3pL5vR7tY9wB2xC4dF6gH8jK0lEXAMPLE";
  const secrets = [TEST_CREDENTIALS.secretAccessKey, NEW_SECRET];
  const bodies: string[] = [];
  const api = async (path: string, init?: Parameters<typeof h.t.api>[1]) => {
    const res = await h.t.api(path, init);
    bodies.push(res.text);
    return res;
  };
  try {
    const create = (secret: string, name: string) =>
      api("/api/v1/connections", {
        body: {
          name,
          provider: "aws_s3",
          region: "us-east-1",
          bucket: h.bucket,
          endpoint_url: h.s3.endpoint,
          force_path_style: true,
          contract_id: h.contractId,
          credentials: {
            type: "aws_static",
            access_key_id: TEST_CREDENTIALS.accessKeyId,
            secret_access_key: secret,
          },
        },
      });
    assert.equal((await create(NEW_SECRET, "refused")).status, 422); // SignatureDoesNotMatch echoes the canonical request
    const ok = await create(TEST_CREDENTIALS.secretAccessKey, "ok");
    assert.equal(ok.status, 201);
    const id = ok.body.id;
    h.s3.putObject(h.bucket, "a.ndjson", fixture("files", "orders-drift.ndjson"));
    h.clock.advance(1000);
    await api(`/api/v1/connections/${id}/poll?wait=true`, { method: "POST" });
    // the store rotates its key: polls fail with AWS errors; then the connection gets the new key
    h.s3.removeCredentials(TEST_CREDENTIALS.accessKeyId);
    h.s3.addCredentials({ accessKeyId: TEST_CREDENTIALS.accessKeyId, secretAccessKey: NEW_SECRET });
    h.clock.advance(1000);
    await api(`/api/v1/connections/${id}/poll?wait=true`, { method: "POST" });
    const patched = await api(`/api/v1/connections/${id}`, {
      method: "PATCH",
      body: {
        credentials: {
          type: "aws_static",
          access_key_id: TEST_CREDENTIALS.accessKeyId,
          secret_access_key: NEW_SECRET,
        },
      },
    });
    assert.equal(patched.status, 200);
    await api(`/api/v1/connections/${id}/poll?wait=true`, { method: "POST" });
    for (const path of [
      "/api/v1/connections",
      `/api/v1/connections/${id}`,
      `/api/v1/connections/${id}/files`,
      `/api/v1/connections/${id}/poll-runs`,
      "/api/v1/drift-events",
      "/openapi.json",
    ]) {
      await api(path);
    }
    const { rows } = await h.t.db.query<{ dump: string }>(
      `SELECT string_agg(t::text, E'\\n') AS dump FROM (
         SELECT row_to_json(c)::text AS t FROM connections c
         UNION ALL SELECT row_to_json(r)::text FROM poll_runs r
         UNION ALL SELECT row_to_json(w)::text FROM watched_files w
         UNION ALL SELECT row_to_json(j)::text FROM jobs j
         UNION ALL SELECT encode(ciphertext, 'escape') || encode(wrapped_key, 'escape') FROM sealed_secrets) x`,
    );
    const logs = h.t.logs();
    assert.ok(logs.length > 1000, "debug logs were captured");
    for (const secret of secrets) {
      for (const [what, text] of [
        ["responses", bodies.join("\n")],
        ["logs", logs],
        ["database", rows[0]!.dump],
      ] as const) {
        assert.ok(!text.includes(secret), `a secret leaked into the ${what}`);
        assert.ok(!text.includes(secret.slice(0, 16)), `part of a secret leaked into the ${what}`);
      }
    }
  } finally {
    await h.close();
  }
});
