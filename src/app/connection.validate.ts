import { GlobError, validateGlob } from "../domain/glob.ts";
import { checkBucketName, PolicyInputError } from "../domain/iam-policy.ts";
import { type CredentialSpec, checkCredentialSpec } from "../infra/aws/credentials.ts";
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
  try {
    checkBucketName(bucket);
  } catch (err) {
    if (!(err instanceof PolicyInputError)) throw err;
    throw fieldError("bucket", err.message.replace(/\.$/, "").replace(`"${bucket}" `, ""), err.hint);
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

const FIELDS_BY_TYPE: Record<string, Array<keyof CredentialInput>> = {
  aws_static: ["type", "access_key_id", "secret_access_key", "session_token", "role_arn", "external_id"],
  aws_role: ["type", "access_key_id", "secret_access_key", "role_arn", "external_id"],
  aws_oidc: ["type", "role_arn", "region", "external_id"],
};

/**
 * The top-level `type` decides how the credential is read, and fields of other types are refused, not
 * ignored; the reading itself is the credential module's (`checkCredentialSpec`), its errors restated as
 * this request's fields (`body.credentials.<field>`).
 */
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
  try {
    return checkCredentialSpec(input);
  } catch (err) {
    const field = ((err as AppError).details as { field?: string } | undefined)?.field;
    if (!(err instanceof AppError) || err.code !== "credentials.invalid" || !field) throw err;
    const message = err.message.replace(/\.$/, "");
    const problem = message.startsWith(`${field} `)
      ? message.slice(field.length + 1)
      : `is not valid: ${message}`;
    throw fieldError(`credentials.${field}`, problem, err.hint ?? "Check the credential's fields.");
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
