import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { buildServices, type Services } from "../../src/app/runtime.ts";
import { registerTasks } from "../../src/app/tasks.ts";
import { createHttpApp } from "../../src/http/app.ts";
import { createMetrics } from "../../src/http/metrics.ts";
import { loadConfig } from "../../src/infra/config.ts";
import { loadKeyRing } from "../../src/infra/crypto/key-ring.ts";
import { SecretVault } from "../../src/infra/crypto/sealed-secrets.ts";
import type { Db } from "../../src/infra/db/engine.ts";
import { Worker } from "../../src/infra/jobs/worker.ts";
import { createTestDatabase, type TestDatabase } from "./db.ts";
import { captureLogger } from "./logger.ts";

export interface TestApp {
  url: string;
  adminKey: string;
  orgId: string;
  db: Db;
  database: TestDatabase;
  services: Services;
  vault: SecretVault;
  app: FastifyInstance;
  worker: Worker | undefined;
  logs: () => string;
  /** fetch against the app with the admin key (or `key`), JSON in and out. */
  api(
    path: string,
    init?: {
      method?: string;
      body?: unknown;
      key?: string | null;
      raw?: string;
      headers?: Record<string, string>;
    },
  ): Promise<{ status: number; body: any; text: string }>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  bodyLimitBytes?: number;
  env?: Record<string, string>;
  /** The poll cycle's clock. */
  clock?: () => Date;
  /** Run a job worker in this process (default true). */
  worker?: boolean;
  /** Serve the built UI from this directory. */
  webDir?: string;
}

export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const capture = captureLogger("debug");
  const config = loadConfig({ DRIFTWATCH_DATA_DIR: "/nonexistent-test-dir", ...opts.env });
  const vault = new SecretVault(
    loadKeyRing({
      dataDir: config.dataDir,
      masterKey: randomBytes(32).toString("base64"),
      previousMasterKeys: [],
    }),
  );
  const metrics = createMetrics();
  const services = buildServices(database.db, vault, config, capture.logger, {
    metrics,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  let worker: Worker | undefined;
  if (opts.worker !== false) {
    worker = new Worker(database.db, capture.logger, {
      ...config.worker,
      pollIntervalMs: 25,
      maintenanceIntervalMs: 100,
    });
    registerTasks(worker, { services });
    worker.start();
  }
  const boot = await services.apiKeys.bootstrap(undefined);
  const app = await createHttpApp({
    db: database.db,
    services,
    metrics,
    logger: capture.logger,
    bodyLimitBytes: opts.bodyLimitBytes ?? config.bodyLimitBytes,
    checkBodyLimitBytes: config.checkBodyLimitBytes,
    publicUrl: config.publicUrl,
    webDir: opts.webDir ?? "/nonexistent-web-dir",
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const adminKey = boot!.createdKey!;
  return {
    url,
    adminKey,
    orgId: boot!.org.id,
    db: database.db,
    database,
    services,
    vault,
    app,
    logs: capture.text,
    async api(path, init = {}) {
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      const key = init.key === undefined ? adminKey : init.key;
      if (key !== null) headers.authorization = `Bearer ${key}`;
      let body: string | undefined;
      if (init.raw !== undefined) {
        body = init.raw;
        headers["content-type"] ??= "application/json";
      } else if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers["content-type"] = "application/json";
      }
      const res = await fetch(url + path, { method: init.method ?? (body ? "POST" : "GET"), headers, body });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: res.status, body: parsed, text };
    },
    worker,
    async close() {
      await app.close();
      await worker?.stop(1000);
      await services.polls.close();
      await database.close();
    },
  };
}
