import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Runtime } from "../app/runtime.ts";
import { createHttpApp } from "../http/app.ts";
import { createMetrics } from "../http/metrics.ts";
import type { Config } from "../infra/config.ts";
import type { Worker } from "../infra/jobs/worker.ts";
import { startRuntime, startWorker } from "./process.ts";

export interface RunningServer {
  url: string;
  port: number;
  runtime: Runtime;
  app: FastifyInstance;
  worker: Worker | undefined;
  /** The admin key created by this start (first start only, and only when not supplied). */
  createdKey: string | undefined;
  orgId: string | undefined;
  stop(): Promise<void>;
}

export class ListenError extends Error {
  readonly code = "server.listen_failed";
}

/** Opens the database, bootstraps the first org, serves HTTP, and (by default) runs a worker in-process. */
export async function startServer(
  config: Config,
  logger: Logger,
  opts: { worker: boolean },
): Promise<RunningServer> {
  const metrics = createMetrics();
  const runtime = await startRuntime(config, logger, metrics);
  const boot = await runtime.services.apiKeys.bootstrap(config.bootstrapApiKey);
  const app = await createHttpApp({
    db: runtime.db,
    services: runtime.services,
    metrics,
    logger,
    bodyLimitBytes: config.bodyLimitBytes,
    checkBodyLimitBytes: config.checkBodyLimitBytes,
    publicUrl: config.publicUrl,
  });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close().catch(() => {});
    await runtime.close();
    const code = (err as NodeJS.ErrnoException).code;
    throw new ListenError(
      `cannot listen on ${config.host}:${config.port}: ${code === "EADDRINUSE" ? "the port is in use; pass --port or set PORT" : (err as Error).message}`,
    );
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const worker = opts.worker ? startWorker(runtime, metrics) : undefined;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    runtime,
    app,
    worker,
    createdKey: boot?.createdKey,
    orgId: boot?.org.id,
    async stop() {
      await app.close();
      await worker?.stop();
      await runtime.close();
    },
  };
}
