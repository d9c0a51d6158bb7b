/**
 * Export throughput against a bare PutObject of the same bytes, in the same run.
 *
 * An S3-protocol server runs in a child process (a network peer, as S3 is); the database is the embedded
 * PGlite (PostgreSQL when TEST_DATABASE_URL is set). 20,000 drift events are recorded, then exported to a destination in batches of 1,000 (plan in the
 * outbox, read, serialise, conditional PutObject, mark written), once as NDJSON and once as Parquet. The
 * baseline PUTs the very objects the exporter wrote (read back first, not timed) under new keys, one after
 * another as the exporter does, with the same SDK client settings. Figure: exporter events/s ÷ bare events/s
 * (goal ≥ 0.7).
 *
 * Run: ./node_modules/.bin/node bench/export.bench.ts   (BENCH_SCALE=0.25 for a quick run)
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { ApiKeyService } from "../src/app/api-keys.service.ts";
import { buildServices } from "../src/app/runtime.ts";
import { credentialProvider } from "../src/infra/aws/credentials.ts";
import { createS3Client } from "../src/infra/aws/s3-client.ts";
import { loadConfig } from "../src/infra/config.ts";
import { loadKeyRing } from "../src/infra/crypto/key-ring.ts";
import { SecretVault } from "../src/infra/crypto/sealed-secrets.ts";
import { createLogger } from "../src/infra/logger.ts";
import { closeTestDatabases, createTestDatabase } from "../test/support/db.ts";
import { insertEvents } from "../test/support/export.ts";

const root = join(import.meta.dirname, "..");
const scale = Number(process.env.BENCH_SCALE ?? 1);
const EVENTS = Math.round(20_000 * scale);
const BATCH = 1000;
const KEY = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

const child = spawn(
  process.execPath,
  [join(root, "devtools/s3-emulator/main.ts"), "--bucket", "bench", "--access-key-id", KEY.accessKeyId],
  {
    env: { ...process.env, S3_EMULATOR_SECRET_ACCESS_KEY: KEY.secretAccessKey },
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const [endpoint] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
const sdk = () =>
  createS3Client(
    { region: "us-east-1", bucket: "bench", endpointUrl: endpoint, forcePathStyle: true },
    credentialProvider(
      { type: "aws_static", access_key_id: KEY.accessKeyId, secret_access_key: KEY.secretAccessKey },
      { orgId: "bench", region: "us-east-1" },
    ),
  );

try {
  const database = await createTestDatabase();
  const db = database.db;
  const config = loadConfig({ DRIFTWATCH_DATA_DIR: "/nonexistent-bench-dir" });
  const vault = new SecretVault(
    loadKeyRing({
      dataDir: config.dataDir,
      masterKey: randomBytes(32).toString("base64"),
      previousMasterKeys: [],
    }),
  );
  const services = buildServices(db, vault, config, createLogger("silent"));
  const orgId = (await new ApiKeyService(db).bootstrap(undefined))!.org.id;
  const client = sdk();
  const rows: string[][] = [];

  for (const format of ["ndjson", "parquet"] as const) {
    const prefix = `export-${format}/`;
    const d = await services.destinations.create(orgId, {
      name: `bench ${format}`,
      region: "us-east-1",
      bucket: "bench",
      path_prefix: `${prefix}{kind}/{full_date}/`,
      endpoint_url: endpoint,
      force_path_style: true,
      format,
      batch_max_events: BATCH,
      credentials: {
        type: "aws_static",
        access_key_id: KEY.accessKeyId,
        secret_access_key: KEY.secretAccessKey,
      },
    });
    for (let start = 1; start <= EVENTS; start += 1000) {
      await insertEvents(db, orgId, Math.min(1000, EVENTS - start + 1), { start });
    }
    const t0 = performance.now();
    const result = await services.exports.exportNow(orgId, d.id);
    const exportSeconds = (performance.now() - t0) / 1000;
    if (result.events_exported !== EVENTS) throw new Error(`exported ${result.events_exported} of ${EVENTS}`);

    // the same bytes, read back (not timed), then PUT one after another as the exporter does
    const listed = await client.send(new ListObjectsV2Command({ Bucket: "bench", Prefix: prefix }));
    const bodies: Uint8Array[] = [];
    for (const o of listed.Contents ?? []) {
      const got = await client.send(new GetObjectCommand({ Bucket: "bench", Key: o.Key! }));
      bodies.push(await got.Body!.transformToByteArray());
    }
    const t1 = performance.now();
    let i = 0;
    for (const body of bodies) {
      await client.send(
        new PutObjectCommand({ Bucket: "bench", Key: `bare-${format}/${i++}`, Body: body, IfNoneMatch: "*" }),
      );
    }
    const bareSeconds = (performance.now() - t1) / 1000;
    const exportRate = EVENTS / exportSeconds;
    const bareRate = EVENTS / bareSeconds;
    rows.push([
      format,
      String(bodies.length),
      `${(result.bytes / 1024 / 1024).toFixed(1)} MiB`,
      exportRate.toFixed(0),
      bareRate.toFixed(0),
      (exportRate / bareRate).toFixed(2),
    ]);
    // the next format's events only
    await db.query("DELETE FROM drift_events");
  }
  client.destroy();
  await services.polls.close();
  await database.close();
  await closeTestDatabases();

  const head = ["format", "objects", "bytes", "export ev/s", "bare PUT ev/s", "ratio (goal ≥ 0.7)"];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((x, c) => x.padEnd(widths[c]!)).join("  ");
  process.stdout.write(
    `${EVENTS} events, batches of ${BATCH}\n${line(head)}\n${rows.map(line).join("\n")}\n`,
  );
} finally {
  child.kill("SIGTERM");
}
