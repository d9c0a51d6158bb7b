/**
 * The exporter: drift events (and scan reports) written to destinations, append-only and exactly once.
 *
 * A run of one destination (a job on the queue, task `export`) first finishes the batches already
 * planned, then plans new ones while there are events to export and a batch is due (full, or its oldest
 * event old enough; or `flush`). Planning is one transaction: lock the destination, read the next events
 * after its cursor, move the cursor past them and insert the batch with its objects' keys. Writing comes
 * after: each attempt is counted (and committed) before anything is sent, and every object is a
 * conditional PutObject (`If-None-Match: *`). A key found taken after an earlier attempt of the same batch
 * is "already written" (the crash came between S3's answer and our commit); a key taken on the first and
 * only attempt belongs to someone else and is reported as a collision, never overwritten.
 */
import { randomUUID } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import type { ExportBatch } from "../api/destinations.api.ts";
import { batchDue, encodeBatch } from "../domain/export/event-batch.ts";
import {
  type BatchIdentity,
  groupEvents,
  planEventObjects,
  planReportObject,
} from "../domain/export/export-plan.ts";
import { awsCallError } from "../infra/aws/aws-errors.ts";
import { MULTIPART_THRESHOLD, type WriteBody, writeNewObject } from "../infra/aws/s3-writer.ts";
import type { Db } from "../infra/db/engine.ts";
import * as dest from "../infra/db/repos/destinations.repo.ts";
import * as outbox from "../infra/db/repos/export-outbox.repo.ts";
import { enqueue, type JobRow } from "../infra/jobs/job-queue.ts";
import { backoffSeconds, PermanentJobError } from "../infra/jobs/worker.ts";
import type { DestinationService, DestinationTarget } from "./destinations.service.ts";
import { AppError } from "./errors.ts";
import { EXPORT_TASK, exportConcurrencyKey } from "./export-jobs.ts";

export interface ExportJobPayload {
  destination_id: string;
  /** Plan batches even when they are not full and not old enough (export now). */
  flush?: boolean;
}

export interface ExportRunResult {
  batches_planned: number;
  batches_written: number;
  objects_written: number;
  objects_already_written: number;
  events_exported: number;
  bytes: number;
}

/** A scan report as handed over by the scanner: anything JSON, with the account it is about. */
export interface ScanReportInput {
  /** `{account}` in the path template. */
  account: string;
  /** The report itself (written as JSON). */
  report: unknown;
}

export interface ExportOptions {
  clock?: () => Date;
  env?: string;
  /** Batches written per run before the job yields (it is queued again at once when more is waiting). */
  maxBatchesPerRun?: number;
  /** Batches planned ahead of writing (default 16). */
  planAhead?: number;
  /** Objects written at once (default 4). */
  writeConcurrency?: number;
}

/** Runs `fn` over `items`, at most `n` at once; waits for all, then throws the first failure. */
async function eachAtMost<T>(n: number, items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length && !failure) {
        const item = items[next++]!;
        try {
          await fn(item);
        } catch (error) {
          failure ??= { error };
        }
      }
    }),
  );
  if (failure) throw failure.error;
}

const emptyResult = (): ExportRunResult => ({
  batches_planned: 0,
  batches_written: 0,
  objects_written: 0,
  objects_already_written: 0,
  events_exported: 0,
  bytes: 0,
});

/**
 * Bodies up to the multipart threshold become one buffer (one PutObject with Content-MD5); larger ones
 * stream on, the chunks read so far first, so memory stays near one part whatever the batch size.
 */
async function bufferSmall(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  limit = MULTIPART_THRESHOLD,
): Promise<WriteBody> {
  const it =
    Symbol.asyncIterator in chunks
      ? (chunks as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]()
      : (chunks as Iterable<Uint8Array>)[Symbol.iterator]();
  const head: Uint8Array[] = [];
  let size = 0;
  while (size <= limit) {
    const next = await it.next();
    if (next.done) {
      const out = new Uint8Array(size);
      let at = 0;
      for (const c of head) {
        out.set(c, at);
        at += c.length;
      }
      return out;
    }
    head.push(next.value);
    size += next.value.length;
  }
  return (async function* () {
    yield* head;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  })();
}

export class ExportService {
  readonly #db: Db;
  readonly #destinations: DestinationService;
  readonly #opts: ExportOptions;
  /** Called after a job is queued (the worker leases it at once). */
  onEnqueued: (() => void) | undefined;

  constructor(db: Db, destinations: DestinationService, opts: ExportOptions = {}) {
    this.#db = db;
    this.#destinations = destinations;
    this.#opts = opts;
  }

  #now(): Date {
    return (this.#opts.clock ?? (() => new Date()))();
  }

  async runJob(job: JobRow, signal: AbortSignal): Promise<ExportRunResult | { skipped: string }> {
    const payload = job.payload as unknown as ExportJobPayload;
    const orgId = job.org_id;
    if (!orgId) throw new PermanentJobError("export job without an organisation");
    let target: DestinationTarget;
    try {
      target = await this.#destinations.target(orgId, payload.destination_id);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) {
        throw new PermanentJobError(`destination ${payload.destination_id} no longer exists`);
      }
      throw err;
    }
    if (target.row.paused && !payload.flush) return { skipped: "paused" };
    const result = await this.run(target, { flush: payload.flush ?? false, signal });
    return result;
  }

  /** Queues an export of one destination (`flush`: whatever is waiting, due or not). */
  async requestExport(orgId: string, destinationId: string, flush = true): Promise<number> {
    await this.#destinations.row(orgId, destinationId);
    const { job } = await enqueue(this.#db, {
      task: EXPORT_TASK,
      orgId,
      payload: { destination_id: destinationId, flush },
      singletonKey: `export-now:${destinationId}:${flush}`,
      concurrencyKey: exportConcurrencyKey(destinationId),
      maxAttempts: 10,
    });
    this.onEnqueued?.();
    return job.id;
  }

  /** Exports what is waiting for one destination, now, in this process; see the file comment. */
  async exportNow(orgId: string, destinationId: string): Promise<ExportRunResult> {
    return this.run(await this.#destinations.target(orgId, destinationId), { flush: true });
  }

  async run(
    target: DestinationTarget,
    opts: { flush: boolean; signal?: AbortSignal },
  ): Promise<ExportRunResult> {
    const result = emptyResult();
    const max = this.#opts.maxBatchesPerRun ?? 200;
    const client = await this.#destinations.client(target.row.org_id, target.row, target.spec);
    const ahead = this.#opts.planAhead ?? 16;
    const parallel = this.#opts.writeConcurrency ?? 4;
    try {
      while (result.batches_written < max) {
        opts.signal?.throwIfAborted();
        const pending = await outbox.pendingBatches(this.#db, target.row.id, ahead);
        if (pending.length > 0) {
          await eachAtMost(parallel, pending, (batch) =>
            this.#write(target, client, batch, result, opts.signal),
          );
          continue;
        }
        if (!target.row.export_events) break;
        // plan several batches, then write them side by side: database work and S3 round trips overlap
        let planned = 0;
        while (planned < ahead && (await this.#planEvents(target, opts.flush))) planned++;
        if (planned === 0) break;
        result.batches_planned += planned;
      }
      await this.#destinations.recordOutcome(target.row.id, { ok: true });
      if (result.batches_written >= max) {
        await this.requestExport(target.row.org_id, target.row.id, opts.flush);
      }
      return result;
    } catch (err) {
      if (!opts.signal?.aborted) {
        const retryable = Boolean(
          ((err as AppError).details as { retryable?: boolean } | undefined)?.retryable,
        );
        await this.#destinations.recordOutcome(target.row.id, { ok: false, error: err, retryable });
      }
      throw err;
    } finally {
      client.destroy();
    }
  }

  #identity(target: DestinationTarget, batchId: string, batchNo: number, plannedAt: Date): BatchIdentity {
    return {
      batchId,
      batchNo,
      destinationId: target.row.id,
      plannedAt,
      org: target.org,
      ...(this.#opts.env ? { env: this.#opts.env } : {}),
    };
  }

  /** Plans the next events batch in one transaction; false when nothing is due. */
  async #planEvents(target: DestinationTarget, flush: boolean): Promise<boolean> {
    const { row } = target;
    return this.#db.transaction(async (tx) => {
      const locked = await dest.lockDestination(tx, row.org_id, row.id);
      if (!locked) return false;
      const from = { tx: locked.cursor_tx, seq: Number(locked.cursor_seq) };
      const events = await outbox.eventsAfter(tx, row.org_id, from, locked.batch_max_events);
      if (events.length === 0) return false;
      const now = this.#now();
      const due =
        flush ||
        batchDue(
          { count: events.length, oldestAt: events[0]!.createdAt },
          { maxEvents: locked.batch_max_events, maxAgeSeconds: locked.batch_max_age_seconds },
          now,
        );
      if (!due) return false;
      const to = events.at(-1)!.cursor;
      const batchNo = await dest.advanceCursor(tx, row.id, to);
      const id = randomUUID();
      const objects = planEventObjects(
        target.template,
        events,
        this.#identity(target, id, batchNo, now),
        locked.format,
        locked.gzip,
      );
      await outbox.insertBatch(tx, {
        id,
        orgId: row.org_id,
        destinationId: row.id,
        batchNo,
        kind: "events",
        from,
        to,
        eventCount: events.length,
        plannedAt: now,
        objects,
      });
      return true;
    });
  }

  /** The body of each planned object of a batch, by its group. */
  async #bodies(
    target: DestinationTarget,
    batch: outbox.BatchRow,
  ): Promise<Map<string, () => WriteBodySource>> {
    const out = new Map<string, () => WriteBodySource>();
    if (batch.kind === "events") {
      const events = await outbox.eventsInRange(
        this.#db,
        batch.org_id,
        { tx: batch.from_tx!, seq: Number(batch.from_seq) },
        { tx: batch.to_tx!, seq: Number(batch.to_seq) },
      );
      const groups = groupEvents(
        target.template,
        events.map((e) => e.event),
      );
      for (const [group, list] of groups) {
        out.set(group, () => ({
          body: encodeBatch(list, target.row.format, target.row.gzip),
          count: list.length,
        }));
      }
    } else if (batch.kind === "scan-reports") {
      const report = (batch.payload as { report?: unknown } | null)?.report ?? null;
      out.set("report", () => ({
        body: [new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`)],
        count: 1,
      }));
    }
    return out;
  }

  async #write(
    target: DestinationTarget,
    client: S3Client,
    batch: outbox.BatchRow,
    result: ExportRunResult,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const attempt = await outbox.startAttempt(this.#db, batch.id);
    if (attempt === 0) return; // written meanwhile by another run
    const { row } = target;
    const op = {
      region: row.region,
      codePrefix: "destination",
      subject: "destination" as const,
      ...(row.endpoint_url ? { endpoint: row.endpoint_url } : {}),
    };
    let bytes = 0;
    let written = 0;
    let already = 0;
    let events = 0;
    try {
      const bodies = await this.#bodies(target, batch);
      for (const planned of batch.objects) {
        const source = bodies.get(planned.group);
        if (!source) continue; // its events were deleted with their connection since the batch was planned
        const { body, count } = source();
        const outcome = await writeNewObject(
          client,
          {
            bucket: row.bucket,
            key: planned.key,
            body: await bufferSmall(body),
            contentType: planned.contentType,
            kmsKeyArn: row.kms_key_arn,
            metadata: {
              "driftwatch-kind": batch.kind,
              "driftwatch-batch": batch.id,
              "driftwatch-records": String(count),
            },
          },
          { op, ...(signal ? { signal } : {}) },
        );
        if (outcome.status === "written") {
          written++;
          bytes += outcome.bytes;
          events += batch.kind === "events" ? count : 0;
          continue;
        }
        // Taken: ours if this batch was attempted before (or is being attempted elsewhere right now).
        if (attempt > 1 || (await outbox.batchAttempts(this.#db, batch.id)) > attempt) {
          already++;
          events += batch.kind === "events" ? count : 0;
          continue;
        }
        throw awsCallError(
          { name: "PreconditionFailed", $metadata: { httpStatusCode: 412 } },
          { ...op, service: "s3", action: "PutObject", bucket: row.bucket, key: planned.key },
        );
      }
      const marked = await this.#db.transaction(async (tx) => {
        const ok = await outbox.markWritten(tx, batch.id, { bytes, written, already });
        if (ok) await dest.addWritten(tx, row.id, { objects: written + already, bytes, events });
        return ok;
      });
      if (marked) {
        result.batches_written++;
        result.objects_written += written;
        result.objects_already_written += already;
        result.events_exported += events;
        result.bytes += bytes;
      }
    } catch (err) {
      if (!signal?.aborted) {
        const e = err as Partial<AppError>;
        await outbox.markAttemptFailed(
          this.#db,
          batch.id,
          {
            code: e.code ?? "destination.error",
            aws_code: ((e.details ?? {}) as { aws_code?: string | null }).aws_code ?? null,
            message: e.message ?? String(err),
            hint: e.hint ?? "See the server log.",
            at: this.#now().toISOString(),
          },
          backoffSeconds(attempt, { baseDelaySeconds: 5, maxDelaySeconds: 900 }),
        );
      }
      throw err;
    }
  }

  /**
   * The hook for infrastructure scans: queue a finished scan's report for every destination of the
   * organisation that exports scan reports (kind=scan-reports, `{account}` = the report's account). Each is
   * planned in the outbox at once (so it is written exactly once) and written by an export job.
   */
  async queueScanReport(orgId: string, input: ScanReportInput): Promise<number> {
    const targets = await dest.destinationsExporting(this.#db, orgId, "scan-reports");
    let planned = 0;
    for (const row of targets) {
      const target = await this.#destinations.target(orgId, row.id);
      await this.#db.transaction(async (tx) => {
        const locked = await dest.lockDestination(tx, orgId, row.id);
        if (!locked) return;
        const batchNo = await dest.advanceCursor(tx, row.id, undefined);
        const id = randomUUID();
        const now = this.#now();
        const object = planReportObject(
          target.template,
          this.#identity(target, id, batchNo, now),
          input.account,
        );
        await outbox.insertBatch(tx, {
          id,
          orgId,
          destinationId: row.id,
          batchNo,
          kind: "scan-reports",
          eventCount: 0,
          payload: { account: input.account, report: input.report },
          plannedAt: now,
          objects: [object],
        });
      });
      planned++;
      await this.requestExport(orgId, row.id, false);
    }
    return planned;
  }

  /** The latest batches of a destination (the export history the UI and CLI show). */
  async batches(orgId: string, destinationId: string, limit = 20): Promise<ExportBatch[]> {
    await this.#destinations.row(orgId, destinationId);
    const rows = await outbox.listBatches(this.#db, destinationId, limit);
    return rows.map((b) => ({
      id: b.id,
      batch_no: Number(b.batch_no),
      kind: b.kind,
      status: b.status,
      event_count: b.event_count,
      keys: b.objects.map((o) => o.key),
      attempts: b.attempts,
      bytes: Number(b.bytes),
      last_error: b.last_error,
      planned_at: b.planned_at.toISOString(),
      written_at: b.written_at?.toISOString() ?? null,
    }));
  }
}

interface WriteBodySource {
  body: Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
  count: number;
}
