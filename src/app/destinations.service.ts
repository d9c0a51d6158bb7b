/**
 * S3 destinations: created and changed only after a connection test (write one small object under the
 * prefix, then delete it) passes with the given credentials; the credentials are sealed and never
 * returned. The exporter (export.service.ts) reads targets from here.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import type {
  CreateDestination,
  Destination,
  TemplatePreview,
  UpdateDestination,
} from "../api/destinations.api.ts";
import { s3DestinationPolicy } from "../domain/iam-policy.ts";
import { type CompiledTemplate, type ExportKind, previewTemplate, segment } from "../domain/path-template.ts";
import { AwsCallError } from "../infra/aws/aws-errors.ts";
import { type CredentialSpec, publicCredentialView } from "../infra/aws/credentials.ts";
import { type DestinationTestResult, testDestination } from "../infra/aws/destination-test.ts";
import { createS3Client, type S3ClientOptions } from "../infra/aws/s3-client.ts";
import type { SecretVault } from "../infra/crypto/sealed-secrets.ts";
import type { Db } from "../infra/db/engine.ts";
import type {
  DestinationRow,
  DestinationStatusRow,
  StoredError,
} from "../infra/db/repos/destinations.repo.ts";
import * as repo from "../infra/db/repos/destinations.repo.ts";
import { parseCredentials } from "./connection.validate.ts";
import { checkDestinationFields, parsePathPrefix } from "./destination.validate.ts";
import { AppError, notFound } from "./errors.ts";
import { scheduleExport, unscheduleExport } from "./export-jobs.ts";
import type { FederationService } from "./federation.service.ts";
import type { IdentityService } from "./identity.service.ts";
import { isUuid, type Page, pageOf, parseCursor } from "./pagination.ts";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export interface DestinationServiceOptions {
  s3Client?: S3ClientOptions;
  clock?: () => Date;
  /** `{env}`: the installation's environment name. */
  env?: string;
}

/** What the exporter needs to write to a destination. */
export interface DestinationTarget {
  row: DestinationRow;
  spec: CredentialSpec;
  template: CompiledTemplate;
  /** `{org}`: the organisation's name as a path segment. */
  org: string;
}

/** The form field a failed connection test points at, by the code's reason. */
function fieldFor(code: string, endpoint: string | null): string {
  const reason = code.split(".").slice(2).join(".");
  switch (reason) {
    case "no_such_bucket":
    case "invalid_bucket_name":
      return "bucket";
    case "wrong_region":
    case "region_invalid":
    case "region_disabled":
      return "region";
    case "kms_access_denied":
    case "kms_key_unusable":
      return "kms_key_arn";
    case "unreachable":
      return endpoint ? "endpoint_url" : "region";
    case "object_exists":
      return "path_prefix";
    case "unknown_access_key":
      return "credentials.access_key_id";
    case "signature_mismatch":
      return "credentials.secret_access_key";
    case "assume_role_denied":
    case "web_identity_denied":
    case "oidc_provider_missing":
    case "oidc_audience_mismatch":
      return "credentials.role_arn";
    default:
      return "credentials";
  }
}

/** A failed test as a 422 that names the field, AWS's code, the action and the fix. */
function testFailure(err: unknown, endpoint: string | null): unknown {
  if (!(err instanceof AwsCallError)) return err;
  const details = (err.details ?? {}) as Record<string, unknown>;
  return new AppError({
    code: err.code,
    status: 422,
    message: err.message,
    hint: err.hint ?? "",
    details: { ...details, field: fieldFor(err.code, endpoint) },
  });
}

function storedError(err: unknown, at: Date): StoredError {
  const e = err as Partial<AppError>;
  const aws = ((e.details ?? {}) as { aws_code?: string | null }).aws_code ?? null;
  return {
    code: e.code ?? "destination.error",
    aws_code: aws,
    message: e.message ?? String(err),
    hint: e.hint ?? "See the server log.",
    at: at.toISOString(),
  };
}

function nameTaken(name: string): AppError {
  return new AppError({
    code: "destination.name_taken",
    status: 409,
    message: `A destination named "${name}" exists already.`,
    hint: "Pick another name.",
    details: [{ field: "body.name", problem: "body.name is taken" }],
  });
}

export class DestinationService {
  readonly #db: Db;
  readonly #vault: SecretVault;
  readonly #identity: IdentityService;
  readonly #federation: FederationService | undefined;
  readonly #opts: DestinationServiceOptions;

  constructor(
    db: Db,
    vault: SecretVault,
    identity: IdentityService,
    federation?: FederationService,
    opts: DestinationServiceOptions = {},
  ) {
    this.#db = db;
    this.#vault = vault;
    this.#identity = identity;
    this.#federation = federation;
    this.#opts = opts;
  }

  #now(): Date {
    return (this.#opts.clock ?? (() => new Date()))();
  }

  /** What a path prefix resolves to now, or a 400 naming the unknown variable or unbalanced brace. */
  async preview(orgId: string, pathPrefix: string, kind: ExportKind = "events"): Promise<TemplatePreview> {
    const template = parsePathPrefix(pathPrefix);
    const at = this.#now();
    const org = await this.#orgSegment(orgId);
    return {
      path_prefix: template.source,
      preview: previewTemplate(template, at, {
        org,
        kind,
        ...(this.#opts.env ? { env: this.#opts.env } : {}),
      }),
      literal_prefix: template.literalPrefix,
      variables: [...template.variables],
      at: at.toISOString(),
    };
  }

  #view(row: DestinationStatusRow, org: string): Destination {
    const template = parsePathPrefix(row.path_prefix);
    return {
      id: row.id,
      name: row.name,
      provider: row.provider,
      region: row.region,
      bucket: row.bucket,
      path_prefix: row.path_prefix,
      path_preview: previewTemplate(template, this.#now(), {
        org,
        ...(this.#opts.env ? { env: this.#opts.env } : {}),
      }),
      endpoint_url: row.endpoint_url,
      force_path_style: row.force_path_style,
      kms_key_arn: row.kms_key_arn,
      format: row.format,
      gzip: row.gzip,
      batch_max_events: row.batch_max_events,
      batch_max_age_seconds: row.batch_max_age_seconds,
      export_events: row.export_events,
      export_scan_reports: row.export_scan_reports,
      paused: row.paused,
      credentials: row.credentials_public,
      health: row.health,
      last_error: row.last_error,
      status: {
        last_success_at: iso(row.last_success_at),
        last_attempt_at: iso(row.last_attempt_at),
        last_tested_at: iso(row.last_tested_at),
        backlog_events: row.backlog_events,
        pending_batches: row.pending_batches,
        objects_written: Number(row.objects_written),
        bytes_written: Number(row.bytes_written),
        events_exported: Number(row.events_exported),
      },
      created_at: row.created_at.toISOString(),
      updated_at: row.updated_at.toISOString(),
    };
  }

  /** An S3 client for a destination, signed with its credential (roles and OIDC through STS). */
  async client(
    orgId: string,
    target: { region: string; bucket: string; endpoint_url: string | null; force_path_style: boolean },
    spec: CredentialSpec,
  ): Promise<S3Client> {
    const credentials = await this.#identity.provider(orgId, spec, target.region);
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

  async #orgSegment(orgId: string): Promise<string> {
    return segment((await repo.orgName(this.#db, orgId)) ?? orgId);
  }

  /** The connection test: one small object written under the prefix and deleted; 422 naming what failed. */
  async #runTest(
    orgId: string,
    d: Pick<
      DestinationRow,
      "region" | "bucket" | "endpoint_url" | "force_path_style" | "kms_key_arn" | "path_prefix"
    >,
    spec: CredentialSpec,
  ): Promise<DestinationTestResult> {
    const template = parsePathPrefix(d.path_prefix);
    const client = await this.client(orgId, d, spec);
    try {
      return await testDestination(
        client,
        { bucket: d.bucket, region: d.region, endpointUrl: d.endpoint_url, kmsKeyArn: d.kms_key_arn },
        template,
        await this.#orgSegment(orgId),
        { now: this.#now() },
      );
    } catch (err) {
      throw testFailure(err, d.endpoint_url);
    } finally {
      client.destroy();
    }
  }

  async create(orgId: string, input: CreateDestination): Promise<Destination> {
    const d = {
      name: input.name.trim(),
      region: input.region,
      bucket: input.bucket,
      path_prefix: (input.path_prefix ?? "").replace(/^\/+/, ""),
      endpoint_url: input.endpoint_url ?? null,
      force_path_style: input.force_path_style ?? false,
      kms_key_arn: input.kms_key_arn ?? null,
      format: input.format ?? "ndjson",
      gzip: input.gzip ?? false,
      batch_max_events: input.batch_max_events ?? 1000,
      batch_max_age_seconds: input.batch_max_age_seconds ?? 300,
      export_events: input.export_events ?? true,
      export_scan_reports: input.export_scan_reports ?? false,
    };
    checkDestinationFields(d);
    const spec = parseCredentials(input.credentials);
    if (await repo.nameTaken(this.#db, orgId, d.name)) throw nameTaken(d.name);
    await this.#runTest(orgId, d, spec);
    const testedAt = this.#now();
    try {
      const id = await this.#db.transaction(async (tx) => {
        const secretId = await this.#vault.seal(tx, orgId, "destination.credentials", JSON.stringify(spec));
        const newId = await repo.insertDestination(tx, {
          orgId,
          name: d.name,
          region: d.region,
          bucket: d.bucket,
          pathPrefix: d.path_prefix,
          endpointUrl: d.endpoint_url,
          forcePathStyle: d.force_path_style,
          kmsKeyArn: d.kms_key_arn,
          format: d.format,
          gzip: d.gzip,
          batchMaxEvents: d.batch_max_events,
          batchMaxAgeSeconds: d.batch_max_age_seconds,
          exportEvents: d.export_events,
          exportScanReports: d.export_scan_reports,
          credentialsType: spec.type,
          credentialsPublic: publicCredentialView(spec),
          credentialsSecretId: secretId,
          testedAt,
        });
        await scheduleExport(tx, {
          id: newId,
          org_id: orgId,
          batch_max_age_seconds: d.batch_max_age_seconds,
          paused: false,
        });
        return newId;
      });
      return this.get(orgId, id);
    } catch (err) {
      if ((err as { code?: string }).code === "23505") throw nameTaken(d.name);
      throw err;
    }
  }

  async get(orgId: string, id: string): Promise<Destination> {
    if (!isUuid(id)) throw notFound("Destination", id);
    const row = await repo.findDestination(this.#db, orgId, id);
    if (!row) throw notFound("Destination", id);
    return this.#view(row, await this.#orgSegment(orgId));
  }

  async row(orgId: string, id: string): Promise<DestinationStatusRow> {
    if (!isUuid(id)) throw notFound("Destination", id);
    const row = await repo.findDestination(this.#db, orgId, id);
    if (!row) throw notFound("Destination", id);
    return row;
  }

  /** The row, its opened credential and compiled template, for the exporter. */
  async target(orgId: string, id: string): Promise<DestinationTarget> {
    const row = await this.row(orgId, id);
    const spec = JSON.parse(
      await this.#vault.openText(this.#db, orgId, row.credentials_secret_id),
    ) as CredentialSpec;
    return { row, spec, template: parsePathPrefix(row.path_prefix), org: await this.#orgSegment(orgId) };
  }

  async list(orgId: string, opts: { limit?: number; cursor?: string }): Promise<Page<Destination>> {
    const limit = opts.limit ?? 50;
    const after = parseCursor(opts.cursor);
    const rows = await repo.listDestinations(
      this.#db,
      orgId,
      after ? [after[0] ?? "", after[1] ?? ""] : undefined,
      limit + 1,
    );
    const org = await this.#orgSegment(orgId);
    return pageOf(
      rows.map((r) => this.#view(r, org)),
      limit,
      (d) => [d.name, d.id],
    );
  }

  async update(orgId: string, id: string, patch: UpdateDestination): Promise<Destination> {
    const current = await this.row(orgId, id);
    const next: repo.DestinationSettings = {
      name: patch.name?.trim() ?? current.name,
      region: patch.region ?? current.region,
      bucket: patch.bucket ?? current.bucket,
      path_prefix:
        patch.path_prefix === undefined ? current.path_prefix : patch.path_prefix.replace(/^\/+/, ""),
      endpoint_url: patch.endpoint_url === undefined ? current.endpoint_url : patch.endpoint_url,
      force_path_style: patch.force_path_style ?? current.force_path_style,
      kms_key_arn: patch.kms_key_arn === undefined ? current.kms_key_arn : patch.kms_key_arn,
      format: patch.format ?? current.format,
      gzip: patch.gzip ?? current.gzip,
      batch_max_events: patch.batch_max_events ?? current.batch_max_events,
      batch_max_age_seconds: patch.batch_max_age_seconds ?? current.batch_max_age_seconds,
      export_events: patch.export_events ?? current.export_events,
      export_scan_reports: patch.export_scan_reports ?? current.export_scan_reports,
      paused: patch.paused ?? current.paused,
      credentials_type: current.credentials_type,
      credentials_public: current.credentials_public,
      credentials_secret_id: current.credentials_secret_id,
    };
    checkDestinationFields(next);
    const newSpec = patch.credentials ? parseCredentials(patch.credentials) : undefined;
    if (next.name !== current.name && (await repo.nameTaken(this.#db, orgId, next.name, id))) {
      throw nameTaken(next.name);
    }
    const reach = [
      "region",
      "bucket",
      "endpoint_url",
      "force_path_style",
      "kms_key_arn",
      "path_prefix",
    ] as const;
    const retest = newSpec !== undefined || reach.some((k) => next[k] !== current[k]);
    if (retest) {
      const spec = newSpec ?? (await this.target(orgId, id)).spec;
      await this.#runTest(orgId, next, spec);
    }
    try {
      await this.#db.transaction(async (tx) => {
        if (newSpec) {
          next.credentials_secret_id = await this.#vault.seal(
            tx,
            orgId,
            "destination.credentials",
            JSON.stringify(newSpec),
          );
          next.credentials_type = newSpec.type;
          next.credentials_public = publicCredentialView(newSpec);
        }
        await repo.updateDestinationSettings(tx, orgId, id, next, retest ? this.#now() : null);
        if (newSpec) await this.#vault.delete(tx, orgId, current.credentials_secret_id);
        await scheduleExport(tx, { id, org_id: orgId, ...next });
      });
    } catch (err) {
      if ((err as { code?: string }).code === "23505") throw nameTaken(next.name);
      throw err;
    }
    return this.get(orgId, id);
  }

  async delete(orgId: string, id: string): Promise<void> {
    const current = await this.row(orgId, id);
    await this.#db.transaction(async (tx) => {
      await unscheduleExport(tx, id);
      await repo.deleteDestination(tx, orgId, id);
      await this.#vault.delete(tx, orgId, current.credentials_secret_id);
    });
  }

  /** The connection test on demand; its failure is also kept as the destination's last error. */
  async test(orgId: string, id: string): Promise<DestinationTestResult> {
    const { row, spec } = await this.target(orgId, id);
    try {
      const result = await this.#runTest(orgId, row, spec);
      await repo.recordTest(this.#db, id, this.#now(), null);
      return result;
    } catch (err) {
      if (err instanceof AppError && err.status === 422) {
        await repo.recordTest(this.#db, id, this.#now(), storedError(err, this.#now()));
      }
      throw err;
    }
  }

  /** Least privilege: PutObject under the prefix, DeleteObject for the test only, KMS when a key is set. */
  async policy(orgId: string, id: string) {
    const row = await this.row(orgId, id);
    const built = s3DestinationPolicy({
      bucket: row.bucket,
      prefix: row.path_prefix,
      ...(row.kms_key_arn ? { kmsKeyArn: row.kms_key_arn } : {}),
    });
    const notes = [...built.notes];
    const roleArn = row.credentials_public.role_arn;
    const account = roleArn ? /^arn:[^:]+:iam::(\d{12}):role\//.exec(roleArn)?.[1] : undefined;
    if (row.credentials_type === "aws_oidc" && account && this.#federation) {
      const info = this.#federation.federationInfo(orgId, { accountId: account });
      return {
        policy: built.policy,
        notes: [...notes, ...(info.notes ?? [])],
        external_id: null,
        ...(info.trust_policy ? { trust_policy: info.trust_policy as typeof built.policy } : {}),
      };
    }
    const externalId = row.credentials_public.external_id ?? (await this.#identity.externalId(orgId));
    if (roleArn) {
      notes.push(
        `Attach this policy to ${roleArn}. Its trust policy must pin the external id ${externalId} (sts:ExternalId): \`driftwatch policy trust-role --principal <your IAM user ARN> --external-id ${externalId}\` renders it.`,
      );
    }
    return { policy: built.policy, notes, external_id: roleArn ? externalId : null };
  }

  /** Records the outcome of an export run on the destination (health, last error, last success). */
  async recordOutcome(
    id: string,
    outcome: { ok: true } | { ok: false; error: unknown; retryable: boolean },
  ): Promise<void> {
    const at = this.#now();
    await repo.recordExportOutcome(
      this.#db,
      id,
      at,
      outcome.ok
        ? outcome
        : { ok: false, error: storedError(outcome.error, at), retryable: outcome.retryable },
    );
  }
}
