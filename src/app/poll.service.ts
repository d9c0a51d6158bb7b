import type { Logger } from "pino";
import { boundedText } from "../domain/drift/stored-text.ts";
import { keyMatcher } from "../domain/glob.ts";
import { isFolderMarker, type ListedObject, planFloor, planPoll } from "../domain/watch/poll-plan.ts";
import type { Metrics } from "../http/metrics.ts";
import { listAllObjects } from "../infra/aws/s3-client.ts";
import { CheckPool } from "../infra/check-pool/check-pool.ts";
import type { Db } from "../infra/db/engine.ts";
import { findQueuedManualRun } from "../infra/db/repos/poll-runs.repo.ts";
import { enqueue, type JobRow } from "../infra/jobs/job-queue.ts";
import { PermanentJobError } from "../infra/jobs/worker.ts";
import type { LastError } from "./connection.model.ts";
import { type AwsFailure, describeAwsFailure } from "./connection-errors.ts";
import { type ConnectionService, POLL_TASK, pollConcurrencyKey } from "./connections.service.ts";
import type { ActiveContract, ContractService } from "./contracts.service.ts";
import { conflict } from "./errors.ts";
import { LedgerWriter } from "./ledger-writer.ts";
import { downloadAndCheck, type FileResult } from "./poll-file.ts";
import {
  closeStaleRuns,
  createRun,
  emptyCounts,
  failRun,
  finishRun,
  getRun,
  listRuns,
  type PollRunView,
  type PollTrigger,
  saveProgress,
  startRun,
} from "./poll-runs.ts";
import { type FileContext, loadLedgerWindow, recordSkipped } from "./watch-ledger.ts";

export interface PollOptions {
  /** Files per cycle; when more are new, the next cycle starts at once. */
  cap: number;
  /** How far before the watermark a cycle looks again, for late-visible objects. */
  lookbackMs: number;
  /** Files downloaded and checked at once. */
  concurrency: number;
  maxFileBytes: number;
  /** Attempts per file before it is `failed` for good. */
  fileMaxAttempts: number;
  fileRetryBaseSeconds: number;
  pageBudget: number;
  /** The cycle's clock; read once per cycle, before listing. */
  clock: () => Date;
  /** Threads for contract checks (created on first use); 0 checks on the main thread. */
  checkThreads?: number;
}

export const DEFAULT_POLL_OPTIONS: Omit<PollOptions, "maxFileBytes"> = {
  cap: 100,
  lookbackMs: 60 * 60 * 1000,
  concurrency: 8,
  fileMaxAttempts: 5,
  fileRetryBaseSeconds: 60,
  pageBudget: 2_000,
  clock: () => new Date(),
};

export interface PollJobPayload {
  connection_id: string;
  poll_run_id?: string;
  trigger?: PollTrigger;
  scheduled?: boolean;
}

const errorOf = (f: AwsFailure, at: Date): LastError => ({
  code: f.code,
  aws_code: f.aws_code,
  message: f.message,
  hint: f.hint,
  at: at.toISOString(),
});

/**
 * The S3 watch: one cycle lists the prefix, plans (see domain/watch/poll-plan.ts), downloads and checks the
 * oldest new files, records each with its events, moves the watermark and the connection's health.
 */
export class PollService {
  readonly #db: Db;
  readonly #connections: ConnectionService;
  readonly #contracts: ContractService;
  readonly #logger: Logger;
  readonly #opts: PollOptions;
  readonly #metrics: Metrics | undefined;
  #checkPool: CheckPool | undefined;
  /** Called after a job is queued here, so an in-process worker picks it up at once. */
  onEnqueued: () => void = () => {};

  constructor(
    db: Db,
    connections: ConnectionService,
    contracts: ContractService,
    logger: Logger,
    opts: PollOptions,
    metrics?: Metrics,
  ) {
    this.#db = db;
    this.#connections = connections;
    this.#contracts = contracts;
    this.#logger = logger;
    this.#opts = opts;
    this.#metrics = metrics;
  }

  #pool(): CheckPool | undefined {
    const threads = this.#opts.checkThreads ?? 0;
    if (threads <= 0) return undefined;
    this.#checkPool ??= new CheckPool(threads);
    return this.#checkPool;
  }

  /** Stops the check threads (the service can still poll; they start again when needed). */
  async close(): Promise<void> {
    const pool = this.#checkPool;
    this.#checkPool = undefined;
    await pool?.close();
  }

  /** "Poll now": queues a manual cycle (or returns the one already queued). */
  async requestPoll(orgId: string, connectionId: string): Promise<PollRunView> {
    const row = await this.#connections.row(orgId, connectionId);
    if (row.paused) {
      throw conflict(
        "connection.paused",
        `Connection "${row.name}" is paused.`,
        "Resume it (POST /api/v1/connections/:id/resume) to poll.",
      );
    }
    const runId = await this.#db.transaction(async (tx) => {
      const queued = await findQueuedManualRun(tx, connectionId);
      if (queued) return queued;
      const id = await createRun(tx, orgId, connectionId, "manual");
      await enqueue(tx, {
        task: POLL_TASK,
        orgId,
        payload: { connection_id: connectionId, poll_run_id: id, trigger: "manual" },
        singletonKey: `poll:manual:${connectionId}`,
        concurrencyKey: pollConcurrencyKey(connectionId),
        priority: 10,
        maxAttempts: 3,
      });
      return id;
    });
    this.onEnqueued();
    return getRun(this.#db, orgId, runId);
  }

  /** The sweeper's part (on the worker's maintenance tick): closes runs a killed process left `running`. */
  async sweepStaleRuns(): Promise<number> {
    const closed = await closeStaleRuns(this.#db, new Date());
    if (closed > 0) this.#logger.warn({ closed }, "closed poll runs left running by a stopped cycle");
    return closed;
  }

  getRun(orgId: string, runId: string): Promise<PollRunView> {
    return getRun(this.#db, orgId, runId);
  }

  listRuns(orgId: string, connectionId: string, limit: number): Promise<PollRunView[]> {
    return listRuns(this.#db, orgId, connectionId, limit);
  }

  /** Waits until a run has finished (or the timeout passes) and returns it. */
  async waitForRun(orgId: string, runId: string, timeoutMs: number): Promise<PollRunView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await getRun(this.#db, orgId, runId);
      if (run.status === "completed" || run.status === "failed" || Date.now() > deadline) return run;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The `poll` job: one cycle. */
  async runJob(job: JobRow, signal: AbortSignal): Promise<PollRunView | { skipped: string }> {
    const payload = job.payload as unknown as PollJobPayload;
    const orgId = job.org_id;
    if (!orgId) throw new PermanentJobError("poll job without an organisation");
    let row: Awaited<ReturnType<ConnectionService["row"]>>;
    try {
      row = await this.#connections.row(orgId, payload.connection_id);
    } catch {
      throw new PermanentJobError(`connection ${payload.connection_id} no longer exists`);
    }
    const trigger: PollTrigger = payload.trigger ?? (payload.scheduled ? "schedule" : "backlog");
    if (row.paused && trigger !== "manual") return { skipped: "paused" };
    const runId = payload.poll_run_id ?? (await createRun(this.#db, orgId, row.id, trigger));
    await startRun(this.#db, runId, job.id);
    try {
      await this.cycle(orgId, row.id, runId, signal);
    } catch (err) {
      // no run stays `running` after its cycle: the job's retry (if any) starts a new one, or this one again
      await failRun(this.#db, runId, {
        code: signal.aborted ? "poll.interrupted" : "poll.failed",
        aws_code: null,
        message: boundedText(`The cycle stopped: ${(err as Error)?.message ?? String(err)}`, 500),
        hint: "Nothing to do: what it recorded stays, and the job is retried.",
        at: new Date().toISOString(),
      }).catch(() => {});
      throw err;
    }
    return getRun(this.#db, orgId, runId);
  }

  async cycle(orgId: string, connectionId: string, runId: string, signal: AbortSignal): Promise<void> {
    const now = this.#opts.clock();
    const { row, spec } = await this.#connections.target(orgId, connectionId);
    const counts = emptyCounts();
    const client = await this.#connections.client(orgId, row, spec);
    const log = this.#logger.child({ connection: row.id, run: runId });
    try {
      const matcher = keyMatcher(row.prefix, row.file_pattern);
      const floor = planFloor({
        watchSince: row.backfill ? null : row.watch_since,
        watermark: row.watermark,
        lookbackMs: this.#opts.lookbackMs,
      });
      const ledger = await loadLedgerWindow(this.#db, row.id, floor);
      const candidates: ListedObject[] = [];
      const floorMs = floor?.getTime() ?? -Infinity;
      try {
        for await (const page of listAllObjects(client, row.bucket, matcher.listPrefix, {
          pageBudget: this.#opts.pageBudget,
          signal,
        })) {
          counts.listed += page.length;
          for (const o of page) {
            if (isFolderMarker(o) || !matcher.matches(o.key)) continue;
            counts.matched++;
            if (o.lastModified.getTime() >= floorMs) candidates.push(o);
          }
        }
      } catch (err) {
        if (signal.aborted) throw err;
        // a listing error changes nothing but the health: no watermark move, no ledger entry
        const failure =
          (err as { code?: string }).code === "connection.listing_budget_exceeded"
            ? {
                code: "connection.listing_budget_exceeded",
                aws_code: null,
                message: (err as Error).message,
                hint: "Narrow the prefix, or use a pattern with literal leading folders (they narrow the listing).",
                retryable: false,
              }
            : describeAwsFailure(err, {
                action: "s3:ListBucket",
                bucket: row.bucket,
                prefix: matcher.listPrefix,
                region: row.region,
                endpoint: row.endpoint_url,
              });
        const error = errorOf(failure, now);
        await this.#db.query(
          `UPDATE connections SET consecutive_failures = consecutive_failures + 1, last_poll_at = $2, last_error = $3::jsonb,
             health = CASE WHEN $4 AND consecutive_failures < 2 AND health <> 'critical' THEN 'warning' ELSE 'critical' END
           WHERE id = $1`,
          [row.id, now, JSON.stringify(error), failure.retryable],
        );
        await finishRun(this.#db, runId, "failed", counts, false, error, row.watermark);
        log.warn({ code: failure.code, aws_code: failure.aws_code }, "listing failed");
        return;
      }

      const plan = planPoll(candidates, {
        now,
        watchSince: null,
        watermark: null,
        lookbackMs: 0,
        cap: this.#opts.cap,
        ledger,
      });
      counts.new = plan.counts.new;
      const ctxBase = { orgId, connectionId: row.id, pollRunId: runId };
      for (const o of plan.archived) {
        await recordSkipped(this.#db, { ...ctxBase, contractVersionId: null }, o, {
          code: "connection.s3.archived",
          aws_code: null,
          message: `${o.key} is in ${o.storageClass} and cannot be read without a restore.`,
          hint: "Restore the object (or copy it to a readable storage class) to have it checked.",
          at: now.toISOString(),
        });
        counts.skipped++;
      }

      const contract: ActiveContract | undefined = row.contract_id
        ? await this.#contracts.active(this.#db, orgId, row.contract_id)
        : undefined;
      const ctx: FileContext = { ...ctxBase, contractVersionId: contract?.versionId ?? null };
      const done = new Set<ListedObject>();
      let lastFileError: LastError | null = null;
      let nextRetryIn: number | undefined;
      let index = 0;
      let sinceSave = 0;
      const writer = new LedgerWriter(this.#db, ctx, now);
      const unprocessable: string[] = [];
      let writeError: unknown;
      const recording: Array<Promise<void>> = [];
      const tally = (obj: ListedObject, result: FileResult) => {
        if (result.done) done.add(obj);
        counts[result.count]++;
        counts.events += result.events;
        if (result.error) lastFileError = result.error;
        if (result.retryInSeconds !== undefined)
          nextRetryIn = Math.min(nextRetryIn ?? Infinity, result.retryInSeconds);
        this.#metrics?.filesProcessed.inc({ status: result.count });
        for (const e of result.recorded)
          this.#metrics?.driftEvents.inc({ type: e.type, severity: e.severity });
      };
      const fileJob = {
        db: this.#db,
        client,
        bucket: row.bucket,
        region: row.region,
        endpoint: row.endpoint_url,
        contract,
        ctx,
        now,
        signal,
        checkPool: contract ? this.#pool() : undefined,
      };
      const workers = Array.from(
        { length: Math.min(this.#opts.concurrency, plan.batch.length) },
        async () => {
          while (index < plan.batch.length && !signal.aborted) {
            const obj = plan.batch[index++]!;
            const result = await downloadAndCheck(fileJob, obj, this.#opts);
            if (!("checked" in result)) {
              tally(obj, result);
              continue;
            }
            // the next download starts while this file's ledger entry and events are written (batched)
            recording.push(
              writer.add(result.checked).then(
                (r) => {
                  if (r.outcome === "unprocessable") {
                    unprocessable.push(obj.key);
                    log.warn(
                      { key: obj.key, reason: r.error?.message },
                      "file unprocessable; recorded as failed",
                    );
                    tally(obj, {
                      done: true,
                      count: "failed",
                      events: r.events,
                      recorded: [],
                      ...(r.error ? { error: r.error } : {}),
                    });
                    return;
                  }
                  const events = result.checked.result.events;
                  tally(obj, {
                    done: true,
                    count: r.outcome === "already" ? "skipped" : r.outcome,
                    events: r.events,
                    recorded: r.events ? events : [],
                  });
                },
                (err: unknown) => {
                  writeError ??= err;
                },
              ),
            );
            if (++sinceSave >= 25) {
              sinceSave = 0;
              await saveProgress(this.#db, runId, counts);
            }
          }
        },
      );
      await Promise.all(workers);
      await writer.flush();
      await Promise.all(recording);
      if (writeError) throw writeError;
      if (signal.aborted) {
        // shutting down or the lease was lost: what was recorded stays; the rest is taken up by the retry
        await saveProgress(this.#db, runId, counts);
        throw new Error("poll cycle interrupted");
      }

      if (unprocessable.length > 0) {
        // the connection names the files set aside in this cycle (the first few), whatever else failed
        const named = unprocessable.slice(0, 5).join(", ");
        const more = unprocessable.length > 5 ? ` and ${unprocessable.length - 5} more` : "";
        const n = unprocessable.length;
        lastFileError = {
          code: "file.unprocessable",
          aws_code: null,
          message: boundedText(
            `${n} file${n === 1 ? " was" : "s were"} checked but could not be stored (${named}${more}); each is recorded as failed with a file_unprocessable event that keeps the reason.`,
          ),
          hint: "See the file's event for the reason; a new version of the file is checked again.",
          at: now.toISOString(),
        };
      }
      const watermark = plan.nextWatermark((o) => done.has(o));
      const fileTrouble = counts.failed > 0 || nextRetryIn !== undefined;
      await this.#db.query(
        `UPDATE connections SET watermark = $2, last_poll_at = $3, last_success_at = $3, consecutive_failures = 0,
           health = $4, last_error = $5::jsonb WHERE id = $1`,
        [
          row.id,
          watermark,
          now,
          fileTrouble ? "warning" : "healthy",
          fileTrouble && lastFileError ? JSON.stringify(lastFileError) : null,
        ],
      );
      await finishRun(this.#db, runId, "completed", counts, plan.backlog > 0, null, watermark);
      log.info({ counts, backlog: plan.backlog }, "poll cycle done");

      // a backlog drains at once; files waiting for a retry get a cycle when their time comes
      if (plan.backlog > 0) {
        await this.#followUp(orgId, row.id, "backlog", 0);
      } else if (nextRetryIn !== undefined && nextRetryIn < row.poll_interval_minutes * 60) {
        await this.#followUp(orgId, row.id, "retry", nextRetryIn);
      }
    } finally {
      client.destroy();
    }
  }

  async #followUp(
    orgId: string,
    connectionId: string,
    why: "backlog" | "retry",
    delaySeconds: number,
  ): Promise<void> {
    await enqueue(this.#db, {
      task: POLL_TASK,
      orgId,
      payload: { connection_id: connectionId, trigger: "backlog" },
      singletonKey: `poll:${why}:${connectionId}`,
      concurrencyKey: pollConcurrencyKey(connectionId),
      delaySeconds,
      maxAttempts: 3,
    });
    this.onEnqueued();
  }
}
