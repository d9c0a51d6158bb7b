import { GlobError, validateGlob } from "../domain/glob.ts";
import type { CredentialSpec } from "../infra/aws/credentials.ts";
import type { ConnectionInput, CredentialInput } from "./connection.model.ts";
import { AppError } from "./errors.ts";

/**
 * Rules a connection's fields must follow, checked before anything is sent to AWS. Each failure is a 400
 * naming the field (as `body.<field>`, the shape schema errors use) with the reason and the fix.
 */
function fieldError(field: string, problem: string, hint: string): AppError {
  return new AppError({
    code: "request.invalid",
    status: 400,
    message: `body.${field} ${problem}.`,
    hint,
    details: [{ field: `body.${field}`, problem: `body.${field} ${problem}` }],
  });
}

const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
const ANY_REGION = /^[a-z0-9][a-z0-9-]{0,31}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

export function checkRegion(region: string, customEndpoint: boolean): void {
  const ok = customEndpoint ? ANY_REGION.test(region) : AWS_REGION.test(region);
  if (!ok) {
    throw fieldError(
      "region",
      `"${region}" is not ${customEndpoint ? "a region name" : "an AWS region"}`,
      customEndpoint
        ? "Use the region your S3-compatible store expects (MinIO: us-east-1; R2: auto)."
        : "Use the bucket's region code, e.g. us-east-1 or eu-west-2 (the S3 console shows it beside the bucket).",
    );
  }
}

export function checkBucket(bucket: string): void {
  if (!BUCKET.test(bucket) || bucket.includes("..") || /^\d+\.\d+\.\d+\.\d+$/.test(bucket)) {
    throw fieldError(
      "bucket",
      `"${bucket}" is not a valid bucket name`,
      "Bucket names are 3–63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit; give the name only, not s3:// or an ARN.",
    );
  }
}

export function normalisePrefix(prefix: string | undefined): string {
  const p = (prefix ?? "").replace(/^\/+/, "");
  if (p.length > 1024)
    throw fieldError("prefix", "is longer than 1024 characters", "Use a shorter folder path.");
  return p;
}

export function checkPattern(pattern: string): void {
  try {
    validateGlob(pattern);
  } catch (err) {
    if (err instanceof GlobError) {
      throw fieldError(
        "file_pattern",
        err.message.replace(/^file_pattern /, ""),
        "Use a glob such as *.json, 850_*.json or daily/*/orders-*.csv.",
      );
    }
    throw err;
  }
}

export function checkEndpoint(url: string | null | undefined): void {
  if (url === null || url === undefined) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fieldError(
      "endpoint_url",
      `"${url}" is not a URL`,
      "Give the S3-compatible store's base URL, e.g. https://minio.example.com:9000.",
    );
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw fieldError(
      "endpoint_url",
      "must be http:// or https://",
      "Give the S3-compatible store's base URL, e.g. https://minio.example.com:9000.",
    );
  }
}

function need(input: CredentialInput, field: keyof CredentialInput, type: string): string {
  const value = input[field];
  if (typeof value !== "string" || value.trim() === "") {
    throw fieldError(
      `credentials.${field}`,
      `is required for credential type ${type}`,
      `Fill in ${field} or pick another credential type.`,
    );
  }
  return value.trim();
}

function roleArn(input: CredentialInput, type: string, required: boolean): string | undefined {
  if (!required && !input.role_arn) return undefined;
  const arn = need(input, "role_arn", type);
  if (!ROLE_ARN.test(arn)) {
    throw fieldError(
      "credentials.role_arn",
      `"${arn}" is not an IAM role ARN`,
      "Copy the role's ARN from the IAM console: arn:aws:iam::<12-digit account>:role/<name>.",
    );
  }
  return arn;
}

function keyPair(input: CredentialInput, type: string): { access_key_id: string; secret_access_key: string } {
  const access_key_id = need(input, "access_key_id", type);
  if (!/^[\x21-\x7e]{3,128}$/.test(access_key_id)) {
    throw fieldError(
      "credentials.access_key_id",
      "has characters an access key id cannot have",
      "Paste the Access Key ID exactly, without spaces (AWS ids look like AKIA…).",
    );
  }
  return { access_key_id, secret_access_key: need(input, "secret_access_key", type) };
}

const FIELDS_BY_TYPE: Record<string, Array<keyof CredentialInput>> = {
  aws_static: ["type", "access_key_id", "secret_access_key", "session_token", "role_arn", "external_id"],
  aws_role: ["type", "access_key_id", "secret_access_key", "role_arn", "external_id"],
  aws_oidc: ["type", "role_arn", "region", "external_id"],
};

/** The top-level `type` decides how the credential is read; fields of other types are refused, not ignored. */
export function parseCredentials(input: CredentialInput): CredentialSpec {
  const allowed = FIELDS_BY_TYPE[input.type];
  if (!allowed) {
    throw fieldError(
      "credentials.type",
      `"${input.type}" is not a credential type`,
      "Use aws_static, aws_role or aws_oidc.",
    );
  }
  for (const key of Object.keys(input) as Array<keyof CredentialInput>) {
    if (input[key] !== undefined && !allowed.includes(key)) {
      throw fieldError(
        `credentials.${key}`,
        `is not used by credential type ${input.type}`,
        `Remove it; ${input.type} reads ${allowed.slice(1).join(", ")}.`,
      );
    }
  }
  const externalId = input.external_id?.trim() || undefined;
  if (externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
    throw fieldError(
      "credentials.external_id",
      "has characters an external id cannot have",
      "External ids are 2–1224 characters of letters, digits and +=,.@:/-_.",
    );
  }
  switch (input.type) {
    case "aws_static": {
      const role = roleArn(input, "aws_static", false);
      if (externalId && !role)
        throw fieldError(
          "credentials.external_id",
          "needs credentials.role_arn",
          "An external id is sent when assuming a role; add the role ARN.",
        );
      return {
        type: "aws_static",
        ...keyPair(input, "aws_static"),
        ...(input.session_token ? { session_token: input.session_token } : {}),
        ...(role ? { role_arn: role } : {}),
        ...(externalId ? { external_id: externalId } : {}),
      };
    }
    case "aws_role":
      return {
        type: "aws_role",
        ...keyPair(input, "aws_role"),
        role_arn: roleArn(input, "aws_role", true)!,
        ...(externalId ? { external_id: externalId } : {}),
      };
    default:
      if (input.region !== undefined) checkRegion(input.region, false);
      return {
        type: "aws_oidc",
        role_arn: roleArn(input, "aws_oidc", true)!,
        ...(input.region ? { region: input.region } : {}),
      };
  }
}

export function checkConnectionFields(
  input: Pick<ConnectionInput, "region" | "bucket" | "file_pattern" | "endpoint_url">,
): void {
  checkEndpoint(input.endpoint_url);
  checkRegion(input.region, Boolean(input.endpoint_url));
  checkBucket(input.bucket);
  checkPattern(input.file_pattern ?? "*");
}
