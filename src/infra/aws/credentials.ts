import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { AppError, badRequest } from "../../app/errors.ts";
import { checkAccountId, checkExternalId, PolicyInputError, parseRoleArn } from "../../domain/iam-policy.ts";
import { fingerprint } from "../crypto/sealed-secrets.ts";
import { AwsCallError } from "./aws-errors.ts";
import { TemporaryCredentialCache } from "./credentials.cache.ts";
import {
  assumeRole,
  assumeRoleWithWebIdentity,
  type CallerIdentity,
  getCallerIdentity,
  roleSessionName,
  type StsTarget,
  type TemporaryCredentials,
} from "./sts.ts";

/**
 * How driftwatch signs in to AWS (or an S3-compatible store) for a connection, cloud account or destination.
 * The top-level `type` decides how the rest is read; nothing has to be repeated inside.
 *
 * - `aws_static`: an access key pair; with `role_arn` (+ `external_id`) it chains through sts:AssumeRole.
 * - `aws_role`:   an access key pair that assumes `role_arn` (the role is required).
 * - `aws_oidc`:   no stored key at all: driftwatch signs a short-lived token as an OIDC identity provider and
 *                 calls sts:AssumeRoleWithWebIdentity for `role_arn`.
 *
 * A role without an `external_id` is assumed with the organisation's own external id (`orgs.external_id`),
 * so the trust policy can always pin one. The whole spec is sealed at rest; `publicCredentialView` is what
 * responses show.
 */
export type CredentialSpec =
  | {
      type: "aws_static";
      access_key_id: string;
      secret_access_key: string;
      session_token?: string;
      role_arn?: string;
      external_id?: string;
    }
  | {
      type: "aws_role";
      access_key_id: string;
      secret_access_key: string;
      role_arn: string;
      external_id?: string;
    }
  | { type: "aws_oidc"; role_arn: string; region?: string };

export type CredentialType = CredentialSpec["type"];
export const CREDENTIAL_TYPES: readonly CredentialType[] = ["aws_static", "aws_role", "aws_oidc"];

export interface PublicCredentialView {
  type: CredentialType;
  /** A non-secret fingerprint that changes when the credential changes. */
  fingerprint: string;
  access_key_id_suffix?: string;
  role_arn?: string;
  external_id?: string;
  /** aws_oidc: the region STS is dialled in, when one was given. */
  region?: string;
}

export function publicCredentialView(spec: CredentialSpec): PublicCredentialView {
  const view: PublicCredentialView = { type: spec.type, fingerprint: fingerprint(JSON.stringify(spec)) };
  if ("access_key_id" in spec) view.access_key_id_suffix = spec.access_key_id.slice(-4);
  if ("role_arn" in spec && spec.role_arn) view.role_arn = spec.role_arn;
  if ("external_id" in spec && spec.external_id) view.external_id = spec.external_id;
  if (spec.type === "aws_oidc" && spec.region) view.region = spec.region;
  return view;
}

/** Where `aws_oidc` credentials get driftwatch's signed identity token (the FederationService). */
export interface IdentityTokenSource {
  readonly issuer: string;
  readonly audience: string;
  /** A fresh, short-lived token for the organisation (`sub = org-<id>`). */
  mint(orgId: string): Promise<string>;
}

export interface CredentialContext {
  orgId: string;
  /** Region of the resource; STS is dialled here unless the spec names one. */
  region: string;
  /** The organisation's external id: sent with AssumeRole when the spec has none. */
  orgExternalId?: string;
  /** STS endpoint override (config `stsEndpoint`, env DRIFTWATCH_STS_ENDPOINT); default AWS's regional one. */
  stsEndpoint?: string;
  /** Required for `aws_oidc`. */
  identityTokens?: IdentityTokenSource;
  /** Sessions shared across providers (one per process); default: each provider keeps its own. */
  cache?: TemporaryCredentialCache;
  /** "Now" for a provider's own cache. Default real time. */
  clock?: () => Date;
  /** SDK attempts per STS call, retries included. Default 3. */
  stsMaxAttempts?: number;
  /** Requested session length; default AWS's (1 hour). */
  sessionDurationSeconds?: number;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

function invalid(field: string, message: string, hint: string) {
  return badRequest("credentials.invalid", message, hint, { field });
}

/** The region STS is dialled in for this spec, checked; a malformed one is a region problem, not a call. */
export function stsTargetFor(spec: CredentialSpec, ctx: CredentialContext): StsTarget {
  const region = spec.type === "aws_oidc" && spec.region ? spec.region : ctx.region;
  if (!REGION.test(region)) {
    throw new AwsCallError(
      {
        code: "aws.sts.region_invalid",
        aws_code: undefined,
        message: `"${region}" is not an AWS region code.`,
        hint: "Use a region code such as eu-west-1, us-east-1 or cn-north-1 (not a name like Ireland, not an availability zone like eu-west-1a).",
        retryable: false,
      },
      { service: "sts", action: "GetCallerIdentity" },
      "region_invalid",
    );
  }
  return {
    region,
    ...(ctx.stsEndpoint ? { endpoint: ctx.stsEndpoint } : {}),
    ...(ctx.stsMaxAttempts ? { maxAttempts: ctx.stsMaxAttempts } : {}),
  };
}

/** The external id sent with AssumeRole: the spec's, else the organisation's. */
export function effectiveExternalId(spec: CredentialSpec, ctx: CredentialContext): string | undefined {
  if (spec.type === "aws_oidc") return undefined;
  return spec.external_id || ctx.orgExternalId || undefined;
}

/**
 * Checks a credential spec's shape (HTTP 400 `credentials.invalid` with the field) and returns it trimmed.
 * For the connection service's request parsing; `validateCredentials` calls it too.
 */
export function checkCredentialSpec(input: unknown): CredentialSpec {
  const fields = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const type = fields.type;
  const text = (field: string, max: number, required: boolean): string | undefined => {
    const value = fields[field];
    if (value === undefined || value === null || value === "") {
      if (required)
        throw invalid(field, `${field} is required for ${String(type)} credentials.`, "Fill it in.");
      return undefined;
    }
    if (typeof value !== "string" || value.trim().length > max || /\s/.test(value.trim())) {
      throw invalid(
        field,
        `${field} is not valid.`,
        `It is a single token of at most ${max} characters, without spaces.`,
      );
    }
    return value.trim();
  };
  const role = (required: boolean) => {
    const arn = text("role_arn", 2048, required);
    if (arn !== undefined && !parseRoleArn(arn)) {
      throw invalid(
        "role_arn",
        `"${arn}" is not an IAM role ARN.`,
        "A role ARN looks like arn:aws:iam::123456789012:role/DriftwatchReader.",
      );
    }
    return arn;
  };
  const externalId = () => {
    const value = text("external_id", 1224, false);
    if (value === undefined) return undefined;
    try {
      return checkExternalId(value);
    } catch (err) {
      if (err instanceof PolicyInputError) throw invalid("external_id", err.message, err.hint);
      throw err;
    }
  };
  const keys = () => ({
    access_key_id: text("access_key_id", 128, true)!,
    secret_access_key: text("secret_access_key", 256, true)!,
  });
  switch (type) {
    case "aws_static": {
      const base = keys();
      const token = text("session_token", 8192, false);
      const roleArn = role(false);
      const ext = externalId();
      if (ext && !roleArn) {
        throw invalid(
          "external_id",
          "external_id is only used with role_arn.",
          "Add the role to assume, or leave external_id empty.",
        );
      }
      return {
        type: "aws_static",
        ...base,
        ...(token ? { session_token: token } : {}),
        ...(roleArn ? { role_arn: roleArn } : {}),
        ...(ext ? { external_id: ext } : {}),
      };
    }
    case "aws_role": {
      const base = keys();
      const roleArn = role(true)!;
      const ext = externalId();
      return { type: "aws_role", ...base, role_arn: roleArn, ...(ext ? { external_id: ext } : {}) };
    }
    case "aws_oidc": {
      const roleArn = role(true)!;
      const region = text("region", 32, false);
      if (region !== undefined && !REGION.test(region)) {
        throw invalid(
          "region",
          `"${region}" is not an AWS region code.`,
          "Use the region STS is dialled in, e.g. eu-west-1.",
        );
      }
      return { type: "aws_oidc", role_arn: roleArn, ...(region ? { region } : {}) };
    }
    default:
      throw invalid(
        "type",
        `The credential type "${String(type)}" is not known.`,
        `Use one of ${CREDENTIAL_TYPES.join(", ")}.`,
      );
  }
}

function cacheKey(spec: CredentialSpec, ctx: CredentialContext, target: StsTarget): string {
  return [
    ctx.orgId,
    fingerprint(JSON.stringify(spec)),
    target.region,
    target.endpoint ?? "",
    effectiveExternalId(spec, ctx) ?? "",
  ].join("\u0000");
}

function sessionSource(
  spec: CredentialSpec,
  ctx: CredentialContext,
  target: StsTarget,
): () => Promise<TemporaryCredentials> {
  const sessionName = roleSessionName(ctx.orgId);
  const duration = ctx.sessionDurationSeconds ? { durationSeconds: ctx.sessionDurationSeconds } : {};
  if (spec.type === "aws_oidc") {
    const tokens = ctx.identityTokens;
    if (!tokens)
      throw new AppError({
        code: "credentials.federation_unavailable",
        status: 500,
        message: "aws_oidc credentials were used without driftwatch's token source.",
        hint: "Build the provider through services.identity (it fills in the credential context).",
      });
    return async () =>
      assumeRoleWithWebIdentity(target, {
        roleArn: spec.role_arn,
        token: await tokens.mint(ctx.orgId),
        sessionName,
        issuer: tokens.issuer,
        audience: tokens.audience,
        ...duration,
      });
  }
  const base: AwsCredentialIdentity = {
    accessKeyId: spec.access_key_id,
    secretAccessKey: spec.secret_access_key,
    ...(spec.type === "aws_static" && spec.session_token ? { sessionToken: spec.session_token } : {}),
  };
  const roleArn = spec.role_arn!;
  const externalId = effectiveExternalId(spec, ctx);
  return () =>
    assumeRole(target, base, { roleArn, sessionName, ...(externalId ? { externalId } : {}), ...duration });
}

/**
 * A credential provider for the AWS SDK (`new S3Client({ credentials: credentialProvider(spec, ctx) })`).
 * Static keys are returned as they are; role and OIDC types go through STS and their sessions are cached
 * until shortly before they expire. STS failures are thrown as AwsCallError (stable code, AWS code, hint),
 * which `mapAwsError` passes through unchanged when it meets one inside an S3 call.
 */
export function credentialProvider(
  spec: CredentialSpec,
  ctx: CredentialContext,
): AwsCredentialIdentityProvider {
  if (spec.type === "aws_static" && !spec.role_arn) {
    const identity: AwsCredentialIdentity = {
      accessKeyId: spec.access_key_id,
      secretAccessKey: spec.secret_access_key,
      ...(spec.session_token ? { sessionToken: spec.session_token } : {}),
    };
    return async () => identity;
  }
  const target = stsTargetFor(spec, ctx);
  const cache = ctx.cache ?? new TemporaryCredentialCache(ctx.clock ? { clock: ctx.clock } : {});
  const key = cacheKey(spec, ctx, target);
  const fetch = sessionSource(spec, ctx, target);
  return () => cache.get(key, fetch);
}

/**
 * Checks credentials before they are saved: resolves the whole chain (AssumeRole / AssumeRoleWithWebIdentity)
 * and asks STS GetCallerIdentity who they are. With `expectedAccountId`, the identity's account must equal
 * it (a connection cannot claim an account it does not reach). Never uses a cached session.
 *
 * Throws AppError: 400 `credentials.invalid` for a malformed spec; 422 AwsCallError (`aws.sts.*`, with
 * `details.aws_code`) for anything AWS refused or could not be reached.
 */
export async function validateCredentials(
  spec: CredentialSpec,
  ctx: CredentialContext & { expectedAccountId?: string },
): Promise<CallerIdentity> {
  const checked = checkCredentialSpec(spec);
  if (ctx.expectedAccountId !== undefined) {
    try {
      checkAccountId(ctx.expectedAccountId, "expected_account_id");
    } catch (err) {
      if (err instanceof PolicyInputError) throw invalid(err.field, err.message, err.hint);
      throw err;
    }
  }
  const target = stsTargetFor(checked, ctx);
  const { cache: _shared, ...rest } = ctx;
  const credentials = await credentialProvider(checked, rest)();
  const identity = await getCallerIdentity(target, credentials);
  if (ctx.expectedAccountId !== undefined && identity.account !== ctx.expectedAccountId) {
    throw new AwsCallError(
      {
        code: "aws.sts.account_mismatch",
        aws_code: undefined,
        message: `These credentials reach AWS account ${identity.account}, not ${ctx.expectedAccountId}.`,
        hint: `Check the account id, or give credentials (or a role) of account ${ctx.expectedAccountId}. driftwatch refuses a mismatch so that an account id cannot be claimed by credentials of another account.`,
        retryable: false,
      },
      { service: "sts", action: "GetCallerIdentity" },
      "account_mismatch",
    );
  }
  return identity;
}
