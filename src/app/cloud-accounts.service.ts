/**
 * AWS cloud accounts: registered only after STS GetCallerIdentity, through the credential's whole chain,
 * answers with the account id the user claimed; the credential is sealed and never returned. Every SQL
 * statement is in src/infra/db/repos/cloud-accounts.repo.ts and state-sources.repo.ts.
 */
import type {
  CloudAccount,
  CloudAccountSetup,
  CloudAccountTest,
  CreateCloudAccount,
  UpdateCloudAccount,
} from "../api/cloud-accounts.api.ts";
import { renderAccountSetup } from "../domain/cloud/account-setup.ts";
import { AwsCallError } from "../infra/aws/aws-errors.ts";
import { type CredentialSpec, publicCredentialView } from "../infra/aws/credentials.ts";
import type { CallerIdentity } from "../infra/aws/sts.ts";
import type { SecretVault } from "../infra/crypto/sealed-secrets.ts";
import type { Db } from "../infra/db/engine.ts";
import {
  type CloudAccountChanges,
  type CloudAccountRow,
  deleteCloudAccount,
  findCloudAccount,
  findCloudAccountByName,
  insertCloudAccount,
  listCloudAccounts,
  recordCloudAccountCheck,
  type StoredError,
  updateCloudAccount,
} from "../infra/db/repos/cloud-accounts.repo.ts";
import {
  deleteStateSourcesOfScanAccount,
  listStateSources,
  stateSourcesReadForOthers,
} from "../infra/db/repos/state-sources.repo.ts";
import {
  checkAwsRegion,
  checkExternalAccountId,
  fieldError,
  fieldForStsFailure,
  parseCredentialRef,
} from "./cloud-account.validate.ts";
import { AppError, notFound } from "./errors.ts";
import type { FederationService } from "./federation.service.ts";
import type { IdentityService } from "./identity.service.ts";
import { type Page, pageOf, parseCursor } from "./pagination.ts";

export const CLOUD_ACCOUNT_SECRET_PURPOSE = "cloud_account.credential";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function cloudAccountView(row: CloudAccountRow): CloudAccount {
  return {
    id: row.id,
    provider: row.provider,
    display_name: row.display_name,
    external_account_id: row.external_account_id,
    default_region: row.default_region,
    credential_type: row.credential_type,
    credential: { ...row.credential_public, region: row.credential_region },
    caller_arn: row.caller_arn,
    health: row.health,
    last_error: row.last_error,
    last_validated_at: iso(row.last_validated_at),
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/** What a scan (or a state read) needs to sign in as an account: the row and its opened credential. */
export interface CloudAccountTarget {
  row: CloudAccountRow;
  spec: CredentialSpec;
  /** The region STS is dialled in and Resource Explorer's aggregator is read. */
  region: string;
}

export class CloudAccountService {
  readonly #db: Db;
  readonly #vault: SecretVault;
  readonly #identity: IdentityService;
  readonly #federation: FederationService;
  readonly #clock: () => Date;

  constructor(
    db: Db,
    vault: SecretVault,
    identity: IdentityService,
    federation: FederationService,
    opts: { clock?: () => Date } = {},
  ) {
    this.#db = db;
    this.#vault = vault;
    this.#identity = identity;
    this.#federation = federation;
    this.#clock = opts.clock ?? (() => new Date());
  }

  /**
   * STS through the whole chain, refusing another account than `expected`. A refusal is a 422 AwsCallError
   * whose details name the request field it points at.
   */
  async #validate(
    orgId: string,
    spec: CredentialSpec,
    region: string,
    expected: string,
  ): Promise<CallerIdentity> {
    try {
      return await this.#identity.validate(orgId, spec, { region, expectedAccountId: expected });
    } catch (err) {
      if (err instanceof AppError && err.status === 422) {
        const field = fieldForStsFailure(err.code);
        if (field) Object.assign(err.details as object, { field: `body.${field}` });
      }
      throw err;
    }
  }

  async #nameFree(orgId: string, name: string, exceptId?: string): Promise<void> {
    const existing = await findCloudAccountByName(this.#db, orgId, name);
    if (existing && existing.id !== exceptId) throw nameTaken(name);
  }

  async create(orgId: string, input: CreateCloudAccount): Promise<CloudAccount> {
    const displayName = input.display_name.trim();
    const accountId = checkExternalAccountId(input.external_account_id);
    const defaultRegion =
      input.default_region === undefined || input.default_region === null || input.default_region === ""
        ? null
        : checkAwsRegion("default_region", input.default_region);
    const { spec, region: refRegion } = parseCredentialRef(input.credential_type, input.credential_ref);
    const region = refRegion ?? defaultRegion;
    if (!region) {
      throw fieldError(
        "credential_ref.region",
        "is required when default_region is not given",
        "Give the region of Resource Explorer's aggregator index (STS is dialled there too), e.g. us-east-1.",
      );
    }
    await this.#nameFree(orgId, displayName);
    const caller = await this.#validate(orgId, spec, region, accountId);
    try {
      const row = await this.#db.transaction(async (tx) => {
        const secretId = await this.#vault.seal(
          tx,
          orgId,
          CLOUD_ACCOUNT_SECRET_PURPOSE,
          JSON.stringify(spec),
        );
        return insertCloudAccount(tx, {
          org_id: orgId,
          display_name: displayName,
          external_account_id: accountId,
          default_region: defaultRegion,
          credential_type: spec.type,
          credential_public: publicCredentialView(spec),
          credential_secret_id: secretId,
          credential_region: region,
          caller_arn: caller.arn,
          validated_at: this.#clock(),
        });
      });
      return cloudAccountView(row);
    } catch (err) {
      if ((err as { code?: string }).code === "23505") throw nameTaken(displayName);
      throw err;
    }
  }

  async row(orgId: string, id: string): Promise<CloudAccountRow> {
    const row = await findCloudAccount(this.#db, orgId, id);
    if (!row) throw notFound("Cloud account", id);
    return row;
  }

  async get(orgId: string, id: string): Promise<CloudAccount> {
    return cloudAccountView(await this.row(orgId, id));
  }

  /** The row and its opened credential (for scans and state reads). */
  async target(orgId: string, id: string): Promise<CloudAccountTarget> {
    const row = await this.row(orgId, id);
    const spec = JSON.parse(
      await this.#vault.openText(this.#db, orgId, row.credential_secret_id),
    ) as CredentialSpec;
    return { row, spec, region: row.credential_region };
  }

  async list(orgId: string, opts: { limit?: number; cursor?: string }): Promise<Page<CloudAccount>> {
    const limit = opts.limit ?? 50;
    const after = parseCursor(opts.cursor);
    const rows = await listCloudAccounts(this.#db, orgId, {
      limit: limit + 1,
      after: after && after.length === 2 ? [after[0]!, after[1]!] : undefined,
    });
    return pageOf(rows.map(cloudAccountView), limit, (a) => [a.display_name, a.id]);
  }

  async update(orgId: string, id: string, patch: UpdateCloudAccount): Promise<CloudAccount> {
    const current = await this.row(orgId, id);
    const changes: CloudAccountChanges = {};
    if (patch.display_name !== undefined) {
      changes.display_name = patch.display_name.trim();
      await this.#nameFree(orgId, changes.display_name, id);
    }
    if (patch.external_account_id !== undefined)
      changes.external_account_id = checkExternalAccountId(patch.external_account_id);
    if (patch.default_region !== undefined) {
      changes.default_region =
        patch.default_region === null || patch.default_region === ""
          ? null
          : checkAwsRegion("default_region", patch.default_region);
    }
    if (patch.credential_type !== undefined && patch.credential_ref === undefined) {
      throw fieldError(
        "credential_ref",
        "is required with credential_type",
        "A new credential type needs its credential: send credential_ref too.",
      );
    }
    let newSpec: CredentialSpec | undefined;
    let region = current.credential_region;
    if (patch.credential_ref !== undefined) {
      const parsed = parseCredentialRef(
        patch.credential_type ?? current.credential_type,
        patch.credential_ref,
      );
      newSpec = parsed.spec;
      // a new credential without a region keeps the account's (where its aggregator index is)
      region = parsed.region ?? current.credential_region;
    }
    const accountChanged =
      changes.external_account_id !== undefined &&
      changes.external_account_id !== current.external_account_id;
    let caller: CallerIdentity | undefined;
    if (newSpec || accountChanged) {
      const spec = newSpec ?? (await this.target(orgId, id)).spec;
      caller = await this.#validate(
        orgId,
        spec,
        region,
        changes.external_account_id ?? current.external_account_id,
      );
    }
    const row = await this.#db.transaction(async (tx) => {
      if (newSpec) {
        changes.credential_secret_id = await this.#vault.seal(
          tx,
          orgId,
          CLOUD_ACCOUNT_SECRET_PURPOSE,
          JSON.stringify(newSpec),
        );
        changes.credential_type = newSpec.type;
        changes.credential_public = publicCredentialView(newSpec);
        changes.credential_region = region;
      }
      let updated = await updateCloudAccount(tx, orgId, id, changes);
      if (caller) {
        updated = await recordCloudAccountCheck(tx, orgId, id, {
          ok: true,
          callerArn: caller.arn,
          at: this.#clock(),
        });
      }
      if (newSpec) await this.#vault.delete(tx, orgId, current.credential_secret_id);
      return updated;
    });
    if (!row) throw notFound("Cloud account", id);
    return cloudAccountView(row);
  }

  async delete(orgId: string, id: string): Promise<void> {
    const current = await this.row(orgId, id);
    await this.#db.transaction(async (tx) => {
      const blocking = await stateSourcesReadForOthers(tx, orgId, id);
      if (blocking.length > 0) {
        throw new AppError({
          code: "cloud_account.in_use",
          status: 409,
          message: `Cloud account "${current.display_name}" reads Terraform state for ${blocking.length} state source(s) of other accounts.`,
          hint: `Link those state sources to another reader, or delete them first: ${blocking.map((s) => s.id).join(", ")}.`,
          details: { state_source_ids: blocking.map((s) => s.id) },
        });
      }
      await deleteStateSourcesOfScanAccount(tx, orgId, id);
      await deleteCloudAccount(tx, orgId, id);
      await this.#vault.delete(tx, orgId, current.credential_secret_id);
    });
  }

  /** Validates the stored credential again; the outcome becomes the account's health. */
  async test(orgId: string, id: string): Promise<CloudAccountTest> {
    const { row, spec, region } = await this.target(orgId, id);
    try {
      const caller = await this.#identity.validate(orgId, spec, {
        region,
        expectedAccountId: row.external_account_id,
      });
      const updated = await recordCloudAccountCheck(this.#db, orgId, id, {
        ok: true,
        callerArn: caller.arn,
        at: this.#clock(),
      });
      return {
        ok: true,
        caller: { account: caller.account, arn: caller.arn, user_id: caller.userId },
        error: null,
        cloud_account: cloudAccountView(updated ?? row),
      };
    } catch (err) {
      if (!(err instanceof AwsCallError)) throw err;
      const error = this.storedError(err);
      const updated = await recordCloudAccountCheck(this.#db, orgId, id, { ok: false, error });
      return { ok: false, caller: null, error, cloud_account: cloudAccountView(updated ?? row) };
    }
  }

  storedError(err: AwsCallError): StoredError {
    return {
      code: err.code,
      aws_code: err.mapped.aws_code ?? null,
      message: err.message,
      hint: err.hint ?? "",
      at: this.#clock().toISOString(),
    };
  }

  async setup(orgId: string, id: string): Promise<CloudAccountSetup> {
    const row = await this.row(orgId, id);
    const read = await listStateSources(this.#db, orgId, { limit: 200, cloudAccountId: id });
    const roleArn = row.credential_public.role_arn;
    // AssumeRole is sent with the credential's external id, else the organisation's (effectiveExternalId)
    const externalId =
      row.credential_type === "aws_oidc" || !roleArn
        ? undefined
        : (row.credential_public.external_id ?? (await this.#identity.externalId(orgId)));
    return renderAccountSetup({
      orgId,
      accountId: row.external_account_id,
      region: row.credential_region,
      credentialType: row.credential_type,
      roleArn,
      callerArn: row.caller_arn,
      externalId,
      federation: { issuer: this.#federation.issuer, audience: this.#federation.audience },
      stateBuckets: read.map((s) => ({ bucket: s.bucket, region: s.region })),
    });
  }
}

function nameTaken(name: string): AppError {
  return new AppError({
    code: "cloud_account.name_taken",
    status: 409,
    message: `A cloud account named "${name}" exists already.`,
    hint: "Pick another display name.",
    details: [{ field: "body.display_name", problem: "body.display_name is taken" }],
  });
}
