/**
 * The file ledger (`watched_files`) and the drift events recorded with each file (`drift_events`, insert
 * only: reading and acknowledging events belong to the events repository). Every string written here has
 * been made storable (see domain/drift/stored-text.ts); JSON values are cleaned once more on the way in.
 */
import type { DriftEvent } from "../../../domain/drift/drift-event.ts";
import { boundedJson, STORED_LIMITS, storableEvent } from "../../../domain/drift/stored-text.ts";
import type { Queryable } from "../engine.ts";

export type LedgerStatus = "pending" | "processed" | "duplicate" | "failed" | "too_large" | "skipped";

/** Which file a write belongs to: the organisation, connection, poll run and contract version. */
export interface LedgerScope {
  orgId: string;
  connectionId: string;
  pollRunId: string;
  contractVersionId: string | null;
}

/** An object as listed (the ledger's identity is connection + key + ETag). */
export interface LedgerObject {
  key: string;
  etag: string;
  size: number;
  lastModified: Date;
  storageClass?: string | undefined;
}

/** A stored error (a connection's `LastError` shape), kept as JSON. */
export type StoredError = Record<string, unknown>;

export interface LedgerUpsert {
  obj: LedgerObject;
  status: "processed" | "duplicate" | "too_large" | "failed";
  size: number;
  sha256: string | null;
  format: string | null;
  records: number;
  events: number;
  duplicateOf: string | null;
  error?: StoredError | null;
}

/** JSON for a parameter: every string storable and bounded (a list of rows is kept whole, row by row). */
const json = (v: unknown) =>
  JSON.stringify(
    Array.isArray(v) ? v.map((r) => boundedJson(r, STORED_LIMITS.text)) : boundedJson(v, STORED_LIMITS.text),
  );

/** Ledger rows modified at or after `floor` (all when null), for planning a cycle. */
export async function ledgerWindow(
  q: Queryable,
  connectionId: string,
  floor: Date | null,
): Promise<Array<{ key: string; etag: string; status: LedgerStatus; next_attempt_at: Date | null }>> {
  const { rows } = await q.query<{
    key: string;
    etag: string;
    status: LedgerStatus;
    next_attempt_at: Date | null;
  }>(
    `SELECT key, etag, status, next_attempt_at FROM watched_files
     WHERE connection_id = $1 AND ($2::timestamptz IS NULL OR last_modified >= $2)`,
    [connectionId, floor],
  );
  return rows;
}

/** Processed files of this connection with these content hashes: sha256 → file id. */
export async function processedByHash(
  q: Queryable,
  connectionId: string,
  shas: string[],
): Promise<Map<string, string>> {
  if (shas.length === 0) return new Map();
  const { rows } = await q.query<{ id: string; sha256: string }>(
    "SELECT id, sha256 FROM watched_files WHERE connection_id = $1 AND status = 'processed' AND sha256 = ANY($2::text[])",
    [connectionId, shas],
  );
  return new Map(rows.map((r) => [r.sha256, r.id] as const));
}

export const ledgerRowKey = (key: string, etag: string) => `${key}\u0000${etag}`;

/**
 * Inserts ledger rows, or completes `pending` ones (a file already finished is left alone). Returns the ids
 * of the rows written, by `ledgerRowKey`.
 */
export async function upsertLedgerRows(
  q: Queryable,
  scope: LedgerScope,
  rows: LedgerUpsert[],
): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const body = rows.map((r) => ({
    key: r.obj.key,
    etag: r.obj.etag,
    size: r.size,
    last_modified: r.obj.lastModified.toISOString(),
    storage_class: r.obj.storageClass ?? null,
    sha256: r.sha256 || null,
    status: r.status,
    format: r.format,
    records: r.records,
    events: r.events,
    duplicate_of: r.duplicateOf,
    error: r.error ?? null,
  }));
  const { rows: written } = await q.query<{ id: string; key: string; etag: string }>(
    `INSERT INTO watched_files (org_id, connection_id, key, etag, size, last_modified, storage_class, sha256, status,
       format, records, events, attempts, duplicate_of, contract_version_id, poll_run_id, processed_at, error)
     SELECT $1, $2, x.key, x.etag, x.size, x.last_modified, x.storage_class, x.sha256, x.status, x.format, x.records,
       x.events, 1, x.duplicate_of, $3, $4, now(), x.error
     FROM jsonb_to_recordset($5::jsonb) AS x(key text, etag text, size bigint, last_modified timestamptz,
       storage_class text, sha256 text, status text, format text, records integer, events integer, duplicate_of uuid,
       error jsonb)
     ON CONFLICT (connection_id, key, etag) DO UPDATE SET
       size = EXCLUDED.size, sha256 = EXCLUDED.sha256, status = EXCLUDED.status, format = EXCLUDED.format,
       records = EXCLUDED.records, events = EXCLUDED.events, attempts = watched_files.attempts + 1,
       duplicate_of = EXCLUDED.duplicate_of, contract_version_id = EXCLUDED.contract_version_id,
       poll_run_id = EXCLUDED.poll_run_id, processed_at = now(), next_attempt_at = NULL, error = EXCLUDED.error
     WHERE watched_files.status = 'pending'
     RETURNING id, key, etag`,
    [scope.orgId, scope.connectionId, scope.contractVersionId, scope.pollRunId, json(body)],
  );
  return new Map(written.map((r) => [ledgerRowKey(r.key, r.etag), r.id]));
}

/** Inserts drift events (bounded and cleaned); one per file × path × rule, a replay adds nothing. */
export async function insertDriftEvents(
  q: Queryable,
  scope: Pick<LedgerScope, "orgId" | "connectionId">,
  batch: Array<{ fileId: string; events: DriftEvent[] }>,
): Promise<void> {
  const rows = batch.flatMap(({ fileId, events }) =>
    events.map(storableEvent).map((e) => ({
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
    [scope.orgId, scope.connectionId, json(rows)],
  );
}

/** An archived object: recorded once as skipped (never downloaded, never retried). */
export async function insertSkipped(
  q: Queryable,
  scope: LedgerScope,
  obj: LedgerObject,
  reason: StoredError,
): Promise<void> {
  await q.query(
    `INSERT INTO watched_files (org_id, connection_id, key, etag, size, last_modified, storage_class, status, error, poll_run_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'skipped', $8::jsonb, $9)
     ON CONFLICT (connection_id, key, etag) DO NOTHING`,
    [
      scope.orgId,
      scope.connectionId,
      obj.key,
      obj.etag,
      obj.size,
      obj.lastModified,
      obj.storageClass ?? null,
      json(reason),
      scope.pollRunId,
    ],
  );
}

/** The attempts and status of one file, if the ledger has it. */
export async function findLedgerRow(
  q: Queryable,
  connectionId: string,
  obj: Pick<LedgerObject, "key" | "etag">,
): Promise<{ attempts: number; status: LedgerStatus } | undefined> {
  const { rows } = await q.query<{ attempts: number; status: LedgerStatus }>(
    "SELECT attempts, status FROM watched_files WHERE connection_id = $1 AND key = $2 AND etag = $3",
    [connectionId, obj.key, obj.etag],
  );
  return rows[0];
}

/** Records a failed attempt (`pending` with its next time, or `failed`); a finished file is left alone. */
export async function upsertAttempt(
  q: Queryable,
  scope: LedgerScope,
  obj: LedgerObject,
  attempt: {
    status: "pending" | "failed";
    attempts: number;
    nextAttemptAt: Date | null;
    error: StoredError;
  },
): Promise<"pending" | "failed" | "already"> {
  const { rows } = await q.query<{ status: "pending" | "failed" }>(
    `INSERT INTO watched_files (org_id, connection_id, key, etag, size, last_modified, storage_class, status, attempts,
       next_attempt_at, error, poll_run_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12)
     ON CONFLICT (connection_id, key, etag) DO UPDATE SET status = EXCLUDED.status, attempts = EXCLUDED.attempts,
       next_attempt_at = EXCLUDED.next_attempt_at, error = EXCLUDED.error, poll_run_id = EXCLUDED.poll_run_id
     WHERE watched_files.status = 'pending'
     RETURNING status`,
    [
      scope.orgId,
      scope.connectionId,
      obj.key,
      obj.etag,
      obj.size,
      obj.lastModified,
      obj.storageClass ?? null,
      attempt.status,
      attempt.attempts,
      attempt.nextAttemptAt,
      json(attempt.error),
      scope.pollRunId,
    ],
  );
  return rows[0]?.status ?? "already";
}
