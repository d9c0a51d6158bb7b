import type { Queryable } from "../db/engine.ts";

/**
 * Jobs live in the `jobs` table; PostgreSQL (or PGlite) is the only coordinator. A job is `queued`, leased
 * by one worker (`active`, with `locked_until` pushed forward by heartbeats), then `completed`, re-queued
 * with backoff, or `failed` after its last attempt. Patterns from graphile-worker and pg-boss, on our own
 * tables: we need org-scoped rows, singleton and per-key concurrency, and the same SQL on PGlite, which
 * pg-boss's schema management and LISTEN-based wakeups do not give us on one embedded session.
 */
export type JobStatus = "queued" | "active" | "completed" | "failed" | "cancelled";

export interface JobRow<P = Record<string, unknown>> {
  id: number;
  org_id: string | null;
  task: string;
  payload: P;
  status: JobStatus;
  priority: number;
  run_at: Date;
  attempts: number;
  max_attempts: number;
  singleton_key: string | null;
  concurrency_key: string | null;
  locked_by: string | null;
  locked_until: Date | null;
  last_error: string | null;
  result: unknown;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface EnqueueSpec {
  task: string;
  payload?: Record<string, unknown>;
  orgId?: string | null;
  /** Seconds from now (database clock); default 0. */
  delaySeconds?: number;
  priority?: number;
  maxAttempts?: number;
  /** At most one queued job with this key: a second enqueue returns the queued one. */
  singletonKey?: string;
  /** At most one active job with this key at a time, across all workers. */
  concurrencyKey?: string;
}

/** Queues a job; with a singleton key that is already queued, returns the queued job instead. */
export async function enqueue(q: Queryable, spec: EnqueueSpec): Promise<{ job: JobRow; created: boolean }> {
  const params = [
    spec.orgId ?? null,
    spec.task,
    JSON.stringify(spec.payload ?? {}),
    spec.priority ?? 0,
    spec.delaySeconds ?? 0,
    spec.maxAttempts ?? 5,
    spec.singletonKey ?? null,
    spec.concurrencyKey ?? null,
  ];
  const inserted = await q.query<JobRow>(
    `INSERT INTO jobs (org_id, task, payload, priority, run_at, max_attempts, singleton_key, concurrency_key)
     VALUES ($1, $2, $3::jsonb, $4, now() + make_interval(secs => $5), $6, $7, $8)
     ON CONFLICT (singleton_key) WHERE status = 'queued' DO NOTHING
     RETURNING *`,
    params,
  );
  if (inserted.rows[0]) return { job: inserted.rows[0], created: true };
  const existing = await q.query<JobRow>(
    "SELECT * FROM jobs WHERE singleton_key = $1 AND status = 'queued'",
    [spec.singletonKey],
  );
  if (existing.rows[0]) return { job: existing.rows[0], created: false };
  // The queued one was leased between the two statements: queue again.
  return enqueue(q, spec);
}

export async function getJob(q: Queryable, id: number): Promise<JobRow | undefined> {
  const { rows } = await q.query<JobRow>("SELECT * FROM jobs WHERE id = $1", [id]);
  return rows[0];
}

/** Leases the next ready job for one of `tasks`, or returns undefined. */
export async function leaseJob(
  q: Queryable,
  workerId: string,
  tasks: string[],
  leaseSeconds: number,
): Promise<JobRow | undefined> {
  const { rows } = await q.query<JobRow>(
    `UPDATE jobs SET status = 'active', attempts = attempts + 1, locked_by = $1,
            locked_until = now() + make_interval(secs => $2), started_at = now(), finished_at = NULL
     WHERE id = (
       SELECT id FROM jobs j
       WHERE j.status = 'queued' AND j.run_at <= now() AND j.task = ANY($3::text[])
         AND (j.concurrency_key IS NULL OR NOT EXISTS (
           SELECT 1 FROM jobs a WHERE a.concurrency_key = j.concurrency_key AND a.status = 'active'))
       ORDER BY j.priority DESC, j.run_at, j.id
       LIMIT 1
       FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [workerId, leaseSeconds, tasks],
  );
  return rows[0];
}

/** Extends a lease. False when this worker no longer holds the job (the lease expired and was swept). */
export async function heartbeat(
  q: Queryable,
  id: number,
  workerId: string,
  leaseSeconds: number,
): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE jobs SET locked_until = now() + make_interval(secs => $3)
     WHERE id = $1 AND locked_by = $2 AND status = 'active'`,
    [id, workerId, leaseSeconds],
  );
  return rowCount > 0;
}

export async function completeJob(
  q: Queryable,
  id: number,
  workerId: string,
  result: unknown,
): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE jobs SET status = 'completed', result = $3::jsonb, finished_at = now(), locked_by = NULL, locked_until = NULL
     WHERE id = $1 AND locked_by = $2 AND status = 'active'`,
    [id, workerId, JSON.stringify(result ?? null)],
  );
  return rowCount > 0;
}

/**
 * After a failed attempt: queue again after `delaySeconds`, or `failed` when attempts are used up (or the
 * error is permanent). When a sibling with the same singleton key is already queued, this one is cancelled:
 * the queued sibling will do the same work.
 */
export async function failJob(
  q: Queryable,
  id: number,
  workerId: string,
  error: string,
  delaySeconds: number,
  permanent: boolean,
): Promise<JobStatus | undefined> {
  const { rows } = await q.query<{ status: JobStatus }>(
    `UPDATE jobs SET
       status = CASE
         WHEN $5 OR attempts >= max_attempts THEN 'failed'
         WHEN singleton_key IS NOT NULL AND EXISTS (
           SELECT 1 FROM jobs s WHERE s.singleton_key = jobs.singleton_key AND s.status = 'queued') THEN 'cancelled'
         ELSE 'queued' END,
       run_at = now() + make_interval(secs => $4),
       last_error = $3,
       finished_at = CASE WHEN $5 OR attempts >= max_attempts THEN now() ELSE NULL END,
       locked_by = NULL, locked_until = NULL
     WHERE id = $1 AND locked_by = $2 AND status = 'active'
     RETURNING status`,
    [id, workerId, error.slice(0, 4000), delaySeconds, permanent],
  );
  return rows[0]?.status;
}

/** Gives a job back without counting the attempt (graceful shutdown before it finished). */
export async function releaseJob(q: Queryable, id: number, workerId: string): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE jobs SET
       status = CASE WHEN singleton_key IS NOT NULL AND EXISTS (
           SELECT 1 FROM jobs s WHERE s.singleton_key = jobs.singleton_key AND s.status = 'queued')
         THEN 'cancelled' ELSE 'queued' END,
       attempts = GREATEST(attempts - 1, 0), run_at = now(), locked_by = NULL, locked_until = NULL,
       last_error = 'released by ' || $2 || ' at shutdown'
     WHERE id = $1 AND locked_by = $2 AND status = 'active'`,
    [id, workerId],
  );
  return rowCount > 0;
}

/**
 * Returns jobs whose lease expired (their worker died or hung) to the queue, or fails them when their
 * attempts are used up. Also prunes finished jobs past their retention. Safe to run in every process.
 */
export async function sweepExpiredLeases(q: Queryable): Promise<{ requeued: number; failed: number }> {
  const { rows } = await q.query<{ status: JobStatus }>(
    `UPDATE jobs SET
       status = CASE
         WHEN attempts >= max_attempts THEN 'failed'
         WHEN singleton_key IS NOT NULL AND EXISTS (
           SELECT 1 FROM jobs s WHERE s.singleton_key = jobs.singleton_key AND s.status = 'queued') THEN 'cancelled'
         ELSE 'queued' END,
       last_error = 'lease expired: worker ' || COALESCE(locked_by, '?') || ' stopped heartbeating',
       finished_at = CASE WHEN attempts >= max_attempts THEN now() ELSE NULL END,
       run_at = now(), locked_by = NULL, locked_until = NULL
     WHERE id IN (SELECT id FROM jobs WHERE status = 'active' AND locked_until < now() FOR UPDATE SKIP LOCKED)
     RETURNING status`,
  );
  await q.query(
    `DELETE FROM jobs WHERE id IN (
       SELECT id FROM jobs WHERE (status = 'completed' AND finished_at < now() - interval '7 days')
          OR (status IN ('failed', 'cancelled') AND COALESCE(finished_at, created_at) < now() - interval '30 days')
       LIMIT 1000)`,
  );
  return {
    requeued: rows.filter((r) => r.status === "queued").length,
    failed: rows.filter((r) => r.status === "failed").length,
  };
}
