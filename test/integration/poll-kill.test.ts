import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { startS3Emulator } from "../../devtools/s3-emulator/s3-emulator.server.ts";
import { createRuntime, type Runtime } from "../../src/app/runtime.ts";
import { checkFile, compileContract, loadContract } from "../../src/domain/contracts/index.ts";
import { loadConfig } from "../../src/infra/config.ts";
import { createLogger } from "../../src/infra/logger.ts";
import { closeTestDatabases, createTestDatabase, testEngine } from "../support/db.ts";
import { TEST_CREDENTIALS } from "../support/s3.ts";
import { waitFor } from "../support/wait.ts";
import { ORDERS_CONTRACT } from "../support/watch.ts";

after(closeTestDatabases);

const BIN = join(import.meta.dirname, "..", "..", "bin", "driftwatch");
const PREFIX = "drops/";

/** 60 order files: every third one drifts (a bad status and a missing currency). */
function files(): Array<[string, string]> {
  return Array.from({ length: 60 }, (_, i) => {
    const bad = i % 3 === 0;
    const rec = {
      order_id: `ORD-${String(200000 + i)}`,
      status: bad ? "lost" : "pending",
      order_date: "2026-11-20",
      created_at: "2026-11-20T10:00:00Z",
      customer: { id: i + 1, email: `b${i}@example.com`, country: "US" },
      items: [{ sku: "ABC-1001", qty: 1, price: 5 }],
      total: 5,
      ...(bad ? {} : { currency: "USD" }),
      notes: "",
    };
    return [`${PREFIX}o-${String(i).padStart(2, "0")}.ndjson`, `${JSON.stringify(rec)}\n`];
  });
}

function startWorker(env: NodeJS.ProcessEnv): { child: ChildProcess; log: () => string } {
  const child = spawn(BIN, ["worker"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => {
    out += String(d);
  });
  child.stderr!.on("data", (d) => {
    out += String(d);
  });
  return { child, log: () => out };
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve()),
  );

test(`a worker killed (SIGKILL) in the middle of a poll cycle: after restart every file is processed exactly once, no event twice (${testEngine})`, async () => {
  const s3 = await startS3Emulator({ credentials: [TEST_CREDENTIALS] });
  s3.createBucket("drops");
  const masterKey = randomBytes(32).toString("base64");
  const dataDir = mkdtempSync(join(tmpdir(), "dw-pollkill-"));
  const database = testEngine === "postgres" ? await createTestDatabase() : undefined;
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DRIFTWATCH_DATA_DIR: dataDir,
    DRIFTWATCH_MASTER_KEY: masterKey,
    DRIFTWATCH_JOB_LEASE_SECONDS: "2",
    DRIFTWATCH_WORKER_POLL_MS: "50",
    DRIFTWATCH_POLL_CONCURRENCY: "4",
    DRIFTWATCH_LOG_LEVEL: "info",
    DATABASE_URL: database ? `${database.url}?options=-c%20search_path%3D${database.schema}` : "",
  };
  const open = async (): Promise<Runtime> => {
    const config = loadConfig(baseEnv);
    return createRuntime(config, createLogger("silent"));
  };
  let rt = await open();
  let connectionId: string;
  try {
    const boot = await rt.services.apiKeys.bootstrap(undefined);
    const orgId = boot!.org.id;
    const contract = await rt.services.contracts.create(orgId, { name: "orders", document: ORDERS_CONTRACT });
    const conn = await rt.services.connections.create(orgId, {
      name: "kill test",
      provider: "aws_s3",
      region: "us-east-1",
      bucket: "drops",
      prefix: PREFIX,
      file_pattern: "*.ndjson",
      endpoint_url: s3.endpoint,
      force_path_style: true,
      contract_id: contract.id,
      credentials: {
        type: "aws_static",
        access_key_id: TEST_CREDENTIALS.accessKeyId,
        secret_access_key: TEST_CREDENTIALS.secretAccessKey,
      },
    });
    connectionId = conn.id;
  } finally {
    await rt.close();
  }
  const all = files();
  for (const [key, body] of all)
    s3.putObject("drops", key, body, { lastModified: new Date(Date.now() + 1000) });

  // the 31st download hangs until the worker is dead: the kill lands mid-cycle, with files done and files not
  let gateHit = false;
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  s3.injectFault({
    op: "GetObject",
    match: (r) => r.key === `${PREFIX}o-30.ndjson`,
    times: 1,
    before: async () => {
      gateHit = true;
      await gate;
    },
  });

  const first = startWorker(baseEnv);
  try {
    await waitFor(() => gateHit, {
      timeoutMs: 60_000,
      what: `the first worker to reach o-30 (log: ${first.log().slice(-500)})`,
    });
    first.child.kill("SIGKILL");
    await exited(first.child);
  } finally {
    release();
  }
  s3.clearFaults();
  const servedBeforeKill = new Set(
    s3.requests.filter((r) => r.op === "GetObject" && r.status === 200).map((r) => r.key),
  );
  assert.ok(
    servedBeforeKill.size > 0 && servedBeforeKill.size < 60,
    `killed mid-cycle (${servedBeforeKill.size} files served)`,
  );

  const second = startWorker(baseEnv);
  try {
    await waitFor(
      () => {
        const served = new Set(
          s3.requests.filter((r) => r.op === "GetObject" && r.status === 200).map((r) => r.key),
        );
        return served.size === 60 && /"msg":"poll cycle done"/.test(second.log());
      },
      { timeoutMs: 60_000, what: "the restarted worker to finish the cycle" },
    );
    second.child.kill("SIGTERM");
    await exited(second.child);
  } finally {
    second.child.kill("SIGKILL");
  }

  rt = await open();
  try {
    const { rows } = await rt.db.query<{
      key: string;
      status: string;
      attempts: number;
      events: number;
      id: string;
    }>("SELECT id, key, status, attempts, events FROM watched_files WHERE connection_id = $1 ORDER BY key", [
      connectionId,
    ]);
    assert.deepEqual(
      rows.map((r) => r.key),
      all.map(([k]) => k),
      "every file is in the ledger once",
    );
    assert.ok(
      rows.every((r) => r.status === "processed" && r.attempts === 1),
      "each processed exactly once",
    );
    // the events are exactly what one clean check of each file gives: none lost, none twice
    const compiled = compileContract(loadContract(ORDERS_CONTRACT));
    for (const [key, body] of all) {
      const expected = await checkFile(
        compiled,
        (async function* () {
          yield new TextEncoder().encode(body);
        })(),
        { key, maxBytes: 1 << 20 },
      );
      const row = rows.find((r) => r.key === key)!;
      const got = await rt.db.query<{ rule: string; path: string }>(
        "SELECT rule, path FROM drift_events WHERE file_id = $1 ORDER BY rule, path",
        [row.id],
      );
      assert.deepEqual(
        got.rows.map((e) => `${e.rule}@${e.path}`),
        expected.events.map((e) => `${e.rule}@${e.path}`).sort(),
        `events of ${key}`,
      );
    }
    const drifted = rows.filter((r) => r.events > 0).length;
    assert.equal(drifted, 20, "every third file drifted");
  } finally {
    await rt.close();
    await s3.close();
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
