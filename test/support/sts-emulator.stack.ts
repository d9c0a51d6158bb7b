/**
 * driftwatch's identity pieces wired to emulators on loopback, for the identity integration tests:
 * the HTTP app (serving /.well-known/* and the API), a FederationService and IdentityService on a shared
 * test clock, an STS emulator that fetches driftwatch's JWKS over HTTP, and an S3 emulator that accepts the
 * sessions STS issues.
 *
 * The issuer is `https://driftwatch.test` (AWS only trusts https issuers); the STS emulator resolves it to
 * the app's loopback address, as DNS would.
 */
import { randomBytes } from "node:crypto";
import { S3Client } from "@aws-sdk/client-s3";
import type { FastifyInstance } from "fastify";
import { generateApiKey, hashApiKey } from "../../src/app/api-keys.service.ts";
import { FederationService } from "../../src/app/federation.service.ts";
import { IdentityService } from "../../src/app/identity.service.ts";
import { buildServices, type Services } from "../../src/app/runtime.ts";
import { createHttpApp } from "../../src/http/app.ts";
import { createMetrics } from "../../src/http/metrics.ts";
import type { CredentialSpec } from "../../src/infra/aws/credentials.ts";
import { loadConfig } from "../../src/infra/config.ts";
import { loadKeyRing } from "../../src/infra/crypto/key-ring.ts";
import { SecretVault } from "../../src/infra/crypto/sealed-secrets.ts";
import { createTestDatabase, type TestDatabase } from "./db.ts";
import { captureLogger } from "./logger.ts";
import { type S3TestContext, startS3ForTest } from "./s3.ts";
import { type StsEmulator, type StsEmulatorOptions, startStsEmulator } from "./sts-emulator.ts";

export const ISSUER = "https://driftwatch.test";
export const AUDIENCE = `${ISSUER}/federation`;
export const ACCOUNT = "123456789012";

export interface StackOrg {
  id: string;
  externalId: string;
  adminKey: string;
}

export interface IdentityStack {
  url: string;
  clock: { now: number };
  database: TestDatabase;
  vault: SecretVault;
  services: Services;
  federation: FederationService;
  identity: IdentityService;
  sts: StsEmulator;
  s3: S3TestContext;
  org: StackOrg;
  app: FastifyInstance;
  logs(): string;
  newOrg(name: string, role?: "admin" | "member"): Promise<StackOrg>;
  /** An S3 client for the emulator whose credentials come from driftwatch's credential provider. */
  s3Client(orgId: string, spec: CredentialSpec): Promise<S3Client>;
  api(
    path: string,
    init?: { method?: string; body?: unknown; key?: string | null },
  ): Promise<{ status: number; body: any; text: string }>;
  close(): Promise<void>;
}

export async function startIdentityStack(
  opts: { sts?: Omit<StsEmulatorOptions, "clock" | "s3" | "resolveUrl">; keyMaxAgeSeconds?: number } = {},
): Promise<IdentityStack> {
  const clock = { now: Date.now() };
  const now = () => new Date(clock.now);
  const s3 = await startS3ForTest({ clock: now });
  let appUrl = "";
  const sts = await startStsEmulator({
    ...opts.sts,
    clock: now,
    s3: [s3.emulator],
    resolveUrl: (u) => (u.startsWith(ISSUER) ? appUrl + u.slice(ISSUER.length) : u),
  });
  const database = await createTestDatabase();
  const capture = captureLogger("debug");
  const config = loadConfig({
    DRIFTWATCH_DATA_DIR: "/nonexistent-test-dir",
    DRIFTWATCH_PUBLIC_URL: ISSUER,
    DRIFTWATCH_STS_ENDPOINT: sts.endpoint,
  });
  const vault = new SecretVault(
    loadKeyRing({
      dataDir: config.dataDir,
      masterKey: randomBytes(32).toString("base64"),
      previousMasterKeys: [],
    }),
  );
  const federation = new FederationService(database.db, vault, {
    issuer: config.publicUrl,
    audience: config.federation.audience,
    tokenTtlSeconds: config.federation.tokenTtlSeconds,
    keyMaxAgeSeconds: opts.keyMaxAgeSeconds ?? config.federation.keyMaxAgeDays * 86_400,
    clock: now,
    logger: capture.logger,
  });
  const identity = new IdentityService(database.db, federation, {
    stsEndpoint: sts.endpoint,
    clock: now,
    stsMaxAttempts: 2,
  });
  const services = buildServices(database.db, vault, config, capture.logger, { federation, identity });
  const boot = await services.apiKeys.bootstrap(undefined);
  const app = await createHttpApp({
    db: database.db,
    services,
    metrics: createMetrics(),
    logger: capture.logger,
    bodyLimitBytes: config.bodyLimitBytes,
    checkBodyLimitBytes: config.checkBodyLimitBytes,
    publicUrl: config.publicUrl,
    webDir: "/nonexistent-web-dir",
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  appUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const clients: S3Client[] = [];

  const org: StackOrg = { id: boot!.org.id, externalId: boot!.org.external_id, adminKey: boot!.createdKey! };
  return {
    url: appUrl,
    clock,
    database,
    vault,
    services,
    federation,
    identity,
    sts,
    s3,
    org,
    app,
    logs: capture.text,
    async newOrg(name, role = "admin") {
      const externalId = `dw-${randomBytes(12).toString("base64url")}`;
      const { rows } = await database.db.query<{ id: string }>(
        "INSERT INTO orgs (name, external_id) VALUES ($1, $2) RETURNING id",
        [name, externalId],
      );
      const key = generateApiKey();
      await database.db.query(
        "INSERT INTO api_keys (org_id, name, role, prefix, key_hash) VALUES ($1, $2, $3, $4, $5)",
        [rows[0]!.id, name, role, key.slice(0, 12), hashApiKey(key)],
      );
      return { id: rows[0]!.id, externalId, adminKey: key };
    },
    async s3Client(orgId, spec) {
      const client = new S3Client({
        endpoint: s3.emulator.endpoint,
        region: s3.region,
        forcePathStyle: true,
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
        maxAttempts: 2,
        credentials: await identity.provider(orgId, spec, s3.region),
      });
      clients.push(client);
      return client;
    },
    async api(path, init = {}) {
      const headers: Record<string, string> = {};
      const key = init.key === undefined ? org.adminKey : init.key;
      if (key !== null) headers.authorization = `Bearer ${key}`;
      let body: string | undefined;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers["content-type"] = "application/json";
      }
      const res = await fetch(appUrl + path, {
        method: init.method ?? (body ? "POST" : "GET"),
        headers,
        body,
      });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: res.status, body: parsed, text };
    },
    async close() {
      for (const c of clients) c.destroy();
      await services.polls.close();
      await app.close();
      await sts.close();
      await s3.close();
      await database.close();
    },
  };
}
