/**
 * Every error the AWS SDK throws (S3 or STS, AWS's answer or a network failure) mapped to a stable
 * driftwatch code, AWS's own code, a sentence, a hint that names the fix, and whether a retry can help.
 *
 * Messages and hints are ours: AWS's text is kept only in `aws_message`, scrubbed of anything that looks
 * like a secret key, session token or JWT, because some AWS errors echo the request (S3's
 * SignatureDoesNotMatch carries the canonical request, which includes the session token).
 */
import { AppError } from "../../app/errors.ts";
import { cloudControlReason, resourceExplorerReason } from "./aws-errors.discovery.ts";
import {
  credentialReason,
  networkReason,
  type Reasoned,
  type SdkErrorShape,
  s3Reason,
  scrubAwsMessage,
  serviceLabel,
  stsReason,
} from "./aws-errors.reasons.ts";

export { s3Permission, scrubAwsMessage } from "./aws-errors.reasons.ts";

export type AwsService = "s3" | "sts" | "resource_explorer" | "cloudcontrol";

export interface AwsOperation {
  service: AwsService;
  /** The API action: `ListObjectsV2`, `GetObject`, `AssumeRole`, `GetCallerIdentity`, … */
  action: string;
  bucket?: string;
  key?: string;
  /** GetObject of one version. */
  versionId?: string;
  /** For listings: the prefix asked for. */
  prefix?: string;
  /** The region the request was signed for. */
  region?: string;
  /** STS: the role being assumed, and the external id sent. */
  roleArn?: string;
  externalId?: string;
  /** Set when the endpoint is not AWS's default (tests, S3-compatible stores, VPC endpoints). */
  endpoint?: string;
  /** OIDC: driftwatch's issuer and audience, for the hints. */
  issuer?: string;
  audience?: string;
  /** Cloud Control: the CloudFormation type read (`AWS::S3::Bucket`), for the hints. */
  resourceType?: string;
  /** First segment of the code. Default `aws` (`aws.s3.access_denied`); the connection service may pass `connection`. */
  codePrefix?: string;
  /** What the user configured, for hints ("Set the destination's region …"). Default `connection`. */
  subject?: "connection" | "destination" | "account" | "state source";
}

export interface MappedAwsError {
  /** Stable driftwatch code: `<prefix>.<service>.<reason>`. */
  code: string;
  /** AWS's error code as sent on the wire (`AccessDenied`, `InvalidIdentityToken`), or the network error code. */
  aws_code: string | undefined;
  message: string;
  hint: string;
  /** True when the same call may succeed later without a change by the user (throttling, network, 5xx). */
  retryable: boolean;
  /** AWS's message, scrubbed of secrets; for the log and the details, never the headline. */
  aws_message?: string;
  /** The region S3 says the bucket is in, when the error was a wrong region. */
  bucket_region?: string;
}

/**
 * An AWS failure as an AppError (HTTP 422 by default): what `validateCredentials` and the credential
 * providers throw. `details` carries `aws_code`, `retryable` and the failing `action`.
 */
export class AwsCallError extends AppError {
  readonly mapped: MappedAwsError;
  readonly reason: string;
  readonly service: AwsService;
  constructor(
    mapped: MappedAwsError,
    op: Pick<AwsOperation, "service" | "action">,
    reason: string,
    status = 422,
  ) {
    super({
      code: mapped.code,
      status,
      message: mapped.message,
      hint: mapped.hint,
      details: {
        aws_code: mapped.aws_code ?? null,
        retryable: mapped.retryable,
        service: op.service,
        action: op.action,
        ...(mapped.aws_message ? { aws_message: mapped.aws_message } : {}),
        ...(mapped.bucket_region ? { bucket_region: mapped.bucket_region } : {}),
      },
    });
    this.name = "AwsCallError";
    this.mapped = mapped;
    this.reason = reason;
    this.service = op.service;
  }
}

// ------------------------------------------------------------------------------------------- extraction

/** SDK exception names that differ from the code AWS put on the wire. */
const WIRE_CODES: Record<string, string> = {
  InvalidIdentityTokenException: "InvalidIdentityToken",
  IDPCommunicationErrorException: "IDPCommunicationError",
  IDPRejectedClaimException: "IDPRejectedClaim",
  MalformedPolicyDocumentException: "MalformedPolicyDocument",
  PackedPolicyTooLargeException: "PackedPolicyTooLarge",
  InvalidAuthorizationMessageException: "InvalidAuthorizationMessage",
};

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ECONNABORTED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
  "TimeoutError",
  "RequestTimeout",
]);

function networkCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== "object" || depth > 4) return undefined;
  const e = err as SdkErrorShape;
  if (e.$metadata?.httpStatusCode) return undefined; // AWS answered
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return e.code;
  if (e.name === "TimeoutError") return "TimeoutError";
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const found = networkCode(inner, depth + 1);
      if (found) return found;
    }
  }
  return networkCode(e.cause, depth + 1);
}

/** AWS's error code for an SDK error (wire spelling), or undefined when AWS did not answer. */
export function awsErrorCode(err: unknown): string | undefined {
  if (!err || typeof err !== "object") return undefined;
  const e = err as SdkErrorShape;
  // Network failures carry $metadata too (attempts), but no HTTP status: AWS did not answer.
  if (!e.$metadata?.httpStatusCode) return undefined;
  const raw = e.Code ?? e.name;
  // A bodiless answer (HEAD) has no code: the status is all AWS said.
  if (!raw || raw === "Unknown" || raw === "UnknownError") return String(e.$metadata.httpStatusCode);
  return WIRE_CODES[raw] ?? raw;
}

// --------------------------------------------------------------------------------------------- mapping

/**
 * Maps any error from an AWS SDK call (or from a driftwatch credential provider inside one) to a stable
 * code, AWS's code, a message, a hint naming the fix, and whether a retry can help.
 */
export function mapAwsError(err: unknown, op: AwsOperation): MappedAwsError {
  const prefix = op.codePrefix ?? "aws";
  // A credential provider failed inside the SDK call: keep its mapping (it knows which STS step failed).
  if (err instanceof AwsCallError) {
    return { ...err.mapped, code: `${prefix}.${err.service}.${err.reason}` };
  }
  const e = (err && typeof err === "object" ? err : { message: String(err) }) as SdkErrorShape;
  const status = e.$metadata?.httpStatusCode;
  const awsCode = awsErrorCode(err) ?? (status ? String(status) : undefined);
  const message = e.message ?? "";
  let reasoned: Reasoned;
  const service = op.service;
  if (awsCode === undefined) {
    const net = networkCode(err);
    reasoned = net
      ? networkReason(op, net)
      : {
          reason: "error",
          message: `The ${op.action} call to ${serviceLabel(op.service)} failed before AWS answered.`,
          hint: "See the server log for this request.",
          retryable: true,
        };
    return {
      code: `${prefix}.${service}.${reasoned.reason}`,
      aws_code: net,
      message: reasoned.message,
      hint: reasoned.hint,
      retryable: reasoned.retryable,
      ...(scrubAwsMessage(message) ? { aws_message: scrubAwsMessage(message)! } : {}),
    };
  }
  const cred = credentialReason(op, awsCode, message);
  if (cred) reasoned = cred;
  else if (op.service === "sts") reasoned = stsReason(op, awsCode, message, status);
  else if (op.service === "resource_explorer") reasoned = resourceExplorerReason(op, awsCode, status);
  else if (op.service === "cloudcontrol") reasoned = cloudControlReason(op, awsCode, message, status);
  else reasoned = s3Reason(op, e, awsCode, message, status);
  return {
    code: `${prefix}.${service}.${reasoned.reason}`,
    aws_code: awsCode,
    message: reasoned.message,
    hint: reasoned.hint,
    retryable: reasoned.retryable,
    ...(scrubAwsMessage(message) ? { aws_message: scrubAwsMessage(message)! } : {}),
    ...(reasoned.bucket_region ? { bucket_region: reasoned.bucket_region } : {}),
  };
}

/** mapAwsError as a throwable AppError (HTTP 422 unless told). */
export function awsCallError(err: unknown, op: AwsOperation, status = 422): AwsCallError {
  if (err instanceof AwsCallError && op.codePrefix === undefined) return err;
  const mapped = mapAwsError(err, op);
  const reason = mapped.code.split(".").slice(2).join(".");
  return new AwsCallError(mapped, op, reason, status);
}
