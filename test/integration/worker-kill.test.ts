import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { Db } from "../../src/infra/db/engine.ts";
import { migrate } from "../../src/infra/db/migrate.ts";
import { createPgliteDb, openPglite } from "../../src/infra/db/pglite-engine.ts";
import { enqueue, getJob } from "../../src/infra/jobs/job-queue.ts";
import { Worker } from "../../src/infra/jobs/worker.ts";
import { closeTestDatabases, createTestDatabase, testEngine } from "../support/db.ts";
import { captureLogger } from "../support/logger.ts";
import { waitFor } from "../support/wait.ts";

after(closeTestDatabases);

const CHILD = join(import.meta.dirname, "../support/worker-child.ts");

test(`a worker killed mid-job (SIGKILL) leaves the job to another worker after its lease (${testEngine})`, async () => {
  let db: Db;
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let reopen: () => Promise<Db>;
  if (testEngine === "postgres") {
    const t = await createTestDatabase();
    db = t.db;
    env = { CHILD_DATABASE_URL: t.url!, CHILD_SCHEMA: t.schema! };
    reopen = async () => db;
    cleanup = () => t.close();
  } else {
    // PGlite is one process at a time: the parent hands the data directory to the child and takes it back.
    const dir = mkdtempSync(join(tmpdir(), "dw-kill-"));
    db = createPgliteDb(await openPglite(dir));
    await migrate(db);
    env = { CHILD_PGLITE_DIR: dir };
    reopen = async () => {
      db = createPgliteDb(await openPglite(dir));
      return db;
    };
    cleanup = async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    const { job } = await enqueue(db, { task: "hang", maxAttempts: 3 });
    if (testEngine === "pglite") await db.close();

    const child = spawn(process.execPath, [CHILD], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += String(d);
    });
    await waitFor(() => out.includes(`leased ${job.id}`), { what: "the child to lease the job" });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));

    db = await reopen();
    const held = await getJob(db, job.id);
    assert.equal(held?.status, "active", "the dead worker still holds the lease");
    assert.equal(held?.attempts, 1);

    const worker = new Worker(db, captureLogger().logger, {
      concurrency: 1,
      leaseSeconds: 30,
      pollIntervalMs: 20,
      shutdownGraceMs: 1000,
      maintenanceIntervalMs: 100,
    });
    let ranHere = 0;
    worker.register("hang", async () => {
      ranHere++;
      return { finished: true };
    });
    worker.start();
    try {
      const done = await waitFor(
        async () => {
          const j = await getJob(db, job.id);
          return j?.status === "completed" ? j : undefined;
        },
        { what: "the job to be swept and completed", timeoutMs: 30_000 },
      );
      assert.equal(ranHere, 1);
      assert.equal(done.attempts, 2);
      assert.deepEqual(done.result, { finished: true });
      assert.match(done.last_error ?? "", /lease expired/);
    } finally {
      await worker.stop();
    }
  } finally {
    await cleanup();
  }
});
