/**
 * PutObject: plain bodies (Content-Length) and `aws-chunked` bodies with a trailing checksum
 * (STREAMING-UNSIGNED-PAYLOAD-TRAILER), with the checks S3 makes on length, payload hash, Content-MD5
 * and `x-amz-checksum-*`, and conditional writes (`If-None-Match: *`, `If-Match`).
 */
import { sha256Hex } from "../sigv4/sha256.ts";
import {
  isHexPayloadHash,
  payloadHashMismatch,
  STREAMING_SIGNED_PAYLOAD,
  STREAMING_SIGNED_PAYLOAD_TRAILER,
  STREAMING_UNSIGNED_PAYLOAD_TRAILER,
} from "../sigv4/sigv4.verify.ts";
import {
  CHECKSUM_ALGORITHMS,
  type ChecksumAlgorithm,
  ChunkedBodyError,
  computeChecksum,
  decodeAwsChunked,
  md5Base64,
} from "./aws-chunked.ts";
import { headerValue, type ObjectContext, type Reply, readBody } from "./s3-emulator.context.ts";
import { S3Error } from "./s3-emulator.errors.ts";
import { encryptionHeaders, encryptionOf } from "./s3-emulator.sse.ts";
import { STORAGE_CLASSES } from "./s3-emulator.store.ts";

/** S3's limit for a single PUT. */
export const MAX_PUT_SIZE = 5 * 1024 ** 3;

function checkLengthHeaders(ctx: ObjectContext, streaming: boolean): number | undefined {
  if (streaming) {
    const decoded = headerValue(ctx.req, "x-amz-decoded-content-length");
    if (decoded === undefined || !/^\d+$/.test(decoded)) throw new S3Error("MissingContentLength");
    return Number(decoded);
  }
  if (headerValue(ctx.req, "content-length") === undefined) {
    if (headerValue(ctx.req, "transfer-encoding") !== undefined) {
      throw new S3Error("NotImplemented", undefined, { Header: "Transfer-Encoding" });
    }
    throw new S3Error("MissingContentLength");
  }
  return undefined;
}

/** Which condition a write carries, for the write record. */
export function conditionOf(ctx: ObjectContext): "if-none-match" | "if-match" | undefined {
  if (headerValue(ctx.req, "if-none-match") !== undefined) return "if-none-match";
  if (headerValue(ctx.req, "if-match") !== undefined) return "if-match";
  return undefined;
}

/** `If-None-Match: *` (refused when an object is there) and `If-Match` (refused unless its ETag matches). */
export function checkPrecondition(ctx: ObjectContext): void {
  const current = ctx.bucket.objects.get(ctx.key);
  const ifNoneMatch = headerValue(ctx.req, "if-none-match");
  if (ifNoneMatch !== undefined && ifNoneMatch.trim() === "*" && current) {
    throw new S3Error("PreconditionFailed", undefined, { Condition: "If-None-Match" });
  }
  const ifMatch = headerValue(ctx.req, "if-match");
  if (ifMatch !== undefined) {
    if (!current) throw new S3Error("NoSuchKey", undefined, { Key: ctx.key });
    if (ifMatch.trim().replace(/"/g, "") !== current.etag.replace(/"/g, "")) {
      throw new S3Error("PreconditionFailed", undefined, { Condition: "If-Match" });
    }
  }
}

function collectChecksums(
  ctx: ObjectContext,
  trailers: Map<string, string>,
  body: Buffer,
): Record<string, string> {
  const sent: Record<string, string> = {};
  for (const alg of CHECKSUM_ALGORITHMS) {
    const value = headerValue(ctx.req, `x-amz-checksum-${alg}`) ?? trailers.get(`x-amz-checksum-${alg}`);
    if (value !== undefined) sent[alg] = value;
  }
  const declaredTrailer = headerValue(ctx.req, "x-amz-trailer")?.toLowerCase();
  if (declaredTrailer?.startsWith("x-amz-checksum-") && !trailers.has(declaredTrailer)) {
    throw new S3Error(
      "InvalidRequest",
      `The ${declaredTrailer} trailer declared in x-amz-trailer was not sent.`,
    );
  }
  for (const [alg, value] of Object.entries(sent)) {
    const computed = computeChecksum(alg as ChecksumAlgorithm, body);
    if (computed !== undefined && computed !== value) {
      throw new S3Error(
        "BadDigest",
        `The ${alg.toUpperCase()} you specified did not match the calculated checksum.`,
      );
    }
  }
  return sent;
}

export function userMetadata(ctx: ObjectContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(ctx.req.headers)) {
    if (name.startsWith("x-amz-meta-") && value !== undefined) {
      out[name.slice("x-amz-meta-".length)] = Array.isArray(value) ? value.join(",") : value;
    }
  }
  return out;
}

export async function putObject(ctx: ObjectContext): Promise<Reply> {
  if (headerValue(ctx.req, "x-amz-copy-source") !== undefined) {
    throw new S3Error("NotImplemented", "CopyObject is not supported by the emulator.", {
      Header: "x-amz-copy-source",
    });
  }
  const payloadHash = ctx.auth.payloadHash;
  if (payloadHash === STREAMING_SIGNED_PAYLOAD || payloadHash === STREAMING_SIGNED_PAYLOAD_TRAILER) {
    throw new S3Error(
      "NotImplemented",
      "Signed aws-chunked payloads are not supported by the emulator (the AWS SDK for JavaScript v3 does not send them).",
      { Header: "x-amz-content-sha256" },
    );
  }
  const streaming = payloadHash === STREAMING_UNSIGNED_PAYLOAD_TRAILER;
  const decodedLength = checkLengthHeaders(ctx, streaming);
  const storageClass = headerValue(ctx.req, "x-amz-storage-class") ?? "STANDARD";
  if (!STORAGE_CLASSES.has(storageClass))
    throw new S3Error("InvalidStorageClass", undefined, { StorageClassRequested: storageClass });
  const encryption = encryptionOf(ctx, "kms:GenerateDataKey");

  const raw = await readBody(ctx.req, MAX_PUT_SIZE + 1024 * 1024);
  let body = raw;
  let trailers = new Map<string, string>();
  if (streaming) {
    try {
      ({ body, trailers } = decodeAwsChunked(raw));
    } catch (err) {
      if (err instanceof ChunkedBodyError) throw new S3Error("IncompleteBody", err.message);
      throw err;
    }
    if (body.length !== decodedLength) {
      throw new S3Error(
        "IncompleteBody",
        "The decoded body length does not match x-amz-decoded-content-length.",
      );
    }
  }
  if (body.length > MAX_PUT_SIZE)
    throw new S3Error("EntityTooLarge", undefined, { MaxSizeAllowed: String(MAX_PUT_SIZE) });
  if (isHexPayloadHash(payloadHash)) {
    const computed = sha256Hex(body);
    if (computed !== payloadHash) {
      const f = payloadHashMismatch(payloadHash, computed);
      throw new S3Error(f.code, f.message, f.details, f.status);
    }
  }
  const contentMd5 = headerValue(ctx.req, "content-md5");
  if (contentMd5 !== undefined) {
    if (Buffer.from(contentMd5, "base64").length !== 16) throw new S3Error("InvalidDigest");
    if (md5Base64(body) !== contentMd5)
      throw new S3Error("BadDigest", "The Content-MD5 you specified did not match what we received.");
  }
  const checksums = collectChecksums(ctx, trailers, body);
  const condition = conditionOf(ctx);
  const existed = ctx.bucket.objects.has(ctx.key);
  try {
    checkPrecondition(ctx);
  } catch (err) {
    if (err instanceof S3Error && err.code === "PreconditionFailed") {
      ctx.recordWrite({
        op: "PutObject",
        bucket: ctx.bucket.name,
        key: ctx.key,
        outcome: "precondition_failed",
        replaced: false,
        ...(condition ? { condition } : {}),
      });
    }
    throw err;
  }

  const encodings = (headerValue(ctx.req, "content-encoding") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "" && e !== "aws-chunked");
  const obj = ctx.store.put(ctx.bucket, ctx.key, {
    body,
    lastModified: ctx.now(),
    storageClass,
    contentType: headerValue(ctx.req, "content-type"),
    contentEncoding: encodings.length > 0 ? encodings.join(",") : undefined,
    metadata: userMetadata(ctx),
    checksums,
    ...(encryption ? { sse: encryption.sse } : {}),
    ...(encryption?.kmsKeyArn ? { kmsKeyArn: encryption.kmsKeyArn } : {}),
  });
  ctx.recordWrite({
    op: "PutObject",
    bucket: ctx.bucket.name,
    key: ctx.key,
    outcome: "stored",
    replaced: existed,
    etag: obj.etag,
    size: obj.size,
    ...(condition ? { condition } : {}),
  });
  const headers: Record<string, string> = { ETag: obj.etag, ...encryptionHeaders(encryption) };
  if (obj.versionId) headers["x-amz-version-id"] = obj.versionId;
  for (const [alg, value] of Object.entries(checksums)) headers[`x-amz-checksum-${alg}`] = value;
  return { status: 200, headers };
}
