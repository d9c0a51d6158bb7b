import assert from "node:assert/strict";
import { after, test } from "node:test";
import { closeTestDatabases } from "../support/db.ts";
import { waitFor } from "../support/wait.ts";
import { startWatch, type WatchHarness } from "../support/watch.ts";

after(closeTestDatabases);

const P = "in/";

const goodOrder = (i: number, status = "pending") =>
  `${JSON.stringify({
    order_id: `ORD-${String(100000 + i)}`,
    status,
    order_date: "2024-03-01",
    created_at: "2024-03-01T09:15:00Z",
    customer: { id: 100 + i, email: `p${i}@example.com`, country: "US" },
    total: 10 + i,
    currency: "USD",
    items: [{ sku: "ABC-1001", qty: 1, price: 10 + i }],
    notes: "n",
  })}\n`;

const HUGE = "f".repeat(5000);

/** 100 good files and the two poison kinds of issue 10: a 5,000-character field name, a lone surrogate. */
function putBucket(h: WatchHarness): void {
  for (let i = 0; i < 100; i++) h.s3.putObject(h.bucket, `${P}good-${i}.ndjson`, Buffer.from(goodOrder(i)));
  h.s3.putObject(
    h.bucket,
    `${P}poison-huge-field.ndjson`,
    Buffer.from(`${goodOrder(200).slice(0, -2)}, "${HUGE}": 1, "${HUGE}x": 2}\n`),
  );
  // JSON.stringify writes the lone surrogate as the escape "\ud800", which json/jsonb refuse
  h.s3.putObject(h.bucket, `${P}poison-surrogate.ndjson`, Buffer.from(goodOrder(201, "\ud800")));
}

/** Backfills the bucket and returns the connection, its files and its first (automatic) run. */
async function firstCycle(h: WatchHarness) {
  putBucket(h);
  h.clock.advance(1000);
  const id = await h.connect({ prefix: P, backfill: true });
  const run = await waitFor(
    async () => {
      const runs = (await h.t.api(`/api/v1/connections/${id}/poll-runs`)).body.items as any[];
      return runs.find((r) => r.status === "completed" || r.status === "failed");
    },
    { what: "the first cycle", timeoutMs: 180_000 },
  );
  const files = (await h.t.api(`/api/v1/connections/${id}/files?limit=500`)).body.items as any[];
  const connection = (await h.t.api(`/api/v1/connections/${id}`)).body;
  const events = (await h.t.api(`/api/v1/drift-events?connection_id=${id}&limit=500`)).body.items as any[];
  return { id, run, files, connection, events };
}

test("poison files are stored bounded and clean: 100 good files and both poison files in one cycle", async () => {
  const h = await startWatch({ env: { DRIFTWATCH_POLL_CAP: "200" } });
  try {
    const { run, files, events } = await firstCycle(h);
    assert.equal(run.status, "completed", JSON.stringify(run));
    assert.equal(run.counts.processed, 102);
    assert.equal(run.counts.failed, 0);
    assert.equal(files.length, 102);
    assert.ok(files.every((f) => f.status === "processed"));
    // the two 5,000-character field names stay two events, each path bounded with a hash suffix
    const huge = events.filter(
      (e) => e.file.key.endsWith("huge-field.ndjson") && e.type === "unexpected_field",
    );
    assert.equal(huge.length, 2, JSON.stringify(events.map((e) => [e.type, e.path.length])));
    assert.notEqual(huge[0].path, huge[1].path);
    for (const e of huge) assert.ok(e.path.length <= 400 && /…#[0-9a-f]{10}$/.test(e.path), e.path);
    // the lone surrogate is shown as U+FFFD
    const enumEvent = events.find(
      (e) => e.file.key.endsWith("surrogate.ndjson") && e.type === "enum_violation",
    );
    assert.ok(enumEvent, "the surrogate file's drift is recorded");
    assert.equal(enumEvent.samples[0].value, "\uFFFD");
  } finally {
    await h.close();
  }
});

test("a file the database still refuses is file_unprocessable; the batch goes on and the connection warns", async () => {
  const h = await startWatch({ env: { DRIFTWATCH_POLL_CAP: "200" } });
  try {
    // The database itself refuses these two files' drift (a trigger standing in for a limit the bounds do
    // not cover); nothing in the app is mocked.
    await h.t.db.exec(`
      CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.type <> 'file_unprocessable' AND NEW.file->>'key' LIKE '%poison%' THEN
          RAISE EXCEPTION 'index row size % exceeds maximum 2704', length(NEW.path) USING ERRCODE = '54000';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT ON drift_events FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
    const { run, files, connection, events } = await firstCycle(h);
    assert.equal(run.status, "completed", JSON.stringify(run));
    assert.equal(run.counts.processed, 100, "the 100 good files are checked in the same cycle");
    assert.equal(run.counts.failed, 2);
    const poison = files.filter((f) => f.key.includes("poison"));
    assert.deepEqual(
      poison.map((f) => [f.status, f.error?.code]),
      [
        ["failed", "file.unprocessable"],
        ["failed", "file.unprocessable"],
      ],
    );
    const unprocessable = events.filter((e) => e.type === "file_unprocessable");
    assert.equal(unprocessable.length, 2);
    for (const e of unprocessable) assert.match(e.actual, /exceeds maximum 2704 \(54000\)/);
    assert.equal(connection.health, "warning");
    assert.equal(connection.last_error.code, "file.unprocessable");
    assert.match(connection.last_error.message, /poison-huge-field\.ndjson/);
    assert.match(connection.last_error.message, /poison-surrogate\.ndjson/);
    console.log(
      `poison demo (${h.t.database.engine}): ${run.counts.processed} good files processed in the same cycle, ${unprocessable.length} file_unprocessable, health ${connection.health}`,
    );

    // a new version of a set-aside file is checked again
    await h.t.db.exec("DROP TRIGGER refuse_poison ON drift_events");
    h.clock.advance(1000);
    h.s3.putObject(h.bucket, `${P}poison-surrogate.ndjson`, Buffer.from(goodOrder(202, "\ud800")));
    const again = await h.poll(connection.id);
    assert.equal(again.counts.processed, 1);
    assert.equal((await h.t.api(`/api/v1/connections/${connection.id}`)).body.health, "healthy");
  } finally {
    await h.close();
  }
});

test("the sweeper closes a poll run left running by a killed process", async () => {
  const h = await startWatch();
  try {
    const id = await h.connect({ prefix: P });
    const { rows } = await h.t.db.query<{ id: string }>(
      `INSERT INTO poll_runs (org_id, connection_id, trigger, status, started_at, job_id)
       VALUES ($1, $2, 'backlog', 'running', now(), 987654) RETURNING id`,
      [h.t.orgId, id],
    );
    const run = await waitFor(
      async () => {
        const r = (await h.t.api(`/api/v1/poll-runs/${rows[0]!.id}`)).body;
        return r.status === "failed" ? r : undefined;
      },
      { what: "the stale run to be closed" },
    );
    assert.equal(run.error.code, "poll.interrupted");
    assert.ok(run.finished_at);
  } finally {
    await h.close();
  }
});
