/**
 * What Resource Explorer 2 and Cloud Control errors mean for a scan: the reasons behind the
 * `aws.resource_explorer.*` and `aws.cloudcontrol.*` codes (the rows of the scan troubleshooting table),
 * with the fix. Used by mapAwsError (aws-errors.ts); credential and network failures are shared with S3/STS.
 */

import { type Reasoned, throttled, unknownReason } from "./aws-errors.reasons.ts";
import type { AwsOperation } from "./aws-errors.ts";

const THROTTLING = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "ServiceLimitExceededException",
]);
const UNAVAILABLE = new Set([
  "InternalServerException",
  "InternalFailure",
  "ServiceUnavailable",
  "ServiceInternalErrorException",
  "HandlerInternalFailureException",
  "NetworkFailureException",
  "HandlerFailureException",
  "GeneralServiceException",
]);

export function notEnabled(region: string | undefined): Reasoned {
  return {
    reason: "not_enabled",
    message: `Resource Explorer 2 is not enabled or has no default view in ${region ?? "the credential's region"}.`,
    hint: `Turn on Resource Explorer in ${region ?? "the credential's region"} (console → Resource Explorer → Turn on Resource Explorer → Quick setup): it creates the aggregator index and the default view. The aggregator must be in the region set on the driftwatch credential; allow 5–15 minutes for the index to fill.`,
    retryable: false,
  };
}

export function viewNotFound(region: string | undefined): Reasoned {
  return {
    reason: "view_not_found",
    message: `Resource Explorer 2 has an index in ${region ?? "this region"} but no default view that this identity may use.`,
    hint: "Open the Resource Explorer console in the aggregator region, create a view that includes all resources and set it as the default view (or allow resource-explorer-2:Search on the default view).",
    retryable: false,
  };
}

export function resourceExplorerReason(
  op: AwsOperation,
  awsCode: string,
  status: number | undefined,
): Reasoned {
  if (THROTTLING.has(awsCode)) return throttled(op);
  if (UNAVAILABLE.has(awsCode)) return unknownReason(op, awsCode, 500);
  switch (awsCode) {
    case "AccessDeniedException":
    case "AccessDenied":
      return {
        reason: "access_denied",
        message: `AWS denied resource-explorer-2:${op.action} in ${op.region ?? "the aggregator region"}.`,
        hint: `The IAM identity lacks resource-explorer-2:${op.action} (Search, GetIndex, GetDefaultView and ListIndexes are all needed): attach the AWS-managed ReadOnlyAccess policy, or add them to the scan policy. An Organizations SCP can deny it even when IAM allows it.`,
        retryable: false,
      };
    case "UnauthorizedException":
      return viewNotFound(op.region);
    case "ResourceNotFoundException":
      return notEnabled(op.region);
    case "ValidationException":
      return {
        reason: "invalid_request",
        message: `Resource Explorer refused the ${op.action} request as invalid.`,
        hint: "This is a driftwatch bug if it repeats: report it with AWS's message from the details.",
        retryable: false,
      };
  }
  return unknownReason(op, awsCode, status);
}

/** A Cloud Control denial is either of Cloud Control itself or of the service read it dispatches into. */
function deniedRead(message: string): boolean {
  if (/HandlerErrorCode:\s*AccessDenied|Handler returned status FAILED/i.test(message)) return true;
  const action = /perform:\s*([\w-]+):/i.exec(message)?.[1];
  return action !== undefined && action.toLowerCase() !== "cloudformation";
}

export function cloudControlReason(
  op: AwsOperation,
  awsCode: string,
  message: string,
  status: number | undefined,
): Reasoned {
  const type = op.resourceType ?? "this resource type";
  if (THROTTLING.has(awsCode)) return throttled(op);
  switch (awsCode) {
    case "AccessDeniedException":
    case "AccessDenied":
    case "InvalidCredentialsException":
      if (awsCode === "InvalidCredentialsException" || deniedRead(message)) {
        const action = /perform:\s*([\w-]+:[\w*]+)/i.exec(message)?.[1];
        return {
          reason: "service_read_denied",
          message: `Cloud Control could not read ${type}: the identity may call cloudformation:GetResource but not ${action ?? "the service's read action"} that Cloud Control calls for this type.`,
          hint: `Attach the AWS-managed ReadOnlyAccess policy, or add the Describe*/Get*/List* actions of ${type}'s service${action ? ` (at least ${action})` : ""} to the scan policy.`,
          retryable: false,
        };
      }
      return {
        reason: "access_denied",
        message: `AWS denied cloudformation:${op.action} (Cloud Control) for ${type}.`,
        hint: `Add cloudformation:${op.action} to the scan policy, or attach ReadOnlyAccess. Cloud Control's IAM prefix is cloudformation, not cloudcontrol: cloudcontrol:${op.action} is not a valid IAM action.`,
        retryable: false,
      };
    case "UnsupportedActionException":
    case "TypeNotFoundException":
      return {
        reason: "unsupported_type",
        message: `Cloud Control cannot read ${type} resources.`,
        hint: "Nothing to fix: Cloud Control has no read handler for this type (a permanent limitation). The resources are still listed with their identity, tags and region; only their properties are missing.",
        retryable: false,
      };
    case "InvalidRequestException":
    case "ValidationException":
      return {
        reason: "unsupported_identifier",
        message: `Cloud Control does not accept the identifier driftwatch derived for ${type}.`,
        hint: "Nothing to fix: this type's ARN does not give the identifier Cloud Control needs (a permanent limitation). The resources are still tracked by ARN, tags and region.",
        retryable: false,
      };
    case "ResourceNotFoundException":
      return {
        reason: "not_found",
        message: `Cloud Control found no ${type} with this identifier: it was deleted after Resource Explorer indexed it.`,
        hint: "Nothing to fix: Resource Explorer's index lags behind deletions by up to a few hours.",
        retryable: false,
      };
  }
  if (UNAVAILABLE.has(awsCode)) return unknownReason(op, awsCode, 500);
  return unknownReason(op, awsCode, status);
}
