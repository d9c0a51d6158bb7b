import { keyMatcher } from "../domain/glob.ts";
import { s3SourcePolicy } from "../domain/iam-policy.ts";
import { isFolderMarker, type ListedObject } from "../domain/watch/poll-plan.ts";
import { type CredentialSpec, credentialProvider, publicCredentialView } from "../infra/aws/credentials.ts";
import {
  createS3Client,
  getObjectStream,
  listAllObjects,
  type S3ClientOptions,
} from "../infra/aws/s3-client.ts";
import type { SecretVault } from "../infra/crypto/sealed-secrets.ts";
import type { Db, Queryable } from "../infra/db/engine.ts";
import { deleteSchedule, upsertSchedule } from "../infra/jobs/schedules.ts";
import type { ConnectionInput, ConnectionPatch, ConnectionRow, ConnectionView } from "./connection.model.ts";
import { checkConnectionFields, normalisePrefix, parseCredentials } from "./connection.validate.ts";
import { type AwsFailure, connectionError, describeAwsFailure } from "./connection-errors.ts";
import { AppError, notFound } from "./errors.ts";
import type { FederationService } from "./federation.service.ts";
import type { IdentityService } from "./identity.service.ts";
import { isUuid, type Page, pageOf, parseCursor } from "./pagination.ts";

export const POLL_TASK = "poll";
export const scheduleKey = (connectionId: string) => `poll:${connectionId}`;
export const pollConcurrencyKey = (connectionId: string) => `poll:${connectionId}`;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

interface ViewRow extends ConnectionRow {
  contract_name: string | null;
  next_run_at: Date | null;
  schedule_enabled: boolean | null;
  open_events: number;
}

const SELECT_VIEW = `SELECT c.*, k.name AS contract_name, s.next_run_at, s.enabled AS schedule_enabled,
  (SELECT count(*)::int FROM drift_events e WHERE e.connection_id = c.id AND e.status = 'open') AS open_events
  FROM connections c
  LEFT JOIN contracts k ON k.id = c.contract_id
  LEFT JOIN schedules s ON s.key = 'poll:' || c.id::text`;

function toView(row: ViewRow): ConnectionView {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    region: row.region,
    bucket: row.bucket,
    prefix: row.prefix,
    file_pattern: row.file_pattern,
    contract_id: row.contract_id,
    contract_name: row.contract_name,
    poll_interval_minutes: row.poll_interval_minutes,
    endpoint_url: row.endpoint_url,
    force_path_style: row.force_path_style,
    backfill: row.backfill,
    paused: row.paused,
    credentials: row.credentials_public,
    health: row.health,
    last_error: row.last_error,
    last_poll_at: iso(row.last_poll_at),
    last_success_at: iso(row.last_success_at),
    next_poll_at: row.paused || !row.schedule_enabled ? null : iso(row.next_run_at),
    open_events: row.open_events,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export interface ConnectionServiceOptions {
  s3Client?: S3ClientOptions;
  /** The watch's clock: a new connection watches objects modified from this moment on. */
  clock?: () => Date;
}

/** What the watch needs to reach a bucket: the stored row and its opened credential. */
export interface ConnectionTarget {
  row: ConnectionRow;
  spec: CredentialSpec;
}

/**
 * S3 connections: created and changed only after the service has listed the prefix and read one object
 * with the given credentials; the credentials are sealed and never returned.
 */
export class ConnectionService {
  readonly #db: Db;
  readonly #vault: SecretVault;
  readonly #opts: ConnectionServiceOptions;
  readonly #identity: IdentityService | undefined;
  readonly #federation: FederationService | undefined;

  constructor(
    db: Db,
    vault: SecretVault,
    opts: ConnectionServiceOptions = {},
    identity?: IdentityService,
    federation?: FederationService,
  ) {
    this.#db = db;
    this.#vault = vault;
    this.#opts = opts;
    this.#identity = identity;
    this.#federation = federation;
  }

  /**
   * An S3 client for a target, signed with the given credential: role and OIDC credentials go through STS
   * (with the organisation's external id, driftwatch's own tokens, and sessions shared and refreshed early).
   */
  async client(
    orgId: string,
    target: { region: string; endpoint_url: string | null; force_path_style: boolean; bucket: string },
    spec: CredentialSpec,
  ) {
    const credentials = this.#identity
      ? await this.#identity.provider(orgId, spec, target.region)
      : credentialProvider(spec, { orgId, region: target.region });
    return createS3Client(
      {
        region: target.region,
        bucket: target.bucket,
        endpointUrl: target.endpoint_url,
        forcePathStyle: target.force_path_style,
      },
      credentials,
      this.#opts.s3Client,
    );
  }

  /**
   * Proves the settings work before they are saved: lists the watched prefix and reads the first byte of one
   * matching object, if there is one. A failure is a 422 with AWS's code mapped to ours, the field it concerns,
   * and the fix; nothing is stored.
   */
  async probe(
    orgId: string,
    target: {
      region: string;
      endpoint_url: string | null;
      force_path_style: boolean;
      bucket: string;
      prefix: string;
      file_pattern: string;
    },
    spec: CredentialSpec,
  ): Promise<void> {
    const client = await this.client(orgId, target, spec);
    const matcher = keyMatcher(target.prefix, target.file_pattern);
    let sample: string | undefined;
    try {
      try {
        const pages = listAllObjects(client, target.bucket, matcher.listPrefix, {
          pageBudget: 1,
          pageSize: 50,
        });
        const first = await pages.next();
        sample = ((first.value ?? []) as ListedObject[]).find(
          (o) => !isFolderMarker(o) && matcher.matches(o.key),
        )?.key;
        await pages.return(undefined);
      } catch (err) {
        throw connectionError(
          describeAwsFailure(err, {
            action: "s3:ListBucket",
            bucket: target.bucket,
            prefix: matcher.listPrefix,
            region: target.region,
            endpoint: target.endpoint_url,
          }),
        );
      }
      if (sample === undefined) return;
      try {
        const body = await getObjectStream(client, target.bucket, sample, { range: "bytes=0-0" });
        for await (const _ of body) {
          // drain the one byte
        }
      } catch (err) {
        const failure: AwsFailure = describeAwsFailure(err, {
          action: "s3:GetObject",
          bucket: target.bucket,
          key: sample,
          region: target.region,
          endpoint: target.endpoint_url,
        });
        // the object vanished between list and get, or is archived: the credentials still work
        if (failure.aws_code === "NoSuchKey" || failure.aws_code === "InvalidObjectState") return;
        throw connectionError(failure);
      }
    } finally {
      client.destroy();
    }
  }

  async #contractInOrg(q: Queryable, orgId: string, contractId: string | null | undefined): Promise<void> {
    if (contractId === null || contractId === undefined) return;
    const { rows } = isUuid(contractId)
      ? await q.query("SELECT 1 FROM contracts WHERE id = $1 AND org_id = $2", [contractId, orgId])
      : { rows: [] };
    if (rows.length === 0) {
      throw new AppError({
        code: "request.invalid",
        status: 400,
        message: `body.contract_id ${contractId} is not a contract of this organisation.`,
        hint: "List contracts (GET /api/v1/contracts) and use one of their ids, or create the contract first.",
        details: [{ field: "body.contract_id", problem: "body.contract_id is not a known contract" }],
      });
    }
  }

  async create(orgId: string, input: ConnectionInput): Promise<ConnectionView> {
    const prefix = normalisePrefix(input.prefix);
    const file_pattern = input.file_pattern ?? "*";
    const endpoint_url = input.endpoint_url ?? null;
    checkConnectionFields({ ...input, file_pattern, endpoint_url });
    const spec = parseCredentials(input.credentials);
    await this.#contractInOrg(this.#db, orgId, input.contract_id);
    const name = input.name.trim();
    const existing = await this.#db.query("SELECT 1 FROM connections WHERE org_id = $1 AND name = $2", [
      orgId,
      name,
    ]);
    if (existing.rows.length > 0) throw nameTaken(name);
    const force_path_style = input.force_path_style ?? false;
    await this.probe(
      orgId,
      { region: input.region, bucket: input.bucket, prefix, file_pattern, endpoint_url, force_path_style },
      spec,
    );
    const interval = input.poll_interval_minutes ?? 60;
    try {
      const id = await this.#db.transaction(async (tx) => {
        const secretId = await this.#vault.seal(tx, orgId, "connection.credentials", JSON.stringify(spec));
        const { rows } = await tx.query<{ id: string }>(
          `INSERT INTO connections (org_id, name, provider, region, bucket, prefix, file_pattern, contract_id,
             poll_interval_minutes, endpoint_url, force_path_style, backfill, credentials_type, credentials_public,
             credentials_secret_id, watch_since)
           VALUES ($1, $2, 'aws_s3', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15) RETURNING id`,
          [
            orgId,
            name,
            input.region,
            input.bucket,
            prefix,
            file_pattern,
            input.contract_id ?? null,
            interval,
            endpoint_url,
            force_path_style,
            input.backfill ?? false,
            spec.type,
            JSON.stringify(publicCredentialView(spec)),
            secretId,
            (this.#opts.clock ?? (() => new Date()))(),
          ],
        );
        const connectionId = rows[0]!.id;
        // the first poll runs at once, so health is known within seconds of saving
        await upsertSchedule(tx, {
          key: scheduleKey(connectionId),
          orgId,
          task: POLL_TASK,
          payload: { connection_id: connectionId },
          intervalSeconds: interval * 60,
          firstRunInSeconds: 0,
          concurrencyKey: pollConcurrencyKey(connectionId),
        });
        return connectionId;
      });
      return this.get(orgId, id);
    } catch (err) {
      if ((err as { code?: string }).code === "23505") throw nameTaken(name);
      throw err;
    }
  }

  async get(orgId: string, id: string, q: Queryable = this.#db): Promise<ConnectionView> {
    if (!isUuid(id)) throw notFound("Connection", id);
    const { rows } = await q.query<ViewRow>(`${SELECT_VIEW} WHERE c.id = $1 AND c.org_id = $2`, [id, orgId]);
    if (!rows[0]) throw notFound("Connection", id);
    return toView(rows[0]);
  }

  async row(orgId: string, id: string, q: Queryable = this.#db): Promise<ConnectionRow> {
    if (!isUuid(id)) throw notFound("Connection", id);
    const { rows } = await q.query<ConnectionRow>("SELECT * FROM connections WHERE id = $1 AND org_id = $2", [
      id,
      orgId,
    ]);
    if (!rows[0]) throw notFound("Connection", id);
    return rows[0];
  }

  /** The row and its opened credential, for the watch. */
  async target(orgId: string, id: string): Promise<ConnectionTarget> {
    const row = await this.row(orgId, id);
    const spec = JSON.parse(
      await this.#vault.openText(this.#db, orgId, row.credentials_secret_id),
    ) as CredentialSpec;
    return { row, spec };
  }

  async list(orgId: string, opts: { limit?: number; cursor?: string }): Promise<Page<ConnectionView>> {
    const limit = opts.limit ?? 50;
    const after = parseCursor(opts.cursor);
    const { rows } = await this.#db.query<ViewRow>(
      `${SELECT_VIEW} WHERE c.org_id = $1 AND ($2::text IS NULL OR (c.name, c.id::text) > ($2, $3))
       ORDER BY c.name, c.id LIMIT $4`,
      [orgId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    return pageOf(rows.map(toView), limit, (c) => [c.name, c.id]);
  }

  async update(orgId: string, id: string, patch: ConnectionPatch): Promise<ConnectionView> {
    const current = await this.row(orgId, id);
    const next = {
      name: patch.name?.trim() ?? current.name,
      region: patch.region ?? current.region,
      bucket: patch.bucket ?? current.bucket,
      prefix: patch.prefix === undefined ? current.prefix : normalisePrefix(patch.prefix),
      file_pattern: patch.file_pattern ?? current.file_pattern,
      contract_id: patch.contract_id === undefined ? current.contract_id : patch.contract_id,
      poll_interval_minutes: patch.poll_interval_minutes ?? current.poll_interval_minutes,
      endpoint_url: patch.endpoint_url === undefined ? current.endpoint_url : patch.endpoint_url,
      force_path_style: patch.force_path_style ?? current.force_path_style,
      backfill: patch.backfill ?? current.backfill,
    };
    checkConnectionFields(next);
    const newSpec = patch.credentials ? parseCredentials(patch.credentials) : undefined;
    await this.#contractInOrg(this.#db, orgId, next.contract_id);
    if (next.name !== current.name) {
      const taken = await this.#db.query(
        "SELECT 1 FROM connections WHERE org_id = $1 AND name = $2 AND id <> $3",
        [orgId, next.name, id],
      );
      if (taken.rows.length > 0) throw nameTaken(next.name);
    }
    const reach = ["region", "bucket", "endpoint_url", "force_path_style"] as const;
    const reachChanged = newSpec !== undefined || reach.some((k) => next[k] !== current[k]);
    const scopeChanged =
      next.bucket !== current.bucket ||
      next.prefix !== current.prefix ||
      next.file_pattern !== current.file_pattern;
    if (reachChanged || scopeChanged) {
      const spec = newSpec ?? (await this.target(orgId, id)).spec;
      await this.probe(orgId, next, spec);
    }
    await this.#db.transaction(async (tx) => {
      let secretId = current.credentials_secret_id;
      if (newSpec)
        secretId = await this.#vault.seal(tx, orgId, "connection.credentials", JSON.stringify(newSpec));
      await tx.query(
        `UPDATE connections SET name = $3, region = $4, bucket = $5, prefix = $6, file_pattern = $7, contract_id = $8,
           poll_interval_minutes = $9, endpoint_url = $10, force_path_style = $11, backfill = $12,
           credentials_type = $13, credentials_public = $14::jsonb, credentials_secret_id = $15,
           -- a new scope re-evaluates what is new (the ledger still keeps files already done from being redone)
           watermark = CASE WHEN $16 THEN NULL ELSE watermark END,
           updated_at = now()
         WHERE id = $1 AND org_id = $2`,
        [
          id,
          orgId,
          next.name,
          next.region,
          next.bucket,
          next.prefix,
          next.file_pattern,
          next.contract_id,
          next.poll_interval_minutes,
          next.endpoint_url,
          next.force_path_style,
          next.backfill,
          newSpec?.type ?? current.credentials_type,
          JSON.stringify(newSpec ? publicCredentialView(newSpec) : current.credentials_public),
          secretId,
          scopeChanged || (patch.backfill === true && !current.backfill),
        ],
      );
      if (newSpec) await this.#vault.delete(tx, orgId, current.credentials_secret_id);
      if (next.poll_interval_minutes !== current.poll_interval_minutes || reachChanged || scopeChanged) {
        await upsertSchedule(tx, {
          key: scheduleKey(id),
          orgId,
          task: POLL_TASK,
          payload: { connection_id: id },
          intervalSeconds: next.poll_interval_minutes * 60,
          // new settings are tried at once; a plain interval change keeps the current next run
          ...(reachChanged || scopeChanged ? { firstRunInSeconds: 0 } : {}),
          enabled: !current.paused,
          concurrencyKey: pollConcurrencyKey(id),
        });
      }
    });
    return this.get(orgId, id);
  }

  async delete(orgId: string, id: string): Promise<void> {
    const current = await this.row(orgId, id);
    await this.#db.transaction(async (tx) => {
      await deleteSchedule(tx, scheduleKey(id));
      await tx.query(
        "UPDATE jobs SET status = 'cancelled', finished_at = now() WHERE status = 'queued' AND concurrency_key = $1",
        [pollConcurrencyKey(id)],
      );
      await tx.query("DELETE FROM connections WHERE id = $1 AND org_id = $2", [id, orgId]);
      await this.#vault.delete(tx, orgId, current.credentials_secret_id);
    });
  }

  /**
   * The least-privilege IAM policy for this connection's bucket and prefix; for an OIDC role, also the trust
   * policy pinned to this organisation.
   */
  async policy(
    orgId: string,
    id: string,
  ): Promise<{ policy: unknown; notes: string[]; trust_policy?: unknown }> {
    const row = await this.row(orgId, id);
    const built = s3SourcePolicy({ bucket: row.bucket, ...(row.prefix ? { prefix: row.prefix } : {}) });
    const notes = [...built.notes];
    const roleArn = row.credentials_public.role_arn;
    const account = roleArn ? /^arn:[^:]+:iam::(\d{12}):role\//.exec(roleArn)?.[1] : undefined;
    if (row.credentials_type === "aws_oidc" && account && this.#federation) {
      const info = this.#federation.federationInfo(orgId, { accountId: account });
      return {
        policy: built.policy,
        notes: [...notes, ...(info.notes ?? [])],
        trust_policy: info.trust_policy,
      };
    }
    if (roleArn) {
      notes.push(
        `Attach this policy to ${roleArn}. Its trust policy must let your IAM user assume it with the external id ${row.credentials_public.external_id ?? "of your organisation (GET /api/v1/org)"}: \`driftwatch policy trust-role --principal <your IAM user ARN> --external-id <external id>\` renders it.`,
      );
    }
    return { policy: built.policy, notes };
  }

  async setPaused(orgId: string, id: string, paused: boolean): Promise<ConnectionView> {
    await this.row(orgId, id);
    await this.#db.transaction(async (tx) => {
      await tx.query("UPDATE connections SET paused = $3, updated_at = now() WHERE id = $1 AND org_id = $2", [
        id,
        orgId,
        paused,
      ]);
      // resuming polls at once; pausing stops the schedule (a poll already running finishes its cycle)
      await tx.query(
        "UPDATE schedules SET enabled = $2, next_run_at = CASE WHEN $2 THEN now() ELSE next_run_at END WHERE key = $1",
        [scheduleKey(id), !paused],
      );
    });
    return this.get(orgId, id);
  }
}

function nameTaken(name: string): AppError {
  return new AppError({
    code: "connection.name_taken",
    status: 409,
    message: `A connection named "${name}" exists already.`,
    hint: "Pick another name.",
    details: [{ field: "body.name", problem: "body.name is taken" }],
  });
}
