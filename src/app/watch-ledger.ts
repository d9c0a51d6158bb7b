import type { CheckResult } from "../domain/contracts/index.ts";
import type { DriftEvent } from "../domain/drift/drift-event.ts";
import type { LedgerEntry, ListedObject } from "../domain/watch/poll-plan.ts";
import { ledgerKey } from "../domain/watch/poll-plan.ts";
import type { Db, Queryable } from "../infra/db/engine.ts";
import type { LastError } from "./connection.model.ts";

/**
 * The ledger of files a connection has seen, and the drift events of each, written together: a file's
 * ledger entry and its events commit in one transaction, so a crash never leaves one without the other, and
 * the unique keys (connection + key + ETag; one processed file per content hash; one event per file × path
 * × rule) make a replay record nothing twice.
 */
export interface FileContext {
  orgId: string;
  connectionId: string;
  pollRunId: string;
  contractVersionId: string | null;
}

export type RecordOutcome = "processed" | "duplicate" | "too_large" | "already";

/** Strings PostgreSQL text and jsonb cannot hold (NUL) are replaced; bigints become strings. */
function clean(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_k, v) =>
      typeof v === "bigint" ? v.toString() : typeof v === "string" ? v.replaceAll("\u0000", "\uFFFD") : v,
    ),
  );
}

export async function loadLedgerWindow(
  q: Queryable,
  connectionId: string,
  floor: Date | null,
): Promise<Map<string, LedgerEntry>> {
  const { rows } = await q.query<{
    key: string;
    etag: string;
    status: LedgerEntry["status"];
    next_attempt_at: Date | null;
  }>(
    `SELECT key, etag, status, next_attempt_at FROM watched_files
     WHERE connection_id = $1 AND ($2::timestamptz IS NULL OR last_modified >= $2)`,
    [connectionId, floor],
  );
  return new Map(
    rows.map((r) => [ledgerKey(r.key, r.etag), { status: r.status, nextAttemptAt: r.next_attempt_at }]),
  );
}

async function insertEvents(
  q: Queryable,
  ctx: FileContext,
  fileId: string,
  events: DriftEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((e) => ({
    contract_key: e.contract.id,
    contract_version: e.contract.version,
    type: e.type,
    severity: e.severity,
    path: e.path,
    rule: e.rule,
    expected: e.expected,
    actual: e.actual,
    count: e.count,
    percent: e.percent,
    samples: e.samples,
    file: e.file,
    detail: e.detail ?? null,
  }));
  await q.query(
    `INSERT INTO drift_events (org_id, connection_id, file_id, contract_key, contract_version, type, severity, path, rule,
       expected, actual, count, percent, samples, file, detail)
     SELECT $1, $2, $3, x.contract_key, x.contract_version, x.type, x.severity, x.path, x.rule, x.expected, x.actual,
       x.count, x.percent, COALESCE(x.samples, '[]'::jsonb), x.file, x.detail
     FROM jsonb_to_recordset($4::jsonb) AS x(contract_key text, contract_version text, type text, severity text,
       path text, rule text, expected text, actual text, count integer, percent double precision, samples jsonb,
       file jsonb, detail jsonb)
     ON CONFLICT (file_id, path, rule) DO NOTHING`,
    [ctx.orgId, ctx.connectionId, fileId, JSON.stringify(clean(rows))],
  );
}

/**
 * Records a checked file and its events. Same content already processed under any key of this connection →
 * `duplicate`, no events. When another worker already finished this key + ETag → `already`, nothing written.
 */
export async function recordCheckedFile(
  db: Db,
  ctx: FileContext,
  obj: ListedObject,
  result: Pick<CheckResult, "sha256" | "size" | "records" | "events" | "tooLarge" | "format">,
): Promise<{ outcome: RecordOutcome; events: number }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const dup = result.tooLarge
          ? undefined
          : (
              await tx.query<{ id: string }>(
                "SELECT id FROM watched_files WHERE connection_id = $1 AND sha256 = $2 AND status = 'processed' LIMIT 1",
                [ctx.connectionId, result.sha256],
              )
            ).rows[0];
        const status = result.tooLarge ? "too_large" : dup ? "duplicate" : "processed";
        const events = status === "duplicate" ? [] : result.events;
        const { rows } = await tx.query<{ id: string }>(
          `INSERT INTO watched_files (org_id, connection_id, key, etag, size, last_modified, storage_class, sha256, status,
             format, records, events, attempts, duplicate_of, contract_version_id, poll_run_id, processed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $14, $15, now())
           ON CONFLICT (connection_id, key, etag) DO UPDATE SET
             size = EXCLUDED.size, sha256 = EXCLUDED.sha256, status = EXCLUDED.status, format = EXCLUDED.format,
             records = EXCLUDED.records, events = EXCLUDED.events, attempts = watched_files.attempts + 1,
             duplicate_of = EXCLUDED.duplicate_of, contract_version_id = EXCLUDED.contract_version_id,
             poll_run_id = EXCLUDED.poll_run_id, processed_at = now(), next_attempt_at = NULL, error = NULL
           WHERE watched_files.status = 'pending'
           RETURNING id`,
          [
            ctx.orgId,
            ctx.connectionId,
            obj.key,
            obj.etag,
            result.size,
            obj.lastModified,
            obj.storageClass ?? null,
            result.sha256 || null,
            status,
            result.format ?? null,
            result.records,
            events.length,
            dup?.id ?? null,
            ctx.contractVersionId,
            ctx.pollRunId,
          ],
        );
        const fileId = rows[0]?.id;
        if (!fileId) return { outcome: "already" as const, events: 0 };
        await insertEvents(tx, ctx, fileId, events);
        return { outcome: status, events: events.length };
      });
    } catch (err) {
      // two files with the same content finished at the same moment: the second is a duplicate of the first
      if ((err as { code?: string }).code === "23505" && attempt === 0) continue;
      throw err;
    }
  }
}

/** An archived object: recorded once as skipped (never downloaded, never retried). */
export async function recordSkipped(
  q: Queryable,
  ctx: FileContext,
  obj: ListedObject,
  reason: LastError,
): Promise<void> {
  await q.query(
    `INSERT INTO watched_files (org_id, connection_id, key, etag, size, last_modified, storage_class, status, error, poll_run_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'skipped', $8::jsonb, $9)
     ON CONFLICT (connection_id, key, etag) DO NOTHING`,
    [
      ctx.orgId,
      ctx.connectionId,
      obj.key,
      obj.etag,
      obj.size,
      obj.lastModified,
      obj.storageClass ?? null,
      JSON.stringify(reason),
      ctx.pollRunId,
    ],
  );
}

/**
 * A failed attempt at a file (download or read): `pending` with the next attempt's time, or `failed` once
 * the attempts are used up. Returns the resulting status.
 */
export async function recordFileFailure(
  q: Queryable,
  ctx: FileContext,
  obj: ListedObject,
  error: LastError,
  opts: { maxAttempts: number; retryInSeconds: (attempt: number) => number; now: Date },
): Promise<"pending" | "failed" | "already"> {
  const { rows: existing } = await q.query<{ attempts: number; status: string }>(
    "SELECT attempts, status FROM watched_files WHERE connection_id = $1 AND key = $2 AND etag = $3",
    [ctx.connectionId, obj.key, obj.etag],
  );
  const prior = existing[0];
  if (prior && prior.status !== "pending") return "already";
  const attempts = (prior?.attempts ?? 0) + 1;
  const status = attempts >= opts.maxAttempts ? "failed" : "pending";
  const { rows } = await q.query<{ status: "pending" | "failed" }>(
    `INSERT INTO watched_files (org_id, connection_id, key, etag, size, last_modified, storage_class, status, attempts,
       next_attempt_at, error, poll_run_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12)
     ON CONFLICT (connection_id, key, etag) DO UPDATE SET status = EXCLUDED.status, attempts = EXCLUDED.attempts,
       next_attempt_at = EXCLUDED.next_attempt_at, error = EXCLUDED.error, poll_run_id = EXCLUDED.poll_run_id
     WHERE watched_files.status = 'pending'
     RETURNING status`,
    [
      ctx.orgId,
      ctx.connectionId,
      obj.key,
      obj.etag,
      obj.size,
      obj.lastModified,
      obj.storageClass ?? null,
      status,
      attempts,
      // on the watch's clock, the one each cycle compares it with
      status === "pending" ? new Date(opts.now.getTime() + opts.retryInSeconds(attempts) * 1000) : null,
      JSON.stringify(error),
      ctx.pollRunId,
    ],
  );
  return rows[0]?.status ?? "already";
}
