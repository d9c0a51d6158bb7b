/**
 * An export worker in a child process, for the kill test. Opens the database named by the environment
 * (CHILD_DATABASE_URL + CHILD_SCHEMA, or the PGlite directory CHILD_PGLITE_DIR), builds the app services with
 * the master key CHILD_MASTER_KEY, runs a job worker with the app's tasks, and asks for exports of
 * CHILD_DESTINATION_ID until nothing is waiting; then prints `done` and exits. Prints `ready` once leasing.
 */
import { buildServices } from "../../src/app/runtime.ts";
import { registerTasks } from "../../src/app/tasks.ts";
import { loadConfig } from "../../src/infra/config.ts";
import { loadKeyRing } from "../../src/infra/crypto/key-ring.ts";
import { SecretVault } from "../../src/infra/crypto/sealed-secrets.ts";
import { createPgliteDb, openPglite } from "../../src/infra/db/pglite-engine.ts";
import { createPostgresDb } from "../../src/infra/db/postgres-engine.ts";
import { getJob } from "../../src/infra/jobs/job-queue.ts";
import { Worker } from "../../src/infra/jobs/worker.ts";
import { createLogger } from "../../src/infra/logger.ts";

const url = process.env.CHILD_DATABASE_URL;
const db = url
  ? createPostgresDb({ url, schema: process.env.CHILD_SCHEMA })
  : createPgliteDb(await openPglite(process.env.CHILD_PGLITE_DIR));
const orgId = process.env.CHILD_ORG_ID!;
const destinationId = process.env.CHILD_DESTINATION_ID!;
const config = loadConfig({ DRIFTWATCH_DATA_DIR: "/nonexistent-test-dir" });
const vault = new SecretVault(
  loadKeyRing({ dataDir: config.dataDir, masterKey: process.env.CHILD_MASTER_KEY!, previousMasterKeys: [] }),
);
const logger = createLogger("silent");
const services = buildServices(db, vault, config, logger);
const worker = new Worker(db, logger, {
  concurrency: 1,
  leaseSeconds: Number(process.env.CHILD_LEASE_SECONDS ?? 2),
  pollIntervalMs: 20,
  shutdownGraceMs: 1000,
  maintenanceIntervalMs: 100,
});
registerTasks(worker, { services });
worker.start();
process.stdout.write("ready\n");

for (;;) {
  const jobId = await services.exports.requestExport(orgId, destinationId, true);
  for (;;) {
    const job = await getJob(db, jobId);
    if (job && job.status !== "queued" && job.status !== "active") break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const d = await services.destinations.get(orgId, destinationId);
  process.stdout.write(`round backlog=${d.status.backlog_events} pending=${d.status.pending_batches}\n`);
  if (d.status.backlog_events === 0 && d.status.pending_batches === 0) break;
}
await worker.stop();
await services.polls.close();
await db.close();
process.stdout.write("done\n");
