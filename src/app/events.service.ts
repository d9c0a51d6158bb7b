import type {
  DriftEventRecord as ApiDriftEventRecord,
  EventFilter as ApiEventFilter,
} from "../api/events.api.ts";
import type { WatchedFile } from "../api/polls.api.ts";
import type { DriftEvent, DriftEventType, Severity } from "../domain/drift/drift-event.ts";
import type { Db } from "../infra/db/engine.ts";
import { notFound } from "./errors.ts";
import { isUuid, type Page, pageOf, parseCursor } from "./pagination.ts";

export type DriftEventRecord = ApiDriftEventRecord;

export type EventFilter = ApiEventFilter;

interface EventRow {
  id: string;
  connection_id: string | null;
  connection_name: string | null;
  file_id: string | null;
  contract_key: string;
  contract_version: string;
  type: DriftEventType;
  severity: Severity;
  path: string;
  rule: string;
  expected: string;
  actual: string;
  count: number;
  percent: number | null;
  samples: DriftEvent["samples"];
  file: DriftEvent["file"];
  detail: Record<string, unknown> | null;
  status: "open" | "acknowledged";
  created_at: Date;
  acknowledged_at: Date | null;
}

function toRecord(r: EventRow): DriftEventRecord {
  return {
    id: r.id,
    connection_id: r.connection_id,
    connection_name: r.connection_name,
    file_id: r.file_id,
    status: r.status,
    created_at: r.created_at.toISOString(),
    acknowledged_at: r.acknowledged_at?.toISOString() ?? null,
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
  };
}

export type WatchedFileView = WatchedFile;

const SELECT_EVENTS = `SELECT e.*, c.name AS connection_name,
  to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS cursor_at
  FROM drift_events e LEFT JOIN connections c ON c.id = e.connection_id`;

/** Reading what the watch found: drift events (filtered, paged, acknowledged) and each connection's ledger. */
export class EventService {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  async list(orgId: string, f: EventFilter): Promise<Page<DriftEventRecord>> {
    const limit = f.limit ?? 50;
    const where = ["e.org_id = $1"];
    const params: unknown[] = [orgId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace("?", `$${params.length}`));
    };
    if (f.connection_id) add("e.connection_id = ?", f.connection_id);
    if (f.type) add("e.type = ?", f.type);
    if (f.severity) add("e.severity = ?", f.severity);
    if (f.status) add("e.status = ?", f.status);
    if (f.since) add("e.created_at >= ?", f.since);
    if (f.until) add("e.created_at < ?", f.until);
    if (f.file_id) add("e.file_id = ?", f.file_id);
    const after = parseCursor(f.cursor);
    if (after) {
      params.push(after[0], after[1]);
      where.push(
        `(e.created_at, e.id::text) < ($${params.length - 1}::timestamp AT TIME ZONE 'UTC', $${params.length})`,
      );
    }
    params.push(limit + 1);
    const { rows } = await this.#db.query<EventRow & { cursor_at: string }>(
      `${SELECT_EVENTS} WHERE ${where.join(" AND ")} ORDER BY e.created_at DESC, e.id::text DESC LIMIT $${params.length}`,
      params,
    );
    // the cursor keeps the timestamp's microseconds, which a JS Date would round away
    return pageOf(rows.map(toRecord), limit, (e) => [rows.find((r) => r.id === e.id)!.cursor_at, e.id]);
  }

  async setStatus(
    orgId: string,
    id: string,
    status: "open" | "acknowledged",
    by: string,
  ): Promise<DriftEventRecord> {
    if (!isUuid(id)) throw notFound("Drift event", id);
    const { rows } = await this.#db.query<{ id: string }>(
      `UPDATE drift_events SET status = $3,
         acknowledged_at = CASE WHEN $3 = 'acknowledged' THEN COALESCE(acknowledged_at, now()) END,
         acknowledged_by = CASE WHEN $3 = 'acknowledged' THEN COALESCE(acknowledged_by, $4::uuid) END
       WHERE id = $1 AND org_id = $2 RETURNING id`,
      [id, orgId, status, by],
    );
    if (!rows[0]) throw notFound("Drift event", id);
    const got = await this.#db.query<EventRow>(`${SELECT_EVENTS} WHERE e.id = $1`, [id]);
    return toRecord(got.rows[0]!);
  }

  /** Events per day and severity, for the chart; days without events are included as zeros. */
  async summary(
    orgId: string,
    days: number,
    connectionId?: string,
  ): Promise<Array<Record<Severity, number> & { date: string }>> {
    const { rows } = await this.#db.query<{ day: string; severity: Severity; n: number }>(
      `SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, severity, count(*)::int AS n
       FROM drift_events WHERE org_id = $1 AND created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - make_interval(days => $2 - 1)
         AND ($3::uuid IS NULL OR connection_id = $3)
       GROUP BY 1, 2`,
      [orgId, days, connectionId ?? null],
    );
    const out: Array<Record<Severity, number> & { date: string }> = [];
    const today = new Date();
    for (let i = days - 1; i >= 0; i--) {
      const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i));
      out.push({ date: d.toISOString().slice(0, 10), info: 0, warning: 0, error: 0, critical: 0 });
    }
    const byDate = new Map(out.map((d) => [d.date, d]));
    for (const r of rows) {
      const d = byDate.get(r.day);
      if (d) d[r.severity] += r.n;
    }
    return out;
  }

  async files(
    orgId: string,
    connectionId: string,
    f: { status?: string; limit?: number; cursor?: string },
  ): Promise<Page<WatchedFileView>> {
    const limit = f.limit ?? 50;
    const after = parseCursor(f.cursor);
    const { rows } = await this.#db.query<
      WatchedFileView & {
        last_modified: Date;
        first_seen_at: Date;
        processed_at: Date | null;
        next_attempt_at: Date | null;
        cursor_at: string;
      }
    >(
      `SELECT w.id, w.key, w.etag, w.size, w.last_modified, w.storage_class, w.sha256, w.status, w.format, w.records,
         w.events, w.attempts, w.next_attempt_at, w.error, d.key AS duplicate_of_key, w.first_seen_at, w.processed_at,
         to_char(w.first_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS cursor_at
       FROM watched_files w LEFT JOIN watched_files d ON d.id = w.duplicate_of
       WHERE w.org_id = $1 AND w.connection_id = $2 AND ($3::text IS NULL OR w.status = $3)
         AND ($4::text IS NULL OR (w.first_seen_at, w.id::text) < ($4::timestamp AT TIME ZONE 'UTC', $5))
       ORDER BY w.first_seen_at DESC, w.id::text DESC LIMIT $6`,
      [orgId, connectionId, f.status ?? null, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const views = rows.map((r) => ({
      id: r.id,
      key: r.key,
      etag: r.etag,
      size: Number(r.size),
      last_modified: r.last_modified.toISOString(),
      storage_class: r.storage_class,
      sha256: r.sha256,
      status: r.status,
      format: r.format,
      records: r.records,
      events: r.events,
      attempts: r.attempts,
      next_attempt_at: r.next_attempt_at?.toISOString() ?? null,
      error: r.error,
      duplicate_of_key: r.duplicate_of_key,
      first_seen_at: r.first_seen_at.toISOString(),
      processed_at: r.processed_at?.toISOString() ?? null,
    }));
    return pageOf(views, limit, (v) => [rows.find((r) => r.id === v.id)!.cursor_at, v.id]);
  }
}
