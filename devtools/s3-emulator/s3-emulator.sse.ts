/**
 * Server-side encryption headers of writes: `x-amz-server-side-encryption: AES256 | aws:kms` and
 * `x-amz-server-side-encryption-aws-kms-key-id` (a key id, an alias or an ARN). Nothing is encrypted; what
 * matters to a client is that S3 asks KMS on the caller's behalf, so a write with a key the caller may not
 * use is AccessDenied naming the KMS action, as on S3.
 */
import { headerValue, type ObjectContext } from "./s3-emulator.context.ts";
import { S3Error } from "./s3-emulator.errors.ts";

export interface Encryption {
  sse: string;
  kmsKeyArn?: string;
}

/** The account the emulator's keys and users live in. */
export const EMULATOR_ACCOUNT = "000000000000";

function keyArn(id: string | undefined, region: string): string {
  if (id === undefined || id === "") return `arn:aws:kms:${region}:${EMULATOR_ACCOUNT}:alias/aws/s3`;
  if (id.startsWith("arn:")) return id;
  return `arn:aws:kms:${region}:${EMULATOR_ACCOUNT}:${id.startsWith("alias/") ? id : `key/${id}`}`;
}

/** The encryption a write asks for; for SSE-KMS the caller must be allowed `action` on the key. */
export function encryptionOf(ctx: ObjectContext, action: string): Encryption | undefined {
  const sse = headerValue(ctx.req, "x-amz-server-side-encryption");
  const keyId = headerValue(ctx.req, "x-amz-server-side-encryption-aws-kms-key-id");
  if (sse === undefined) {
    if (keyId !== undefined) {
      throw new S3Error(
        "InvalidArgument",
        "Server Side Encryption with KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms",
        { ArgumentName: "x-amz-server-side-encryption" },
      );
    }
    return undefined;
  }
  if (sse === "AES256") return { sse };
  if (sse !== "aws:kms" && sse !== "aws:kms:dsse") {
    throw new S3Error("InvalidArgument", "The encryption method specified is not supported", {
      ArgumentName: "x-amz-server-side-encryption",
      ArgumentValue: sse,
    });
  }
  const arn = keyArn(keyId, ctx.bucket.region);
  ctx.demandKms(action, arn);
  return { sse, kmsKeyArn: arn };
}

export function encryptionHeaders(e: Encryption | undefined): Record<string, string> {
  if (!e) return {};
  return {
    "x-amz-server-side-encryption": e.sse,
    ...(e.kmsKeyArn ? { "x-amz-server-side-encryption-aws-kms-key-id": e.kmsKeyArn } : {}),
  };
}
