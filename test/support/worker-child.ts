/**
 * A worker in a child process, for tests that kill it. Opens the database named by the environment
 * (CHILD_DATABASE_URL + CHILD_SCHEMA, or the PGlite directory CHILD_PGLITE_DIR), registers a `hang` task
 * that reports the job it leased on stdout and then never finishes, and runs until killed.
 */
import { createPgliteDb, openPglite } from "../../src/infra/db/pglite-engine.ts";
import { createPostgresDb } from "../../src/infra/db/postgres-engine.ts";
import { Worker } from "../../src/infra/jobs/worker.ts";
import { createLogger } from "../../src/infra/logger.ts";

const url = process.env.CHILD_DATABASE_URL;
const db = url
  ? createPostgresDb({ url, schema: process.env.CHILD_SCHEMA })
  : createPgliteDb(await openPglite(process.env.CHILD_PGLITE_DIR));
const worker = new Worker(db, createLogger("silent"), {
  concurrency: 1,
  leaseSeconds: Number(process.env.CHILD_LEASE_SECONDS ?? 2),
  pollIntervalMs: 20,
  shutdownGraceMs: 1000,
});
worker.register("hang", async (job) => {
  process.stdout.write(`leased ${job.id}\n`);
  await new Promise(() => {});
});
worker.start();
process.stdout.write("ready\n");
