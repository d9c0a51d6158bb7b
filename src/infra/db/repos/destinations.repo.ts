/**
 * The `destinations` table: the one writer of its rows. Typed rows in and out; the service decides, this
 * file only reads and writes. The export cursor moves (advanceCursor) in the transaction that plans a
 * batch in the outbox (export-outbox.repo.ts).
 */
import type { CredentialSpec, PublicCredentialView } from "../../aws/credentials.ts";
import type { Queryable } from "../engine.ts";

export type DestinationHealth = "healthy" | "warning" | "critical" | "unknown";
export type DestinationFormat = "ndjson" | "csv" | "parquet";

export interface StoredError {
  code: string;
  aws_code: string | null;
  message: string;
  hint: string;
  at: string;
}

export interface DestinationRow {
  id: string;
  org_id: string;
  name: string;
  provider: "aws_s3";
  region: string;
  bucket: string;
  path_prefix: string;
  endpoint_url: string | null;
  force_path_style: boolean;
  kms_key_arn: string | null;
  format: DestinationFormat;
  gzip: boolean;
  batch_max_events: number;
  batch_max_age_seconds: number;
  export_events: boolean;
  export_scan_reports: boolean;
  paused: boolean;
  credentials_type: CredentialSpec["type"];
  credentials_public: PublicCredentialView;
  credentials_secret_id: string;
  cursor_tx: string;
  cursor_seq: number;
  next_batch_no: number;
  health: DestinationHealth;
  last_error: StoredError | null;
  consecutive_failures: number;
  last_attempt_at: Date | null;
  last_success_at: Date | null;
  last_tested_at: Date | null;
  objects_written: number;
  bytes_written: number;
  events_exported: number;
  created_at: Date;
  updated_at: Date;
}

/** A row with what the status needs: events not yet in a batch and batches not yet written. */
export interface DestinationStatusRow extends DestinationRow {
  backlog_events: number;
  pending_batches: number;
}

/** What a new destination is made of (credentials already sealed). */
export interface NewDestination {
  orgId: string;
  name: string;
  region: string;
  bucket: string;
  pathPrefix: string;
  endpointUrl: string | null;
  forcePathStyle: boolean;
  kmsKeyArn: string | null;
  format: DestinationFormat;
  gzip: boolean;
  batchMaxEvents: number;
  batchMaxAgeSeconds: number;
  exportEvents: boolean;
  exportScanReports: boolean;
  credentialsType: CredentialSpec["type"];
  credentialsPublic: PublicCredentialView;
  credentialsSecretId: string;
  testedAt: Date;
}

/** Settings a change may touch (the same names as the row). */
export type DestinationSettings = Pick<
  DestinationRow,
  | "name"
  | "region"
  | "bucket"
  | "path_prefix"
  | "endpoint_url"
  | "force_path_style"
  | "kms_key_arn"
  | "format"
  | "gzip"
  | "batch_max_events"
  | "batch_max_age_seconds"
  | "export_events"
  | "export_scan_reports"
  | "paused"
  | "credentials_type"
  | "credentials_public"
  | "credentials_secret_id"
>;

const STATUS_SELECT = `SELECT d.*,
  (SELECT count(*)::int FROM drift_events e
     WHERE e.org_id = d.org_id AND d.export_events AND (e.export_tx, e.export_seq) > (d.cursor_tx, d.cursor_seq)) AS backlog_events,
  (SELECT count(*)::int FROM export_batches b WHERE b.destination_id = d.id AND b.status = 'pending') AS pending_batches
  FROM destinations d`;

/**
 * Inserts a destination. Its cursor starts at the oldest transaction still running, so it exports what is
 * recorded from now on (and events of transactions in flight at this moment), not the history.
 */
export async function insertDestination(q: Queryable, d: NewDestination): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO destinations (org_id, name, region, bucket, path_prefix, endpoint_url, force_path_style, kms_key_arn,
       format, gzip, batch_max_events, batch_max_age_seconds, export_events, export_scan_reports,
       credentials_type, credentials_public, credentials_secret_id, cursor_tx, cursor_seq, last_tested_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb, $17,
       pg_snapshot_xmin(pg_current_snapshot()), 0, $18)
     RETURNING id`,
    [
      d.orgId,
      d.name,
      d.region,
      d.bucket,
      d.pathPrefix,
      d.endpointUrl,
      d.forcePathStyle,
      d.kmsKeyArn,
      d.format,
      d.gzip,
      d.batchMaxEvents,
      d.batchMaxAgeSeconds,
      d.exportEvents,
      d.exportScanReports,
      d.credentialsType,
      JSON.stringify(d.credentialsPublic),
      d.credentialsSecretId,
      d.testedAt,
    ],
  );
  return rows[0]!.id;
}

export async function findDestination(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<DestinationStatusRow | undefined> {
  const { rows } = await q.query<DestinationStatusRow>(`${STATUS_SELECT} WHERE d.id = $1 AND d.org_id = $2`, [
    id,
    orgId,
  ]);
  return rows[0];
}

/** The row only, locked for the rest of the transaction (planning a batch, changing settings). */
export async function lockDestination(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<DestinationRow | undefined> {
  const { rows } = await q.query<DestinationRow>(
    "SELECT * FROM destinations WHERE id = $1 AND org_id = $2 FOR UPDATE",
    [id, orgId],
  );
  return rows[0];
}

export async function nameTaken(
  q: Queryable,
  orgId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const { rows } = await q.query(
    "SELECT 1 FROM destinations WHERE org_id = $1 AND name = $2 AND ($3::uuid IS NULL OR id <> $3::uuid)",
    [orgId, name, exceptId ?? null],
  );
  return rows.length > 0;
}

/** A page of an organisation's destinations by (name, id), after the given key. */
export async function listDestinations(
  q: Queryable,
  orgId: string,
  after: [string, string] | undefined,
  limit: number,
): Promise<DestinationStatusRow[]> {
  const { rows } = await q.query<DestinationStatusRow>(
    `${STATUS_SELECT} WHERE d.org_id = $1 AND ($2::text IS NULL OR (d.name, d.id::text) > ($2, $3))
     ORDER BY d.name, d.id LIMIT $4`,
    [orgId, after?.[0] ?? null, after?.[1] ?? null, limit],
  );
  return rows;
}

/** The destinations of an organisation that take a kind of export (and are not paused). */
export async function destinationsExporting(
  q: Queryable,
  orgId: string,
  kind: "events" | "scan-reports",
): Promise<DestinationRow[]> {
  const column = kind === "events" ? "export_events" : "export_scan_reports";
  const { rows } = await q.query<DestinationRow>(
    `SELECT * FROM destinations WHERE org_id = $1 AND ${column} AND NOT paused ORDER BY name, id`,
    [orgId],
  );
  return rows;
}

export async function updateDestinationSettings(
  q: Queryable,
  orgId: string,
  id: string,
  s: DestinationSettings,
  testedAt: Date | null,
): Promise<void> {
  await q.query(
    `UPDATE destinations SET name = $3, region = $4, bucket = $5, path_prefix = $6, endpoint_url = $7,
       force_path_style = $8, kms_key_arn = $9, format = $10, gzip = $11, batch_max_events = $12,
       batch_max_age_seconds = $13, export_events = $14, export_scan_reports = $15, paused = $16,
       credentials_type = $17, credentials_public = $18::jsonb, credentials_secret_id = $19,
       last_tested_at = COALESCE($20, last_tested_at), updated_at = now()
     WHERE id = $1 AND org_id = $2`,
    [
      id,
      orgId,
      s.name,
      s.region,
      s.bucket,
      s.path_prefix,
      s.endpoint_url,
      s.force_path_style,
      s.kms_key_arn,
      s.format,
      s.gzip,
      s.batch_max_events,
      s.batch_max_age_seconds,
      s.export_events,
      s.export_scan_reports,
      s.paused,
      s.credentials_type,
      JSON.stringify(s.credentials_public),
      s.credentials_secret_id,
      testedAt,
    ],
  );
}

export async function deleteDestination(q: Queryable, orgId: string, id: string): Promise<void> {
  await q.query("DELETE FROM destinations WHERE id = $1 AND org_id = $2", [id, orgId]);
}

/** After a connection test on demand: when it ran, and its failure (or none). */
export async function recordTest(
  q: Queryable,
  id: string,
  at: Date,
  error: StoredError | null,
): Promise<void> {
  await q.query(
    `UPDATE destinations SET last_tested_at = $2,
       last_error = CASE WHEN $3::jsonb IS NULL THEN last_error ELSE $3::jsonb END,
       health = CASE WHEN $3::jsonb IS NULL THEN health ELSE 'critical' END
     WHERE id = $1`,
    [id, at, error === null ? null : JSON.stringify(error)],
  );
}

/** After an export run: success clears the error; a failure counts, keeps the error, and sets health. */
export async function recordExportOutcome(
  q: Queryable,
  id: string,
  at: Date,
  outcome: { ok: true } | { ok: false; error: StoredError; retryable: boolean },
): Promise<void> {
  if (outcome.ok) {
    await q.query(
      `UPDATE destinations SET health = 'healthy', last_error = NULL, consecutive_failures = 0,
         last_attempt_at = $2, last_success_at = $2 WHERE id = $1`,
      [id, at],
    );
    return;
  }
  await q.query(
    `UPDATE destinations SET consecutive_failures = consecutive_failures + 1, last_error = $3::jsonb,
       last_attempt_at = $2,
       health = CASE WHEN NOT $4::boolean OR consecutive_failures + 1 >= 3 THEN 'critical' ELSE 'warning' END
     WHERE id = $1`,
    [id, at, JSON.stringify(outcome.error), outcome.retryable],
  );
}

/** Adds what a batch wrote to the destination's totals. */
export async function addWritten(
  q: Queryable,
  id: string,
  counts: { objects: number; bytes: number; events: number },
): Promise<void> {
  await q.query(
    `UPDATE destinations SET objects_written = objects_written + $2, bytes_written = bytes_written + $3,
       events_exported = events_exported + $4 WHERE id = $1`,
    [id, counts.objects, counts.bytes, counts.events],
  );
}

/**
 * Moves the export cursor to the end of a planned batch and takes the batch's number. Call it in the
 * transaction that inserts the batch, with the destination locked (lockDestination).
 */
export async function advanceCursor(
  q: Queryable,
  id: string,
  to: { tx: string; seq: number } | undefined,
): Promise<number> {
  const { rows } = await q.query<{ batch_no: number }>(
    `UPDATE destinations SET
       cursor_tx = COALESCE($2::xid8, cursor_tx), cursor_seq = COALESCE($3::bigint, cursor_seq),
       next_batch_no = next_batch_no + 1
     WHERE id = $1 RETURNING next_batch_no - 1 AS batch_no`,
    [id, to?.tx ?? null, to?.seq ?? null],
  );
  return Number(rows[0]!.batch_no);
}

/** The organisation's name (for `{org}`), or undefined when there is no such organisation. */
export async function orgName(q: Queryable, orgId: string): Promise<string | undefined> {
  const { rows } = await q.query<{ name: string }>("SELECT name FROM orgs WHERE id = $1", [orgId]);
  return rows[0]?.name;
}
