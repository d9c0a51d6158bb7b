/**
 * The UI's side of the IAM policy builder: the shared pure builder (src/domain/iam-policy.ts, the same code
 * the API and CLI use) fed from a half-filled form. A field the builder refuses is reported, and the policy
 * is still drawn with a placeholder so the user sees its shape while typing.
 */
import {
  type BuiltPolicy,
  type Partition,
  PolicyInputError,
  s3SourcePolicy,
  trustRolePolicy,
} from "../../../src/domain/iam-policy.ts";

export const BUCKET_PLACEHOLDER = "your-bucket-name";

export interface Rendered {
  built: BuiltPolicy | null;
  /** Why the form's values could not be used as they are (the policy then shows placeholders). */
  problem: string | null;
}

/** The ARN partition of a region: aws, aws-cn or aws-us-gov. */
export function partitionOf(region: string): Partition {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

function attempt(build: () => BuiltPolicy, fallback: () => BuiltPolicy): Rendered {
  try {
    return { built: build(), problem: null };
  } catch (err) {
    if (!(err instanceof PolicyInputError)) throw err;
    let built: BuiltPolicy | null = null;
    try {
      built = fallback();
    } catch {
      built = null;
    }
    return { built, problem: `${err.message} ${err.hint}` };
  }
}

export function renderSourcePolicy(input: { bucket: string; prefix: string; region: string }): Rendered {
  const partition = partitionOf(input.region.trim());
  const bucket = input.bucket.trim();
  if (bucket === "") {
    return { built: s3SourcePolicy({ bucket: BUCKET_PLACEHOLDER, prefix: "", partition }), problem: null };
  }
  return attempt(
    () => s3SourcePolicy({ bucket, prefix: input.prefix, partition }),
    () => s3SourcePolicy({ bucket: BUCKET_PLACEHOLDER, prefix: "", partition }),
  );
}

/**
 * The trust policy of a role assumed with the stored key. `principal` is the key's IAM user ARN or a
 * 12-digit account id; empty means the role's own account.
 */
export function renderTrustRolePolicy(input: {
  roleArn: string;
  principal: string;
  externalId: string;
}): Rendered {
  const arn = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\//.exec(input.roleArn.trim());
  const partition = (arn?.[1] ?? "aws") as Partition;
  const principal = input.principal.trim() || arn?.[2] || "";
  if (principal === "") {
    return {
      built: null,
      problem: "Enter the role ARN (or the key's IAM user ARN) to render the trust policy.",
    };
  }
  const externalId = input.externalId.trim();
  return attempt(
    () => trustRolePolicy({ principalArn: principal, externalId, partition }),
    () =>
      trustRolePolicy({ principalArn: "123456789012", externalId: externalId || "external-id", partition }),
  );
}

export function toJson(doc: unknown): string {
  return JSON.stringify(doc, null, 2);
}
