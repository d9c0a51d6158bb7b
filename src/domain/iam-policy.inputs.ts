/**
 * Input checks for the IAM policy builder (and for anything else that takes a bucket, an ARN, an account
 * id or an external id from a user): each bad value throws PolicyInputError naming the field, the reason
 * and the fix. Pure: no I/O, no Node built-ins (the UI bundles it).
 */

export type Partition = "aws" | "aws-cn" | "aws-us-gov";
export const PARTITIONS: readonly Partition[] = ["aws", "aws-cn", "aws-us-gov"];

/** A bad builder input. `field` is the API/CLI parameter name (snake_case). */
export class PolicyInputError extends Error {
  readonly code: string;
  readonly field: string;
  readonly hint: string;
  constructor(field: string, message: string, hint: string) {
    super(message);
    this.name = "PolicyInputError";
    this.code = `policy.invalid_${field}`;
    this.field = field;
    this.hint = hint;
  }
}

/** The session tag (and token claim) that carries the driftwatch organisation id. */
export const ORG_CLAIM = "dw_org_id";

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const RESERVED_BUCKET_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_BUCKET_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** S3 general purpose bucket naming rules. Returns the name, or throws. */
export function checkBucketName(name: string | undefined, field = "bucket"): string {
  if (name === undefined || name === "") {
    throw new PolicyInputError(field, `${field} is required.`, "Give the bucket name, e.g. my-data-drops.");
  }
  const bad = (why: string) =>
    new PolicyInputError(
      field,
      `"${name}" is not a valid S3 bucket name: ${why}.`,
      "Bucket names are 3–63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. Give the name only, not an ARN or s3:// URL.",
    );
  if (name.startsWith("arn:") || name.startsWith("s3://")) throw bad("it is an ARN or URL, not a name");
  if (name.length < 3 || name.length > 63) throw bad(`it is ${name.length} characters long`);
  if (!/^[a-z0-9.-]+$/.test(name)) throw bad("it has characters other than a-z, 0-9, '.' and '-'");
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name))
    throw bad("it must start and end with a letter or digit");
  if (name.includes("..")) throw bad("it has two dots in a row");
  if (name.includes(".-") || name.includes("-.")) throw bad("a dot cannot be next to a hyphen");
  if (IPV4.test(name)) throw bad("it is formatted as an IP address");
  for (const p of RESERVED_BUCKET_PREFIXES)
    if (name.startsWith(p)) throw bad(`the prefix "${p}" is reserved`);
  for (const s of RESERVED_BUCKET_SUFFIXES) if (name.endsWith(s)) throw bad(`the suffix "${s}" is reserved`);
  return name;
}

/** An object key prefix: optional; no leading slash, no IAM wildcards or policy variables. */
export function checkPrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === "") return "";
  const bad = (why: string, hint: string) =>
    new PolicyInputError("prefix", `The prefix "${prefix}" ${why}.`, hint);
  if (prefix.startsWith("/"))
    throw bad("starts with '/'", 'S3 keys have no leading slash: write "incoming/orders/".');
  if (/[*?]/.test(prefix))
    throw bad(
      "has '*' or '?'",
      "In a policy these are wildcards; give the literal prefix (a glob belongs in the file pattern).",
    );
  if (prefix.includes("${")) throw bad("has '${'", "That starts an IAM policy variable; remove it.");
  if (/[\u0000-\u001f\u007f]/.test(prefix)) throw bad("has control characters", "Remove them.");
  if (new TextEncoder().encode(prefix).length > 1024)
    throw bad("is longer than 1024 bytes", "S3 keys are at most 1024 bytes.");
  return prefix;
}

export function checkAccountId(value: string | undefined, field = "account_id"): string {
  if (value === undefined || !/^\d{12}$/.test(value)) {
    throw new PolicyInputError(
      field,
      value === undefined || value === "" ? `${field} is required.` : `"${value}" is not an AWS account id.`,
      "An AWS account id is 12 digits (leading zeros included): `aws sts get-caller-identity --query Account`.",
    );
  }
  return value;
}

export function checkPartition(value: string | undefined): Partition | undefined {
  if (value === undefined || value === "") return undefined;
  if (!(PARTITIONS as readonly string[]).includes(value)) {
    throw new PolicyInputError(
      "partition",
      `"${value}" is not an AWS partition.`,
      "Use aws (commercial regions), aws-cn (China) or aws-us-gov (GovCloud).",
    );
  }
  return value as Partition;
}

const REGION = "[a-z]{2}(?:-[a-z]+)+-\\d{1,2}";
const KMS_KEY_ARN = new RegExp(
  `^arn:(aws|aws-cn|aws-us-gov):kms:(${REGION}):(\\d{12}):key/((?:mrk-[0-9a-f]{32})|(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))$`,
);

export interface KmsKey {
  arn: string;
  partition: Partition;
  region: string;
  account: string;
}

export function checkKmsKeyArn(value: string | undefined): KmsKey | undefined {
  if (value === undefined || value === "") return undefined;
  const m = KMS_KEY_ARN.exec(value);
  if (!m) {
    const alias = /^arn:[a-z-]+:kms:[^:]*:\d*:alias\//.test(value) || value.startsWith("alias/");
    throw new PolicyInputError(
      "kms_key_arn",
      alias ? `"${value}" is a KMS alias, not a key.` : `"${value}" is not a KMS key ARN.`,
      alias
        ? "IAM matches key ARNs, not aliases: `aws kms describe-key --key-id <alias> --query KeyMetadata.Arn` gives the key ARN."
        : "A KMS key ARN looks like arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab.",
    );
  }
  return { arn: value, partition: m[1] as Partition, region: m[2]!, account: m[3]! };
}

const IAM_NAME = "[\\w+=,.@-]+";
const PRINCIPAL_ARN = new RegExp(
  `^arn:(aws|aws-cn|aws-us-gov):iam::(\\d{12}):(root|(?:user|role)/(?:${IAM_NAME}/)*${IAM_NAME})$`,
);

export interface IamPrincipal {
  arn: string;
  partition: Partition;
  account: string;
}

/** A principal for a trust or bucket policy: an IAM user or role ARN, an account root ARN, or an account id. */
export function checkPrincipal(
  value: string | undefined,
  partition: Partition,
  field = "principal_arn",
): IamPrincipal {
  if (value !== undefined && /^\d{12}$/.test(value)) {
    return { arn: `arn:${partition}:iam::${value}:root`, partition, account: value };
  }
  const m = value === undefined ? null : PRINCIPAL_ARN.exec(value);
  if (!m) {
    throw new PolicyInputError(
      field,
      value === undefined || value === ""
        ? `${field} is required.`
        : `"${value}" is not an IAM user or role ARN.`,
      "Give the ARN of the IAM user or role driftwatch signs in as, e.g. arn:aws:iam::123456789012:user/driftwatch (or a 12-digit account id for the whole account).",
    );
  }
  return { arn: value!, partition: m[1] as Partition, account: m[2]! };
}

const ROLE_ARN = new RegExp(
  `^arn:(aws|aws-cn|aws-us-gov):iam::(\\d{12}):role/(?:${IAM_NAME}/)*(${IAM_NAME})$`,
);

/** A role ARN as STS wants it. Returns its parts, or undefined when it is not one. */
export function parseRoleArn(
  value: string,
): { partition: Partition; account: string; name: string } | undefined {
  const m = ROLE_ARN.exec(value);
  if (!m || value.length > 2048) return undefined;
  return { partition: m[1] as Partition, account: m[2]!, name: m[3]! };
}

/** AWS's rule for sts:ExternalId: 2–1224 characters of letters, digits and `+=,.@:/-_`. */
export function checkExternalId(value: string | undefined, field = "external_id"): string {
  if (value === undefined || !/^[\w+=,.@:/-]{2,1224}$/.test(value)) {
    throw new PolicyInputError(
      field,
      value === undefined || value === ""
        ? `${field} is required.`
        : `"${value}" is not a valid external id.`,
      "An external id is 2–1224 characters of letters, digits and + = , . @ : / - _. Your organisation's is shown by GET /api/v1/org.",
    );
  }
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function checkOrgId(value: string | undefined): string {
  if (value === undefined || !UUID.test(value)) {
    throw new PolicyInputError(
      "org_id",
      value ? `"${value}" is not an organisation id.` : "org_id is required.",
      "Give your driftwatch organisation's id (a UUID), shown by GET /api/v1/org.",
    );
  }
  return value;
}

/** An OIDC issuer URL: absolute http(s), no query, fragment or trailing slash. */
export function checkIssuer(value: string | undefined): URL {
  let url: URL | undefined;
  try {
    url = value ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (
    !url ||
    (url.protocol !== "https:" && url.protocol !== "http:") ||
    url.search ||
    url.hash ||
    value!.endsWith("/")
  ) {
    throw new PolicyInputError(
      "issuer",
      value ? `"${value}" is not an issuer URL.` : "issuer is required.",
      "The issuer is driftwatch's public URL (DRIFTWATCH_PUBLIC_URL), e.g. https://driftwatch.example.com, without a trailing slash.",
    );
  }
  return url;
}

/** The name IAM gives an OIDC provider (and the prefix of its condition keys): the issuer without its scheme. */
export function oidcProviderName(issuer: string): string {
  const url = checkIssuer(issuer);
  return `${url.host}${url.pathname === "/" ? "" : url.pathname}`;
}

export function oidcProviderArn(accountId: string, issuer: string, partition: Partition = "aws"): string {
  return `arn:${partition}:iam::${checkAccountId(accountId)}:oidc-provider/${oidcProviderName(issuer)}`;
}
