/**
 * Least-privilege IAM policies for what driftwatch does in a user's AWS account: read a watched prefix,
 * write exports, read Terraform state, trust driftwatch (role + external id, or OIDC), and a cross-account
 * bucket policy. Pure: no I/O, no Node built-ins (the UI imports this module to render policies live).
 *
 * Every document uses Version 2012-10-17, alphanumeric Sids and well-formed ARNs in the chosen partition
 * (`aws`, `aws-cn`, `aws-us-gov`). Inputs are checked first; a bad one throws PolicyInputError naming the
 * field (in the API's snake_case) with the reason and a fix.
 */
import {
  checkAccountId,
  checkBucketName,
  checkExternalId,
  checkIssuer,
  checkKmsKeyArn,
  checkOrgId,
  checkPartition,
  checkPrefix,
  checkPrincipal,
  type KmsKey,
  ORG_CLAIM,
  oidcProviderName,
  type Partition,
  PolicyInputError,
} from "./iam-policy.inputs.ts";
import { type CompiledTemplate, compileTemplate, PathTemplateError } from "./path-template.ts";

export * from "./iam-policy.inputs.ts";

export type PolicyKind =
  | "s3-source"
  | "s3-destination"
  | "state-read"
  | "trust-role"
  | "trust-oidc"
  | "bucket-policy";
export const POLICY_KINDS: readonly PolicyKind[] = [
  "s3-source",
  "s3-destination",
  "state-read",
  "trust-role",
  "trust-oidc",
  "bucket-policy",
];

export type ConditionBlock = Record<string, Record<string, string | string[]>>;

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Principal?: { AWS: string } | { Federated: string };
  Action: string | string[];
  Resource?: string | string[];
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

export interface BuiltPolicy {
  kind: PolicyKind;
  /** `identity` documents attach to a user or role; `trust` is a role's trust policy; `resource` a bucket policy. */
  attach: "identity" | "trust" | "resource";
  policy: PolicyDocument;
  /** What the user should know before pasting it (why a statement is there, what it does not cover). */
  notes: string[];
}

// ---------------------------------------------------------------------------------------------- builders

export interface S3PolicyInput {
  bucket: string;
  prefix?: string;
  kmsKeyArn?: string;
  partition?: Partition;
}

interface S3Target {
  partition: Partition;
  bucketArn: string;
  objectsArn: string;
  prefix: string;
  kms: KmsKey | undefined;
}

function s3Target(input: S3PolicyInput): S3Target {
  const bucket = checkBucketName(input.bucket);
  const prefix = checkPrefix(input.prefix);
  const kms = checkKmsKeyArn(input.kmsKeyArn);
  const partition = input.partition ?? kms?.partition ?? "aws";
  if (kms && kms.partition !== partition) {
    throw new PolicyInputError(
      "kms_key_arn",
      `The KMS key is in partition ${kms.partition} but the policy is for ${partition}.`,
      "Use a key in the bucket's partition, or set partition to match.",
    );
  }
  return {
    partition,
    bucketArn: `arn:${partition}:s3:::${bucket}`,
    objectsArn: `arn:${partition}:s3:::${bucket}/${prefix}*`,
    prefix,
    kms,
  };
}

function listStatement(sid: string, t: S3Target): PolicyStatement {
  const statement: PolicyStatement = {
    Sid: sid,
    Effect: "Allow",
    Action: "s3:ListBucket",
    Resource: t.bucketArn,
  };
  if (t.prefix) statement.Condition = { StringLike: { "s3:prefix": [`${t.prefix}*`] } };
  return statement;
}

function prefixNote(t: S3Target): string[] {
  return t.prefix
    ? [
        `Listing is limited to keys under "${t.prefix}" by an s3:prefix condition; a listing of the whole bucket (or a HeadBucket) is denied, which is intended.`,
      ]
    : [];
}

const doc = (...statements: PolicyStatement[]): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: statements,
});

/** Read a watched prefix: list it, get its objects (and decrypt them when a KMS key is named). */
export function s3SourcePolicy(input: S3PolicyInput): BuiltPolicy {
  const t = s3Target(input);
  const statements = [
    listStatement("ListWatchedPrefix", t),
    { Sid: "ReadWatchedObjects", Effect: "Allow" as const, Action: "s3:GetObject", Resource: t.objectsArn },
  ];
  if (t.kms) {
    statements.push({
      Sid: "DecryptWatchedObjects",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: t.kms.arn,
    });
  }
  return {
    kind: "s3-source",
    attach: "identity",
    policy: doc(...statements),
    notes: [
      ...prefixNote(t),
      "driftwatch never writes to or deletes from a watched bucket.",
      ...(t.kms
        ? [
            "If the KMS key is in another account, its key policy must also allow kms:Decrypt for this principal.",
          ]
        : []),
    ],
  };
}

/**
 * Write exports: PutObject under the prefix; DeleteObject only for the connection test's own object. The
 * prefix may be a destination's path template (`exports/{org}/{full_date}/`): the policy pins the part
 * before its first variable, since IAM cannot know what a variable renders to.
 */
export function s3DestinationPolicy(input: S3PolicyInput): BuiltPolicy {
  let template: CompiledTemplate;
  try {
    template = compileTemplate(input.prefix ?? "");
  } catch (err) {
    if (err instanceof PathTemplateError) throw new PolicyInputError("prefix", err.message, err.hint);
    throw err;
  }
  const t = s3Target({ ...input, prefix: template.literalPrefix });
  const statements: PolicyStatement[] = [
    { Sid: "WriteExports", Effect: "Allow", Action: "s3:PutObject", Resource: t.objectsArn },
    { Sid: "RemoveConnectionTestObject", Effect: "Allow", Action: "s3:DeleteObject", Resource: t.objectsArn },
  ];
  if (t.kms) {
    statements.push({
      Sid: "EncryptExports",
      Effect: "Allow",
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: t.kms.arn,
    });
  }
  return {
    kind: "s3-destination",
    attach: "identity",
    policy: doc(...statements),
    notes: [
      "s3:DeleteObject is only for the connection test, which writes one small object when the destination is created (and when you test it again) and deletes it. Exports only ever add new keys, so you can remove the RemoveConnectionTestObject statement once the destination is saved.",
      ...(template.variables.size > 0
        ? [
            `The path prefix "${template.source}" has variables, so the policy allows writes under "${template.literalPrefix}", the part before the first one${template.literalPrefix === "" ? " (the whole bucket)" : ""}.`,
          ]
        : []),
      "Objects over 8 MiB are written as multipart uploads, which s3:PutObject covers. An upload interrupted by a crash leaves parts behind that are not objects; a lifecycle rule with AbortIncompleteMultipartUpload (e.g. after 1 day) removes them.",
      ...(t.kms
        ? [
            "kms:GenerateDataKey lets S3 encrypt each export with your key; kms:Decrypt is what S3 needs to assemble a multipart upload (files over 8 MiB). A key in another account must allow both in its key policy.",
          ]
        : []),
    ],
  };
}

/** Read Terraform state: GetObject, GetObjectVersion, ListBucket; kms:Decrypt + DescribeKey with a key. */
export function stateReadPolicy(input: S3PolicyInput): BuiltPolicy {
  const t = s3Target(input);
  const statements: PolicyStatement[] = [
    listStatement("ListStateBucket", t),
    {
      Sid: "ReadTerraformState",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:GetObjectVersion"],
      Resource: t.objectsArn,
    },
  ];
  if (t.kms) {
    statements.push({
      Sid: "DecryptTerraformState",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:DescribeKey"],
      Resource: t.kms.arn,
    });
  }
  return {
    kind: "state-read",
    attach: "identity",
    policy: doc(...statements),
    notes: [
      ...prefixNote(t),
      ...(t.prefix
        ? [
            'Terraform keeps non-default workspaces under "env:/<workspace>/"; if you use workspaces, build this policy without a prefix or with "env:/".',
          ]
        : []),
      "No write and no DynamoDB action: driftwatch reads state and never takes the state lock.",
      ...(t.kms
        ? ["If the KMS key is in another account, its key policy must also allow this principal."]
        : ["SSE-S3 (AWS-managed) encryption needs no KMS permission."]),
    ],
  };
}

export interface TrustRoleInput {
  /** The IAM user (or role) whose keys driftwatch holds, or a 12-digit account id. */
  principalArn: string;
  externalId: string;
  partition?: Partition;
}

/** The trust policy of a role driftwatch assumes with its stored key, pinned to the organisation's external id. */
export function trustRolePolicy(input: TrustRoleInput): BuiltPolicy {
  const partition = input.partition ?? "aws";
  const principal = checkPrincipal(input.principalArn, partition);
  const externalId = checkExternalId(input.externalId);
  return {
    kind: "trust-role",
    attach: "trust",
    policy: doc({
      Sid: "DriftwatchAssumesRole",
      Effect: "Allow",
      Principal: { AWS: principal.arn },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "sts:ExternalId": externalId } },
    }),
    notes: [
      "The sts:ExternalId condition stops a confused deputy: driftwatch always sends your organisation's external id, so another organisation that learns this role's ARN cannot make driftwatch assume it for them.",
      "The principal also needs sts:AssumeRole on this role in its own identity policy.",
    ],
  };
}

export interface TrustOidcInput {
  accountId: string;
  /** driftwatch's issuer (its public URL). */
  issuer: string;
  audience: string;
  orgId: string;
  partition?: Partition;
}

/** The trust policy of a role driftwatch assumes with its own OIDC token (no stored key at all). */
export function trustOidcPolicy(input: TrustOidcInput): BuiltPolicy {
  const partition = input.partition ?? "aws";
  const account = checkAccountId(input.accountId);
  const provider = oidcProviderName(input.issuer);
  const orgId = checkOrgId(input.orgId);
  if (!input.audience) {
    throw new PolicyInputError(
      "audience",
      "audience is required.",
      "Give driftwatch's OIDC audience (GET /api/v1/federation-info).",
    );
  }
  const issuerUrl = checkIssuer(input.issuer);
  return {
    kind: "trust-oidc",
    attach: "trust",
    policy: doc({
      Sid: "DriftwatchFederation",
      Effect: "Allow",
      Principal: { Federated: `arn:${partition}:iam::${account}:oidc-provider/${provider}` },
      Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
      Condition: {
        StringEquals: {
          [`${provider}:sub`]: `org-${orgId}`,
          [`${provider}:aud`]: input.audience,
          [`aws:RequestTag/${ORG_CLAIM}`]: orgId,
        },
      },
    }),
    notes: [
      `${provider}:sub pins your organisation: every driftwatch organisation gets tokens from the same issuer, so without it any organisation's token could assume this role.`,
      `${provider}:aud pins the audience, so a token this issuer signed for another purpose cannot be used here.`,
      `aws:RequestTag/${ORG_CLAIM} pins the organisation-id claim a second time. IAM exposes only sub, aud and a few standard claims of an OIDC token as condition keys, so driftwatch also sends the organisation id as a session tag; that is why the policy allows sts:TagSession.`,
      ...(issuerUrl.protocol === "https:"
        ? []
        : [
            `AWS only trusts https issuers; ${input.issuer} works with a local emulator, not with AWS. Set DRIFTWATCH_PUBLIC_URL to the https URL AWS can reach.`,
          ]),
    ],
  };
}

export type BucketAccess = "source" | "state-read" | "destination";

export interface BucketPolicyInput extends S3PolicyInput {
  principalArn: string;
  access?: BucketAccess;
}

/** A bucket policy for a bucket in another account than the principal's (IAM alone is not enough then). */
export function crossAccountBucketPolicy(input: BucketPolicyInput): BuiltPolicy {
  const t = s3Target(input);
  const principal = checkPrincipal(input.principalArn, t.partition);
  const access = input.access ?? "source";
  if (!["source", "state-read", "destination"].includes(access)) {
    throw new PolicyInputError(
      "access",
      `"${access}" is not a kind of access.`,
      "Use source, state-read or destination.",
    );
  }
  const who = { AWS: principal.arn };
  const statements: PolicyStatement[] =
    access === "destination"
      ? [
          {
            Sid: "AllowDriftwatchExports",
            Effect: "Allow",
            Principal: who,
            Action: "s3:PutObject",
            Resource: t.objectsArn,
          },
        ]
      : [
          { ...listStatement("AllowDriftwatchList", t), Principal: who },
          {
            Sid: "AllowDriftwatchRead",
            Effect: "Allow",
            Principal: who,
            Action: access === "state-read" ? ["s3:GetObject", "s3:GetObjectVersion"] : "s3:GetObject",
            Resource: t.objectsArn,
          },
        ];
  // Statement keys in the order AWS shows them.
  const ordered = statements.map(({ Sid, Effect, Principal, Action, Resource, Condition }) => ({
    Sid,
    Effect,
    Principal,
    Action,
    Resource,
    ...(Condition ? { Condition } : {}),
  }));
  return {
    kind: "bucket-policy",
    attach: "resource",
    policy: doc(...ordered),
    notes: [
      "Attach this to the bucket (S3 → bucket → Permissions → Bucket policy). The principal still needs the matching identity policy in its own account: cross-account access needs both sides to allow.",
      ...(access === "destination"
        ? [
            "With Object Ownership set to 'Bucket owner enforced', exported objects belong to the bucket's account.",
          ]
        : []),
      ...(t.kms ? ["The KMS key policy must allow this principal too."] : []),
    ],
  };
}

// ---------------------------------------------------------------------------------------------- dispatcher

/** Parameters as the API query and the CLI flags name them. */
export interface PolicyParams {
  bucket?: string;
  prefix?: string;
  kms_key_arn?: string;
  partition?: string;
  principal_arn?: string;
  external_id?: string;
  account_id?: string;
  issuer?: string;
  audience?: string;
  org_id?: string;
  access?: string;
}

export function isPolicyKind(value: string): value is PolicyKind {
  return (POLICY_KINDS as readonly string[]).includes(value);
}

/** Builds any kind from flat parameters (the API's query, the CLI's flags). */
export function buildPolicy(kind: PolicyKind, p: PolicyParams): BuiltPolicy {
  const partition = checkPartition(p.partition);
  const s3 = (): S3PolicyInput => ({
    bucket: p.bucket ?? "",
    ...(p.prefix === undefined ? {} : { prefix: p.prefix }),
    ...(p.kms_key_arn === undefined ? {} : { kmsKeyArn: p.kms_key_arn }),
    ...(partition === undefined ? {} : { partition }),
  });
  switch (kind) {
    case "s3-source":
      return s3SourcePolicy(s3());
    case "s3-destination":
      return s3DestinationPolicy(s3());
    case "state-read":
      return stateReadPolicy(s3());
    case "trust-role":
      return trustRolePolicy({
        principalArn: p.principal_arn ?? "",
        externalId: p.external_id ?? "",
        ...(partition === undefined ? {} : { partition }),
      });
    case "trust-oidc":
      return trustOidcPolicy({
        accountId: p.account_id ?? "",
        issuer: p.issuer ?? "",
        audience: p.audience ?? "",
        orgId: p.org_id ?? "",
        ...(partition === undefined ? {} : { partition }),
      });
    case "bucket-policy":
      return crossAccountBucketPolicy({
        ...s3(),
        principalArn: p.principal_arn ?? "",
        ...(p.access === undefined ? {} : { access: p.access as BucketAccess }),
      });
  }
}

/** The JSON a user pastes into the IAM console: two-space indent, trailing newline. */
export function renderPolicy(policy: PolicyDocument): string {
  return `${JSON.stringify(policy, null, 2)}\n`;
}
