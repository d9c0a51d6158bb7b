/**
 * Terraform state sources: an S3 object read with one cloud account's credential (the reader) for the scans
 * of an account (the scanned one; by default the reader). Linked only after the object was read and parsed;
 * `readState` is what a scan calls to get the parsed state. SQL lives in
 * src/infra/db/repos/state-sources.repo.ts.
 */
import type { CreateStateSource, StateSource, StateSourceTest } from "../api/state-sources.api.ts";
import {
  parseTerraformState,
  type TerraformState,
  TerraformStateError,
  workspaceStateKey,
} from "../domain/terraform/index.ts";
import { AwsCallError } from "../infra/aws/aws-errors.ts";
import { createS3Client, type S3ClientOptions } from "../infra/aws/s3-client.ts";
import { readStateObject, type StateObject, StateReadError } from "../infra/aws/state-object.ts";
import type { Db } from "../infra/db/engine.ts";
import type { StoredError } from "../infra/db/repos/cloud-accounts.repo.ts";
import {
  deleteStateSource,
  findSameObject,
  findStateSource,
  insertStateSource,
  listStateSources,
  recordStateSourceTest,
  type StateSourceRow,
  type StateTestResult,
} from "../infra/db/repos/state-sources.repo.ts";
import { checkAwsRegion, fieldError } from "./cloud-account.validate.ts";
import type { CloudAccountService } from "./cloud-accounts.service.ts";
import { checkBucket, checkEndpoint, checkRegion } from "./connection.validate.ts";
import { AppError, notFound } from "./errors.ts";
import type { IdentityService } from "./identity.service.ts";
import { isUuid, type Page, pageOf, parseCursor } from "./pagination.ts";

/** Where a state source's object is, as the repository row names it. */
type Location = Pick<
  StateSourceRow,
  | "bucket"
  | "key"
  | "region"
  | "workspace"
  | "workspace_key_prefix"
  | "version_id"
  | "endpoint_url"
  | "force_path_style"
>;

export const objectKeyOf = (s: Pick<StateSourceRow, "key" | "workspace" | "workspace_key_prefix">): string =>
  workspaceStateKey(s.key, s.workspace ?? undefined, s.workspace_key_prefix);

function testView(result: StateTestResult, at: Date | null): StateSourceTest {
  const tested_at = (at ?? new Date(0)).toISOString();
  if (result.status === "ok") {
    return {
      ok: true,
      object_key: result.object_key,
      serial: result.serial,
      lineage: result.lineage,
      terraform_version: result.terraform_version,
      resource_count: result.resource_count,
      version_id: result.version_id,
      size: result.size,
      error: null,
      tested_at,
    };
  }
  return {
    ok: false,
    object_key: result.object_key,
    serial: null,
    lineage: null,
    terraform_version: null,
    resource_count: null,
    version_id: null,
    size: null,
    error: result.error,
    tested_at,
  };
}

export function stateSourceView(row: StateSourceRow): StateSource {
  return {
    id: row.id,
    cloud_account_id: row.cloud_account_id,
    scan_account_id: row.scan_account_id,
    bucket: row.bucket,
    key: row.key,
    region: row.region,
    workspace: row.workspace,
    workspace_key_prefix: row.workspace_key_prefix,
    object_key: objectKeyOf(row),
    version_id: row.version_id,
    endpoint_url: row.endpoint_url,
    force_path_style: row.force_path_style,
    last_test: row.last_test ? testView(row.last_test, row.last_tested_at) : null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/** The request field a read failure points at (by its code's reason), for `details.field`. */
function fieldForStateFailure(code: string): string | undefined {
  const reason = code.split(".").slice(2).join(".") || code.split(".").slice(1).join(".");
  switch (reason) {
    case "no_such_bucket":
      return "bucket";
    case "no_such_key":
      return "key";
    case "no_such_version":
      return "version_id";
    case "wrong_region":
      return "region";
    case "unreachable":
      return "endpoint_url";
    case "access_denied":
    case "kms_access_denied":
      return "cloud_account_id";
    default:
      return code.startsWith("terraform.") ? "key" : undefined;
  }
}

export interface StateSourceServiceOptions {
  s3Client?: S3ClientOptions;
  clock?: () => Date;
}

export class StateSourceService {
  readonly #db: Db;
  readonly #accounts: CloudAccountService;
  readonly #identity: IdentityService;
  readonly #opts: StateSourceServiceOptions;
  readonly #clock: () => Date;

  constructor(
    db: Db,
    accounts: CloudAccountService,
    identity: IdentityService,
    opts: StateSourceServiceOptions = {},
  ) {
    this.#db = db;
    this.#accounts = accounts;
    this.#identity = identity;
    this.#opts = opts;
    this.#clock = opts.clock ?? (() => new Date());
  }

  /** Reads the object with the reader account's credential (STS in the account's region, S3 in the bucket's). */
  async readObject(orgId: string, readerAccountId: string, loc: Location): Promise<StateObject> {
    const account = await this.#accounts.target(orgId, readerAccountId);
    const credentials = await this.#identity.provider(orgId, account.spec, account.region);
    const client = createS3Client(
      {
        region: loc.region,
        bucket: loc.bucket,
        endpointUrl: loc.endpoint_url,
        forcePathStyle: loc.force_path_style,
      },
      credentials,
      this.#opts.s3Client,
    );
    try {
      return await readStateObject(client, {
        bucket: loc.bucket,
        key: loc.key,
        ...(loc.workspace ? { workspace: loc.workspace } : {}),
        workspaceKeyPrefix: loc.workspace_key_prefix,
        ...(loc.version_id ? { versionId: loc.version_id } : {}),
        region: loc.region,
        ...(loc.endpoint_url ? { endpoint: loc.endpoint_url } : {}),
      });
    } finally {
      client.destroy();
    }
  }

  /** The parsed state of a stored source (what a scan compares with). Throws the read or parse error. */
  async readState(
    orgId: string,
    source: StateSourceRow,
  ): Promise<{ state: TerraformState; object: StateObject }> {
    const object = await this.readObject(orgId, source.cloud_account_id, source);
    const label = `tfstate+s3://${source.bucket}/${object.key}`;
    return { state: parseTerraformState(object.body, label), object };
  }

  /** Reads and parses; a failure becomes a `failed` result with the stable code and the fix. */
  async #probe(orgId: string, readerId: string, loc: Location): Promise<StateTestResult> {
    const objectKey = objectKeyOf(loc);
    try {
      const object = await this.readObject(orgId, readerId, loc);
      const state = parseTerraformState(object.body, `tfstate+s3://${loc.bucket}/${object.key}`);
      return {
        status: "ok",
        serial: state.serial,
        lineage: state.lineage,
        terraform_version: state.terraformVersion ?? "",
        resource_count: state.resources.length,
        object_key: object.key,
        version_id: object.versionId ?? null,
        size: object.body.length,
      };
    } catch (err) {
      return { status: "failed", object_key: objectKey, error: this.#stored(err) };
    }
  }

  #stored(err: unknown): StoredError {
    const at = this.#clock().toISOString();
    if (err instanceof StateReadError) {
      return {
        code: err.code,
        aws_code: err.scanError.awsCode ?? null,
        message: err.message,
        hint: err.hint ?? "",
        at,
      };
    }
    if (err instanceof TerraformStateError) {
      return { code: err.code, aws_code: null, message: err.message, hint: err.hint, at };
    }
    if (err instanceof AwsCallError) {
      return {
        code: err.code,
        aws_code: err.mapped.aws_code ?? null,
        message: err.message,
        hint: err.hint ?? "",
        at,
      };
    }
    throw err;
  }

  async #accountInOrg(orgId: string, id: string, field: string): Promise<void> {
    const ok =
      isUuid(id) &&
      (await this.#accounts.row(orgId, id).then(
        () => true,
        () => false,
      ));
    if (!ok) {
      throw fieldError(
        field,
        `${id} is not a cloud account of this organisation`,
        "List cloud accounts (GET /api/v1/cloud-accounts) and use one of their ids, or register the account first.",
      );
    }
  }

  async create(orgId: string, input: CreateStateSource): Promise<StateSource> {
    await this.#accountInOrg(orgId, input.cloud_account_id, "cloud_account_id");
    const scanAccountId = input.scan_account_id ?? input.cloud_account_id;
    if (scanAccountId !== input.cloud_account_id)
      await this.#accountInOrg(orgId, scanAccountId, "scan_account_id");
    const reader = await this.#accounts.row(orgId, input.cloud_account_id);
    const endpoint = input.endpoint_url ?? null;
    checkEndpoint(endpoint);
    checkBucket(input.bucket);
    const region = input.region ?? reader.default_region ?? reader.credential_region;
    if (endpoint) checkRegion(region, true);
    else checkAwsRegion("region", region);
    const key = input.key;
    if (key.startsWith("/")) {
      throw fieldError(
        "key",
        "starts with /",
        "Give the key as the S3 backend's `key` setting has it, without a leading slash.",
      );
    }
    const workspace =
      input.workspace === "" || input.workspace === "default" ? null : (input.workspace ?? null);
    if (workspace !== null && (workspace.includes("/") || /\s/.test(workspace))) {
      throw fieldError(
        "workspace",
        "is not a workspace name",
        "A Terraform workspace name has no slash or space (`terraform workspace list`).",
      );
    }
    const prefix = input.workspace_key_prefix ?? "env:";
    if (prefix.startsWith("/") || prefix.endsWith("/")) {
      throw fieldError(
        "workspace_key_prefix",
        "starts or ends with /",
        "Give it as the S3 backend's workspace_key_prefix setting has it (default env:), without slashes at either end.",
      );
    }
    const loc: Location = {
      bucket: input.bucket,
      key,
      region,
      workspace,
      workspace_key_prefix: prefix,
      version_id: input.version_id || null,
      endpoint_url: endpoint,
      force_path_style: input.force_path_style ?? false,
    };
    const same = { org_id: orgId, scan_account_id: scanAccountId, ...loc };
    if (await findSameObject(this.#db, same)) throw duplicate(loc);
    const result = await this.#probe(orgId, input.cloud_account_id, loc);
    if (result.status === "failed") {
      const field = fieldForStateFailure(result.error.code);
      throw new AppError({
        code: result.error.code,
        status: 422,
        message: result.error.message,
        hint: result.error.hint,
        details: {
          aws_code: result.error.aws_code,
          object_key: result.object_key,
          ...(field ? { field: `body.${field}` } : {}),
        },
      });
    }
    try {
      const row = await insertStateSource(this.#db, {
        org_id: orgId,
        cloud_account_id: input.cloud_account_id,
        scan_account_id: scanAccountId,
        ...loc,
        test: { result, at: this.#clock() },
      });
      return stateSourceView(row);
    } catch (err) {
      // two creates of the same object at once: the unique index decides
      if ((err as { code?: string }).code === "23505") throw duplicate(loc);
      throw err;
    }
  }

  async row(orgId: string, id: string): Promise<StateSourceRow> {
    const row = await findStateSource(this.#db, orgId, id);
    if (!row) throw notFound("State source", id);
    return row;
  }

  async get(orgId: string, id: string): Promise<StateSource> {
    return stateSourceView(await this.row(orgId, id));
  }

  async list(
    orgId: string,
    opts: { limit?: number; cursor?: string; scan_account_id?: string; cloud_account_id?: string },
  ): Promise<Page<StateSource>> {
    const limit = opts.limit ?? 50;
    const after = parseCursor(opts.cursor);
    const rows = await listStateSources(this.#db, orgId, {
      limit: limit + 1,
      after: after && after.length === 3 ? [after[0]!, after[1]!, after[2]!] : undefined,
      scanAccountId: opts.scan_account_id,
      cloudAccountId: opts.cloud_account_id,
    });
    return pageOf(rows.map(stateSourceView), limit, (s) => [s.bucket, s.key, s.id]);
  }

  async delete(orgId: string, id: string): Promise<void> {
    if (!(await deleteStateSource(this.#db, orgId, id))) throw notFound("State source", id);
  }

  /** Reads the object now; the outcome is kept as the source's last test. */
  async test(orgId: string, id: string): Promise<StateSourceTest> {
    const row = await this.row(orgId, id);
    const result = await this.#probe(orgId, row.cloud_account_id, row);
    const at = this.#clock();
    await recordStateSourceTest(this.#db, orgId, id, result, at);
    return testView(result, at);
  }
}

function duplicate(loc: Location): AppError {
  return new AppError({
    code: "state_source.duplicate",
    status: 409,
    message: `s3://${loc.bucket}/${objectKeyOf(loc)} is already a state source of that scanned account.`,
    hint: "List the account's state sources (GET /api/v1/state-sources?scan_account_id=…); a second link would count its resources twice.",
    details: [{ field: "body.key", problem: "body.key is already linked" }],
  });
}
