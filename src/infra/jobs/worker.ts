import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "pino";
import type { Db } from "../db/engine.ts";
import {
  completeJob,
  failJob,
  heartbeat,
  type JobRow,
  leaseJob,
  releaseJob,
  sweepExpiredLeases,
} from "./job-queue.ts";
import { fireDueSchedules } from "./schedules.ts";

export interface JobContext {
  /** Aborted when the lease is lost or the worker is shutting down past its grace period. */
  signal: AbortSignal;
  workerId: string;
  db: Db;
  logger: Logger;
}

export type JobHandler = (job: JobRow, ctx: JobContext) => Promise<unknown>;

export interface TaskOptions {
  /** Backoff after attempt n: min(maxDelay, baseDelay·2^(n−1)), times a random factor in [0.5, 1]. */
  baseDelaySeconds?: number;
  maxDelaySeconds?: number;
}

/** Throw from a handler when retrying cannot help (bad input, deleted target): the job fails at once. */
export class PermanentJobError extends Error {
  readonly permanent = true;
}

export interface WorkerOptions {
  concurrency: number;
  leaseSeconds: number;
  pollIntervalMs: number;
  shutdownGraceMs: number;
  /** Run the scheduler and lease sweeper on this worker's tick (default true). */
  maintenance?: boolean;
  /** How often maintenance runs, in ms (default 1000). */
  maintenanceIntervalMs?: number;
  onJobFinished?: (
    job: JobRow,
    outcome: "completed" | "retry" | "failed" | "lost" | "released",
    ms: number,
  ) => void;
}

export function backoffSeconds(attempt: number, opts: TaskOptions = {}, random = Math.random): number {
  const base = opts.baseDelaySeconds ?? 5;
  const max = opts.maxDelaySeconds ?? 600;
  const raw = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.5 + random() * 0.5) * 1000) / 1000;
}

interface Running {
  job: JobRow;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Leases jobs from the database and runs their handlers, up to `concurrency` at once, heartbeating each
 * lease. `stop()` stops leasing, waits up to the grace period for running jobs, then aborts and releases
 * what is still running, so another worker takes it at once.
 */
export class Worker {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  readonly #db: Db;
  readonly #logger: Logger;
  readonly #opts: WorkerOptions;
  readonly #handlers = new Map<string, { handler: JobHandler; options: TaskOptions }>();
  readonly #running = new Map<number, Running>();
  #stopping = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #lastMaintenance = 0;
  readonly #maintenanceHooks: Array<() => Promise<unknown>> = [];

  constructor(db: Db, logger: Logger, opts: WorkerOptions) {
    this.#db = db;
    this.#logger = logger.child({ worker: this.id });
    this.#opts = opts;
  }

  /** Adds a task to the maintenance tick (after the lease sweep), e.g. closing what a killed job left open. */
  onMaintenance(fn: () => Promise<unknown>): this {
    this.#maintenanceHooks.push(fn);
    return this;
  }

  register(task: string, handler: JobHandler, options: TaskOptions = {}): this {
    this.#handlers.set(task, { handler, options });
    return this;
  }

  get runningJobIds(): number[] {
    return [...this.#running.keys()];
  }

  start(): void {
    if (this.#loop) return;
    this.#stopping = false;
    this.#loop = this.#run();
  }

  /** Wakes the loop now (e.g. after enqueueing in this process). */
  nudge(): void {
    this.#wake?.();
  }

  async #run(): Promise<void> {
    const tasks = [...this.#handlers.keys()];
    while (!this.#stopping) {
      try {
        await this.#maintenance();
        let leased = false;
        if (this.#running.size < this.#opts.concurrency && tasks.length > 0) {
          const job = await this.#lease(tasks);
          if (job) {
            this.#start(job);
            leased = true;
          }
        }
        if (leased && this.#running.size < this.#opts.concurrency) continue;
      } catch (err) {
        this.#logger.error({ err }, "worker loop error; retrying after the poll interval");
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#opts.pollIntervalMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  async #lease(tasks: string[]): Promise<JobRow | undefined> {
    try {
      return await leaseJob(this.#db, this.id, tasks, this.#opts.leaseSeconds);
    } catch (err) {
      // Two workers leasing jobs with the same concurrency key at the same instant: the unique index lets one
      // win; the other simply tries again on its next turn.
      if ((err as { code?: string }).code === "23505") return undefined;
      throw err;
    }
  }

  async #maintenance(): Promise<void> {
    if (this.#opts.maintenance === false) return;
    const now = Date.now();
    if (now - this.#lastMaintenance < (this.#opts.maintenanceIntervalMs ?? 1000)) return;
    this.#lastMaintenance = now;
    const swept = await sweepExpiredLeases(this.#db);
    if (swept.requeued + swept.failed > 0) this.#logger.warn(swept, "returned jobs with expired leases");
    for (const hook of this.#maintenanceHooks) await hook();
    await this.#db.transaction((tx) => fireDueSchedules(tx));
  }

  #start(job: JobRow): void {
    const entry = this.#handlers.get(job.task);
    const controller = new AbortController();
    const started = Date.now();
    const log = this.#logger.child({ job: job.id, task: job.task, attempt: job.attempts });
    const beat = setInterval(
      () => {
        heartbeat(this.#db, job.id, this.id, this.#opts.leaseSeconds)
          .then((held) => {
            if (!held && !controller.signal.aborted) {
              log.warn("lease lost; aborting the job here (another worker may run it)");
              controller.abort(new Error("lease lost"));
            }
          })
          .catch((err) => log.warn({ err }, "heartbeat failed"));
      },
      Math.max(500, (this.#opts.leaseSeconds * 1000) / 3),
    );
    const done = (async () => {
      let outcome: "completed" | "retry" | "failed" | "lost" | "released" = "completed";
      try {
        if (!entry) throw new PermanentJobError(`no handler registered for task ${job.task}`);
        const result = await entry.handler(job, {
          signal: controller.signal,
          workerId: this.id,
          db: this.#db,
          logger: log,
        });
        if (controller.signal.aborted && this.#stopping) {
          outcome = (await releaseJob(this.#db, job.id, this.id)) ? "released" : "lost";
        } else {
          outcome = (await completeJob(this.#db, job.id, this.id, result)) ? "completed" : "lost";
        }
      } catch (err) {
        if (controller.signal.aborted && this.#stopping) {
          outcome = (await releaseJob(this.#db, job.id, this.id).catch(() => false)) ? "released" : "lost";
        } else {
          const permanent = (err as { permanent?: boolean }).permanent === true;
          const delay = backoffSeconds(job.attempts, entry?.options);
          const message = err instanceof Error ? err.message : String(err);
          const status = await failJob(this.#db, job.id, this.id, message, delay, permanent).catch((e) => {
            log.error(
              { err: e },
              "could not record the job failure; the lease will expire and the sweeper retries it",
            );
            return undefined;
          });
          outcome = status === "failed" ? "failed" : status === undefined ? "lost" : "retry";
          log[outcome === "failed" ? "error" : "warn"](
            { err: message, retryInSeconds: outcome === "retry" ? delay : undefined },
            outcome === "failed" ? "job failed" : "job attempt failed",
          );
        }
      } finally {
        clearInterval(beat);
        this.#running.delete(job.id);
        this.#opts.onJobFinished?.(job, outcome, Date.now() - started);
        this.#wake?.();
      }
    })();
    this.#running.set(job.id, { job, controller, done });
  }

  /** Stops leasing; lets running jobs finish within the grace period; aborts and releases the rest. */
  async stop(graceMs = this.#opts.shutdownGraceMs): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
    const all = () => Promise.allSettled([...this.#running.values()].map((r) => r.done));
    if (this.#running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      all().then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      // Give the jobs back first, so another worker can take them even if a handler ignores its signal.
      for (const r of this.#running.values()) {
        r.controller.abort(new Error("worker shutting down"));
        await releaseJob(this.#db, r.job.id, this.id).catch(() => false);
      }
      await Promise.race([all(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    }
  }
}
