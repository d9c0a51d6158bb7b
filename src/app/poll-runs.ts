import type {
  PollCounts as ApiPollCounts,
  PollRunStatus as ApiPollRunStatus,
  PollTrigger as ApiPollTrigger,
  PollRun,
} from "../api/polls.api.ts";
import type { Queryable } from "../infra/db/engine.ts";
import type { LastError } from "./connection.model.ts";
import { notFound } from "./errors.ts";
import { isUuid } from "./pagination.ts";

export type PollTrigger = ApiPollTrigger;
export type PollRunStatus = ApiPollRunStatus;

export type PollCounts = ApiPollCounts;

export const emptyCounts = (): PollCounts => ({
  listed: 0,
  matched: 0,
  new: 0,
  processed: 0,
  duplicate: 0,
  failed: 0,
  too_large: 0,
  skipped: 0,
  events: 0,
});

export type PollRunView = PollRun;

interface PollRunRow {
  id: string;
  org_id: string;
  connection_id: string;
  status: PollRunStatus;
  trigger: PollTrigger;
  counts: Partial<PollCounts>;
  more_pending: boolean;
  watermark: Date | null;
  error: LastError | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export function toRunView(row: PollRunRow): PollRunView {
  return {
    id: row.id,
    connection_id: row.connection_id,
    status: row.status,
    trigger: row.trigger,
    counts: { ...emptyCounts(), ...row.counts },
    more_pending: row.more_pending,
    watermark: row.watermark?.toISOString() ?? null,
    error: row.error,
    created_at: row.created_at.toISOString(),
    started_at: row.started_at?.toISOString() ?? null,
    finished_at: row.finished_at?.toISOString() ?? null,
  };
}

export async function getRun(q: Queryable, orgId: string, id: string): Promise<PollRunView> {
  if (!isUuid(id)) throw notFound("Poll run", id);
  const { rows } = await q.query<PollRunRow>("SELECT * FROM poll_runs WHERE id = $1 AND org_id = $2", [
    id,
    orgId,
  ]);
  if (!rows[0]) throw notFound("Poll run", id);
  return toRunView(rows[0]);
}

export async function listRuns(
  q: Queryable,
  orgId: string,
  connectionId: string,
  limit: number,
): Promise<PollRunView[]> {
  const { rows } = await q.query<PollRunRow>(
    "SELECT * FROM poll_runs WHERE org_id = $1 AND connection_id = $2 ORDER BY created_at DESC, id DESC LIMIT $3",
    [orgId, connectionId, limit],
  );
  return rows.map(toRunView);
}

export async function createRun(
  q: Queryable,
  orgId: string,
  connectionId: string,
  trigger: PollTrigger,
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    "INSERT INTO poll_runs (org_id, connection_id, trigger) VALUES ($1, $2, $3) RETURNING id",
    [orgId, connectionId, trigger],
  );
  return rows[0]!.id;
}

export async function startRun(q: Queryable, id: string, jobId: number): Promise<void> {
  await q.query(
    "UPDATE poll_runs SET status = 'running', started_at = now(), finished_at = NULL, error = NULL, counts = '{}'::jsonb, job_id = $2 WHERE id = $1",
    [id, jobId],
  );
}

export async function finishRun(
  q: Queryable,
  id: string,
  status: "completed" | "failed",
  counts: PollCounts,
  morePending: boolean,
  error: LastError | null,
  watermark: Date | null = null,
): Promise<void> {
  await q.query(
    `UPDATE poll_runs SET status = $2, counts = $3::jsonb, more_pending = $4, error = $5::jsonb, watermark = $6,
       finished_at = now() WHERE id = $1`,
    [id, status, JSON.stringify(counts), morePending, error ? JSON.stringify(error) : null, watermark],
  );
}

export async function saveProgress(q: Queryable, id: string, counts: PollCounts): Promise<void> {
  await q.query("UPDATE poll_runs SET counts = $2::jsonb WHERE id = $1 AND status = 'running'", [
    id,
    JSON.stringify(counts),
  ]);
}
