/**
 * Every SQL statement on `cloud_accounts` (migration 0006). Typed rows in and out; the cloud-account service is
 * the one writer. Reads are scoped to an organisation: another organisation's account is simply not found.
 */
import type { Queryable } from "../engine.ts";

export type CloudCredentialType = "aws_static" | "aws_role" | "aws_oidc";
export type AccountHealth = "healthy" | "warning" | "critical" | "unknown";

/** A failure kept on an account (or a state source's last test): stable code, AWS's code, the fix. */
export interface StoredError {
  code: string;
  aws_code: string | null;
  message: string;
  hint: string;
  at: string;
}

/** The non-secret view of a credential (`publicCredentialView` in src/infra/aws/credentials.ts). */
export interface StoredCredentialView {
  type: CloudCredentialType;
  fingerprint: string;
  access_key_id_suffix?: string;
  role_arn?: string;
  external_id?: string;
  region?: string;
}

/** One row of `cloud_accounts`. */
export interface CloudAccountRow {
  id: string;
  org_id: string;
  provider: "aws";
  display_name: string;
  external_account_id: string;
  default_region: string | null;
  credential_type: CloudCredentialType;
  credential_public: StoredCredentialView;
  credential_secret_id: string;
  credential_region: string;
  caller_arn: string | null;
  health: AccountHealth;
  last_error: StoredError | null;
  last_validated_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface NewCloudAccount {
  org_id: string;
  display_name: string;
  external_account_id: string;
  default_region: string | null;
  credential_type: CloudCredentialType;
  credential_public: StoredCredentialView;
  credential_secret_id: string;
  credential_region: string;
  caller_arn: string | null;
  /** A new account has just been validated: healthy, validated now. */
  validated_at: Date;
}

export type CloudAccountChanges = Partial<
  Pick<
    CloudAccountRow,
    | "display_name"
    | "external_account_id"
    | "default_region"
    | "credential_type"
    | "credential_public"
    | "credential_secret_id"
    | "credential_region"
    | "caller_arn"
  >
>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function insertCloudAccount(q: Queryable, a: NewCloudAccount): Promise<CloudAccountRow> {
  const { rows } = await q.query<CloudAccountRow>(
    `INSERT INTO cloud_accounts (org_id, provider, display_name, external_account_id, default_region, credential_type,
       credential_public, credential_secret_id, credential_region, caller_arn, health, last_validated_at)
     VALUES ($1, 'aws', $2, $3, $4, $5, $6::jsonb, $7, $8, $9, 'healthy', $10)
     RETURNING *`,
    [
      a.org_id,
      a.display_name,
      a.external_account_id,
      a.default_region,
      a.credential_type,
      JSON.stringify(a.credential_public),
      a.credential_secret_id,
      a.credential_region,
      a.caller_arn,
      a.validated_at,
    ],
  );
  return rows[0]!;
}

/** The account of this organisation, or undefined (also for an id that is not a uuid). */
export async function findCloudAccount(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<CloudAccountRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const { rows } = await q.query<CloudAccountRow>(
    "SELECT * FROM cloud_accounts WHERE id = $1 AND org_id = $2",
    [id, orgId],
  );
  return rows[0];
}

export async function findCloudAccountByName(
  q: Queryable,
  orgId: string,
  displayName: string,
): Promise<CloudAccountRow | undefined> {
  const { rows } = await q.query<CloudAccountRow>(
    "SELECT * FROM cloud_accounts WHERE org_id = $1 AND display_name = $2",
    [orgId, displayName],
  );
  return rows[0];
}

/** A page ordered by display name then id; `after` is the last item's [display_name, id]. */
export async function listCloudAccounts(
  q: Queryable,
  orgId: string,
  opts: { limit: number; after?: [string, string] | undefined },
): Promise<CloudAccountRow[]> {
  const { rows } = await q.query<CloudAccountRow>(
    `SELECT * FROM cloud_accounts
     WHERE org_id = $1 AND ($2::text IS NULL OR (display_name, id::text) > ($2, $3))
     ORDER BY display_name, id LIMIT $4`,
    [orgId, opts.after?.[0] ?? null, opts.after?.[1] ?? null, opts.limit],
  );
  return rows;
}

export async function updateCloudAccount(
  q: Queryable,
  orgId: string,
  id: string,
  changes: CloudAccountChanges,
): Promise<CloudAccountRow | undefined> {
  const sets: string[] = [];
  const params: unknown[] = [id, orgId];
  for (const [column, value] of Object.entries(changes) as Array<[keyof CloudAccountChanges, unknown]>) {
    if (value === undefined) continue;
    params.push(column === "credential_public" ? JSON.stringify(value) : value);
    sets.push(`${column} = $${params.length}${column === "credential_public" ? "::jsonb" : ""}`);
  }
  const { rows } = await q.query<CloudAccountRow>(
    `UPDATE cloud_accounts SET ${[...sets, "updated_at = now()"].join(", ")}
     WHERE id = $1 AND org_id = $2 RETURNING *`,
    params,
  );
  return rows[0];
}

/**
 * The outcome of a validation (create, PATCH, POST …/test, or a scan that could not sign in): healthy with
 * the caller ARN STS returned, or critical with the error. `last_validated_at` moves only on success.
 */
export async function recordCloudAccountCheck(
  q: Queryable,
  orgId: string,
  id: string,
  outcome: { ok: true; callerArn: string; at: Date } | { ok: false; error: StoredError },
): Promise<CloudAccountRow | undefined> {
  const { rows } = outcome.ok
    ? await q.query<CloudAccountRow>(
        `UPDATE cloud_accounts SET health = 'healthy', last_error = NULL, caller_arn = $3, last_validated_at = $4
         WHERE id = $1 AND org_id = $2 RETURNING *`,
        [id, orgId, outcome.callerArn, outcome.at],
      )
    : await q.query<CloudAccountRow>(
        `UPDATE cloud_accounts SET health = 'critical', last_error = $3::jsonb
         WHERE id = $1 AND org_id = $2 RETURNING *`,
        [id, orgId, JSON.stringify(outcome.error)],
      );
  return rows[0];
}

export async function deleteCloudAccount(q: Queryable, orgId: string, id: string): Promise<boolean> {
  const { rowCount } = await q.query("DELETE FROM cloud_accounts WHERE id = $1 AND org_id = $2", [id, orgId]);
  return rowCount > 0;
}
