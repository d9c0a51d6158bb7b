/**
 * Exactly once across kills: 10,000 drift events exported while the export worker is SIGKILLed at random
 * points (right after a random number of objects reached the bucket). After the last restart, every event
 * is in exactly one object, no object was ever overwritten (the emulator records every PUT), and every key
 * follows the template.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { startS3Emulator } from "../../devtools/s3-emulator/s3-emulator.server.ts";
import { ApiKeyService } from "../../src/app/api-keys.service.ts";
import { buildServices } from "../../src/app/runtime.ts";
import { loadConfig } from "../../src/infra/config.ts";
import { loadKeyRing } from "../../src/infra/crypto/key-ring.ts";
import { SecretVault } from "../../src/infra/crypto/sealed-secrets.ts";
import type { Db } from "../../src/infra/db/engine.ts";
import { migrate } from "../../src/infra/db/migrate.ts";
import { createPgliteDb, openPglite } from "../../src/infra/db/pglite-engine.ts";
import { closeTestDatabases, createTestDatabase, testEngine } from "../support/db.ts";
import { insertEvents, readExported, STATIC_CREDENTIALS } from "../support/export.ts";
import { captureLogger } from "../support/logger.ts";
import { TEST_CREDENTIALS } from "../support/s3.ts";
import { waitFor } from "../support/wait.ts";

after(closeTestDatabases);

const CHILD = join(import.meta.dirname, "../support/export-child.ts");
const TOTAL = 10_000;
const KILLS = 5;

test(`10,000 events exported through ${KILLS} SIGKILLs: each exactly once, nothing overwritten (${testEngine})`, async (t) => {
  const s3 = await startS3Emulator({ credentials: [TEST_CREDENTIALS] });
  s3.createBucket("lake");
  const masterKey = randomBytes(32).toString("base64");
  const config = loadConfig({ DRIFTWATCH_DATA_DIR: "/nonexistent-test-dir" });
  const vault = new SecretVault(loadKeyRing({ dataDir: config.dataDir, masterKey, previousMasterKeys: [] }));

  let db: Db;
  let env: Record<string, string>;
  let handOver: () => Promise<void>;
  let takeBack: () => Promise<Db>;
  let cleanup: () => Promise<void>;
  const concurrent = testEngine === "postgres";
  if (concurrent) {
    const tdb = await createTestDatabase();
    db = tdb.db;
    env = { CHILD_DATABASE_URL: tdb.url!, CHILD_SCHEMA: tdb.schema! };
    handOver = async () => {};
    takeBack = async () => db;
    cleanup = () => tdb.close();
  } else {
    // PGlite is one process at a time: the data directory goes to the child and comes back.
    const dir = mkdtempSync(join(tmpdir(), "dw-export-kill-"));
    db = createPgliteDb(await openPglite(dir));
    await migrate(db);
    env = { CHILD_PGLITE_DIR: dir };
    handOver = () => db.close();
    takeBack = async () => {
      db = createPgliteDb(await openPglite(dir));
      return db;
    };
    cleanup = async () => {
      await db.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const children: ChildProcess[] = [];
  try {
    const boot = await new ApiKeyService(db).bootstrap(undefined);
    const orgId = boot!.org.id;
    const services = buildServices(db, vault, config, captureLogger().logger);
    const d = await services.destinations.create(orgId, {
      name: "kill lake",
      region: "us-east-1",
      bucket: "lake",
      path_prefix: "kill/{org}/{kind}/{full_date}/",
      endpoint_url: s3.endpoint,
      force_path_style: true,
      batch_max_events: 250,
      credentials: { ...STATIC_CREDENTIALS },
    });
    // On PostgreSQL most events arrive while the exporter runs (and is killed); PGlite has one process.
    const upfront = concurrent ? 2_000 : TOTAL;
    for (let start = 1; start <= upfront; start += 500) await insertEvents(db, orgId, 500, { start });
    let inserted = upfront;

    const run = (): { child: ChildProcess; out: () => string } => {
      const child = spawn(process.execPath, [CHILD], {
        env: {
          ...process.env,
          ...env,
          CHILD_MASTER_KEY: masterKey,
          CHILD_ORG_ID: orgId,
          CHILD_DESTINATION_ID: d.id,
        },
        stdio: ["ignore", "pipe", "inherit"],
      });
      children.push(child);
      let out = "";
      child.stdout!.on("data", (chunk) => {
        out += String(chunk);
      });
      return { child, out: () => out };
    };

    const killPoints: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      await handOver();
      const base = s3.writes.length;
      const target = base + randomInt(1, 8);
      const { child, out } = run();
      if (concurrent && inserted < TOTAL) {
        await waitFor(() => out().includes("ready"), { what: "the child to start", timeoutMs: 60_000 });
        for (let i = 0; i < 4; i++) {
          await insertEvents(db, orgId, 500, { start: inserted + 1 });
          inserted += 500;
        }
      }
      await waitFor(() => s3.writes.length >= target || out().includes("done"), {
        what: `the child to write up to ${target - base} objects`,
        timeoutMs: 120_000,
        intervalMs: 2,
      });
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      killPoints.push(s3.writes.length - base);
      await takeBack();
    }
    assert.equal(inserted, TOTAL);

    await handOver();
    const { child, out } = run();
    await waitFor(() => out().includes("done"), {
      what: "the last child to export everything",
      timeoutMs: 180_000,
    });
    await new Promise((r) => child.once("exit", r));
    await takeBack();

    const exported = readExported(s3, "lake", "kill/");
    const duplicates = [...exported.seen.values()].filter((n) => n > 1).length;
    const { rows } = await db.query<{ id: string }>("SELECT id FROM drift_events");
    const missing = rows.filter((r) => !exported.seen.has(r.id)).length;
    const refused = s3.writes.filter((w) => w.outcome === "precondition_failed").length;
    t.diagnostic(
      `events=${rows.length} kills=${KILLS} (objects written before each: ${killPoints.join(",")}) objects=${exported.objects} duplicates=${duplicates} missing=${missing} retries-found-written=${refused}`,
    );
    assert.equal(rows.length, TOTAL);
    assert.equal(duplicates, 0, "no event in two objects");
    assert.equal(missing, 0, "no event left out");
    assert.equal(exported.seen.size, TOTAL);
    assert.ok(
      s3.writes.every((w) => !w.replaced),
      "no object was ever overwritten",
    );
    assert.ok(
      exported.keys.every((k) =>
        /^kill\/[^/]+\/events\/\d{8}\/events-\d{8}T\d{6}Z-[0-9a-f]{8}-\d{6}\.ndjson$/.test(k),
      ),
      "keys follow the template",
    );
    const { rows: batches } = await db.query<{ status: string; n: number }>(
      "SELECT status, count(*)::int AS n FROM export_batches GROUP BY status",
    );
    assert.deepEqual(
      batches.map((b) => b.status),
      ["written"],
    );
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await cleanup();
    await s3.close();
  }
});
