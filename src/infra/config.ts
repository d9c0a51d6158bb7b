import { availableParallelism } from "node:os";
import { isAbsolute, join, resolve } from "node:path";

/**
 * Configuration, read and validated once at start from the environment (and CLI flags), then passed down.
 * Nothing else reads process.env.
 */
export interface Config {
  dataDir: string;
  /** postgres://… when set; otherwise the embedded PGlite database in `${dataDir}/db`. */
  databaseUrl: string | undefined;
  host: string;
  port: number;
  /** Base URL users reach the server at; the OIDC issuer. */
  publicUrl: string;
  logLevel: string;
  /** Base64 of 32 bytes. When unset, a key file in the data dir is used (created on first start, mode 0600). */
  masterKey: string | undefined;
  /** Previous master keys (base64, comma-separated), still accepted for unwrapping during a rotation. */
  previousMasterKeys: string[];
  bootstrapApiKey: string | undefined;
  /** Largest request body accepted by the API, in bytes. */
  bodyLimitBytes: number;
  /** Largest file body accepted by `POST /contracts/:id/check`, in bytes. */
  checkBodyLimitBytes: number;
  /** Largest watched file downloaded and checked; bigger files are recorded as `too_large`. */
  maxFileBytes: number;
  /** Threads that run contract checks beside downloads; 0 checks on the main thread. */
  checkThreads: number;
  poll: {
    /** Files per cycle (the backlog drains in immediate follow-up cycles). */
    cap: number;
    lookbackSeconds: number;
    /** Files downloaded and checked at once per cycle. */
    concurrency: number;
    fileMaxAttempts: number;
    fileRetryBaseSeconds: number;
    /** Listing pages (of 1,000 keys) per cycle at most. */
    pageBudget: number;
    /** SDK attempts per S3 call (throttling and 5xx are retried). */
    s3MaxAttempts: number;
  };
  /** STS endpoint override (tests, VPC or FIPS endpoints); unset: AWS's regional endpoint. */
  stsEndpoint: string | undefined;
  /** The installation's environment name (DRIFTWATCH_ENV): `{env}` in destination path templates. */
  environment: string | undefined;
  /** driftwatch as an OIDC identity provider for AWS (issuer = publicUrl). */
  federation: { audience: string; tokenTtlSeconds: number; keyMaxAgeDays: number };
  worker: {
    concurrency: number;
    leaseSeconds: number;
    pollIntervalMs: number;
    shutdownGraceMs: number;
  };
}

export class ConfigError extends Error {
  readonly code = "config.invalid";
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}; it is "${raw}".`);
  }
  return value;
}

export function loadConfig(
  env: Env = process.env,
  overrides: Partial<Pick<Config, "port" | "host">> = {},
): Config {
  const dataDirRaw = env.DRIFTWATCH_DATA_DIR || ".driftwatch";
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(process.cwd(), dataDirRaw);
  const port = overrides.port ?? int(env, "PORT", 8080, 0, 65535);
  const host = overrides.host ?? (env.DRIFTWATCH_HOST || "127.0.0.1");
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError("DATABASE_URL must start with postgres:// or postgresql://.");
  }
  const masterKey = env.DRIFTWATCH_MASTER_KEY || undefined;
  const previousMasterKeys = (env.DRIFTWATCH_PREVIOUS_MASTER_KEYS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const publicUrl = (env.DRIFTWATCH_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, "");
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError(`DRIFTWATCH_PUBLIC_URL must be an absolute URL; it is "${publicUrl}".`);
  }
  const stsEndpoint = env.DRIFTWATCH_STS_ENDPOINT || undefined;
  if (stsEndpoint !== undefined && !/^https?:\/\/[^/]/.test(stsEndpoint)) {
    throw new ConfigError(`DRIFTWATCH_STS_ENDPOINT must be an http(s) URL; it is "${stsEndpoint}".`);
  }
  return {
    dataDir,
    databaseUrl,
    host,
    port,
    publicUrl,
    logLevel: env.DRIFTWATCH_LOG_LEVEL || env.LOG_LEVEL || "info",
    masterKey,
    previousMasterKeys,
    bootstrapApiKey: env.DRIFTWATCH_BOOTSTRAP_API_KEY || undefined,
    bodyLimitBytes: int(env, "DRIFTWATCH_BODY_LIMIT_BYTES", 1024 * 1024, 1024, 64 * 1024 * 1024),
    checkBodyLimitBytes: int(
      env,
      "DRIFTWATCH_CHECK_BODY_LIMIT_BYTES",
      20 * 1024 * 1024,
      1024,
      512 * 1024 * 1024,
    ),
    maxFileBytes: int(env, "DRIFTWATCH_MAX_FILE_BYTES", 256 * 1024 * 1024, 1, 16 * 1024 * 1024 * 1024),
    stsEndpoint,
    environment: env.DRIFTWATCH_ENV || undefined,
    federation: {
      audience: env.DRIFTWATCH_OIDC_AUDIENCE || `${publicUrl}/federation`,
      tokenTtlSeconds: int(env, "DRIFTWATCH_OIDC_TOKEN_TTL_SECONDS", 300, 60, 3600),
      keyMaxAgeDays: int(env, "DRIFTWATCH_OIDC_KEY_MAX_AGE_DAYS", 30, 1, 365),
    },
    checkThreads: int(
      env,
      "DRIFTWATCH_CHECK_THREADS",
      Math.max(1, Math.min(4, availableParallelism() - 1)),
      0,
      64,
    ),
    poll: {
      cap: int(env, "DRIFTWATCH_POLL_CAP", 100, 1, 10_000),
      lookbackSeconds: int(env, "DRIFTWATCH_POLL_LOOKBACK_SECONDS", 3600, 1, 7 * 24 * 3600),
      concurrency: int(env, "DRIFTWATCH_POLL_CONCURRENCY", 8, 1, 64),
      fileMaxAttempts: int(env, "DRIFTWATCH_FILE_MAX_ATTEMPTS", 5, 1, 100),
      fileRetryBaseSeconds: int(env, "DRIFTWATCH_FILE_RETRY_BASE_SECONDS", 60, 1, 86_400),
      pageBudget: int(env, "DRIFTWATCH_POLL_PAGE_BUDGET", 2_000, 1, 100_000),
      s3MaxAttempts: int(env, "DRIFTWATCH_S3_MAX_ATTEMPTS", 3, 1, 10),
    },
    worker: {
      concurrency: int(env, "DRIFTWATCH_WORKER_CONCURRENCY", 2, 1, 64),
      leaseSeconds: int(env, "DRIFTWATCH_JOB_LEASE_SECONDS", 60, 2, 3600),
      pollIntervalMs: int(env, "DRIFTWATCH_WORKER_POLL_MS", 500, 10, 60000),
      shutdownGraceMs: int(env, "DRIFTWATCH_SHUTDOWN_GRACE_MS", 10000, 0, 600000),
    },
  };
}

export function pgliteDir(config: Config): string {
  return join(config.dataDir, "db");
}
