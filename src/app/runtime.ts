import type { Logger } from "pino";
import type { Metrics } from "../http/metrics.ts";
import { type Config, pgliteDir } from "../infra/config.ts";
import { loadKeyRing } from "../infra/crypto/key-ring.ts";
import { SecretVault } from "../infra/crypto/sealed-secrets.ts";
import { lockDataDir } from "../infra/db/data-dir-lock.ts";
import type { Db } from "../infra/db/engine.ts";
import { migrate } from "../infra/db/migrate.ts";
import { createPgliteDb, openPglite } from "../infra/db/pglite-engine.ts";
import { createPostgresDb } from "../infra/db/postgres-engine.ts";
import { ApiKeyService } from "./api-keys.service.ts";
import { CloudAccountService } from "./cloud-accounts.service.ts";
import { ConnectionService } from "./connections.service.ts";
import { ContractService } from "./contracts.service.ts";
import { DestinationService } from "./destinations.service.ts";
import { EventService } from "./events.service.ts";
import { ExportService } from "./export.service.ts";
import { FederationService, federationOptions } from "./federation.service.ts";
import { IdentityService } from "./identity.service.ts";
import { DEFAULT_POLL_OPTIONS, PollService } from "./poll.service.ts";
import { StateSourceService } from "./state-sources.service.ts";

/** The app services, built once per process from the config and shared by HTTP, CLI and jobs. */
export interface Services {
  apiKeys: ApiKeyService;
  contracts: ContractService;
  connections: ConnectionService;
  polls: PollService;
  events: EventService;
  federation: FederationService;
  identity: IdentityService;
  cloudAccounts: CloudAccountService;
  stateSources: StateSourceService;
  destinations: DestinationService;
  exports: ExportService;
}

export interface ServiceOptions {
  /** The poll cycle's clock (tests control it). */
  clock?: () => Date;
  metrics?: Metrics;
  /** Identity pieces built elsewhere (tests put them on their own clock and STS). */
  federation?: FederationService;
  identity?: IdentityService;
}

export interface Runtime {
  config: Config;
  db: Db;
  vault: SecretVault;
  services: Services;
  logger: Logger;
  close(): Promise<void>;
}

export async function openDatabase(config: Config): Promise<{ db: Db; release: () => void }> {
  if (config.databaseUrl) {
    const db = createPostgresDb({ url: config.databaseUrl });
    try {
      await db.query("SELECT 1");
    } catch (err) {
      await db.close().catch(() => {});
      throw new Error(
        `Cannot reach the PostgreSQL server in DATABASE_URL: ${(err as Error).message}. Check the host, port, credentials and that the server runs.`,
      );
    }
    return { db, release: () => {} };
  }
  const release = lockDataDir(config.dataDir);
  try {
    return { db: createPgliteDb(await openPglite(pgliteDir(config))), release };
  } catch (err) {
    release();
    throw err;
  }
}

export function buildServices(
  db: Db,
  vault: SecretVault,
  config: Config,
  logger: Logger,
  opts: ServiceOptions = {},
): Services {
  const contracts = new ContractService(db, { maxCheckBytes: config.checkBodyLimitBytes });
  const federation = opts.federation ?? new FederationService(db, vault, federationOptions(config, logger));
  const identity =
    opts.identity ??
    new IdentityService(db, federation, config.stsEndpoint ? { stsEndpoint: config.stsEndpoint } : {});
  const connections = new ConnectionService(
    db,
    vault,
    { s3Client: { maxAttempts: config.poll.s3MaxAttempts }, ...(opts.clock ? { clock: opts.clock } : {}) },
    identity,
    federation,
  );
  const polls = new PollService(
    db,
    connections,
    contracts,
    logger,
    {
      ...DEFAULT_POLL_OPTIONS,
      cap: config.poll.cap,
      lookbackMs: config.poll.lookbackSeconds * 1000,
      concurrency: config.poll.concurrency,
      maxFileBytes: config.maxFileBytes,
      fileMaxAttempts: config.poll.fileMaxAttempts,
      fileRetryBaseSeconds: config.poll.fileRetryBaseSeconds,
      pageBudget: config.poll.pageBudget,
      checkThreads: config.checkThreads,
      ...(opts.clock ? { clock: opts.clock } : {}),
    },
    opts.metrics,
  );
  const cloudAccounts = new CloudAccountService(db, vault, identity, federation);
  const stateSources = new StateSourceService(db, cloudAccounts, identity, {
    s3Client: { maxAttempts: config.poll.s3MaxAttempts },
  });
  const destinations = new DestinationService(db, vault, identity, federation, {
    s3Client: { maxAttempts: config.poll.s3MaxAttempts },
    ...(config.environment ? { env: config.environment } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const exports = new ExportService(db, destinations, {
    ...(config.environment ? { env: config.environment } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  return {
    apiKeys: new ApiKeyService(db),
    contracts,
    connections,
    polls,
    events: new EventService(db),
    federation,
    identity,
    cloudAccounts,
    stateSources,
    destinations,
    exports,
  };
}

/** Opens the database, applies migrations, loads the key ring and builds the services. */
export async function createRuntime(
  config: Config,
  logger: Logger,
  opts: ServiceOptions = {},
): Promise<Runtime> {
  const { db, release } = await openDatabase(config);
  try {
    const applied = await migrate(db);
    if (applied.length > 0) logger.info({ applied }, "applied database migrations");
    if (config.databaseUrl && !config.masterKey) {
      logger.warn(
        "DATABASE_URL is set but DRIFTWATCH_MASTER_KEY is not: the master key lives in a file in this machine's data dir, so other machines sharing the database cannot open secrets. Set DRIFTWATCH_MASTER_KEY on every process.",
      );
    }
    const vault = new SecretVault(loadKeyRing(config));
    const services = buildServices(db, vault, config, logger, opts);
    return {
      config,
      db,
      vault,
      services,
      logger,
      async close() {
        await services.polls.close();
        await db.close();
        release();
      },
    };
  } catch (err) {
    await db.close().catch(() => {});
    release();
    throw err;
  }
}
