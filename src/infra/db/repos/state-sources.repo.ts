/**
 * Every SQL statement on `state_sources` (migration 0006). A state source names two accounts:
 * `cloud_account_id` reads the object (its credential signs the GetObject), `scan_account_id` is the account
 * whose scans compare against it; they are equal unless a dedicated state reader is used.
 */
import type { Queryable } from "../engine.ts";
import type { StoredError } from "./cloud-accounts.repo.ts";

/** What the last read of the object found. */
export type StateTestResult =
  | {
      status: "ok";
      serial: number;
      lineage: string;
      terraform_version: string;
      resource_count: number;
      object_key: string;
      version_id: string | null;
      size: number;
    }
  | { status: "failed"; object_key: string; error: StoredError };

/** One row of `state_sources`. */
export interface StateSourceRow {
  id: string;
  org_id: string;
  cloud_account_id: string;
  scan_account_id: string;
  bucket: string;
  key: string;
  region: string;
  workspace: string | null;
  workspace_key_prefix: string;
  version_id: string | null;
  endpoint_url: string | null;
  force_path_style: boolean;
  last_test_status: "ok" | "failed" | null;
  last_test: StateTestResult | null;
  last_tested_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export type NewStateSource = Pick<
  StateSourceRow,
  | "org_id"
  | "cloud_account_id"
  | "scan_account_id"
  | "bucket"
  | "key"
  | "region"
  | "workspace"
  | "workspace_key_prefix"
  | "version_id"
  | "endpoint_url"
  | "force_path_style"
> & { test?: { result: StateTestResult; at: Date } };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function insertStateSource(q: Queryable, s: NewStateSource): Promise<StateSourceRow> {
  const { rows } = await q.query<StateSourceRow>(
    `INSERT INTO state_sources (org_id, cloud_account_id, scan_account_id, bucket, key, region, workspace,
       workspace_key_prefix, version_id, endpoint_url, force_path_style, last_test_status, last_test, last_tested_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14)
     RETURNING *`,
    [
      s.org_id,
      s.cloud_account_id,
      s.scan_account_id,
      s.bucket,
      s.key,
      s.region,
      s.workspace,
      s.workspace_key_prefix,
      s.version_id,
      s.endpoint_url,
      s.force_path_style,
      s.test?.result.status ?? null,
      s.test ? JSON.stringify(s.test.result) : null,
      s.test?.at ?? null,
    ],
  );
  return rows[0]!;
}

export async function findStateSource(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<StateSourceRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const { rows } = await q.query<StateSourceRow>(
    "SELECT * FROM state_sources WHERE id = $1 AND org_id = $2",
    [id, orgId],
  );
  return rows[0];
}

/**
 * A page of an organisation's state sources ordered by bucket, key and id, optionally only those scanned with
 * one account or read by one account; `after` is the last item's [bucket, key, id].
 */
export async function listStateSources(
  q: Queryable,
  orgId: string,
  opts: {
    limit: number;
    after?: [string, string, string] | undefined;
    scanAccountId?: string | undefined;
    cloudAccountId?: string | undefined;
  },
): Promise<StateSourceRow[]> {
  const { rows } = await q.query<StateSourceRow>(
    `SELECT * FROM state_sources
     WHERE org_id = $1
       AND ($2::uuid IS NULL OR scan_account_id = $2)
       AND ($3::uuid IS NULL OR cloud_account_id = $3)
       AND ($4::text IS NULL OR (bucket, key, id::text) > ($4, $5, $6))
     ORDER BY bucket, key, id LIMIT $7`,
    [
      orgId,
      opts.scanAccountId ?? null,
      opts.cloudAccountId ?? null,
      opts.after?.[0] ?? null,
      opts.after?.[1] ?? null,
      opts.after?.[2] ?? null,
      opts.limit,
    ],
  );
  return rows;
}

/** The source of a scanned account that names this same object (the unique index's columns), if any. */
export async function findSameObject(
  q: Queryable,
  s: Pick<
    NewStateSource,
    | "org_id"
    | "scan_account_id"
    | "bucket"
    | "key"
    | "workspace"
    | "workspace_key_prefix"
    | "version_id"
    | "endpoint_url"
  >,
): Promise<StateSourceRow | undefined> {
  const { rows } = await q.query<StateSourceRow>(
    `SELECT * FROM state_sources
     WHERE org_id = $1 AND scan_account_id = $2 AND bucket = $3 AND key = $4
       AND coalesce(workspace, '') = coalesce($5, '') AND workspace_key_prefix = $6
       AND coalesce(version_id, '') = coalesce($7, '') AND coalesce(endpoint_url, '') = coalesce($8, '')`,
    [
      s.org_id,
      s.scan_account_id,
      s.bucket,
      s.key,
      s.workspace,
      s.workspace_key_prefix,
      s.version_id,
      s.endpoint_url,
    ],
  );
  return rows[0];
}

/** Every state source a scan of this account compares against (for the scan job). */
export async function stateSourcesForScan(
  q: Queryable,
  orgId: string,
  scanAccountId: string,
): Promise<StateSourceRow[]> {
  const { rows } = await q.query<StateSourceRow>(
    "SELECT * FROM state_sources WHERE org_id = $1 AND scan_account_id = $2 ORDER BY created_at, id",
    [orgId, scanAccountId],
  );
  return rows;
}

/** State sources that another account's scans use but this account reads (they block its deletion). */
export async function stateSourcesReadForOthers(
  q: Queryable,
  orgId: string,
  readerAccountId: string,
): Promise<StateSourceRow[]> {
  const { rows } = await q.query<StateSourceRow>(
    `SELECT * FROM state_sources WHERE org_id = $1 AND cloud_account_id = $2 AND scan_account_id <> $2
     ORDER BY created_at, id`,
    [orgId, readerAccountId],
  );
  return rows;
}

export async function recordStateSourceTest(
  q: Queryable,
  orgId: string,
  id: string,
  result: StateTestResult,
  at: Date,
): Promise<StateSourceRow | undefined> {
  const { rows } = await q.query<StateSourceRow>(
    `UPDATE state_sources SET last_test_status = $3, last_test = $4::jsonb, last_tested_at = $5
     WHERE id = $1 AND org_id = $2 RETURNING *`,
    [id, orgId, result.status, JSON.stringify(result), at],
  );
  return rows[0];
}

export async function deleteStateSource(q: Queryable, orgId: string, id: string): Promise<boolean> {
  const { rowCount } = await q.query("DELETE FROM state_sources WHERE id = $1 AND org_id = $2", [id, orgId]);
  return rowCount > 0;
}

/** Removes the state sources scanned with an account (before the account itself goes). */
export async function deleteStateSourcesOfScanAccount(
  q: Queryable,
  orgId: string,
  scanAccountId: string,
): Promise<number> {
  const { rowCount } = await q.query("DELETE FROM state_sources WHERE org_id = $1 AND scan_account_id = $2", [
    orgId,
    scanAccountId,
  ]);
  return rowCount;
}
