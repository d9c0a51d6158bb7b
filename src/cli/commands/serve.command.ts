import { Command, InvalidArgumentError } from "commander";
import { createMetrics } from "../../http/metrics.ts";
import { pgliteDir } from "../../infra/config.ts";
import { fail, loadConfigOrExit, onShutdown, processLogger, startRuntime, startWorker } from "../process.ts";
import { ListenError, type RunningServer, startServer } from "../server.ts";

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError("a port is 0–65535.");
  return port;
}

export function serveCommand(): Command {
  return new Command("serve")
    .description(
      "run the API, the UI, the scheduler and a worker (embedded database unless DATABASE_URL is set)",
    )
    .option("-p, --port <port>", "port to listen on (env PORT, default 8080)", parsePort)
    .option("--host <host>", "address to listen on (env DRIFTWATCH_HOST, default 127.0.0.1)")
    .option("--no-worker", "serve the API only; run `driftwatch worker` processes for the jobs")
    .action(async (opts: { port?: number; host?: string; worker: boolean }) => {
      const config = loadConfigOrExit({
        ...(opts.port === undefined ? {} : { port: opts.port }),
        ...(opts.host === undefined ? {} : { host: opts.host }),
      });
      const logger = processLogger(config);
      let server: RunningServer;
      try {
        server = await startServer(config, logger, { worker: opts.worker });
      } catch (err) {
        if (err instanceof ListenError) fail(err.message);
        throw err;
      }
      const lines = [
        "",
        `driftwatch is running at ${server.url}`,
        `  API reference  ${server.url}/docs`,
        config.databaseUrl
          ? "  database       PostgreSQL (DATABASE_URL)"
          : `  database       embedded PostgreSQL (PGlite) in ${pgliteDir(config)}`,
        `  worker         ${server.worker ? `in this process (${config.worker.concurrency} at a time)` : "off (--no-worker)"}`,
      ];
      if (server.createdKey) {
        lines.push(
          "",
          `  admin API key  ${server.createdKey}`,
          "                 shown once: store it now. Use it as `Authorization: Bearer <key>` or to log in to the UI.",
        );
      }
      process.stdout.write(`${lines.join("\n")}\n\n`);

      onShutdown(logger, () => server.stop());
    });
}

export function workerCommand(): Command {
  return new Command("worker")
    .description(
      "run a worker only (jobs and schedules); with DATABASE_URL, any number of them share the work",
    )
    .action(async () => {
      const config = loadConfigOrExit();
      const logger = processLogger(config);
      const metrics = createMetrics();
      const runtime = await startRuntime(config, logger, metrics);
      const worker = startWorker(runtime, metrics);
      logger.info({ worker: worker.id, concurrency: config.worker.concurrency }, "worker started");
      onShutdown(logger, async () => {
        await worker.stop();
        await runtime.close();
      });
    });
}

export function migrateCommand(): Command {
  return new Command("migrate").description("apply database migrations and exit").action(async () => {
    const config = loadConfigOrExit();
    const logger = processLogger(config);
    const runtime = await startRuntime(config, logger);
    const { rows } = await runtime.db.query<{ name: string }>(
      "SELECT name FROM schema_migrations ORDER BY version",
    );
    process.stdout.write(`database is at ${rows.at(-1)?.name ?? "nothing"} (${rows.length} migrations)\n`);
    await runtime.close();
  });
}
