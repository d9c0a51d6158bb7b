import assert from "node:assert/strict";
import { after, test } from "node:test";
import { closeTestDatabases, createTestDatabase } from "../../../test/support/db.ts";
import { captureLogger } from "../../../test/support/logger.ts";
import { waitFor } from "../../../test/support/wait.ts";
import { enqueue, getJob, leaseJob, sweepExpiredLeases } from "./job-queue.ts";
import { fireDueSchedules, getSchedule, upsertSchedule } from "./schedules.ts";
import { backoffSeconds, PermanentJobError, Worker } from "./worker.ts";

after(closeTestDatabases);

const fast = {
  concurrency: 2,
  leaseSeconds: 30,
  pollIntervalMs: 20,
  shutdownGraceMs: 2000,
  maintenanceIntervalMs: 50,
};

test("backoff is capped, grows exponentially, and is jittered within [0.5, 1] of the step", () => {
  assert.equal(
    backoffSeconds(1, { baseDelaySeconds: 2 }, () => 1),
    2,
  );
  assert.equal(
    backoffSeconds(3, { baseDelaySeconds: 2 }, () => 1),
    8,
  );
  assert.equal(
    backoffSeconds(3, { baseDelaySeconds: 2 }, () => 0),
    4,
  );
  assert.equal(
    backoffSeconds(30, { baseDelaySeconds: 2, maxDelaySeconds: 60 }, () => 1),
    60,
  );
});

test("a failing job is retried with backoff, then failed with its last error after max attempts", async () => {
  const t = await createTestDatabase();
  const { logger } = captureLogger();
  const worker = new Worker(t.db, logger, fast);
  let calls = 0;
  worker.register(
    "flaky",
    async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    },
    { baseDelaySeconds: 0.01, maxDelaySeconds: 0.02 },
  );
  try {
    const { job } = await enqueue(t.db, { task: "flaky", maxAttempts: 3 });
    worker.start();
    const done = await waitFor(async () => {
      const j = await getJob(t.db, job.id);
      return j?.status === "failed" ? j : undefined;
    });
    assert.equal(calls, 3);
    assert.equal(done.attempts, 3);
    assert.equal(done.last_error, "boom 3");
  } finally {
    await worker.stop();
    await t.close();
  }
});

test("a permanent error fails at once; a success stores its result", async () => {
  const t = await createTestDatabase();
  const worker = new Worker(t.db, captureLogger().logger, fast);
  worker.register("perm", async () => {
    throw new PermanentJobError("no such connection");
  });
  worker.register("ok", async (job) => ({ echoed: job.payload.n }));
  try {
    const a = (await enqueue(t.db, { task: "perm", maxAttempts: 5 })).job;
    const b = (await enqueue(t.db, { task: "ok", payload: { n: 7 } })).job;
    worker.start();
    const failed = await waitFor(async () =>
      (await getJob(t.db, a.id))?.status === "failed" ? getJob(t.db, a.id) : undefined,
    );
    assert.equal(failed!.attempts, 1);
    const ok = await waitFor(async () =>
      (await getJob(t.db, b.id))?.status === "completed" ? getJob(t.db, b.id) : undefined,
    );
    assert.deepEqual(ok!.result, { echoed: 7 });
  } finally {
    await worker.stop();
    await t.close();
  }
});

test("singleton keys keep one queued job; concurrency keys keep one active job", async () => {
  const t = await createTestDatabase();
  try {
    const first = await enqueue(t.db, { task: "poll", singletonKey: "poll:1", concurrencyKey: "c:1" });
    const second = await enqueue(t.db, { task: "poll", singletonKey: "poll:1", concurrencyKey: "c:1" });
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.job.id, first.job.id);

    const leased = await leaseJob(t.db, "w1", ["poll"], 30);
    assert.equal(leased?.id, first.job.id);
    // now that it is active, a new one can be queued, but not leased while the first is active
    const third = await enqueue(t.db, { task: "poll", singletonKey: "poll:1", concurrencyKey: "c:1" });
    assert.equal(third.created, true);
    assert.equal(await leaseJob(t.db, "w2", ["poll"], 30), undefined);
    await t.db.query("UPDATE jobs SET status = 'completed' WHERE id = $1", [first.job.id]);
    assert.equal((await leaseJob(t.db, "w2", ["poll"], 30))?.id, third.job.id);
  } finally {
    await t.close();
  }
});

test("the sweeper returns an expired lease to the queue, and fails it when attempts are used up", async () => {
  const t = await createTestDatabase();
  try {
    const a = (await enqueue(t.db, { task: "x", maxAttempts: 2 })).job;
    await leaseJob(t.db, "dead-worker", ["x"], 30);
    assert.deepEqual(
      await sweepExpiredLeases(t.db),
      { requeued: 0, failed: 0 },
      "a live lease is left alone",
    );
    await t.db.query("UPDATE jobs SET locked_until = now() - interval '1 second' WHERE id = $1", [a.id]);
    assert.deepEqual(await sweepExpiredLeases(t.db), { requeued: 1, failed: 0 });
    const back = await getJob(t.db, a.id);
    assert.equal(back?.status, "queued");
    assert.match(back?.last_error ?? "", /lease expired: worker dead-worker/);

    await leaseJob(t.db, "dead-worker", ["x"], 30);
    await t.db.query("UPDATE jobs SET locked_until = now() - interval '1 second' WHERE id = $1", [a.id]);
    assert.deepEqual(await sweepExpiredLeases(t.db), { requeued: 0, failed: 1 });
    assert.equal((await getJob(t.db, a.id))?.status, "failed");
  } finally {
    await t.close();
  }
});

test("a due schedule fires once per tick, however many processes tick at once, and skips missed ticks", async () => {
  const t = await createTestDatabase();
  const extra = t.engine === "postgres" ? [t.connect(), t.connect(), t.connect()] : [];
  try {
    await upsertSchedule(t.db, {
      key: "poll:conn-1",
      task: "poll",
      intervalSeconds: 60,
      firstRunInSeconds: 0,
    });
    // pretend the service was down for 10 intervals
    await t.db.query(
      "UPDATE schedules SET next_run_at = now() - interval '605 seconds' WHERE key = 'poll:conn-1'",
    );
    const dbs = [t.db, ...extra];
    const fired = await Promise.all(
      dbs.flatMap((db) => [1, 2].map(() => db.transaction((tx) => fireDueSchedules(tx)))),
    );
    assert.equal(
      fired.reduce((a, b) => a + b, 0),
      1,
    );
    const { rows } = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM jobs WHERE task = 'poll'",
    );
    assert.equal(rows[0]!.n, 1);
    const s = await getSchedule(t.db, "poll:conn-1");
    const ahead = (s!.next_run_at.getTime() - Date.now()) / 1000;
    assert.ok(ahead > 0 && ahead <= 60, `next run is the first tick after now (in ${ahead}s)`);
  } finally {
    for (const db of extra) await db.close();
    await t.close();
  }
});

test("stop() lets a running job finish within the grace period, and releases one that does not", async () => {
  const t = await createTestDatabase();
  const worker = new Worker(t.db, captureLogger().logger, { ...fast, concurrency: 2 });
  let quickDone = false;
  worker.register("quick", async () => {
    await new Promise((r) => setTimeout(r, 100));
    quickDone = true;
  });
  worker.register(
    "stuck",
    (_job, ctx) =>
      new Promise((_r, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason))),
  );
  try {
    const q = (await enqueue(t.db, { task: "quick" })).job;
    const s = (await enqueue(t.db, { task: "stuck" })).job;
    worker.start();
    await waitFor(() => worker.runningJobIds.length === 2);
    await worker.stop(500);
    assert.equal(quickDone, true);
    assert.equal((await getJob(t.db, q.id))?.status, "completed");
    const stuck = await getJob(t.db, s.id);
    assert.equal(stuck?.status, "queued", "released, not failed");
    assert.equal(stuck?.attempts, 0, "a release does not count as an attempt");
    assert.equal(stuck?.locked_by, null);
  } finally {
    await t.close();
  }
});
