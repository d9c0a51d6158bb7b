/**
 * What S3's answers to a write mean for a destination: PutObject and the multipart calls (all covered by
 * s3:PutObject), DeleteObject (only the connection test deletes), a conditional write refused because the
 * key is taken, and SSE-KMS keys S3 may not use for the caller. Used by s3Reason (aws-errors.reasons.ts);
 * undefined leaves an answer to the general mapping.
 */

import { partitionOf, type Reasoned } from "./aws-errors.reasons.ts";
import type { AwsOperation } from "./aws-errors.ts";

/** Calls that write an object; IAM authorises all of them as s3:PutObject. */
export const WRITE_ACTIONS = new Set([
  "PutObject",
  "CreateMultipartUpload",
  "UploadPart",
  "CompleteMultipartUpload",
]);

const objectArn = (op: AwsOperation) =>
  `arn:${partitionOf(op.region)}:s3:::${op.bucket ?? "<bucket>"}/${op.key ?? `${op.prefix ?? ""}*`}`;

function policyCommand(op: AwsOperation): string {
  return `\`driftwatch policy s3-destination --bucket ${op.bucket ?? "<bucket>"}${op.prefix ? ` --prefix ${op.prefix}` : ""}\``;
}

export function s3WriteReason(op: AwsOperation, awsCode: string, message: string): Reasoned | undefined {
  const writing = WRITE_ACTIONS.has(op.action);
  const deleting = op.action === "DeleteObject";
  if (!writing && !deleting) return undefined;
  const bucket = op.bucket ?? "the bucket";
  const where = `${bucket}/${op.key ?? op.prefix ?? ""}`;
  switch (awsCode) {
    case "AccessDenied":
    case "Forbidden":
    case "403": {
      const kmsAction = /perform:\s*(kms:\w+)/i.exec(message)?.[1];
      if (kmsAction || /kms/i.test(message)) {
        const action = kmsAction ?? "kms:GenerateDataKey";
        return {
          reason: "kms_access_denied",
          message: `S3 could not use the bucket's KMS key to encrypt ${where}: the identity may not call ${action} on it.`,
          hint: `Allow kms:GenerateDataKey and kms:Decrypt on the key (S3 needs Decrypt to assemble uploads over 8 MiB): ${policyCommand(op)} --kms-key <key arn> adds them; a key in another account must also allow this principal in its key policy.`,
          retryable: false,
        };
      }
      if (deleting) {
        return {
          reason: "delete_denied",
          message: `S3 denied s3:DeleteObject on ${where}: the test object was written but could not be removed.`,
          hint: `Allow s3:DeleteObject on ${objectArn(op)} (the RemoveConnectionTestObject statement of ${policyCommand(op)}). It is needed only for the connection test, which deletes the one small object it wrote; exports never delete, so you may remove it again once the destination is saved. Delete the leftover test object by hand.`,
          retryable: false,
        };
      }
      return {
        reason: "put_denied",
        message: `S3 denied s3:PutObject on ${where}.`,
        hint: `Allow s3:PutObject on ${objectArn(op)} (${policyCommand(op)} prints the policy); check the bucket policy, an SCP or a permissions boundary for an explicit deny, and that the path prefix is under the prefix the policy names.`,
        retryable: false,
      };
    }
    case "PreconditionFailed":
    case "412":
      return {
        reason: "object_exists",
        message: `An object is already at ${where}; driftwatch never replaces an object in a destination.`,
        hint: "Another writer uses the same keys. Give this destination a path prefix of its own, or add {full_date} or {job_id} to it so keys differ.",
        retryable: false,
      };
    case "ConditionalRequestConflict":
    case "409":
      return {
        reason: "write_conflict",
        message: `Another write to ${where} was in progress at the same time.`,
        hint: "Nothing to do: driftwatch retries, and the retry either writes the object or finds it already written.",
        retryable: true,
      };
    case "NoSuchUpload":
      return {
        reason: "upload_lost",
        message: `S3 no longer knows the multipart upload of ${where} (it was aborted, completed, or removed by a lifecycle rule).`,
        hint: "Nothing to do: driftwatch starts the upload again. If it repeats, check for a lifecycle rule that aborts uploads within minutes.",
        retryable: true,
      };
    case "KMS.NotFoundException":
    case "KMS.DisabledException":
    case "KMS.KMSInvalidStateException":
    case "KMS.InvalidKeyUsageException":
      return {
        reason: "kms_key_unusable",
        message: `S3 could not encrypt ${where}: its KMS key is missing, disabled or pending deletion (${awsCode}).`,
        hint: "Check the destination's kms_key_arn and the key's state in KMS (it must be enabled and in the bucket's region).",
        retryable: false,
      };
    case "EntityTooLarge":
      return {
        reason: "too_large",
        message: `S3 refused ${where} as too large.`,
        hint: "Objects over 8 MiB are uploaded in parts; a store that refuses them may limit object size: check its settings.",
        retryable: false,
      };
  }
  return undefined;
}
