/**
 * What each AWS error means for a driftwatch user: a stable reason (the last segment of the code), a
 * sentence, the fix, and whether a retry can help. Used by mapAwsError (aws-errors.ts).
 */

import { s3WriteReason } from "./aws-errors.s3-write.ts";
import type { AwsOperation } from "./aws-errors.ts";

export interface SdkErrorShape {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  Region?: string;
  BucketRegion?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
  cause?: unknown;
  errors?: unknown[];
}

const SECRETISH = [
  /eyJ[\w-]+\.[\w-]+\.[\w-]*/g, // JWTs
  /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g, // secret access keys
  /[A-Za-z0-9/+=_-]{64,}/g, // session tokens and other long opaque values
];

/** AWS's message with anything that could be a credential removed, cut to 300 characters. */
export function scrubAwsMessage(message: string | undefined): string | undefined {
  if (!message) return undefined;
  let out = message;
  for (const re of SECRETISH) out = out.replace(re, "[redacted]");
  return out.length > 300 ? `${out.slice(0, 297)}...` : out;
}

export function partitionOf(region: string | undefined): string {
  if (region?.startsWith("cn-")) return "aws-cn";
  if (region?.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

export function bucketRegionOf(e: SdkErrorShape): string | undefined {
  const header = e.$response?.headers?.["x-amz-bucket-region"];
  return e.BucketRegion ?? e.Region ?? header ?? undefined;
}

export interface Reasoned {
  reason: string;
  message: string;
  hint: string;
  retryable: boolean;
  bucket_region?: string;
}

/** How a service is named in messages. */
export function serviceLabel(service: AwsOperation["service"]): string {
  switch (service) {
    case "s3":
      return "S3";
    case "sts":
      return "STS";
    case "resource_explorer":
      return "Resource Explorer";
    case "cloudcontrol":
      return "Cloud Control";
  }
}

const where = (op: AwsOperation) => (op.endpoint ? ` (endpoint ${op.endpoint})` : "");

/** The IAM action and resource an S3 API call needs: the words of an access-denied hint. */
export function s3Permission(op: AwsOperation): { action: string; resource: string } {
  const arn = `arn:${partitionOf(op.region)}:s3:::${op.bucket ?? "<bucket>"}`;
  const object = `${arn}/${op.key ?? `${op.prefix ?? ""}*`}`;
  switch (op.action) {
    case "ListObjectsV2":
    case "ListObjects":
    case "HeadBucket":
      return { action: "s3:ListBucket", resource: arn };
    case "GetObject":
    case "HeadObject":
      return { action: "s3:GetObject", resource: object };
    case "GetObjectVersion":
      return { action: "s3:GetObjectVersion", resource: object };
    case "PutObject":
    case "CreateMultipartUpload":
    case "UploadPart":
    case "CompleteMultipartUpload":
      return { action: "s3:PutObject", resource: object };
    case "AbortMultipartUpload":
      return { action: "s3:AbortMultipartUpload", resource: object };
    case "DeleteObject":
    case "DeleteObjects":
      return { action: "s3:DeleteObject", resource: object };
    case "GetBucketLocation":
      return { action: "s3:GetBucketLocation", resource: arn };
    default:
      return { action: `s3:${op.action}`, resource: arn };
  }
}

export function networkReason(op: AwsOperation, code: string): Reasoned {
  const service = serviceLabel(op.service);
  const hostPrefix = {
    s3: "s3",
    sts: "sts",
    resource_explorer: "resource-explorer-2",
    cloudcontrol: "cloudcontrolapi",
  }[op.service];
  const defaultHost = `${hostPrefix}.${op.region ?? "<region>"}.amazonaws.com`;
  if (code === "ENOTFOUND" && !op.endpoint && op.region) {
    return {
      reason: "region_invalid",
      message: `There is no AWS ${service} endpoint for region "${op.region}" (${defaultHost} does not resolve).`,
      hint: "Check the region code, e.g. eu-west-1 or us-east-1 (not a name like Ireland, and not an availability zone like eu-west-1a).",
      retryable: false,
    };
  }
  return {
    reason: "unreachable",
    message: `driftwatch could not reach ${service}${op.endpoint ? ` at ${op.endpoint}` : ` (${defaultHost})`}: ${code}.`,
    hint: op.endpoint
      ? `Check that the endpoint ${op.endpoint} is right and reachable from the driftwatch server${op.service === "sts" ? " (DRIFTWATCH_STS_ENDPOINT)" : ""}.`
      : `Check the driftwatch server's outbound network: DNS, proxy (HTTPS_PROXY) and firewall must allow HTTPS to ${defaultHost}.`,
    retryable: true,
  };
}

export function credentialReason(op: AwsOperation, awsCode: string, message: string): Reasoned | undefined {
  switch (awsCode) {
    case "InvalidClientTokenId":
    case "InvalidAccessKeyId":
    case "UnrecognizedClientException":
      return {
        reason: "unknown_access_key",
        message: `AWS does not recognise the access key id${where(op)}.`,
        hint: "Check the access key id for typos. A deleted key, or a key of another partition (China, GovCloud), is unknown too: create a new key under IAM → Users → Security credentials.",
        retryable: false,
      };
    case "SignatureDoesNotMatch":
    case "InvalidSignatureException":
      if (/scoped to a valid region|region/i.test(message) && !/signature we calculated/i.test(message)) {
        return {
          reason: "region_invalid",
          message: `AWS refused the signing region "${op.region ?? "?"}".`,
          hint: "Use a region code AWS knows, e.g. eu-west-1, in the same partition as the account.",
          retryable: false,
        };
      }
      if (/signature expired/i.test(message)) return clockReason();
      return {
        reason: "signature_mismatch",
        message: "The secret access key does not match the access key id.",
        hint: "Paste the secret access key again (IAM shows it only when the key is created); watch for spaces or a truncated copy. If it is right, check that the server clock is correct (NTP).",
        retryable: false,
      };
    case "ExpiredTokenException":
      // STS answers an expired web identity token with this code: that is stsReason's case.
      if (op.service === "sts") return undefined;
      return expiredSession(op);
    case "ExpiredToken":
    case "TokenRefreshRequired":
      return expiredSession(op);
    case "InvalidToken":
      return {
        reason: "invalid_token",
        message: "The session token does not belong to the access key.",
        hint: "Give the access key, secret and session token from the same `aws sts` output, or leave the session token empty for a long-lived key.",
        retryable: false,
      };
    case "RequestTimeTooSkewed":
    case "RequestExpired":
      return clockReason();
  }
  return undefined;
}

function expiredSession(op: AwsOperation): Reasoned {
  return {
    reason: "token_expired",
    message: "The session token of these credentials has expired.",
    hint: "Temporary credentials stop working when their session ends. Give driftwatch a long-lived access key without a session token, or a role to assume (it refreshes role sessions itself). A deactivated or deleted key must be rotated: create a new one and update the credential in driftwatch.",
    retryable: op.service === "s3",
  };
}

export function clockReason(): Reasoned {
  return {
    reason: "clock_skew",
    message: "AWS refused the request because the driftwatch server's clock is too far from AWS's.",
    hint: "Synchronise the server clock (NTP); AWS allows 5 to 15 minutes of difference.",
    retryable: true,
  };
}

export function stsReason(
  op: AwsOperation,
  awsCode: string,
  message: string,
  status: number | undefined,
): Reasoned {
  const role = op.roleArn ?? "the role";
  const issuer = op.issuer ?? "driftwatch's issuer (DRIFTWATCH_PUBLIC_URL)";
  switch (awsCode) {
    case "AccessDenied":
      if (op.action === "AssumeRoleWithWebIdentity") {
        return {
          reason: "web_identity_denied",
          message: `The trust policy of ${role} does not accept driftwatch's token for this organisation.`,
          hint: "The role's trust policy must allow sts:AssumeRoleWithWebIdentity and sts:TagSession for the driftwatch OIDC provider, with StringEquals on <provider>:sub = org-<your org id>, <provider>:aud and aws:RequestTag/dw_org_id. GET /api/v1/federation-info renders the exact policy for your account.",
          retryable: false,
        };
      }
      if (op.action === "AssumeRole") {
        return {
          reason: "assume_role_denied",
          message: `Not allowed to assume ${role}: its trust policy does not name this caller, or the external id does not match.`,
          hint: `In the role's trust policy, Principal must name the IAM user or role whose key driftwatch holds, and the sts:ExternalId condition must equal ${op.externalId ? `"${op.externalId}"` : "the external id driftwatch sends"} (\`driftwatch policy trust-role\` renders it). The caller also needs sts:AssumeRole on ${role} in its own IAM policy.`,
          retryable: false,
        };
      }
      return {
        reason: "access_denied",
        message: `AWS denied sts:${op.action}.`,
        hint: `The IAM identity lacks sts:${op.action}; an explicit deny (SCP or permissions boundary) may be the cause.`,
        retryable: false,
      };
    case "InvalidIdentityToken":
      if (/no openidconnect provider/i.test(message)) {
        return {
          reason: "oidc_provider_missing",
          message: `The AWS account has no OIDC identity provider for ${issuer}.`,
          hint: `Create it: aws iam create-open-id-connect-provider --url ${op.issuer ?? "<issuer>"} --client-id-list ${op.audience ?? "<audience>"} (GET /api/v1/federation-info prints the command). The URL must equal the issuer exactly.`,
          retryable: false,
        };
      }
      if (/audience/i.test(message)) {
        return {
          reason: "oidc_audience_mismatch",
          message: `The account's OIDC provider for ${issuer} does not list driftwatch's audience.`,
          hint: `Add it: aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn <provider arn> --client-id ${op.audience ?? "<audience>"} (the audience is DRIFTWATCH_OIDC_AUDIENCE).`,
          retryable: false,
        };
      }
      return {
        reason: "invalid_identity_token",
        message: `AWS rejected driftwatch's identity token (issuer ${issuer}).`,
        hint: "The OIDC provider's URL must equal driftwatch's issuer exactly (no trailing slash) and its audience list must contain driftwatch's audience; the token's signing key must be in the published JWKS.",
        retryable: false,
      };
    case "ExpiredTokenException":
      return {
        reason: "identity_token_expired",
        message: "AWS says driftwatch's identity token had expired when it arrived.",
        hint: "Check the driftwatch server clock (NTP). driftwatch mints a fresh token for every session, so a retry uses a new one.",
        retryable: true,
      };
    case "IDPCommunicationError":
      return {
        reason: "idp_unreachable",
        message: `AWS could not fetch driftwatch's signing keys from ${issuer}/.well-known/jwks.json.`,
        hint: "AWS fetches the keys over the internet: DRIFTWATCH_PUBLIC_URL must be an https URL reachable from AWS, serving /.well-known/openid-configuration and /.well-known/jwks.json with a publicly trusted certificate.",
        retryable: true,
      };
    case "IDPRejectedClaim":
      return {
        reason: "idp_rejected",
        message: "AWS rejected a claim in driftwatch's identity token.",
        hint: "Check that the OIDC provider and trust policy match GET /api/v1/federation-info.",
        retryable: false,
      };
    case "RegionDisabledException":
      return {
        reason: "region_disabled",
        message: `STS is not activated in ${op.region ?? "this region"} for the account.`,
        hint: "Activate the region's STS endpoint (IAM → Account settings → Security Token Service endpoints), or use a region where it is active.",
        retryable: false,
      };
    case "ValidationError":
    case "MalformedPolicyDocument":
    case "PackedPolicyTooLarge":
    case "InvalidParameterValue":
      return {
        reason: "invalid_request",
        message: `STS refused the ${op.action} request as invalid.`,
        hint: `Check the role ARN (arn:aws:iam::<12-digit account>:role/<name>) and the external id (2–1224 characters). AWS said: ${scrubAwsMessage(message) ?? awsCode}`,
        retryable: false,
      };
    case "Throttling":
    case "ThrottlingException":
    case "RequestLimitExceeded":
    case "ServiceUnavailable":
    case "InternalFailure":
      return throttled(op);
  }
  return unknownReason(op, awsCode, status);
}

export function throttled(op: AwsOperation): Reasoned {
  return {
    reason: "throttled",
    message: `AWS ${serviceLabel(op.service)} asked driftwatch to slow down (or was briefly unavailable).`,
    hint: "driftwatch retries with backoff. If it persists, lower the poll frequency or the number of connections on the same bucket.",
    retryable: true,
  };
}

export function unknownReason(op: AwsOperation, awsCode: string, status: number | undefined): Reasoned {
  const server = status !== undefined && status >= 500;
  return {
    reason: server ? "unavailable" : "error",
    message: `AWS ${serviceLabel(op.service)} answered ${op.action} with ${awsCode}${status ? ` (HTTP ${status})` : ""}.`,
    hint: server
      ? "A server-side error at AWS; driftwatch retries with backoff."
      : "See AWS's message in the details; the AWS documentation for this error code says what to change.",
    retryable: server,
  };
}

export function s3Reason(
  op: AwsOperation,
  e: SdkErrorShape,
  awsCode: string,
  message: string,
  status: number | undefined,
): Reasoned {
  const bucket = op.bucket ?? "the bucket";
  const write = s3WriteReason(op, awsCode, message);
  if (write) return write;
  switch (awsCode) {
    case "KMS.AccessDeniedException":
    case "KMS.DisabledException":
    case "KMS.NotFoundException":
    case "AccessDenied":
    case "Forbidden":
    case "403":
      if (awsCode.startsWith("KMS.") || /kms/i.test(message)) {
        return {
          reason: "kms_access_denied",
          message: `S3 could not decrypt ${op.key ?? "the object"} in ${bucket}: the object is encrypted with a KMS key this identity may not use.`,
          hint: "The IAM identity lacks kms:Decrypt on the bucket's KMS key (`driftwatch policy s3-source --kms-key <key arn>` adds it); a key in another account must also allow it in its key policy.",
          retryable: false,
        };
      }
      {
        const need = s3Permission(op);
        return {
          reason: "access_denied",
          message: `S3 denied ${op.action} on ${bucket}${op.key ? `/${op.key}` : ""}.`,
          hint: `The IAM identity lacks ${need.action} on ${need.resource}${op.prefix && need.action === "s3:ListBucket" ? ` for prefix "${op.prefix}"` : ""}, or the bucket policy denies it. \`driftwatch policy s3-source --bucket ${op.bucket ?? "<bucket>"}\` prints the policy to attach.`,
          retryable: false,
        };
      }
    case "NoSuchVersion":
      return {
        reason: "no_such_version",
        message: `The version ${op.versionId ?? "asked for"} of ${op.key ?? "the object"} is not in ${bucket}.`,
        hint: "Check the version id (S3 console → the object → Versions), or leave it empty to read the current version.",
        retryable: false,
      };
    case "NoSuchBucket":
      return {
        reason: "no_such_bucket",
        message: `The bucket ${bucket} does not exist${where(op)}.`,
        hint: "Check the bucket name (names only, no s3:// or ARN) and the account the credentials belong to.",
        retryable: false,
      };
    case "NoSuchKey":
    case "NotFound":
    case "404":
      if (op.key === undefined && (awsCode !== "NoSuchKey" || op.action === "HeadBucket")) {
        return {
          reason: "no_such_bucket",
          message: `The bucket ${bucket} does not exist${where(op)}.`,
          hint: "Check the bucket name and the account the credentials belong to.",
          retryable: false,
        };
      }
      return {
        reason: "no_such_key",
        message: `The object ${op.key ?? "?"} is no longer in ${bucket}.`,
        hint: "It was deleted or renamed after it was listed; nothing to fix unless this repeats.",
        retryable: false,
      };
    case "PermanentRedirect":
    case "AuthorizationHeaderMalformed":
    case "IllegalLocationConstraintException":
    case "301":
    case "MovedPermanently": {
      const actual = bucketRegionOf(e);
      if (awsCode === "AuthorizationHeaderMalformed" && !actual && !/region/i.test(message)) break;
      return {
        reason: "wrong_region",
        message: `The bucket ${bucket} is in ${actual ?? "another region"}, not ${op.region ?? "the configured region"}.`,
        hint: actual
          ? `Set the ${op.subject ?? "connection"}'s region to ${actual}.`
          : `Set the ${op.subject ?? "connection"}'s region to the bucket's (S3 console → bucket → Properties → AWS Region).`,
        retryable: false,
        ...(actual ? { bucket_region: actual } : {}),
      };
    }
    case "InvalidObjectState":
      return {
        reason: "archived",
        message: `The object ${op.key ?? "?"} is archived (Glacier or Deep Archive) and cannot be read.`,
        hint: "Restore it first, or exclude archived objects with a lifecycle rule or a narrower prefix.",
        retryable: false,
      };
    case "SlowDown":
    case "ServiceUnavailable":
    case "503":
    case "InternalError":
    case "RequestLimitExceeded":
      return throttled(op);
  }
  return unknownReason(op, awsCode, status);
}
