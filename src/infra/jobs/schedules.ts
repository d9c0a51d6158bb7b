import type { Queryable } from "../db/engine.ts";
import { enqueue } from "./job-queue.ts";

/**
 * Recurring work. Every worker process calls `fireDueSchedules` on its tick; a due schedule is advanced
 * under a row lock (`FOR UPDATE SKIP LOCKED`), so each tick fires once across any number of processes, and
 * the job it queues carries the singleton key `schedule:<key>` (a tick that finds the previous run still
 * queued adds nothing). Missed ticks (the service was down) are not replayed: the next run is the first tick
 * after now.
 */
export interface ScheduleSpec {
  key: string;
  task: string;
  payload?: Record<string, unknown>;
  orgId?: string | null;
  intervalSeconds: number;
  /** Seconds from now until the first run; default one interval. */
  firstRunInSeconds?: number;
  enabled?: boolean;
  concurrencyKey?: string;
}

export interface ScheduleRow {
  key: string;
  org_id: string | null;
  task: string;
  payload: Record<string, unknown>;
  interval_seconds: number;
  next_run_at: Date;
  last_run_at: Date | null;
  enabled: boolean;
  concurrency_key: string | null;
}

export async function upsertSchedule(q: Queryable, spec: ScheduleSpec): Promise<ScheduleRow> {
  const { rows } = await q.query<ScheduleRow>(
    `INSERT INTO schedules (key, org_id, task, payload, interval_seconds, next_run_at, enabled, concurrency_key)
     VALUES ($1, $2, $3, $4::jsonb, $5, now() + make_interval(secs => $6), $7, $9)
     ON CONFLICT (key) DO UPDATE SET
       task = EXCLUDED.task, payload = EXCLUDED.payload, org_id = EXCLUDED.org_id, enabled = EXCLUDED.enabled,
       concurrency_key = EXCLUDED.concurrency_key,
       next_run_at = CASE WHEN schedules.interval_seconds = EXCLUDED.interval_seconds AND $8::boolean
                          THEN schedules.next_run_at ELSE EXCLUDED.next_run_at END,
       interval_seconds = EXCLUDED.interval_seconds
     RETURNING *`,
    [
      spec.key,
      spec.orgId ?? null,
      spec.task,
      JSON.stringify(spec.payload ?? {}),
      spec.intervalSeconds,
      spec.firstRunInSeconds ?? spec.intervalSeconds,
      spec.enabled ?? true,
      spec.firstRunInSeconds === undefined,
      spec.concurrencyKey ?? null,
    ],
  );
  return rows[0]!;
}

export async function getSchedule(q: Queryable, key: string): Promise<ScheduleRow | undefined> {
  const { rows } = await q.query<ScheduleRow>("SELECT * FROM schedules WHERE key = $1", [key]);
  return rows[0];
}

export async function deleteSchedule(q: Queryable, key: string): Promise<void> {
  await q.query("DELETE FROM schedules WHERE key = $1", [key]);
}

export async function fireDueSchedules(q: Queryable, limit = 100): Promise<number> {
  const { rows } = await q.query<ScheduleRow>(
    `UPDATE schedules s SET
       last_run_at = now(),
       next_run_at = s.next_run_at + make_interval(secs =>
         s.interval_seconds * (floor(extract(epoch FROM now() - s.next_run_at) / s.interval_seconds) + 1))
     WHERE s.key IN (
       SELECT key FROM schedules WHERE enabled AND next_run_at <= now()
       ORDER BY next_run_at LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING s.*`,
    [limit],
  );
  for (const row of rows) {
    await enqueue(q, {
      task: row.task,
      payload: { ...row.payload, scheduled: true },
      orgId: row.org_id,
      singletonKey: `schedule:${row.key}`,
      ...(row.concurrency_key ? { concurrencyKey: row.concurrency_key } : {}),
    });
  }
  return rows.length;
}
