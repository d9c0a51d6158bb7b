import { rmSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import type { DriftEventRecord } from "../../app/events.service.ts";
import { createLogger } from "../../infra/logger.ts";
import { colorsEnabled, palette } from "../output/colors.ts";
import { fail, loadConfigOrExit, onShutdown } from "../process.ts";
import { ListenError, startServer } from "../server.ts";
import { parsePort } from "./serve.command.ts";

/** The AWS documentation's example key pair: obviously fake, accepted only by the demo's local S3 server. */
const DEMO_KEY = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const BUCKET = "partner-drops";

export function demoCommand(): Command {
  return new Command("demo")
    .description(
      "the whole path on this machine: a local S3-protocol server with partner files, contracts, connections, a poll, drift on screen",
    )
    .option("-p, --port <port>", "port for the UI and API (default 8080; 0 picks a free one)", parsePort)
    .option("--exit", "print the drift and exit instead of serving the UI")
    .action(async (opts: { port?: number; exit?: boolean }) => {
      const base = loadConfigOrExit(opts.port === undefined ? {} : { port: opts.port });
      // the demo has its own embedded database, fresh on every run, beside (never inside) the real one
      const dataDir = join(base.dataDir, "demo");
      rmSync(dataDir, { recursive: true, force: true });
      const config = {
        ...base,
        dataDir,
        databaseUrl: undefined,
        masterKey: undefined,
        previousMasterKeys: [],
        bootstrapApiKey: undefined,
      };
      const logger = createLogger(process.env.DRIFTWATCH_LOG_LEVEL ?? "warn", process.stderr);
      const p = palette(colorsEnabled(process.stdout));
      const say = (line = "") => process.stdout.write(`${line}\n`);

      // The emulator and the samples are dev-only: loaded when the demo runs, never on the production path.
      const { startS3Emulator } = await import("../../../devtools/s3-emulator/s3-emulator.server.ts");
      const { demoFiles, ORDERS_CONTRACT, X12_CONTRACT } = await import(
        "../../../devtools/demo/demo.samples.ts"
      );
      const s3 = await startS3Emulator({ credentials: [DEMO_KEY] });
      s3.createBucket(BUCKET);
      for (const [key, body] of demoFiles()) s3.putObject(BUCKET, key, body);
      say(
        `${p.bold("local S3-protocol server")}  ${s3.endpoint}  bucket ${BUCKET}, ${demoFiles().length} partner files`,
      );

      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        server = await startServer(config, logger, { worker: true });
      } catch (err) {
        await s3.close();
        if (err instanceof ListenError) fail(`${err.message} (try \`npm run demo -- --port 0\`)`);
        throw err;
      }
      const { services } = server.runtime;
      const orgId = server.orgId!;
      const credentials = {
        type: "aws_static" as const,
        access_key_id: DEMO_KEY.accessKeyId,
        secret_access_key: DEMO_KEY.secretAccessKey,
      };
      const orders = await services.contracts.create(orgId, {
        name: "ACME purchase orders (JSON)",
        document: ORDERS_CONTRACT,
      });
      const edi = await services.contracts.create(orgId, {
        name: "ACME purchase orders (X12 850)",
        document: X12_CONTRACT,
      });
      const common = {
        provider: "aws_s3" as const,
        region: "us-east-1",
        bucket: BUCKET,
        endpoint_url: s3.endpoint,
        force_path_style: true,
        backfill: true,
        credentials,
      };
      const connections = [
        await services.connections.create(orgId, {
          ...common,
          name: "acme-orders",
          prefix: "incoming/acme/orders/",
          file_pattern: "850_*.json",
          contract_id: orders.id,
        }),
        await services.connections.create(orgId, {
          ...common,
          name: "acme-edi",
          prefix: "incoming/acme/edi/",
          file_pattern: "*.edi",
          contract_id: edi.id,
        }),
      ];
      say(`${p.bold("contracts")}  ${orders.name}, ${edi.name}`);
      say(
        `${p.bold("connections")}  ${connections.map((c) => `${c.name} (s3://${BUCKET}/${c.prefix}${c.file_pattern})`).join(", ")}`,
      );

      for (const c of connections) {
        await services.polls.waitForRun(orgId, (await services.polls.requestPoll(orgId, c.id)).id, 120_000);
      }
      // the first scheduled poll may have run alongside: wait until no poll is queued or running
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        const { rows } = await server.runtime.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM jobs WHERE status IN ('queued', 'active') AND run_at <= now()",
        );
        if (rows[0]!.n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      for (const c of connections) {
        const { items: files } = await services.events.files(orgId, c.id, { limit: 100 });
        const count = (status: string) => files.filter((f) => f.status === status).length;
        const events = files.reduce((a, f) => a + f.events, 0);
        say(
          `${p.bold("poll")} ${c.name}: ${count("processed")} checked, ${count("duplicate")} duplicate, ${count("failed")} failed, ${events} drift events`,
        );
      }

      const { items } = await services.events.list(orgId, { limit: 500 });
      say();
      say(p.bold(`drift events (${items.length})`));
      const byFile = new Map<string, DriftEventRecord[]>();
      for (const e of items) byFile.set(e.file.key, [...(byFile.get(e.file.key) ?? []), e]);
      for (const [key, events] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
        say(`  ${p.bold(key)}`);
        for (const e of events) {
          say(
            `    ${p.severity(e.severity, e.severity.padEnd(8))} ${e.type.padEnd(24)} ${e.path}  expected ${e.expected}, got ${e.actual} (${e.count}×${e.percent === null ? "" : `, ${e.percent}%`})`,
          );
        }
      }
      for (const c of connections) {
        const files = await services.events.files(orgId, c.id, { limit: 50 });
        const dups = files.items.filter((f) => f.status === "duplicate");
        for (const d of dups)
          say(`  ${p.dim(`${d.key}: duplicate of ${d.duplicate_of_key} (same SHA-256), not checked again`)}`);
      }
      say();
      if (opts.exit) {
        await server.stop();
        await s3.close();
        return;
      }
      say(`${p.bold("open the UI")}  ${server.url}  and log in with the admin key ${server.createdKey}`);
      say(p.dim(`(the demo keeps its data in ${dataDir}; it starts fresh on every run. Ctrl-C stops it.)`));
      onShutdown(logger, async () => {
        await server.stop();
        await s3.close();
      });
    });
}
