import assert from "node:assert/strict";
import { after, test } from "node:test";
import { enqueue } from "../../src/infra/jobs/job-queue.ts";
import { Worker } from "../../src/infra/jobs/worker.ts";
import { closeTestDatabases, createTestDatabase, testEngine } from "../support/db.ts";
import { captureLogger } from "../support/logger.ts";
import { waitFor } from "../support/wait.ts";

after(closeTestDatabases);

test(`4 workers over 500 jobs: each job runs exactly once (${testEngine})`, async () => {
  const t = await createTestDatabase();
  // On PostgreSQL each worker has its own connection pool, as separate processes would.
  const dbs =
    t.engine === "postgres" ? [t.connect(), t.connect(), t.connect(), t.connect()] : [t.db, t.db, t.db, t.db];
  const workers: Worker[] = [];
  try {
    await t.db.exec("CREATE TABLE runs (job_id bigint NOT NULL, worker text NOT NULL)");
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 500; i++) await enqueue(tx, { task: "count", payload: { i } });
    });
    for (const db of dbs) {
      const w = new Worker(db, captureLogger().logger, {
        concurrency: 4,
        leaseSeconds: 30,
        pollIntervalMs: 10,
        shutdownGraceMs: 1000,
      });
      w.register("count", async (job, ctx) => {
        await ctx.db.query("INSERT INTO runs (job_id, worker) VALUES ($1, $2)", [job.id, ctx.workerId]);
      });
      workers.push(w);
    }
    for (const w of workers) w.start();
    await waitFor(
      async () => {
        const { rows } = await t.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM jobs WHERE status <> 'completed'",
        );
        return rows[0]!.n === 0;
      },
      { timeoutMs: 60_000, what: "all 500 jobs to complete" },
    );
    const { rows } = await t.db.query<{ runs: number; distinct_jobs: number; workers: number }>(
      "SELECT count(*)::int AS runs, count(DISTINCT job_id)::int AS distinct_jobs, count(DISTINCT worker)::int AS workers FROM runs",
    );
    assert.equal(rows[0]!.runs, 500);
    assert.equal(rows[0]!.distinct_jobs, 500);
    const attempts = await t.db.query<{ max: number }>("SELECT max(attempts)::int AS max FROM jobs");
    assert.equal(attempts.rows[0]!.max, 1, "no job was leased twice");
    if (t.engine === "postgres")
      assert.ok(rows[0]!.workers >= 2, `work was shared (${rows[0]!.workers} workers ran jobs)`);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    if (t.engine === "postgres") for (const db of dbs) await db.close();
    await t.close();
  }
});
