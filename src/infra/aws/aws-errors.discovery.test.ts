/**
 * mapAwsError for Resource Explorer and Cloud Control, on error shapes as the SDK builds them from the
 * emulator's answers (the full round trips are in test/aws/discovery-errors.test.ts).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { mapAwsError } from "./aws-errors.ts";

const sdkError = (name: string, status: number, message = "") =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

test("Cloud Control: its own denial and a denied service read are different codes", () => {
  const op = { service: "cloudcontrol" as const, action: "GetResource", resourceType: "AWS::S3::Bucket" };
  const own = mapAwsError(
    sdkError(
      "AccessDeniedException",
      400,
      "User: arn:aws:iam::111122223333:user/x is not authorized to perform: cloudformation:GetResource on resource: *",
    ),
    op,
  );
  assert.equal(own.code, "aws.cloudcontrol.access_denied");
  assert.match(own.hint, /cloudformation:GetResource/);
  const read = mapAwsError(
    sdkError(
      "AccessDeniedException",
      400,
      "AWS::S3::Bucket Handler returned status FAILED: User: x is not authorized to perform: s3:GetBucketPolicy (HandlerErrorCode: AccessDenied, RequestToken: r)",
    ),
    op,
  );
  assert.equal(read.code, "aws.cloudcontrol.service_read_denied");
  assert.match(read.message, /s3:GetBucketPolicy/);
  assert.equal(mapAwsError(sdkError("ThrottlingException", 429), op).retryable, true);
  assert.equal(
    mapAwsError(sdkError("TypeNotFoundException", 404), op).code,
    "aws.cloudcontrol.unsupported_type",
  );
  assert.equal(mapAwsError(sdkError("HandlerInternalFailureException", 502), op).retryable, true);
});

test("JSON services' credential codes; STS's ExpiredTokenException stays the web identity's", () => {
  const re = { service: "resource_explorer" as const, action: "Search", region: "eu-west-1" };
  assert.equal(
    mapAwsError(sdkError("UnrecognizedClientException", 403), re).code,
    "aws.resource_explorer.unknown_access_key",
  );
  assert.equal(
    mapAwsError(sdkError("ExpiredTokenException", 403), re).code,
    "aws.resource_explorer.token_expired",
  );
  assert.equal(
    mapAwsError(
      sdkError("InvalidSignatureException", 403, "The request signature we calculated does not match"),
      re,
    ).code,
    "aws.resource_explorer.signature_mismatch",
  );
  const sts = { service: "sts" as const, action: "AssumeRoleWithWebIdentity" };
  assert.equal(
    mapAwsError(sdkError("ExpiredTokenException", 400), sts).code,
    "aws.sts.identity_token_expired",
  );
  assert.equal(
    mapAwsError(sdkError("UnauthorizedException", 401), re).code,
    "aws.resource_explorer.view_not_found",
  );
  assert.equal(
    mapAwsError(sdkError("ResourceNotFoundException", 404), re).code,
    "aws.resource_explorer.not_enabled",
  );
});
