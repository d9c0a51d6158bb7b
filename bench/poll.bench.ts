/**
 * The S3 watch, end to end, against a bare download of the same objects in the same run.
 *
 * An S3-protocol server runs in a child process (a network peer, as S3 is). Two sets of objects:
 * 2,000 small NDJSON order files (~1–2 KiB) and 200 files of 5 MiB. For each set:
 *   - full cycle: one poll cycle over the set (list, plan, download + SHA-256 + contract check, ledger and
 *     events in the embedded database), concurrency 8;
 *   - bare download: GetObject of every object with the same SDK client settings and concurrency 8, body drained.
 * And a listing of 100,000 keys: the cycle's listing stage (every page, glob match, floor, ledger window of
 * 100,000 rows loaded from the database, plan) against a bare ListObjectsV2 pagination.
 * Goals: full cycle ≥ 0.65 of the bare download's files/s; the listing stage < 2× the bare listing.
 *
 * Run: ./node_modules/.bin/node bench/poll.bench.ts   (BENCH_SCALE=0.1 for a quick run)
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { startS3Emulator } from "../devtools/s3-emulator/s3-emulator.server.ts";
import { createRun } from "../src/app/poll-runs.ts";
import { buildServices } from "../src/app/runtime.ts";
import { loadLedgerWindow } from "../src/app/watch-ledger.ts";
import { keyMatcher } from "../src/domain/glob.ts";
import { isFolderMarker, planPoll } from "../src/domain/watch/poll-plan.ts";
import { credentialProvider } from "../src/infra/aws/credentials.ts";
import { createS3Client, listAllObjects } from "../src/infra/aws/s3-client.ts";
import { loadConfig } from "../src/infra/config.ts";
import { loadKeyRing } from "../src/infra/crypto/key-ring.ts";
import { SecretVault } from "../src/infra/crypto/sealed-secrets.ts";
import { migrate } from "../src/infra/db/migrate.ts";
import { createPgliteDb, openPglite } from "../src/infra/db/pglite-engine.ts";
import { createLogger } from "../src/infra/logger.ts";
import { orderRecord, prng } from "./lib/order-data.ts";

const root = join(import.meta.dirname, "..");
const scale = Number(process.env.BENCH_SCALE ?? 1);
const KEY = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const CONCURRENCY = 8;
const ORDERS = join(root, "test/fixtures/contracts/orders.odcs.yaml");

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}

function ndjson(from: number, bytes: number, rnd: () => number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = from; size < bytes; i++) {
    const line = JSON.stringify(orderRecord(i, rnd));
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join("\n")}\n`;
}

// the S3 peer, in its own process
const child = spawn(
  process.execPath,
  [join(root, "devtools/s3-emulator/main.ts"), "--bucket", "bench", "--access-key-id", KEY.accessKeyId],
  {
    env: { ...process.env, S3_EMULATOR_SECRET_ACCESS_KEY: KEY.secretAccessKey },
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const [endpoint] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
const sdk = (): S3Client =>
  createS3Client(
    { region: "us-east-1", bucket: "bench", endpointUrl: endpoint, forcePathStyle: true },
    credentialProvider(
      { type: "aws_static", access_key_id: KEY.accessKeyId, secret_access_key: KEY.secretAccessKey },
      { orgId: "bench", region: "us-east-1" },
    ),
  );

const rows: string[][] = [];
try {
  process.stdout.write(
    `driftwatch poll bench (scale ${scale}), Node ${process.version}, S3 peer ${endpoint}\n`,
  );
  const db = createPgliteDb(await openPglite(undefined));
  await migrate(db);
  const config = loadConfig({
    DRIFTWATCH_DATA_DIR: "/nonexistent",
    DRIFTWATCH_POLL_CAP: "10000",
    DRIFTWATCH_POLL_CONCURRENCY: String(CONCURRENCY),
    DRIFTWATCH_MAX_FILE_BYTES: String(64 << 20),
    ...(process.env.DRIFTWATCH_CHECK_THREADS
      ? { DRIFTWATCH_CHECK_THREADS: process.env.DRIFTWATCH_CHECK_THREADS }
      : {}),
  });
  process.stdout.write(
    `check threads: ${config.checkThreads} (DRIFTWATCH_CHECK_THREADS), download concurrency ${CONCURRENCY}\n`,
  );
  const vault = new SecretVault(
    loadKeyRing({
      dataDir: "/nonexistent",
      masterKey: randomBytes(32).toString("base64"),
      previousMasterKeys: [],
    }),
  );
  const services = buildServices(db, vault, config, createLogger("silent"));
  const orgId = (await services.apiKeys.bootstrap(undefined))!.org.id;
  const { readFile } = await import("node:fs/promises");
  const contract = await services.contracts.create(orgId, {
    name: "orders",
    document: await readFile(ORDERS, "utf8"),
  });
  const put = sdk();

  for (const [label, count, size] of [
    ["small files", Math.round(2000 * scale), 1500],
    ["5 MiB files", Math.round(200 * scale), 5 * 1024 * 1024],
  ] as const) {
    const prefix = `${label.replace(/\W+/g, "-")}/`;
    const rnd = prng(count);
    const keys = Array.from({ length: count }, (_, i) => `${prefix}f-${String(i).padStart(5, "0")}.ndjson`);
    let total = 0;
    await pool(keys, 16, async (key) => {
      const body = ndjson(Math.floor(rnd() * 1e6), size, rnd);
      total += body.length;
      await put.send(
        new PutObjectCommand({
          Bucket: "bench",
          Key: key,
          Body: body,
          ContentLength: Buffer.byteLength(body),
        }),
      );
    });

    // bare download: same SDK settings, same concurrency, bodies drained
    const bare = sdk();
    let t = performance.now();
    await pool(keys, CONCURRENCY, async (key) => {
      const out = await bare.send(new GetObjectCommand({ Bucket: "bench", Key: key }));
      for await (const _ of out.Body as AsyncIterable<Uint8Array>) {
        // drain
      }
    });
    const bareS = (performance.now() - t) / 1000;
    bare.destroy();

    const conn = await services.connections.create(orgId, {
      name: label,
      provider: "aws_s3",
      region: "us-east-1",
      bucket: "bench",
      prefix,
      file_pattern: "*.ndjson",
      endpoint_url: endpoint,
      force_path_style: true,
      backfill: true,
      contract_id: contract.id,
      credentials: {
        type: "aws_static",
        access_key_id: KEY.accessKeyId,
        secret_access_key: KEY.secretAccessKey,
      },
    });
    const runId = await createRun(db, orgId, conn.id, "manual");
    t = performance.now();
    await services.polls.cycle(orgId, conn.id, runId, new AbortController().signal);
    const cycleS = (performance.now() - t) / 1000;
    const run = await services.polls.getRun(orgId, runId);
    if (run.counts.processed !== count)
      throw new Error(`the cycle processed ${run.counts.processed} of ${count}: ${JSON.stringify(run)}`);
    const mb = total / 1024 / 1024;
    rows.push([
      `${count} ${label}`,
      `${(count / cycleS).toFixed(0)} files/s, ${(mb / cycleS).toFixed(1)} MiB/s`,
      `${(count / bareS).toFixed(0)} files/s, ${(mb / bareS).toFixed(1)} MiB/s`,
      (bareS / cycleS).toFixed(2),
      "≥ 0.65",
    ]);
  }
  put.destroy();

  // listing 100,000 keys: an in-process S3 server (putting 100k objects over HTTP would dominate the run)
  const n = Math.round(100_000 * scale);
  const local = await startS3Emulator({ credentials: [KEY] });
  local.createBucket("list");
  for (let i = 0; i < n; i++)
    local.putObject(
      "list",
      `in/${i % 10 ? "data" : "misc"}/k-${String(i).padStart(6, "0")}.${i % 3 ? "ndjson" : "csv"}`,
      "x",
    );
  const client = createS3Client(
    { region: "us-east-1", bucket: "list", endpointUrl: local.endpoint, forcePathStyle: true },
    credentialProvider(
      { type: "aws_static", access_key_id: KEY.accessKeyId, secret_access_key: KEY.secretAccessKey },
      { orgId: "bench", region: "us-east-1" },
    ),
  );
  const connection = await services.connections.create(orgId, {
    name: "list",
    provider: "aws_s3",
    region: "us-east-1",
    bucket: "list",
    prefix: "in/",
    file_pattern: "*.ndjson",
    endpoint_url: local.endpoint,
    force_path_style: true,
    backfill: true,
    credentials: {
      type: "aws_static",
      access_key_id: KEY.accessKeyId,
      secret_access_key: KEY.secretAccessKey,
    },
  });
  // a steady state: every matching key already in the ledger (the emulator's ETag of "x" is its MD5)
  await db.query(
    `INSERT INTO watched_files (org_id, connection_id, key, etag, size, last_modified, status, sha256)
     SELECT $1, $2, 'in/' || CASE WHEN i % 10 <> 0 THEN 'data' ELSE 'misc' END || '/k-' || lpad(i::text, 6, '0') || '.ndjson',
       md5('x'), 1, now() - interval '1 minute', 'processed', md5(i::text)
     FROM generate_series(0, $3 - 1) AS i WHERE i % 3 <> 0`,
    [orgId, connection.id, n],
  );
  let t = performance.now();
  let bareKeys = 0;
  let token: string | undefined;
  do {
    const out = await client.send(
      new ListObjectsV2Command({ Bucket: "list", Prefix: "in/", ContinuationToken: token }),
    );
    bareKeys += out.KeyCount ?? 0;
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
  const bareList = (performance.now() - t) / 1000;

  t = performance.now();
  const matcher = keyMatcher("in/", "*.ndjson");
  const ledger = await loadLedgerWindow(db, connection.id, new Date(Date.now() - 3600_000));
  const candidates = [];
  let listed = 0;
  for await (const page of listAllObjects(client, "list", matcher.listPrefix)) {
    listed += page.length;
    for (const o of page) if (!isFolderMarker(o) && matcher.matches(o.key)) candidates.push(o);
  }
  const plan = planPoll(candidates, {
    now: new Date(),
    watchSince: null,
    watermark: null,
    lookbackMs: 0,
    cap: 100,
    ledger,
  });
  const ours = (performance.now() - t) / 1000;
  if (listed !== bareKeys) throw new Error("listings differ");
  rows.push([
    `listing ${n} keys`,
    `${ours.toFixed(2)} s (${candidates.length} matched, ${ledger.size} in ledger, ${plan.counts.new} new)`,
    `${bareList.toFixed(2)} s`,
    (ours / bareList).toFixed(2),
    "< 2 (time ratio)",
  ]);
  client.destroy();
  await local.close();
  await services.polls.close();
  await db.close();
} finally {
  child.kill("SIGTERM");
}

const head = ["set", "driftwatch", "baseline", "ratio", "goal"];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const r of [head, ...rows])
  process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join("  ")}\n`);
