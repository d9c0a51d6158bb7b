/**
 * The setup text of one cloud account, rendered for that account (GET /api/v1/cloud-accounts/:id/setup,
 * `driftwatch accounts setup`): turn on Resource Explorer in the credential's region, the scan policy statement,
 * the state-read statement, the cross-account bucket policy, the KMS statement, and the trust policy of the role
 * (OIDC with the organisation filled in, or AssumeRole pinned to the external id). Pure: no I/O; values that
 * driftwatch cannot know (a bucket not linked yet, a KMS key) stay as `<PLACEHOLDERS>` for the user to fill.
 */
import {
  type Partition,
  type PolicyDocument,
  type PolicyStatement,
  parseRoleArn,
  renderPolicy,
  trustOidcPolicy,
} from "../iam-policy.ts";

export type SetupSectionId =
  | "resource_explorer"
  | "scan_policy"
  | "state_read"
  | "bucket_policy"
  | "kms"
  | "trust_policy";

export interface SetupSection {
  id: SetupSectionId;
  title: string;
  /** Where the document goes: an identity policy, a role's trust policy, a bucket/key policy, or commands only. */
  attach: "identity" | "trust" | "resource" | "commands";
  policy: PolicyDocument | null;
  commands: string[];
  notes: string[];
}

export interface AccountSetup {
  account_id: string;
  region: string;
  /** The ARN to name as Principal in another account's bucket or key policy (null until it is known). */
  principal_arn: string | null;
  sections: SetupSection[];
  /** Everything above as plain text, in order (what the CLI prints). */
  text: string;
}

export interface AccountSetupInput {
  orgId: string;
  accountId: string;
  /** The credential's region: where STS is dialled and Resource Explorer's aggregator index must be. */
  region: string;
  credentialType: "aws_static" | "aws_role" | "aws_oidc";
  roleArn?: string | undefined;
  /** What STS GetCallerIdentity last answered (an IAM user ARN or an assumed-role session ARN). */
  callerArn?: string | null | undefined;
  /** The external id AssumeRole is sent with (the credential's, else the organisation's). */
  externalId?: string | undefined;
  /** driftwatch as an OIDC identity provider. */
  federation: { issuer: string; audience: string };
  /** The state buckets this account reads (its state sources); none yet → a placeholder. */
  stateBuckets: ReadonlyArray<{ bucket: string; region: string }>;
  partition?: Partition;
}

/** Resource Explorer reads (discovery) and Cloud Control reads (properties). */
export const SCAN_ACTIONS = [
  "resource-explorer-2:GetDefaultView",
  "resource-explorer-2:GetIndex",
  "resource-explorer-2:GetView",
  "resource-explorer-2:ListIndexes",
  "resource-explorer-2:ListResources",
  "resource-explorer-2:Search",
  "cloudformation:GetResource",
  "cloudformation:ListResources",
] as const;

export const STATE_READ_ACTIONS = ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"] as const;

const doc = (...statements: PolicyStatement[]): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: statements,
});

/**
 * The principal another account's policies must name: the role for a role or OIDC credential (not the
 * session ARN STS reports for it), the IAM user for a plain static key.
 */
export function principalArnOf(input: Pick<AccountSetupInput, "roleArn" | "callerArn">): string | null {
  if (input.roleArn) return input.roleArn;
  const caller = input.callerArn ?? "";
  if (/^arn:[a-z-]+:iam::\d{12}:user\//.test(caller)) return caller;
  // a static key that is itself a role session: arn:aws:sts::<acct>:assumed-role/<role>/<session>
  const m = /^arn:([a-z-]+):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(caller);
  if (m) return `arn:${m[1]}:iam::${m[2]}:role/${m[3]}`;
  return null;
}

function bucketArns(partition: Partition, buckets: ReadonlyArray<{ bucket: string }>): string[] {
  const names = buckets.length > 0 ? [...new Set(buckets.map((b) => b.bucket))] : ["<STATE_BUCKET>"];
  return names.flatMap((b) => [`arn:${partition}:s3:::${b}`, `arn:${partition}:s3:::${b}/*`]);
}

export function renderAccountSetup(input: AccountSetupInput): AccountSetup {
  const partition = input.partition ?? parseRoleArn(input.roleArn ?? "")?.partition ?? "aws";
  const principal = principalArnOf(input);
  const principalText = principal ?? `arn:${partition}:iam::${input.accountId}:role/<SCANNER_ROLE>`;
  const resources = bucketArns(partition, input.stateBuckets);
  const kmsRegion =
    input.stateBuckets.length > 0 && new Set(input.stateBuckets.map((b) => b.region)).size === 1
      ? input.stateBuckets[0]!.region
      : "<REGION>";
  const sections: SetupSection[] = [
    {
      id: "resource_explorer",
      title: `Turn on Resource Explorer with its aggregator index in ${input.region}`,
      attach: "commands",
      policy: null,
      commands: [
        `aws resource-explorer-2 create-index --region ${input.region}`,
        `aws resource-explorer-2 update-index-type --type AGGREGATOR --arn <INDEX_ARN> --region ${input.region}`,
        `aws resource-explorer-2 create-view --view-name driftwatch --region ${input.region}`,
        `aws resource-explorer-2 associate-default-view --view-arn <VIEW_ARN> --region ${input.region}`,
      ],
      notes: [
        `The console's Quick setup does the same. The aggregator must be in ${input.region}, the region of this account's credential; without it (or without a default view) scans fail with aws.resource_explorer.not_enabled.`,
        "The aggregator takes 5–15 minutes to index every region after it is turned on.",
      ],
    },
    {
      id: "scan_policy",
      title: "Scan permissions (attach to the scanning identity)",
      attach: "identity",
      policy: doc({
        Sid: "DriftwatchDiscovery",
        Effect: "Allow",
        Action: [...SCAN_ACTIONS],
        Resource: "*",
      }),
      commands: [
        `aws iam attach-role-policy --role-name <SCANNER_ROLE> --policy-arn arn:${partition}:iam::aws:policy/ReadOnlyAccess`,
      ],
      notes: [
        "Cloud Control reads each resource through the service's own read actions (s3:GetBucketPolicy for AWS::S3::Bucket, ec2:DescribeInstances for AWS::EC2::Instance, …): attach the AWS-managed ReadOnlyAccess policy as well, or add those per-service Describe*/Get*/List* actions yourself.",
        "Cloud Control's IAM prefix is cloudformation, not cloudcontrol: cloudcontrol:GetResource is not an IAM action.",
      ],
    },
    {
      id: "state_read",
      title: "Read Terraform state (attach to the identity that reads the state)",
      attach: "identity",
      policy: doc({
        Sid: "ReadTerraformState",
        Effect: "Allow",
        Action: [...STATE_READ_ACTIONS],
        Resource: resources,
      }),
      commands: [],
      notes: [
        input.stateBuckets.length > 0
          ? "The buckets are those of the state sources this account reads."
          : "No state source reads through this account yet: replace <STATE_BUCKET> with the state bucket.",
        "ReadOnlyAccess already covers this for buckets in the same account. No write and no DynamoDB action: driftwatch reads state and never takes the state lock.",
      ],
    },
    {
      id: "bucket_policy",
      title: "Cross-account state bucket (bucket policy, only when the bucket is in another account)",
      attach: "resource",
      policy: doc({
        Sid: "AllowDriftwatchStateRead",
        Effect: "Allow",
        Principal: { AWS: principalText },
        Action: [...STATE_READ_ACTIONS],
        Resource: resources,
      }),
      commands: [],
      notes: [
        principal
          ? `The principal is the identity this account signs in as (${principal}).`
          : "Register or test the account first to fill in the principal: driftwatch learns it from STS GetCallerIdentity.",
        "The identity still needs the state-read statement in its own account: cross-account access needs both sides to allow.",
      ],
    },
    {
      id: "kms",
      title: "SSE-KMS encrypted state bucket (customer-managed key)",
      attach: "identity",
      policy: doc({
        Sid: "DecryptStateBucketKMS",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:DescribeKey"],
        Resource: `arn:${partition}:kms:${kmsRegion}:<KMS_ACCOUNT_ID>:key/<KEY_ID>`,
      }),
      commands: [],
      notes: [
        "A key in another account must also allow this principal in its key policy: KMS needs both sides to allow.",
        "SSE-S3 (AWS-managed keys) needs no KMS permission.",
      ],
    },
  ];
  const trust = trustSection(input, partition);
  if (trust) sections.push(trust);
  return {
    account_id: input.accountId,
    region: input.region,
    principal_arn: principal,
    sections,
    text: renderText(input, sections),
  };
}

function trustSection(input: AccountSetupInput, partition: Partition): SetupSection | undefined {
  if (input.credentialType === "aws_oidc") {
    const built = trustOidcPolicy({
      accountId: input.accountId,
      issuer: input.federation.issuer,
      audience: input.federation.audience,
      orgId: input.orgId,
      partition,
    });
    const provider = built.policy.Statement[0]!.Principal as { Federated: string };
    const host = provider.Federated.split(":oidc-provider/")[1];
    return {
      id: "trust_policy",
      title: "Trust policy of the role (OIDC federation, your organisation filled in)",
      attach: "trust",
      policy: built.policy,
      commands: [
        `aws iam list-open-id-connect-providers   # reuse arn:${partition}:iam::${input.accountId}:oidc-provider/${host} if it exists`,
        `aws iam create-open-id-connect-provider --url ${input.federation.issuer} --client-id-list ${input.federation.audience}`,
        `aws iam create-role --role-name ${roleName(input.roleArn) ?? "<SCANNER_ROLE>"} --assume-role-policy-document file://trust-policy.json`,
      ],
      notes: built.notes,
    };
  }
  if (input.roleArn) {
    return {
      id: "trust_policy",
      title: "Trust policy of the role (AssumeRole with the external id)",
      attach: "trust",
      policy: doc({
        Sid: "DriftwatchAssumesRole",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::<BASE_ACCOUNT_ID>:user/<BASE_IAM_USER>` },
        Action: "sts:AssumeRole",
        ...(input.externalId ? { Condition: { StringEquals: { "sts:ExternalId": input.externalId } } } : {}),
      }),
      commands: [],
      notes: [
        "The principal is the IAM user whose access key driftwatch holds; it also needs sts:AssumeRole on this role in its own policy.",
        "The sts:ExternalId condition stops a confused deputy: driftwatch always sends this external id.",
      ],
    };
  }
  return undefined;
}

function roleName(arn: string | undefined): string | undefined {
  return arn ? parseRoleArn(arn)?.name : undefined;
}

function renderText(input: AccountSetupInput, sections: SetupSection[]): string {
  const out: string[] = [
    `Setup for AWS account ${input.accountId} (credential ${input.credentialType}, region ${input.region})`,
    "",
  ];
  sections.forEach((s, i) => {
    out.push(`${i + 1}. ${s.title}`);
    for (const c of s.commands) out.push(`   $ ${c}`);
    if (s.policy)
      out.push(
        ...renderPolicy(s.policy)
          .trimEnd()
          .split("\n")
          .map((l) => `   ${l}`),
      );
    for (const n of s.notes) out.push(`   - ${n}`);
    out.push("");
  });
  return out.join("\n");
}
