import type { Logger } from "pino";
import { createRuntime, type Runtime } from "../app/runtime.ts";
import { registerTasks } from "../app/tasks.ts";
import type { Metrics } from "../http/metrics.ts";
import { type Config, ConfigError, loadConfig } from "../infra/config.ts";
import { Worker } from "../infra/jobs/worker.ts";
import { createLogger } from "../infra/logger.ts";

/** Prints a usage or startup error (no stack) and exits 2, the CLI's code for usage and I/O errors. */
export function fail(message: string): never {
  process.stderr.write(`driftwatch: ${message}\n`);
  process.exit(2);
}

export function loadConfigOrExit(overrides: Partial<Pick<Config, "port" | "host">> = {}): Config {
  try {
    return loadConfig(process.env, overrides);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
}

/** Logs go to stderr; stdout is kept for what the user asked to see (the banner, command output). */
export function processLogger(config: Config): Logger {
  return createLogger(config.logLevel, process.stderr);
}

export async function startRuntime(config: Config, logger: Logger, metrics?: Metrics): Promise<Runtime> {
  try {
    return await createRuntime(config, logger, metrics ? { metrics } : {});
  } catch (err) {
    fail((err as Error).message);
  }
}

export function startWorker(runtime: Runtime, metrics?: Metrics): Worker {
  const worker = new Worker(runtime.db, runtime.logger, {
    ...runtime.config.worker,
    onJobFinished: (job, outcome, ms) => {
      metrics?.jobsFinished.inc({ task: job.task, outcome });
      metrics?.jobDuration.observe({ task: job.task }, ms / 1000);
    },
  });
  registerTasks(worker, runtime);
  worker.start();
  return worker;
}

/** Runs `stop` once on SIGTERM or SIGINT, then exits; a second signal exits at once. */
export function onShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, "shutting down: finishing or releasing running jobs");
    stop()
      .then(() => process.exit(0))
      .catch((err) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", handler);
  process.on("SIGINT", handler);
}
