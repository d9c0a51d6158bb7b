import { type Attrs, first, joined, type TypeMapping } from "./mapping.model.ts";

/** S3 buckets and their split-out configuration resources; IAM roles, policies, users and attachments. */

const bucket = first("bucket", "id");
/** An attachment is present when the parent lists its policy ARN; absent otherwise (a `delete` change). */
const attached = (props: Attrs, a: Attrs): unknown => {
  const list = props.ManagedPolicyArns;
  return Array.isArray(list) && list.includes(a.policy_arn) ? a.policy_arn : undefined;
};

export const S3_IAM_MAPPINGS: TypeMapping[] = [
  {
    tf: "aws_s3_bucket",
    cfn: "AWS::S3::Bucket",
    discovery: "listed",
    identifier: bucket,
    compare: [{ tf: "object_lock_enabled", cfn: "ObjectLockEnabled", unset: false }],
  },
  {
    tf: "aws_s3_bucket_policy",
    cfn: "AWS::S3::BucketPolicy",
    discovery: "lookup",
    identifier: bucket,
    compare: [{ tf: "policy", cfn: "PolicyDocument", kind: "json" }],
  },
  {
    tf: "aws_s3_bucket_versioning",
    cfn: "AWS::S3::Bucket",
    discovery: "embedded",
    identifier: bucket,
    compare: [
      {
        tf: "versioning_configuration.0.status",
        cfn: "VersioningConfiguration.Status",
        unset: "Disabled",
      },
    ],
  },
  {
    tf: "aws_s3_bucket_server_side_encryption_configuration",
    cfn: "AWS::S3::Bucket",
    discovery: "embedded",
    identifier: bucket,
    compare: [
      {
        tf: "rule.0.apply_server_side_encryption_by_default.0.sse_algorithm",
        cfn: "BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.SSEAlgorithm",
      },
      {
        tf: "rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id",
        cfn: "BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.KMSMasterKeyID",
        kind: "tail",
      },
      {
        tf: "rule.0.bucket_key_enabled",
        cfn: "BucketEncryption.ServerSideEncryptionConfiguration.0.BucketKeyEnabled",
        unset: false,
      },
    ],
  },
  {
    tf: "aws_s3_bucket_public_access_block",
    cfn: "AWS::S3::Bucket",
    discovery: "embedded",
    identifier: bucket,
    compare: [
      { tf: "block_public_acls", cfn: "PublicAccessBlockConfiguration.BlockPublicAcls", unset: false },
      { tf: "block_public_policy", cfn: "PublicAccessBlockConfiguration.BlockPublicPolicy", unset: false },
      { tf: "ignore_public_acls", cfn: "PublicAccessBlockConfiguration.IgnorePublicAcls", unset: false },
      {
        tf: "restrict_public_buckets",
        cfn: "PublicAccessBlockConfiguration.RestrictPublicBuckets",
        unset: false,
      },
    ],
  },
  {
    tf: "aws_s3_bucket_ownership_controls",
    cfn: "AWS::S3::Bucket",
    discovery: "embedded",
    identifier: bucket,
    compare: [{ tf: "rule.0.object_ownership", cfn: "OwnershipControls.Rules.0.ObjectOwnership" }],
  },
  {
    tf: "aws_iam_role",
    cfn: "AWS::IAM::Role",
    discovery: "listed",
    identifier: first("name", "id"),
    compare: [
      { tf: "assume_role_policy", cfn: "AssumeRolePolicyDocument", kind: "json" },
      { tf: "description", cfn: "Description" },
      { tf: "max_session_duration", cfn: "MaxSessionDuration", unset: 3600 },
      { tf: "permissions_boundary", cfn: "PermissionsBoundary" },
      { tf: "path", cfn: "Path", unset: "/" },
    ],
  },
  {
    tf: "aws_iam_policy",
    cfn: "AWS::IAM::ManagedPolicy",
    discovery: "listed",
    identifier: first("arn", "id"),
    compare: [
      { tf: "policy", cfn: "PolicyDocument", kind: "json" },
      { tf: "description", cfn: "Description" },
      { tf: "path", cfn: "Path", unset: "/" },
    ],
  },
  {
    tf: "aws_iam_user",
    cfn: "AWS::IAM::User",
    discovery: "listed",
    identifier: first("name", "id"),
    compare: [
      { tf: "path", cfn: "Path", unset: "/" },
      { tf: "permissions_boundary", cfn: "PermissionsBoundary" },
    ],
  },
  {
    tf: "aws_iam_group",
    cfn: "AWS::IAM::Group",
    discovery: "listed",
    identifier: first("name", "id"),
    compare: [{ tf: "path", cfn: "Path", unset: "/" }],
  },
  {
    tf: "aws_iam_role_policy_attachment",
    cfn: "AWS::IAM::Role",
    discovery: "embedded",
    identifier: first("role"),
    compare: [{ tf: "policy_arn", cfn: "ManagedPolicyArns", liveValue: attached }],
  },
  {
    tf: "aws_iam_user_policy_attachment",
    cfn: "AWS::IAM::User",
    discovery: "embedded",
    identifier: first("user"),
    compare: [{ tf: "policy_arn", cfn: "ManagedPolicyArns", liveValue: attached }],
  },
  {
    tf: "aws_iam_role_policy",
    cfn: "AWS::IAM::RolePolicy",
    discovery: "lookup",
    identifier: joined("name", "role"),
    compare: [{ tf: "policy", cfn: "PolicyDocument", kind: "json" }],
  },
  {
    tf: "aws_iam_user_policy",
    cfn: "AWS::IAM::UserPolicy",
    discovery: "lookup",
    identifier: joined("name", "user"),
    compare: [{ tf: "policy", cfn: "PolicyDocument", kind: "json" }],
  },
  {
    tf: "aws_iam_instance_profile",
    cfn: "AWS::IAM::InstanceProfile",
    discovery: "listed",
    identifier: first("name", "id"),
    compare: [
      { tf: "role", cfn: "Roles", liveValue: (p) => (Array.isArray(p.Roles) ? p.Roles[0] : undefined) },
    ],
  },
];
