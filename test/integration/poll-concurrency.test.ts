import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, test } from "node:test";
import { startS3Emulator } from "../../devtools/s3-emulator/s3-emulator.server.ts";
import { createRun } from "../../src/app/poll-runs.ts";
import { buildServices } from "../../src/app/runtime.ts";
import { registerTasks } from "../../src/app/tasks.ts";
import { loadConfig } from "../../src/infra/config.ts";
import { loadKeyRing } from "../../src/infra/crypto/key-ring.ts";
import { SecretVault } from "../../src/infra/crypto/sealed-secrets.ts";
import { Worker } from "../../src/infra/jobs/worker.ts";
import { closeTestDatabases, createTestDatabase, testEngine } from "../support/db.ts";
import { captureLogger } from "../support/logger.ts";
import { TEST_CREDENTIALS } from "../support/s3.ts";
import { waitFor } from "../support/wait.ts";
import { ORDERS_CONTRACT } from "../support/watch.ts";

after(closeTestDatabases);

const body = (i: number, bad: boolean) =>
  `${JSON.stringify({
    order_id: bad ? `X-${i}` : `ORD-${300000 + i}`,
    status: "pending",
    order_date: "2026-11-20",
    created_at: "2026-11-20T10:00:00Z",
    customer: { id: i + 1, email: "a@example.com", country: "US" },
    items: [{ sku: "ABC-1001", qty: 1, price: 1 }],
    total: 1,
    currency: "USD",
    notes: "",
  })}\n`;

async function setup(n: number) {
  const database = await createTestDatabase();
  const s3 = await startS3Emulator({ credentials: [TEST_CREDENTIALS] });
  try {
    return await prepare(database, s3, n);
  } catch (err) {
    await s3.close();
    await database.close();
    throw err;
  }
}

async function prepare(
  database: Awaited<ReturnType<typeof createTestDatabase>>,
  s3: Awaited<ReturnType<typeof startS3Emulator>>,
  n: number,
) {
  s3.createBucket("bkt");
  const config = loadConfig({
    DRIFTWATCH_DATA_DIR: "/nonexistent",
    DRIFTWATCH_POLL_CAP: "1000",
    DRIFTWATCH_POLL_CONCURRENCY: "4",
  });
  const vault = new SecretVault(
    loadKeyRing({
      dataDir: "/nonexistent",
      masterKey: randomBytes(32).toString("base64"),
      previousMasterKeys: [],
    }),
  );
  const { logger } = captureLogger("warn");
  const services = buildServices(database.db, vault, config, logger);
  const boot = await services.apiKeys.bootstrap(undefined);
  const orgId = boot!.org.id;
  const contract = await services.contracts.create(orgId, { name: "o", document: ORDERS_CONTRACT });
  const conn = await services.connections.create(orgId, {
    name: "c",
    provider: "aws_s3",
    region: "us-east-1",
    bucket: "bkt",
    endpoint_url: s3.endpoint,
    force_path_style: true,
    contract_id: contract.id,
    credentials: {
      type: "aws_static",
      access_key_id: TEST_CREDENTIALS.accessKeyId,
      secret_access_key: TEST_CREDENTIALS.secretAccessKey,
    },
  });
  for (let i = 0; i < n; i++)
    s3.putObject("bkt", `in/f-${i}.ndjson`, body(i, i % 4 === 0), {
      lastModified: new Date(Date.now() + 1000),
    });
  return { database, s3, config, vault, services, orgId, connectionId: conn.id, logger };
}

async function assertEachOnce(
  db: import("../../src/infra/db/engine.ts").Db,
  connectionId: string,
  n: number,
) {
  const { rows } = await db.query<{
    files: number;
    processed: number;
    max_attempts: number;
    events: number;
    distinct_events: number;
  }>(
    `SELECT (SELECT count(*)::int FROM watched_files WHERE connection_id = $1) AS files,
            (SELECT count(*)::int FROM watched_files WHERE connection_id = $1 AND status = 'processed') AS processed,
            (SELECT max(attempts)::int FROM watched_files WHERE connection_id = $1) AS max_attempts,
            (SELECT count(*)::int FROM drift_events WHERE connection_id = $1) AS events,
            (SELECT count(DISTINCT (file_id, path, rule))::int FROM drift_events WHERE connection_id = $1) AS distinct_events`,
    [connectionId],
  );
  const r = rows[0]!;
  assert.equal(r.files, n);
  assert.equal(r.processed, n, "each file processed, none a duplicate of itself");
  assert.equal(r.max_attempts, 1, "no file was recorded twice");
  assert.equal(r.events, r.distinct_events);
  const drifted = await db.query<{ n: number }>(
    "SELECT count(DISTINCT file_id)::int AS n FROM drift_events WHERE connection_id = $1",
    [connectionId],
  );
  assert.equal(
    drifted.rows[0]!.n,
    Math.ceil(n / 4),
    "every fourth file drifted, and its events are there once",
  );
}

/** Check threads of the services built here, stopped before the test ends. */
const closers: Array<() => Promise<void>> = [];

test(`two poll cycles of one connection at the same time record each file once (${testEngine})`, async () => {
  const s = await setup(200);
  try {
    // what a lost lease can cause: two cycles of the same connection running at once
    const runA = await createRun(s.database.db, s.orgId, s.connectionId, "manual");
    const runB = await createRun(s.database.db, s.orgId, s.connectionId, "manual");
    const other = s.database.engine === "postgres" ? s.database.connect() : s.database.db;
    const servicesB = buildServices(other, s.vault, s.config, s.logger);
    closers.push(() => servicesB.polls.close());
    const signal = new AbortController().signal;
    await Promise.all([
      s.services.polls.cycle(s.orgId, s.connectionId, runA, signal),
      servicesB.polls.cycle(s.orgId, s.connectionId, runB, signal),
    ]);
    await assertEachOnce(s.database.db, s.connectionId, 200);
    const runs = await s.database.db.query<{ counts: { processed: number; skipped: number } }>(
      "SELECT counts FROM poll_runs WHERE id IN ($1, $2)",
      [runA, runB],
    );
    assert.equal(
      runs.rows.reduce((a, r) => a + r.counts.processed, 0),
      200,
      "the two cycles split the files between them",
    );
  } finally {
    for (const close of closers.splice(0)) await close();
    await s.services.polls.close();
    await s.s3.close();
    await s.database.close();
  }
});

test(`two workers polling the same connection, each on its own pool: every file once (${testEngine})`, async () => {
  const s = await setup(150);
  const pools =
    s.database.engine === "postgres"
      ? [s.database.connect(), s.database.connect()]
      : [s.database.db, s.database.db];
  const workers = pools.map((db) => {
    const w = new Worker(db, s.logger, {
      concurrency: 2,
      leaseSeconds: 30,
      pollIntervalMs: 10,
      shutdownGraceMs: 2000,
      maintenanceIntervalMs: 50,
    });
    const services = buildServices(db, s.vault, s.config, s.logger);
    closers.push(() => services.polls.close());
    registerTasks(w, { services });
    return w;
  });
  try {
    for (const w of workers) w.start();
    // manual polls asked on both sides while the scheduled first poll runs
    for (let i = 0; i < 5; i++) {
      await s.services.polls.requestPoll(s.orgId, s.connectionId).catch(() => {});
    }
    await waitFor(
      async () => {
        const { rows } = await s.database.db.query<{ n: number; busy: number }>(
          `SELECT (SELECT count(*)::int FROM watched_files WHERE connection_id = $1) AS n,
                  (SELECT count(*)::int FROM jobs WHERE status IN ('queued', 'active')) AS busy`,
          [s.connectionId],
        );
        return rows[0]!.n === 150 && rows[0]!.busy === 0;
      },
      { timeoutMs: 60_000, what: "150 files and no job left" },
    );
    await assertEachOnce(s.database.db, s.connectionId, 150);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    for (const close of closers.splice(0)) await close();
    await s.services.polls.close();
    await s.s3.close();
    await s.database.close();
  }
});
