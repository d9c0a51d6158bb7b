import assert from "node:assert/strict";
import { after, test } from "node:test";
import { closeTestDatabases } from "../support/db.ts";
import { waitFor } from "../support/wait.ts";
import { fixture, startWatch, type WatchHarness } from "../support/watch.ts";

after(closeTestDatabases);

const P = "in/";

async function withWatch(env: Record<string, string>, fn: (h: WatchHarness, id: string) => Promise<void>) {
  const h = await startWatch({ env });
  try {
    const id = await h.connect({ prefix: P });
    await waitFor(async () => (await h.t.api(`/api/v1/connections/${id}`)).body.last_poll_at, {
      what: "the first poll",
    });
    await fn(h, id);
  } finally {
    await h.close();
  }
}

const ledger = async (h: WatchHarness, id: string) =>
  (await h.t.api(`/api/v1/connections/${id}/files?limit=500`)).body.items as Array<Record<string, any>>;

test("a failed download is pending with its error, retried with backoff, then processed; the watermark waits for it", async () => {
  await withWatch({ DRIFTWATCH_FILE_RETRY_BASE_SECONDS: "1" }, async (h, id) => {
    h.s3.putObject(h.bucket, `${P}ok.ndjson`, fixture("files", "orders.ndjson"));
    h.s3.putObject(h.bucket, `${P}flaky.ndjson`, fixture("files", "orders-drift.ndjson"));
    // 3 failures: all the SDK's attempts of one download
    h.s3.injectFault({
      op: "GetObject",
      status: 500,
      code: "InternalError",
      times: 3,
      match: (r) => r.key === `${P}flaky.ndjson`,
    });
    h.clock.advance(1000);
    const run = await h.poll(id);
    assert.equal(run.counts.processed, 1);
    assert.equal(run.counts.failed, 1);
    const flaky = (await ledger(h, id)).find((f) => f.key === `${P}flaky.ndjson`)!;
    assert.equal(flaky.status, "pending");
    assert.equal(flaky.attempts, 1);
    assert.equal(flaky.error.code, "connection.s3.throttled");
    assert.ok(flaky.next_attempt_at);
    const c = (await h.t.api(`/api/v1/connections/${id}`)).body;
    assert.equal(c.health, "warning");
    assert.equal(c.last_error.code, "connection.s3.throttled");
    assert.ok(
      new Date(run.watermark).getTime() <= new Date(flaky.last_modified).getTime(),
      "the watermark waits for the pending file",
    );

    // a retry cycle is queued for when the backoff ends; no manual poll needed (the watch's clock moves on)
    h.clock.advance(5000);
    await waitFor(
      async () => (await ledger(h, id)).find((f) => f.key === `${P}flaky.ndjson`)?.status === "processed",
      {
        what: "the retry",
      },
    );
    const done = (await ledger(h, id)).find((f) => f.key === `${P}flaky.ndjson`)!;
    assert.equal(done.attempts, 2);
    assert.equal(done.error, null);
    assert.ok(done.events > 0, "its drift is recorded once it could be read");
    await waitFor(async () => (await h.t.api(`/api/v1/connections/${id}`)).body.health === "healthy");
  });
});

test("a file that keeps failing is `failed` after its last attempt and no longer holds the watermark", async () => {
  await withWatch(
    { DRIFTWATCH_FILE_RETRY_BASE_SECONDS: "1", DRIFTWATCH_FILE_MAX_ATTEMPTS: "2" },
    async (h, id) => {
      h.s3.putObject(h.bucket, `${P}broken.ndjson`, fixture("files", "orders.ndjson"));
      h.s3.injectFault({
        op: "GetObject",
        status: 403,
        code: "AccessDenied",
        match: (r) => r.key === `${P}broken.ndjson`,
      });
      h.clock.advance(1000);
      await h.poll(id);
      h.clock.advance(5000);
      await waitFor(async () => (await ledger(h, id))[0]?.status === "failed", { what: "the last attempt" });
      const f = (await ledger(h, id))[0]!;
      assert.equal(f.attempts, 2);
      assert.equal(f.error.code, "connection.s3.access_denied");
      assert.match(f.error.hint, /lacks s3:GetObject on arn:aws:s3:::partner-drops\/in\/broken\.ndjson/);
      const gets = () =>
        h.s3.requests.filter((r) => r.op === "GetObject" && r.key === `${P}broken.ndjson`).length;
      const before = gets();
      h.clock.advance(1000);
      const run = await h.poll(id);
      assert.equal(gets(), before, "not retried after its last attempt");
      assert.ok(
        new Date(run.watermark).getTime() > new Date(f.last_modified).getTime(),
        "the watermark moved past it",
      );
    },
  );
});

test("too large files are recorded with one file_too_large event naming the limit, never downloaded; unparseable files are drift", async () => {
  await withWatch({ DRIFTWATCH_MAX_FILE_BYTES: "2000" }, async (h, id) => {
    h.s3.putObject(h.bucket, `${P}big.ndjson`, "x".repeat(5000));
    h.s3.putObject(h.bucket, `${P}truncated.json`, fixture("files", "orders-truncated.json"));
    h.clock.advance(1000);
    const run = await h.poll(id);
    assert.equal(run.counts.too_large, 1);
    assert.equal(run.counts.processed, 1);
    assert.equal(h.s3.requests.filter((r) => r.op === "GetObject" && r.key === `${P}big.ndjson`).length, 0);
    const events = (await h.t.api(`/api/v1/drift-events?connection_id=${id}`)).body.items;
    const big = events.filter((e: any) => e.file.key === `${P}big.ndjson`);
    assert.deepEqual(
      big.map((e: any) => e.type),
      ["file_too_large"],
    );
    assert.match(big[0].expected, /2000 bytes/);
    const bad = events.filter((e: any) => e.file.key === `${P}truncated.json`);
    assert.deepEqual(
      bad.map((e: any) => e.type),
      ["file_unparseable"],
    );
    assert.equal(bad[0].severity, "critical");
    assert.equal(
      (await h.t.api(`/api/v1/connections/${id}`)).body.health,
      "healthy",
      "a drifting file is not a connection problem",
    );
  });
});

test("drift events: filters, cursor pages, acknowledge and reopen, per-day summary; the ledger pages too", async () => {
  await withWatch({}, async (h, id) => {
    for (let i = 0; i < 3; i++)
      h.s3.putObject(
        h.bucket,
        `${P}drift-${i}.ndjson`,
        `${fixture("files", "orders-drift.ndjson")}\n{"order_id":"ORD-90000${i}"}\n`,
      );
    h.clock.advance(1000);
    await h.poll(id);
    const all = (await h.t.api(`/api/v1/drift-events?connection_id=${id}&limit=500`)).body.items;
    assert.ok(all.length >= 6);
    // pages of 2 cover every event exactly once
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await h.t.api(
        `/api/v1/drift-events?connection_id=${id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      assert.equal(page.status, 200);
      seen.push(...page.body.items.map((e: any) => e.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    assert.deepEqual([...seen].sort(), all.map((e: any) => e.id).sort());
    assert.equal(new Set(seen).size, seen.length);

    const type = all[0].type;
    const byType = (await h.t.api(`/api/v1/drift-events?type=${type}&limit=500`)).body.items;
    assert.ok(byType.length > 0 && byType.every((e: any) => e.type === type));
    const errors = (await h.t.api("/api/v1/drift-events?severity=error&limit=500")).body.items;
    assert.ok(errors.every((e: any) => e.severity === "error"));
    const future = (
      await h.t.api(`/api/v1/drift-events?since=${new Date(Date.now() + 3600_000).toISOString()}`)
    ).body.items;
    assert.equal(future.length, 0);

    const acked = await h.t.api(`/api/v1/drift-events/${all[0].id}`, {
      method: "PATCH",
      body: { status: "acknowledged" },
    });
    assert.equal(acked.status, 200);
    assert.equal(acked.body.status, "acknowledged");
    assert.ok(acked.body.acknowledged_at);
    const open = (await h.t.api(`/api/v1/drift-events?connection_id=${id}&status=open&limit=500`)).body.items;
    assert.equal(open.length, all.length - 1);
    assert.equal((await h.t.api(`/api/v1/connections/${id}`)).body.open_events, all.length - 1);
    const reopened = await h.t.api(`/api/v1/drift-events/${all[0].id}`, {
      method: "PATCH",
      body: { status: "open" },
    });
    assert.equal(reopened.body.acknowledged_at, null);
    const badStatus = await h.t.api(`/api/v1/drift-events/${all[0].id}`, {
      method: "PATCH",
      body: { status: "done" },
    });
    assert.equal(badStatus.status, 400);
    const badCursor = await h.t.api("/api/v1/drift-events?cursor=garbage");
    assert.equal(badCursor.status, 400);
    assert.equal(badCursor.body.error.code, "request.invalid_cursor");

    const summary = (await h.t.api("/api/v1/drift-events/summary?days=7")).body.days;
    assert.equal(summary.length, 7);
    const today = summary.at(-1);
    assert.equal(today.info + today.warning + today.error + today.critical, all.length);

    const page1 = await h.t.api(`/api/v1/connections/${id}/files?limit=2`);
    assert.equal(page1.body.items.length, 2);
    const page2 = await h.t.api(`/api/v1/connections/${id}/files?limit=2&cursor=${page1.body.next_cursor}`);
    assert.equal(page2.body.items.length, 1);
    assert.equal(page2.body.next_cursor, null);
  });
});
