/** The export job: its task name, and the keys of its schedule and of its one-at-a-time lock per destination. */
import type { Queryable } from "../infra/db/engine.ts";
import { deleteSchedule, upsertSchedule } from "../infra/jobs/schedules.ts";

export const EXPORT_TASK = "export";
export const exportScheduleKey = (destinationId: string) => `export:${destinationId}`;
export const exportConcurrencyKey = (destinationId: string) => `export:${destinationId}`;

/** How often a destination looks for due batches: half its batch age, between 5 s and a minute. */
export function exportIntervalSeconds(batchMaxAgeSeconds: number): number {
  return Math.max(5, Math.min(60, Math.ceil(batchMaxAgeSeconds / 2)));
}

export async function scheduleExport(
  q: Queryable,
  d: { id: string; org_id: string; batch_max_age_seconds: number; paused: boolean },
): Promise<void> {
  await upsertSchedule(q, {
    key: exportScheduleKey(d.id),
    orgId: d.org_id,
    task: EXPORT_TASK,
    payload: { destination_id: d.id },
    intervalSeconds: exportIntervalSeconds(d.batch_max_age_seconds),
    enabled: !d.paused,
    concurrencyKey: exportConcurrencyKey(d.id),
  });
}

export async function unscheduleExport(q: Queryable, destinationId: string): Promise<void> {
  await deleteSchedule(q, exportScheduleKey(destinationId));
  await q.query(
    "UPDATE jobs SET status = 'cancelled', finished_at = now() WHERE status = 'queued' AND concurrency_key = $1",
    [exportConcurrencyKey(destinationId)],
  );
}
