import { mapAwsError } from "../infra/aws/aws-errors.ts";
import { AppError } from "./errors.ts";

/**
 * AWS's errors as a connection's user needs them: the shared mapping (src/infra/aws/aws-errors.ts: a stable
 * code, AWS's code, a sentence, the fix, whether a retry helps) under the `connection.` prefix, with list and
 * get denials told apart and the form field each failure points at.
 */
export interface AwsFailure {
  code: string;
  aws_code: string | null;
  message: string;
  hint: string;
  retryable: boolean;
  field?: string;
}

export interface AwsOperation {
  action: "s3:ListBucket" | "s3:GetObject" | "s3:PutObject";
  bucket: string;
  key?: string;
  prefix?: string;
  region: string;
  endpoint?: string | null;
}

const API_ACTION = {
  "s3:ListBucket": "ListObjectsV2",
  "s3:GetObject": "GetObject",
  "s3:PutObject": "PutObject",
} as const;

/** The field of the connection form a failure concerns (by the code's reason, `connection.<service>.<reason>`). */
function fieldFor(code: string, op: AwsOperation): string | undefined {
  const [, service, reason] = code.split(".");
  switch (reason) {
    case "unknown_access_key":
      return "credentials.access_key_id";
    case "signature_mismatch":
      return "credentials.secret_access_key";
    case "no_such_bucket":
      return "bucket";
    case "wrong_region":
      return "region";
    case "region_invalid":
    case "region_disabled":
      return service === "sts" ? "credentials.region" : "region";
    case "unreachable":
      return service === "s3" ? (op.endpoint ? "endpoint_url" : "region") : undefined;
    case "assume_role_denied":
    case "web_identity_denied":
    case "oidc_provider_missing":
    case "oidc_audience_mismatch":
    case "invalid_identity_token":
      return "credentials.role_arn";
    case "token_expired":
    case "invalid_token":
    case "access_denied":
    case "list_denied":
    case "kms_access_denied":
      return "credentials";
    default:
      return undefined;
  }
}

export function describeAwsFailure(error: unknown, op: AwsOperation): AwsFailure {
  const m = mapAwsError(error, {
    service: "s3",
    action: API_ACTION[op.action],
    bucket: op.bucket,
    ...(op.key === undefined ? {} : { key: op.key }),
    ...(op.prefix === undefined ? {} : { prefix: op.prefix }),
    region: op.region,
    ...(op.endpoint ? { endpoint: op.endpoint } : {}),
    codePrefix: "connection",
  });
  // listing and reading are different permissions, fixed in different places: different codes
  const code =
    m.code === "connection.s3.access_denied" && op.action === "s3:ListBucket"
      ? "connection.s3.list_denied"
      : m.code;
  const field = fieldFor(code, op);
  return {
    code,
    aws_code: m.aws_code ?? null,
    message: m.message,
    hint: m.hint,
    retryable: m.retryable,
    ...(field ? { field } : {}),
  };
}

/** A failed probe at create/update time: 422, naming the field when the failure points at one. */
export function connectionError(failure: AwsFailure): AppError {
  return new AppError({
    code: failure.code,
    status: 422,
    message: failure.message,
    hint: failure.hint,
    details: { aws_code: failure.aws_code, ...(failure.field ? { field: failure.field } : {}) },
  });
}
