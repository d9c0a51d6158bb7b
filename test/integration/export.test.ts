/** The exporter against the S3 emulator: batches, keys, retries after a crash, collisions, scan reports. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { parquetReadObjects } from "hyparquet";
import { closeTestDatabases, testEngine } from "../support/db.ts";
import { insertEvents, readExported, STATIC_CREDENTIALS } from "../support/export.ts";
import { startWatch, type WatchHarness } from "../support/watch.ts";

after(closeTestDatabases);

describe(`exporting drift events (${testEngine})`, () => {
  let h: WatchHarness;
  let orgId: string;
  const connections: string[] = [];

  before(async () => {
    h = await startWatch({ worker: false, env: { DRIFTWATCH_ENV: "test-env" } });
    h.s3.createBucket("lake");
    orgId = h.t.orgId;
    connections.push(await h.connect({ name: "orders a" }), await h.connect({ name: "orders b" }));
  });
  after(() => h.close());

  async function destination(over: Record<string, unknown> = {}): Promise<string> {
    const res = await h.t.api("/api/v1/destinations", {
      body: {
        name: `d-${Math.random().toString(36).slice(2, 8)}`,
        region: "us-east-1",
        bucket: "lake",
        endpoint_url: h.s3.endpoint,
        force_path_style: true,
        credentials: STATIC_CREDENTIALS,
        ...over,
      },
    });
    assert.equal(res.status, 201, res.text);
    return res.body.id;
  }

  const exportNow = async (id: string) => {
    const res = await h.t.api(`/api/v1/destinations/${id}/export`, { method: "POST" });
    return res;
  };

  test("events are batched by count, grouped by {connection}, each exactly once, under the template", async () => {
    const id = await destination({
      path_prefix: "drift/{org}/{env}/{kind}/{connection}/",
      batch_max_events: 100,
    });
    await insertEvents(h.t.db, orgId, 150, { connectionId: connections[0]! });
    await insertEvents(h.t.db, orgId, 100, { connectionId: connections[1]!, start: 1000 });
    const before = await h.t.api(`/api/v1/destinations/${id}`);
    assert.equal(before.body.status.backlog_events, 250);

    const run = await exportNow(id);
    assert.equal(run.status, 200, run.text);
    assert.equal(run.body.batches_planned, 3);
    assert.equal(run.body.batches_written, 3);
    assert.equal(run.body.events_exported, 250);

    const out = readExported(h.s3, "lake", "drift/");
    assert.equal(out.seen.size, 250);
    assert.ok(
      [...out.seen.values()].every((n) => n === 1),
      "each event in one object",
    );
    for (const key of out.keys) {
      assert.match(
        key,
        /^drift\/[^/]+\/test-env\/events\/orders-[ab]\/events-\d{8}T\d{6}Z-[0-9a-f]{8}-\d{6}(-\d{3})?\.ndjson$/,
      );
    }
    assert.ok(
      out.keys.some((k) => k.includes("/orders-a/")) && out.keys.some((k) => k.includes("/orders-b/")),
    );
    const { rows } = await h.t.db.query<{ id: string }>("SELECT id FROM drift_events");
    assert.deepEqual(new Set(out.seen.keys()), new Set(rows.map((r) => r.id)));
    const first = h.s3.getObject("lake", out.keys[0]!)!;
    assert.equal(first.metadata["driftwatch-kind"], "events");
    assert.ok(h.s3.writes.every((w) => !w.replaced));

    const again = await exportNow(id);
    assert.equal(again.body.batches_planned, 0, "the cursor does not rescan");
    const after = (await h.t.api(`/api/v1/destinations/${id}`)).body;
    assert.equal(after.status.backlog_events, 0);
    assert.equal(after.status.events_exported, 250);
    assert.equal(after.status.objects_written, out.objects);
    assert.equal(after.health, "healthy");
    const batches = await h.t.api(`/api/v1/destinations/${id}/batches`);
    assert.equal(batches.body.items.length, 3);
    assert.ok(batches.body.items.every((b: { status: string }) => b.status === "written"));
  });

  test("a batch not yet due waits for its age unless flushed; the job path honours both", async () => {
    const id = await destination({ path_prefix: "age/", batch_max_events: 1000, batch_max_age_seconds: 60 });
    await insertEvents(h.t.db, orgId, 10, { start: 5000 });
    const target = await h.t.services.destinations.target(orgId, id);
    h.clock.set(new Date().toISOString());
    const young = await h.t.services.exports.run(target, { flush: false });
    assert.equal(young.batches_planned, 0, "10 events younger than a minute wait");
    h.clock.set(new Date(Date.now() + 61_000).toISOString());
    const due = await h.t.services.exports.run(target, { flush: false });
    assert.equal(due.batches_planned, 1);
    assert.equal(due.events_exported, 10);
  });

  test("after a crash between S3's answer and the commit, the retry finds its keys written: no duplicate, no overwrite", async () => {
    const id = await destination({ path_prefix: "crash/" });
    await insertEvents(h.t.db, orgId, 40, { start: 7000 });
    assert.equal((await exportNow(id)).body.events_exported, 40);
    // as if the process died before marking the batch written
    await h.t.db.query(
      "UPDATE export_batches SET status = 'pending', written_at = NULL WHERE destination_id = $1",
      [id],
    );
    const writes = h.s3.writes.length;
    const retry = await exportNow(id);
    assert.equal(retry.status, 200, retry.text);
    assert.equal(retry.body.batches_written, 1);
    assert.equal(retry.body.objects_written, 0);
    assert.equal(retry.body.objects_already_written, 1);
    const redo = h.s3.writes.slice(writes);
    assert.deepEqual(
      redo.map((w) => [w.outcome, w.replaced]),
      [["precondition_failed", false]],
    );
    assert.equal(readExported(h.s3, "lake", "crash/").seen.size, 40);
  });

  test("a key taken by someone else on a first attempt is reported, not overwritten", async () => {
    const id = await destination({ path_prefix: "taken/" });
    await insertEvents(h.t.db, orgId, 5, { start: 8000 });
    h.s3.injectFault({ op: "PutObject", status: 503, code: "SlowDown", times: 10 });
    const failed = await exportNow(id);
    h.s3.clearFaults();
    assert.equal(failed.status, 422, failed.text);
    assert.equal(failed.body.error.details.retryable, true);
    const { rows } = await h.t.db.query<{ objects: Array<{ key: string }> }>(
      "SELECT objects FROM export_batches WHERE destination_id = $1",
      [id],
    );
    const key = rows[0]!.objects[0]!.key;
    h.s3.putObject("lake", key, "someone else's object");
    await h.t.db.query(
      "UPDATE export_batches SET attempts = 0, next_attempt_at = now() WHERE destination_id = $1",
      [id],
    );
    const res = await exportNow(id);
    assert.equal(res.status, 422, res.text);
    assert.equal(res.body.error.code, "destination.s3.object_exists");
    assert.match(res.body.error.hint, /path prefix of its own/);
    assert.equal(Buffer.from(h.s3.getObject("lake", key)!.body).toString(), "someone else's object");
    const d = (await h.t.api(`/api/v1/destinations/${id}`)).body;
    assert.equal(d.last_error.code, "destination.s3.object_exists");
    assert.equal(d.status.pending_batches, 1);
  });

  test("parquet batches hold every event", async () => {
    const id = await destination({ path_prefix: "pq/", format: "parquet" });
    await insertEvents(h.t.db, orgId, 30, { start: 9000 });
    assert.equal((await exportNow(id)).body.events_exported, 30);
    const key = h.s3.listKeys("lake").find((k) => k.startsWith("pq/"))!;
    assert.match(key, /\.parquet$/);
    const body = h.s3.getObject("lake", key)!.body;
    const file = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
    const rows = await parquetReadObjects({ file });
    assert.equal(rows.length, 30);
  });

  test("queueScanReport: a finished scan's report goes to destinations that take scan reports, once", async () => {
    const id = await destination({
      path_prefix: "reports/{account}/{kind}/",
      export_events: false,
      export_scan_reports: true,
    });
    const planned = await h.t.services.exports.queueScanReport(orgId, {
      account: "123456789012",
      report: { summary: { drifted: 2 } },
    });
    assert.equal(planned, 1);
    const run = await exportNow(id);
    assert.equal(run.body.batches_written, 1);
    const keys = h.s3.listKeys("lake").filter((k) => k.startsWith("reports/"));
    assert.equal(keys.length, 1);
    assert.match(
      keys[0]!,
      /^reports\/123456789012\/scan-reports\/scan-reports-\d{8}T\d{6}Z-[0-9a-f]{8}-\d{6}\.json$/,
    );
    assert.deepEqual(JSON.parse(Buffer.from(h.s3.getObject("lake", keys[0]!)!.body).toString()), {
      summary: { drifted: 2 },
    });
    assert.equal((await exportNow(id)).body.batches_written, 0);
  });
});
