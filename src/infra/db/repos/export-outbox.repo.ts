/**
 * The export outbox (`export_batches`, its one writer) and the reads of `drift_events` the exporter makes.
 *
 * Events are read in (export_tx, export_seq) order, and only those recorded by transactions older than
 * every transaction still running (`pg_snapshot_xmin`): a transaction that commits late cannot add an event
 * behind a cursor that has moved on, so a cursor never skips an event and never rescans the table.
 */
import type { ExportedEvent } from "../../../domain/export/event-batch.ts";
import type { Queryable } from "../engine.ts";
import type { StoredError } from "./destinations.repo.ts";

export interface EventCursor {
  /** xid8 as text. */
  tx: string;
  seq: number;
}

export type BatchKind = "events" | "scan-reports" | "files";
export type BatchStatus = "pending" | "written" | "failed";

/** One object of a batch, its key fixed when the batch is planned. */
export interface PlannedObject {
  key: string;
  /** What the object holds: the group of events (`connection id` …), or `report` / `file`. */
  group: string;
  count: number;
  contentType: string;
}

export interface BatchRow {
  id: string;
  org_id: string;
  destination_id: string;
  batch_no: number;
  kind: BatchKind;
  status: BatchStatus;
  from_tx: string | null;
  from_seq: number | null;
  to_tx: string | null;
  to_seq: number | null;
  event_count: number;
  payload: unknown;
  planned_at: Date;
  objects: PlannedObject[];
  attempts: number;
  next_attempt_at: Date;
  last_error: StoredError | null;
  bytes: number;
  written_objects: number;
  already_objects: number;
  created_at: Date;
  written_at: Date | null;
}

/** An event as read for export, with its place in the cursor order. */
export interface EventForExport {
  cursor: EventCursor;
  createdAt: Date;
  event: ExportedEvent;
}

interface EventExportRow {
  id: string;
  export_tx: string;
  export_seq: number;
  connection_id: string | null;
  connection_name: string | null;
  contract_key: string;
  contract_version: string;
  type: ExportedEvent["type"];
  severity: ExportedEvent["severity"];
  path: string;
  rule: string;
  expected: string;
  actual: string;
  count: number;
  percent: number | null;
  samples: ExportedEvent["samples"];
  file: ExportedEvent["file"];
  detail: Record<string, unknown> | null;
  created_at: Date;
}

const SELECT_EVENTS = `SELECT e.id, e.export_tx::text AS export_tx, e.export_seq, e.connection_id,
  c.name AS connection_name, e.contract_key, e.contract_version, e.type, e.severity, e.path, e.rule, e.expected,
  e.actual, e.count, e.percent, e.samples, e.file, e.detail, e.created_at
  FROM drift_events e LEFT JOIN connections c ON c.id = e.connection_id`;

function toExport(r: EventExportRow): EventForExport {
  return {
    cursor: { tx: r.export_tx, seq: r.export_seq },
    createdAt: r.created_at,
    event: {
      id: r.id,
      detected_at: r.created_at.toISOString(),
      connection: { id: r.connection_id ?? "", name: r.connection_name ?? "" },
      type: r.type,
      severity: r.severity,
      path: r.path,
      rule: r.rule,
      expected: r.expected,
      actual: r.actual,
      count: r.count,
      percent: r.percent,
      samples: r.samples,
      file: r.file,
      contract: { id: r.contract_key, version: r.contract_version },
      ...(r.detail ? { detail: r.detail } : {}),
    },
  };
}

/** What planning a batch needs of an event: its place in the cursor order, its age and its group. */
export interface EventToPlan {
  cursor: EventCursor;
  createdAt: Date;
  connection: { id: string; name: string };
  contract: { id: string };
}

/**
 * The next events after the cursor that no running transaction can still add to, in cursor order: only the
 * columns planning needs (the whole events are read once, when the batch is written).
 */
export async function eventsAfter(
  q: Queryable,
  orgId: string,
  after: EventCursor,
  limit: number,
): Promise<EventToPlan[]> {
  const { rows } = await q.query<{
    export_tx: string;
    export_seq: number;
    created_at: Date;
    connection_id: string | null;
    connection_name: string | null;
    contract_key: string;
  }>(
    `SELECT e.export_tx::text AS export_tx, e.export_seq, e.created_at, e.connection_id, c.name AS connection_name,
       e.contract_key
     FROM drift_events e LEFT JOIN connections c ON c.id = e.connection_id
     WHERE e.org_id = $1 AND (e.export_tx, e.export_seq) > ($2::xid8, $3::bigint)
       AND e.export_tx < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY e.export_tx, e.export_seq LIMIT $4`,
    [orgId, after.tx, after.seq, limit],
  );
  return rows.map((r) => ({
    cursor: { tx: r.export_tx, seq: r.export_seq },
    createdAt: r.created_at,
    connection: { id: r.connection_id ?? "", name: r.connection_name ?? "" },
    contract: { id: r.contract_key },
  }));
}

/** The events of a planned batch: the range (from, to], in cursor order. */
export async function eventsInRange(
  q: Queryable,
  orgId: string,
  from: EventCursor,
  to: EventCursor,
): Promise<EventForExport[]> {
  const { rows } = await q.query<EventExportRow>(
    `${SELECT_EVENTS}
     WHERE e.org_id = $1 AND (e.export_tx, e.export_seq) > ($2::xid8, $3::bigint)
       AND (e.export_tx, e.export_seq) <= ($4::xid8, $5::bigint)
     ORDER BY e.export_tx, e.export_seq`,
    [orgId, from.tx, from.seq, to.tx, to.seq],
  );
  return rows.map(toExport);
}

const BATCH_COLUMNS = `id, org_id, destination_id, batch_no, kind, status, from_tx::text AS from_tx, from_seq,
  to_tx::text AS to_tx, to_seq, event_count, payload, planned_at, objects, attempts, next_attempt_at, last_error, bytes,
  written_objects, already_objects, created_at, written_at`;

export interface NewBatch {
  id: string;
  orgId: string;
  destinationId: string;
  batchNo: number;
  kind: BatchKind;
  from?: EventCursor;
  to?: EventCursor;
  eventCount: number;
  payload?: unknown;
  plannedAt: Date;
  objects: PlannedObject[];
}

export async function insertBatch(q: Queryable, b: NewBatch): Promise<BatchRow> {
  const { rows } = await q.query<BatchRow>(
    `INSERT INTO export_batches (org_id, destination_id, batch_no, kind, from_tx, from_seq, to_tx, to_seq,
       event_count, payload, planned_at, objects, id)
     VALUES ($1, $2, $3, $4, $5::xid8, $6::bigint, $7::xid8, $8::bigint, $9, $10::jsonb, $11, $12::jsonb, $13)
     RETURNING ${BATCH_COLUMNS}`,
    [
      b.orgId,
      b.destinationId,
      b.batchNo,
      b.kind,
      b.from?.tx ?? null,
      b.from?.seq ?? null,
      b.to?.tx ?? null,
      b.to?.seq ?? null,
      b.eventCount,
      b.payload === undefined ? null : JSON.stringify(b.payload),
      b.plannedAt,
      JSON.stringify(b.objects),
      b.id,
    ],
  );
  return rows[0]!;
}

/** Batches planned but not written yet whose retry time has come, oldest first. */
export async function pendingBatches(
  q: Queryable,
  destinationId: string,
  limit: number,
): Promise<BatchRow[]> {
  const { rows } = await q.query<BatchRow>(
    `SELECT ${BATCH_COLUMNS} FROM export_batches
     WHERE destination_id = $1 AND status = 'pending' AND next_attempt_at <= now()
     ORDER BY batch_no LIMIT $2`,
    [destinationId, limit],
  );
  return rows;
}

/**
 * Counts an attempt before anything is written, and commits it: a later attempt that finds its keys taken
 * knows an earlier attempt may have written them. Returns the attempt's number (1 for the first).
 */
export async function startAttempt(q: Queryable, batchId: string): Promise<number> {
  const { rows } = await q.query<{ attempts: number }>(
    "UPDATE export_batches SET attempts = attempts + 1 WHERE id = $1 AND status = 'pending' RETURNING attempts",
    [batchId],
  );
  return rows[0]?.attempts ?? 0;
}

export async function markWritten(
  q: Queryable,
  batchId: string,
  outcome: { bytes: number; written: number; already: number },
): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE export_batches SET status = 'written', written_at = now(), bytes = $2, written_objects = $3,
       already_objects = $4, last_error = NULL
     WHERE id = $1 AND status = 'pending'`,
    [batchId, outcome.bytes, outcome.written, outcome.already],
  );
  return rowCount > 0;
}

/** A failed attempt: keep the error, try again after `delaySeconds`. */
export async function markAttemptFailed(
  q: Queryable,
  batchId: string,
  error: StoredError,
  delaySeconds: number,
): Promise<void> {
  await q.query(
    `UPDATE export_batches SET last_error = $2::jsonb, next_attempt_at = now() + make_interval(secs => $3)
     WHERE id = $1 AND status = 'pending'`,
    [batchId, JSON.stringify(error), delaySeconds],
  );
}

/** The latest batches of a destination, newest first. */
export async function listBatches(q: Queryable, destinationId: string, limit: number): Promise<BatchRow[]> {
  const { rows } = await q.query<BatchRow>(
    `SELECT ${BATCH_COLUMNS} FROM export_batches WHERE destination_id = $1
     ORDER BY created_at DESC, id DESC LIMIT $2`,
    [destinationId, limit],
  );
  return rows;
}

/** How many attempts a batch has had so far (another process may have started one meanwhile). */
export async function batchAttempts(q: Queryable, batchId: string): Promise<number> {
  const { rows } = await q.query<{ attempts: number }>("SELECT attempts FROM export_batches WHERE id = $1", [
    batchId,
  ]);
  return rows[0]?.attempts ?? 0;
}
