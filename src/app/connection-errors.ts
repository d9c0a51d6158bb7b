import { AppError } from "./errors.ts";

/**
 * AWS's errors, as a user of a connection needs them: a stable driftwatch code, AWS's own code, a sentence,
 * the fix, whether retrying can help, and the form field it concerns.
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

interface SdkError {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  Region?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string> };
  cause?: unknown;
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
]);

function networkCode(err: SdkError): string | undefined {
  for (
    let e: SdkError | undefined = err, depth = 0;
    e && depth < 5;
    e = e.cause as SdkError | undefined, depth++
  ) {
    if (e.code && NETWORK_CODES.has(e.code)) return e.code;
    if (e.name === "TimeoutError" || e.name === "RequestTimeout") return "ETIMEDOUT";
  }
  return undefined;
}

const resource = (op: AwsOperation) =>
  op.action === "s3:ListBucket"
    ? `arn:aws:s3:::${op.bucket}`
    : `arn:aws:s3:::${op.bucket}/${op.key ?? (op.prefix ?? "") + "*"}`;

export function describeAwsFailure(error: unknown, op: AwsOperation): AwsFailure {
  const err = (error ?? {}) as SdkError;
  const status = err.$metadata?.httpStatusCode;
  const awsCode = err.Code ?? (err.name && err.name !== "Error" && err.name !== "Unknown" ? err.name : null);
  const net = networkCode(err);
  const where = op.endpoint ? op.endpoint : `the S3 endpoint of ${op.region}`;
  if (net) {
    return {
      code: "connection.s3.endpoint_unreachable",
      aws_code: net,
      message: `Cannot reach ${where} (${net}).`,
      hint: op.endpoint
        ? "Check endpoint_url (scheme, host and port) and that the store is running and reachable from this server."
        : "Check this server's network access to AWS (proxy, firewall, DNS) and the region.",
      retryable: true,
      field: op.endpoint ? "endpoint_url" : "region",
    };
  }
  switch (awsCode) {
    case "InvalidAccessKeyId":
    case "InvalidClientTokenId":
      return {
        code: "connection.s3.invalid_access_key",
        aws_code: awsCode,
        message: "AWS does not know this access key id.",
        hint: "Check the Access Key ID for typos, and that the key is active in IAM (it may have been deleted or belong to another account).",
        retryable: false,
        field: "credentials.access_key_id",
      };
    case "SignatureDoesNotMatch":
      return {
        code: "connection.s3.signature_mismatch",
        aws_code: awsCode,
        message: "The secret access key does not match the access key id.",
        hint: "Paste the Secret Access Key again exactly as IAM showed it (no spaces); create a new key pair if it is lost.",
        retryable: false,
        field: "credentials.secret_access_key",
      };
    case "ExpiredToken":
    case "TokenRefreshRequired":
    case "InvalidToken":
      return {
        code: "connection.s3.expired_token",
        aws_code: awsCode,
        message: "The credentials have expired or the session token is not valid.",
        hint: "Use a long-lived access key, a role to assume, or OIDC federation instead of temporary session credentials.",
        retryable: false,
        field: "credentials",
      };
    case "NoSuchBucket":
      return {
        code: "connection.s3.no_such_bucket",
        aws_code: awsCode,
        message: `The bucket ${op.bucket} does not exist.`,
        hint: "Check the bucket name for typos (the exact name, not an ARN or s3:// URL) and that it is in this account.",
        retryable: false,
        field: "bucket",
      };
    case "PermanentRedirect":
    case "AuthorizationHeaderMalformed":
    case "IllegalLocationConstraintException": {
      const actual = err.Region ?? err.$response?.headers?.["x-amz-bucket-region"];
      return {
        code: "connection.s3.wrong_region",
        aws_code: awsCode,
        message: `The bucket ${op.bucket} is not in ${op.region}${actual ? `; it is in ${actual}` : ""}.`,
        hint: actual
          ? `Set the region to ${actual}.`
          : "Set the region to the bucket's region (the S3 console shows it beside the bucket).",
        retryable: false,
        field: "region",
      };
    }
    case "AccessDenied":
    case "AllAccessDisabled":
      return accessDenied(op, awsCode);
    case "NoSuchKey":
      return {
        code: "connection.s3.no_such_key",
        aws_code: awsCode,
        message: `${op.key} no longer exists.`,
        hint: "Nothing to do: the object was deleted after it was listed.",
        retryable: false,
      };
    case "InvalidObjectState":
      return {
        code: "connection.s3.object_archived",
        aws_code: awsCode,
        message: `${op.key} is archived (Glacier or Deep Archive) and cannot be read.`,
        hint: "Restore the object (or copy it to a readable storage class) to have it checked.",
        retryable: false,
      };
    case "PreconditionFailed":
      return {
        code: "connection.s3.object_changed",
        aws_code: awsCode,
        message: `${op.key} changed after it was listed.`,
        hint: "Nothing to do: the new version is checked on the next poll.",
        retryable: false,
      };
    case "RequestTimeTooSkewed":
      return {
        code: "connection.s3.clock_skew",
        aws_code: awsCode,
        message: "This server's clock is more than 15 minutes off AWS's; signed requests are refused.",
        hint: "Synchronise the server's clock (NTP).",
        retryable: false,
      };
    case "SlowDown":
    case "Throttling":
    case "ThrottlingException":
    case "RequestLimitExceeded":
    case "ServiceUnavailable":
      return throttled(awsCode);
  }
  if (status === 503) return throttled(awsCode ?? "ServiceUnavailable");
  if (status === 403) return accessDenied(op, awsCode ?? "Forbidden");
  if (status === 404 && op.action === "s3:ListBucket") {
    return describeAwsFailure({ ...err, Code: "NoSuchBucket" }, op);
  }
  if (status === 301) return describeAwsFailure({ ...err, Code: "PermanentRedirect" }, op);
  if (status !== undefined && status >= 500) {
    return {
      code: "connection.s3.server_error",
      aws_code: awsCode,
      message: `The S3 service failed (HTTP ${status}).`,
      hint: "Nothing to change: driftwatch retries with backoff. If it lasts, check the service's status page.",
      retryable: true,
    };
  }
  return {
    code: "connection.s3.error",
    aws_code: awsCode,
    message: `S3 refused ${op.action.replace("s3:", "")}: ${err.message ?? "unknown error"}${status ? ` (HTTP ${status})` : ""}.`,
    hint: "Check the connection's settings; the AWS code names the cause.",
    retryable: status === undefined,
  };
}

function accessDenied(op: AwsOperation, awsCode: string): AwsFailure {
  return {
    code: op.action === "s3:ListBucket" ? "connection.s3.list_denied" : "connection.s3.access_denied",
    aws_code: awsCode,
    message: `Access denied: ${op.action} on ${resource(op)}.`,
    hint: `The IAM identity lacks ${op.action} on ${resource(op)}${op.action === "s3:ListBucket" && op.prefix ? ` (for the prefix ${op.prefix})` : ""}. Attach the policy from GET /api/v1/connections/:id/policy (or the setup panel); check bucket policies, SCPs and KMS key policies too.`,
    retryable: false,
    field: "credentials",
  };
}

function throttled(awsCode: string): AwsFailure {
  return {
    code: "connection.s3.throttled",
    aws_code: awsCode,
    message: "S3 asked driftwatch to slow down (throttled).",
    hint: "Nothing to change: driftwatch retries with backoff. If it persists, raise the poll interval or narrow the prefix.",
    retryable: true,
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
