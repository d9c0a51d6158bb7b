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
  batch: Array<{ fileId: string; events: DriftEvent[] }>,
): Promise<void> {
  const rows = batch.flatMap(({ fileId, events }) =>
    events.map((e) => ({
      file_id: fileId,
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
    })),
  );
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO drift_events (org_id, connection_id, file_id, contract_key, contract_version, type, severity, path, rule,
       expected, actual, count, percent, samples, file, detail)
     SELECT $1, $2, x.file_id, x.contract_key, x.contract_version, x.type, x.severity, x.path, x.rule, x.expected, x.actual,
       x.count, x.percent, COALESCE(x.samples, '[]'::jsonb), x.file, x.detail
     FROM jsonb_to_recordset($3::jsonb) AS x(file_id uuid, contract_key text, contract_version text, type text,
       severity text, path text, rule text, expected text, actual text, count integer, percent double precision,
       samples jsonb, file jsonb, detail jsonb)
     ON CONFLICT (file_id, path, rule) DO NOTHING`,
    [ctx.orgId, ctx.connectionId, JSON.stringify(clean(rows))],
  );
}

export type CheckedResult = Pick<
  CheckResult,
  "sha256" | "size" | "records" | "events" | "tooLarge" | "format"
>;
export interface CheckedFile {
  obj: ListedObject;
  result: CheckedResult;
}

const fileKey = (key: string, etag: string) => `${key}\u0000${etag}`;

/** Inserts ledger rows (or completes `pending` ones); returns the ids of rows written, by key + ETag. */
async function upsertLedger(
  q: Queryable,
  ctx: FileContext,
  rows: Array<CheckedFile & { status: string; events: number; duplicateOf: string | null }>,
): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const json = rows.map(({ obj, result, status, events, duplicateOf }) => ({
    key: obj.key,
    etag: obj.etag,
    size: result.size,
    last_modified: obj.lastModified.toISOString(),
    storage_class: obj.storageClass ?? null,
    sha256: result.sha256 || null,
    status,
    format: result.format ?? null,
    records: result.records,
    events,
    duplicate_of: duplicateOf,
  }));
  const { rows: written } = await q.query<{ id: string; key: string; etag: string }>(
    `INSERT INTO watched_files (org_id, connection_id, key, etag, size, last_modified, storage_class, sha256, status,
       format, records, events, attempts, duplicate_of, contract_version_id, poll_run_id, processed_at)
     SELECT $1, $2, x.key, x.etag, x.size, x.last_modified, x.storage_class, x.sha256, x.status, x.format, x.records,
       x.events, 1, x.duplicate_of, $3, $4, now()
     FROM jsonb_to_recordset($5::jsonb) AS x(key text, etag text, size bigint, last_modified timestamptz,
       storage_class text, sha256 text, status text, format text, records integer, events integer, duplicate_of uuid)
     ON CONFLICT (connection_id, key, etag) DO UPDATE SET
       size = EXCLUDED.size, sha256 = EXCLUDED.sha256, status = EXCLUDED.status, format = EXCLUDED.format,
       records = EXCLUDED.records, events = EXCLUDED.events, attempts = watched_files.attempts + 1,
       duplicate_of = EXCLUDED.duplicate_of, contract_version_id = EXCLUDED.contract_version_id,
       poll_run_id = EXCLUDED.poll_run_id, processed_at = now(), next_attempt_at = NULL, error = NULL
     WHERE watched_files.status = 'pending'
     RETURNING id, key, etag`,
    [ctx.orgId, ctx.connectionId, ctx.contractVersionId, ctx.pollRunId, JSON.stringify(clean(json))],
  );
  return new Map(written.map((r) => [fileKey(r.key, r.etag), r.id]));
}

/**
 * Records checked files and their events, several in one transaction. Content already processed under any
 * key of this connection (before, or earlier in the same batch) → `duplicate`, no events. A key + ETag that
 * another worker already finished → `already`, nothing written. When a concurrent cycle commits the same
 * content first, the batch is replayed one file at a time, each seeing what the other committed.
 */
export async function recordCheckedFiles(
  db: Db,
  ctx: FileContext,
  files: CheckedFile[],
  replay = false,
): Promise<Array<{ outcome: RecordOutcome; events: number }>> {
  try {
    return await db.transaction(async (tx) => {
      const hashes = [...new Set(files.filter((f) => !f.result.tooLarge).map((f) => f.result.sha256))];
      const processedBy = async (shas: string[]) =>
        new Map(
          shas.length === 0
            ? []
            : (
                await tx.query<{ id: string; sha256: string }>(
                  "SELECT id, sha256 FROM watched_files WHERE connection_id = $1 AND status = 'processed' AND sha256 = ANY($2::text[])",
                  [ctx.connectionId, shas],
                )
              ).rows.map((r) => [r.sha256, r.id] as const),
        );
      const before = await processedBy(hashes);
      const firstOfContent = new Set<string>();
      const statusOf = files.map((f) => {
        if (f.result.tooLarge) return "too_large";
        if (before.has(f.result.sha256) || firstOfContent.has(f.result.sha256)) return "duplicate";
        firstOfContent.add(f.result.sha256);
        return "processed";
      });
      const primary = files
        .map((f, i) => ({ ...f, status: statusOf[i]!, events: f.result.events.length, duplicateOf: null }))
        .filter((f) => f.status !== "duplicate");
      const ids = await upsertLedger(tx, ctx, primary);
      // duplicates point at the processed file of their content, whichever cycle wrote it
      const dupHashes = files.filter((_, i) => statusOf[i] === "duplicate").map((f) => f.result.sha256);
      const owners = await processedBy([...new Set(dupHashes)]);
      const dups = files
        .map((f, i) => ({
          ...f,
          status: statusOf[i]!,
          events: 0,
          duplicateOf: owners.get(f.result.sha256) ?? null,
        }))
        .filter((f) => f.status === "duplicate");
      for (const [k, id] of await upsertLedger(tx, ctx, dups)) ids.set(k, id);
      await insertEvents(
        tx,
        ctx,
        primary.flatMap((f) => {
          const id = ids.get(fileKey(f.obj.key, f.obj.etag));
          return id ? [{ fileId: id, events: f.result.events }] : [];
        }),
      );
      return files.map((f, i) => {
        if (!ids.has(fileKey(f.obj.key, f.obj.etag))) return { outcome: "already" as const, events: 0 };
        const status = statusOf[i] as "processed" | "duplicate" | "too_large";
        return { outcome: status, events: status === "duplicate" ? 0 : f.result.events.length };
      });
    });
  } catch (err) {
    // the same content committed by a concurrent cycle at the same moment: replay one by one
    if ((err as { code?: string }).code !== "23505" || replay) throw err;
    const out = [];
    for (const f of files) out.push(...(await recordCheckedFiles(db, ctx, [f], true)));
    return out;
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
