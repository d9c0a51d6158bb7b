/**
 * Reading a cloud account's request before anything is sent to AWS: the 12-digit account id, regions, and
 * `credential_ref` (an object or a JSON-encoded string) read by the top-level `credential_type`. An inner
 * `_credential_type` (what the seed's clients send) is accepted and must agree; it is never required. Each
 * failure is a 400 naming the field as `body.<field>`; the credential's own rules are the credential module's
 * (`checkCredentialSpec`).
 */
import type { CredentialRefObject } from "../api/cloud-accounts.api.ts";
import { type CredentialSpec, type CredentialType, checkCredentialSpec } from "../infra/aws/credentials.ts";
import { AppError } from "./errors.ts";

export function fieldError(field: string, problem: string, hint: string, code = "request.invalid"): AppError {
  return new AppError({
    code,
    status: 400,
    message: `body.${field} ${problem}.`,
    hint,
    details: [{ field: `body.${field}`, problem: `body.${field} ${problem}` }],
  });
}

const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

export function checkAwsRegion(field: string, region: string): string {
  if (!AWS_REGION.test(region)) {
    throw fieldError(
      field,
      `"${region}" is not an AWS region code`,
      "Use a region code such as us-east-1 or eu-west-1 (not a name like Ireland, not a zone like eu-west-1a).",
    );
  }
  return region;
}

export function checkExternalAccountId(value: string): string {
  const v = value.trim();
  if (!/^\d{12}$/.test(v)) {
    throw fieldError(
      "external_account_id",
      `"${value}" is not a 12-digit AWS account id`,
      "Give the account's 12 digits (with any leading zeros): `aws sts get-caller-identity --query Account --output text`.",
    );
  }
  return v;
}

const FIELDS_BY_TYPE: Record<CredentialType, readonly string[]> = {
  aws_static: ["access_key_id", "secret_access_key", "session_token", "role_arn", "external_id", "region"],
  aws_role: ["access_key_id", "secret_access_key", "role_arn", "external_id", "region"],
  aws_oidc: ["role_arn", "region", "external_id"],
};

export interface ParsedCredential {
  spec: CredentialSpec;
  /** credential_ref.region, when given. */
  region: string | undefined;
}

/**
 * `credential_ref` as the credential module's spec. The top-level type decides; fields of another type are
 * refused rather than ignored (a secret sent by mistake with an OIDC role is not silently stored).
 */
export function parseCredentialRef(
  type: CredentialType,
  input: CredentialRefObject | string,
): ParsedCredential {
  let ref: Record<string, unknown>;
  if (typeof input === "string") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch {
      throw fieldError(
        "credential_ref",
        "is a string but not JSON",
        'Send an object, or the object JSON-encoded: "{\\"role_arn\\": \\"arn:aws:iam::123456789012:role/Scanner\\", \\"region\\": \\"us-east-1\\"}".',
      );
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw fieldError(
        "credential_ref",
        "is JSON but not an object",
        "Encode an object of the credential's fields.",
      );
    }
    ref = parsed as Record<string, unknown>;
  } else {
    ref = { ...input };
  }
  const allowed = FIELDS_BY_TYPE[type];
  if (!allowed) {
    throw fieldError(
      "credential_type",
      `"${String(type)}" is not a credential type`,
      "Use aws_static, aws_role or aws_oidc.",
    );
  }
  for (const inner of ["_credential_type", "type"] as const) {
    const value = ref[inner];
    if (value === undefined || value === null || value === "") continue;
    if (value !== type) {
      throw fieldError(
        `credential_ref.${inner}`,
        `is "${String(value)}" but credential_type is "${type}"`,
        `credential_type decides how the credential is read; ${inner} may be left out, and when sent it must say the same.`,
        "cloud_account.credential_type_mismatch",
      );
    }
  }
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ref)) {
    if (key === "_credential_type" || key === "type" || value === undefined || value === null || value === "")
      continue;
    if (!allowed.includes(key)) {
      throw fieldError(
        `credential_ref.${key}`,
        `is not used by credential type ${type}`,
        `Remove it; ${type} reads ${allowed.join(", ")}.`,
      );
    }
    if (typeof value !== "string") {
      throw fieldError(`credential_ref.${key}`, "is not a string", "Every credential field is a string.");
    }
    fields[key] = value;
  }
  if (type === "aws_oidc" && fields.external_id !== undefined) {
    throw fieldError(
      "credential_ref.external_id",
      "is not used by credential type aws_oidc",
      "AssumeRoleWithWebIdentity has no external id: the role's trust policy pins your organisation through the token's sub and aud instead. Leave it out.",
    );
  }
  const region =
    typeof fields.region === "string"
      ? checkAwsRegion("credential_ref.region", fields.region.trim())
      : undefined;
  const { region: _region, ...rest } = fields;
  try {
    const spec = checkCredentialSpec({ ...rest, type, ...(type === "aws_oidc" && region ? { region } : {}) });
    return { spec, region };
  } catch (err) {
    const field = ((err as AppError).details as { field?: string } | undefined)?.field;
    if (!(err instanceof AppError) || err.code !== "credentials.invalid" || !field) throw err;
    const message = err.message.replace(/\.$/, "");
    const problem = message.startsWith(`${field} `)
      ? message.slice(field.length + 1)
      : `is not valid: ${message}`;
    throw fieldError(`credential_ref.${field}`, problem, err.hint ?? "Check the credential's fields.");
  }
}

/** The field of the request an STS failure points at (by its code's reason), for `details.field`. */
export function fieldForStsFailure(code: string): string | undefined {
  const reason = code.split(".").slice(2).join(".");
  switch (reason) {
    case "account_mismatch":
      return "external_account_id";
    case "unknown_access_key":
    case "token_expired":
    case "invalid_token":
      return "credential_ref.access_key_id";
    case "signature_mismatch":
      return "credential_ref.secret_access_key";
    case "region_invalid":
    case "region_disabled":
      return "credential_ref.region";
    case "assume_role_denied":
    case "web_identity_denied":
    case "oidc_provider_missing":
    case "oidc_audience_mismatch":
    case "invalid_identity_token":
    case "external_id_mismatch":
      return "credential_ref.role_arn";
    default:
      return undefined;
  }
}
