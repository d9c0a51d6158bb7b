import type {
  PollCounts as ApiPollCounts,
  PollRunStatus as ApiPollRunStatus,
  PollTrigger as ApiPollTrigger,
  PollRun,
} from "../api/polls.api.ts";
import type { Queryable } from "../infra/db/engine.ts";
import {
  closeStalePollRuns,
  findPollRun,
  insertPollRun,
  listPollRuns,
  markPollRunFailedIfRunning,
  markPollRunFinished,
  markPollRunStarted,
  type PollRunRow,
  savePollRunCounts,
} from "../infra/db/repos/poll-runs.repo.ts";
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

export function toRunView(row: PollRunRow): PollRunView {
  return {
    id: row.id,
    connection_id: row.connection_id,
    status: row.status,
    trigger: row.trigger,
    counts: { ...emptyCounts(), ...(row.counts as Partial<PollCounts>) },
    more_pending: row.more_pending,
    watermark: row.watermark?.toISOString() ?? null,
    error: row.error as LastError | null,
    created_at: row.created_at.toISOString(),
    started_at: row.started_at?.toISOString() ?? null,
    finished_at: row.finished_at?.toISOString() ?? null,
  };
}

export async function getRun(q: Queryable, orgId: string, id: string): Promise<PollRunView> {
  if (!isUuid(id)) throw notFound("Poll run", id);
  const row = await findPollRun(q, orgId, id);
  if (!row) throw notFound("Poll run", id);
  return toRunView(row);
}

export async function listRuns(
  q: Queryable,
  orgId: string,
  connectionId: string,
  limit: number,
): Promise<PollRunView[]> {
  return (await listPollRuns(q, orgId, connectionId, limit)).map(toRunView);
}

export const createRun = insertPollRun;

export const startRun = markPollRunStarted;

export async function finishRun(
  q: Queryable,
  id: string,
  status: "completed" | "failed",
  counts: PollCounts,
  morePending: boolean,
  error: LastError | null,
  watermark: Date | null = null,
): Promise<void> {
  await markPollRunFinished(q, id, { status, counts, morePending, error, watermark });
}

export const saveProgress = savePollRunCounts;

/** A run whose cycle threw: `failed` with the reason, so no run stays `running` after its job. */
export async function failRun(q: Queryable, id: string, error: LastError): Promise<void> {
  await markPollRunFailedIfRunning(q, id, error);
}

/** The sweeper's part: runs left `running` by a killed process or a lost lease are closed. */
export async function closeStaleRuns(q: Queryable, now: Date): Promise<number> {
  return closeStalePollRuns(q, {
    code: "poll.interrupted",
    aws_code: null,
    message: "The cycle stopped before it finished (the process was stopped or its lease expired).",
    hint: "Nothing to do: what it recorded stays, and the next cycle takes up the rest.",
    at: now.toISOString(),
  });
}
