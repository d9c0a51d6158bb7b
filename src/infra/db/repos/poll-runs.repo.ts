/** Poll runs (`poll_runs`): one row per cycle of a connection's watch. */
import { boundedJson, STORED_LIMITS } from "../../../domain/drift/stored-text.ts";
import type { Queryable } from "../engine.ts";

export type PollRunStatusRow = "queued" | "running" | "completed" | "failed";
export type PollTriggerRow = "manual" | "schedule" | "backlog";

export interface PollRunRow {
  id: string;
  org_id: string;
  connection_id: string;
  status: PollRunStatusRow;
  trigger: PollTriggerRow;
  counts: Record<string, number>;
  more_pending: boolean;
  watermark: Date | null;
  error: Record<string, unknown> | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const json = (v: unknown) => (v == null ? null : JSON.stringify(boundedJson(v, STORED_LIMITS.text)));

export async function findPollRun(q: Queryable, orgId: string, id: string): Promise<PollRunRow | undefined> {
  const { rows } = await q.query<PollRunRow>("SELECT * FROM poll_runs WHERE id = $1 AND org_id = $2", [
    id,
    orgId,
  ]);
  return rows[0];
}

export async function listPollRuns(
  q: Queryable,
  orgId: string,
  connectionId: string,
  limit: number,
): Promise<PollRunRow[]> {
  const { rows } = await q.query<PollRunRow>(
    "SELECT * FROM poll_runs WHERE org_id = $1 AND connection_id = $2 ORDER BY created_at DESC, id DESC LIMIT $3",
    [orgId, connectionId, limit],
  );
  return rows;
}

/** The manual run still waiting for a worker, if any ("poll now" twice gives the same run). */
export async function findQueuedManualRun(q: Queryable, connectionId: string): Promise<string | undefined> {
  const { rows } = await q.query<{ id: string }>(
    "SELECT id FROM poll_runs WHERE connection_id = $1 AND trigger = 'manual' AND status = 'queued' ORDER BY created_at DESC LIMIT 1",
    [connectionId],
  );
  return rows[0]?.id;
}

export async function insertPollRun(
  q: Queryable,
  orgId: string,
  connectionId: string,
  trigger: PollTriggerRow,
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    "INSERT INTO poll_runs (org_id, connection_id, trigger) VALUES ($1, $2, $3) RETURNING id",
    [orgId, connectionId, trigger],
  );
  return rows[0]!.id;
}

export async function markPollRunStarted(q: Queryable, id: string, jobId: number): Promise<void> {
  await q.query(
    "UPDATE poll_runs SET status = 'running', started_at = now(), finished_at = NULL, error = NULL, counts = '{}'::jsonb, job_id = $2 WHERE id = $1",
    [id, jobId],
  );
}

export async function markPollRunFinished(
  q: Queryable,
  id: string,
  run: {
    status: "completed" | "failed";
    counts: object;
    morePending: boolean;
    error: object | null;
    watermark: Date | null;
  },
): Promise<void> {
  await q.query(
    `UPDATE poll_runs SET status = $2, counts = $3::jsonb, more_pending = $4, error = $5::jsonb, watermark = $6,
       finished_at = now() WHERE id = $1`,
    [id, run.status, JSON.stringify(run.counts), run.morePending, json(run.error), run.watermark],
  );
}

/** Closes a run left `running` by a cycle that threw (its counts so far are kept). */
export async function markPollRunFailedIfRunning(q: Queryable, id: string, error: object): Promise<void> {
  await q.query(
    "UPDATE poll_runs SET status = 'failed', error = $2::jsonb, finished_at = now() WHERE id = $1 AND status = 'running'",
    [id, json(error)],
  );
}

export async function savePollRunCounts(q: Queryable, id: string, counts: object): Promise<void> {
  await q.query("UPDATE poll_runs SET counts = $2::jsonb WHERE id = $1 AND status = 'running'", [
    id,
    JSON.stringify(counts),
  ]);
}

/**
 * Runs left `running` whose job no longer runs (the process was killed, or its lease expired and the job
 * went back to the queue) are closed as `failed` with the given error. Returns how many.
 */
export async function closeStalePollRuns(q: Queryable, error: object): Promise<number> {
  const { rowCount } = await q.query(
    `UPDATE poll_runs SET status = 'failed', finished_at = now(), error = $1::jsonb
     WHERE status = 'running' AND NOT EXISTS (
       SELECT 1 FROM jobs j WHERE j.id = poll_runs.job_id AND j.status = 'active')`,
    [json(error)],
  );
  return rowCount;
}
