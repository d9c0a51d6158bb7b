/**
 * Append-only writes to a destination bucket: every write is conditional (`If-None-Match: *`), so it
 * creates a new object or is refused with 412 and replaces nothing. A refusal comes back as
 * `{ status: "exists" }` for the caller to judge (the export outbox reads it as "already written" when it
 * had tried that key before, and as a collision otherwise).
 *
 * Up to 8 MiB a body is one PutObject with Content-MD5 (S3 checks the bytes); above, it streams as a
 * multipart upload (`@aws-sdk/lib-storage`, 8 MiB parts, a few in flight) whose completion carries the same
 * condition, so memory stays near partSize × queueSize whatever the size. SSE-KMS when a key is given.
 * Failures are AwsCallErrors (stable code, AWS's code, the fix); the SDK client comes from createS3Client,
 * which already has the endpoint, path-style and checksum settings S3-compatible stores need.
 */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { type AwsOperation, awsCallError, awsErrorCode } from "./aws-errors.ts";
import { unquoteEtag } from "./s3-client.ts";

/** Bodies above this go as multipart uploads (and each part is this size). */
export const MULTIPART_THRESHOLD = 8 * 1024 * 1024;

export type WriteBody = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

export interface NewObject {
  bucket: string;
  key: string;
  body: WriteBody;
  contentType?: string;
  /** User metadata (`x-amz-meta-*`); values are made header-safe (non-ASCII percent-encoded). */
  metadata?: Record<string, string>;
  /** SSE-KMS with this key; without it the bucket's default encryption applies. */
  kmsKeyArn?: string | null;
}

export type WriteResult =
  | { status: "written"; etag: string; bytes: number; multipart: boolean }
  | { status: "exists"; bytes: number };

export interface WriteOptions {
  /** For error mapping: region, endpoint, prefix, codePrefix, subject. */
  op?: Omit<AwsOperation, "service" | "action" | "bucket" | "key">;
  signal?: AbortSignal;
  /** Parts in flight in a multipart upload (memory ≈ queueSize × 8 MiB). Default 4. */
  queueSize?: number;
  partSize?: number;
}

/** S3 user metadata travels in HTTP headers: printable ASCII only, so anything else is percent-encoded. */
export function headerSafeMetadata(metadata: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata)) {
    const key = name.toLowerCase().replace(/[^a-z0-9-]/g, "-");
    out[key] = /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
  }
  return out;
}

function isPreconditionFailed(err: unknown): boolean {
  const code = awsErrorCode(err);
  return code === "PreconditionFailed" || code === "412";
}

/** Counts the bytes of a body as it is read. */
function metered(body: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, count: { bytes: number }): Readable {
  return Readable.from(
    (async function* () {
      for await (const chunk of body) {
        count.bytes += chunk.length;
        yield chunk;
      }
    })(),
    { objectMode: false, highWaterMark: 1024 * 1024 },
  );
}

/** Writes a new object, never replacing one. */
export async function writeNewObject(
  client: S3Client,
  obj: NewObject,
  opts: WriteOptions = {},
): Promise<WriteResult> {
  const partSize = opts.partSize ?? MULTIPART_THRESHOLD;
  const common = {
    Bucket: obj.bucket,
    Key: obj.key,
    IfNoneMatch: "*",
    ...(obj.contentType ? { ContentType: obj.contentType } : {}),
    ...(obj.metadata ? { Metadata: headerSafeMetadata(obj.metadata) } : {}),
    ...(obj.kmsKeyArn ? { ServerSideEncryption: "aws:kms" as const, SSEKMSKeyId: obj.kmsKeyArn } : {}),
  };
  const fail = (err: unknown, action: string) =>
    awsCallError(err, { ...opts.op, service: "s3", action, bucket: obj.bucket, key: obj.key });

  if (obj.body instanceof Uint8Array && obj.body.length <= partSize) {
    const body = obj.body;
    try {
      const out = await client.send(
        new PutObjectCommand({
          ...common,
          Body: body,
          ContentLength: body.length,
          ContentMD5: createHash("md5").update(body).digest("base64"),
        }),
        { abortSignal: opts.signal },
      );
      return { status: "written", etag: unquoteEtag(out.ETag), bytes: body.length, multipart: false };
    } catch (err) {
      if (isPreconditionFailed(err)) return { status: "exists", bytes: 0 };
      throw fail(err, "PutObject");
    }
  }

  const count = { bytes: 0 };
  const source = obj.body instanceof Uint8Array ? [obj.body] : obj.body;
  const upload = new Upload({
    client,
    params: { ...common, Body: metered(source, count) },
    partSize,
    queueSize: opts.queueSize ?? 4,
    leavePartsOnError: false,
  });
  const abort = () => void upload.abort();
  opts.signal?.addEventListener("abort", abort, { once: true });
  try {
    const out = await upload.done();
    const etag = unquoteEtag(out.ETag);
    return { status: "written", etag, bytes: count.bytes, multipart: /-\d+$/.test(etag) };
  } catch (err) {
    if (isPreconditionFailed(err)) return { status: "exists", bytes: 0 };
    throw fail(err, count.bytes > partSize ? "CompleteMultipartUpload" : "PutObject");
  } finally {
    opts.signal?.removeEventListener("abort", abort);
  }
}

/** Deletes one object (only the connection test does, for the object it wrote itself). */
export async function deleteObject(
  client: S3Client,
  bucket: string,
  key: string,
  opts: WriteOptions = {},
): Promise<void> {
  try {
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: opts.signal });
  } catch (err) {
    throw awsCallError(err, { ...opts.op, service: "s3", action: "DeleteObject", bucket, key });
  }
}
