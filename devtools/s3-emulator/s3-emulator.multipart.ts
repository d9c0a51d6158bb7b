/**
 * Multipart uploads: CreateMultipartUpload, UploadPart, CompleteMultipartUpload (with `If-None-Match: *`
 * and `If-Match`, evaluated when the upload completes, as S3 does) and AbortMultipartUpload.
 *
 * As S3: parts 1–10,000, every part but the last at least 5 MiB, the parts listed in ascending order with
 * the ETags UploadPart gave, the object's ETag `"<md5 of the parts' binary MD5s>-<count>"`. Parts live in
 * memory, or in files under `persistDir` so a large upload never sits in memory whole.
 */
import { createHash, randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkPrecondition, conditionOf, userMetadata } from "./put-object.ts";
import {
  headerValue,
  type ObjectContext,
  queryValue,
  type Reply,
  readBody,
  XML_HEADERS,
} from "./s3-emulator.context.ts";
import { S3Error } from "./s3-emulator.errors.ts";
import { type Encryption, encryptionHeaders, encryptionOf } from "./s3-emulator.sse.ts";
import { STORAGE_CLASSES } from "./s3-emulator.store.ts";
import { el, elementTexts, XML_DECLARATION } from "./s3-emulator.xml.ts";

const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
export const MIN_PART_SIZE = 5 * 1024 * 1024;
const MAX_PART_SIZE = 5 * 1024 ** 3;

interface Part {
  etag: string;
  md5: Buffer;
  size: number;
  body?: Buffer;
  file?: string;
}

export interface Upload {
  id: string;
  bucket: string;
  key: string;
  contentType: string | undefined;
  metadata: Record<string, string>;
  storageClass: string;
  encryption: Encryption | undefined;
  parts: Map<number, Part>;
  dir: string | undefined;
}

/** Uploads in progress, by upload id. */
export class MultipartUploads {
  readonly uploads = new Map<string, Upload>();

  open(): Array<{ bucket: string; key: string; uploadId: string; parts: number }> {
    return [...this.uploads.values()].map((u) => ({
      bucket: u.bucket,
      key: u.key,
      uploadId: u.id,
      parts: u.parts.size,
    }));
  }

  /** The upload, or NoSuchUpload when it is unknown, finished, or for another bucket or key. */
  get(ctx: ObjectContext): Upload {
    const id = queryValue(ctx.query, "uploadId") ?? "";
    const u = this.uploads.get(id);
    if (!u || u.bucket !== ctx.bucket.name || u.key !== ctx.key) {
      throw new S3Error(
        "NoSuchUpload",
        "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
        { UploadId: id },
        404,
      );
    }
    return u;
  }

  drop(u: Upload): void {
    this.uploads.delete(u.id);
    if (u.dir) rmSync(u.dir, { recursive: true, force: true });
  }
}

export function createMultipartUpload(ctx: ObjectContext, uploads: MultipartUploads): Reply {
  const storageClass = headerValue(ctx.req, "x-amz-storage-class") ?? "STANDARD";
  if (!STORAGE_CLASSES.has(storageClass))
    throw new S3Error("InvalidStorageClass", undefined, { StorageClassRequested: storageClass });
  // SSE-KMS: the caller must be allowed to have S3 generate data keys with the key (checked here, as S3 does).
  const encryption = encryptionOf(ctx, "kms:GenerateDataKey");
  const id = randomBytes(24).toString("base64url");
  uploads.uploads.set(id, {
    id,
    bucket: ctx.bucket.name,
    key: ctx.key,
    contentType: headerValue(ctx.req, "content-type"),
    metadata: userMetadata(ctx),
    storageClass,
    encryption,
    parts: new Map(),
    dir: ctx.store.partsDir(id),
  });
  const body =
    `${XML_DECLARATION}<InitiateMultipartUploadResult ${NS}>${el("Bucket", ctx.bucket.name)}` +
    `${el("Key", ctx.key)}${el("UploadId", id)}</InitiateMultipartUploadResult>`;
  return { status: 200, headers: { ...XML_HEADERS, ...encryptionHeaders(encryption) }, body };
}

export async function uploadPart(ctx: ObjectContext, uploads: MultipartUploads): Promise<Reply> {
  const u = uploads.get(ctx);
  const n = Number(queryValue(ctx.query, "partNumber"));
  if (!Number.isInteger(n) || n < 1 || n > 10_000) {
    throw new S3Error("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive", {
      ArgumentName: "partNumber",
    });
  }
  if (u.encryption?.kmsKeyArn) ctx.demandKms("kms:GenerateDataKey", u.encryption.kmsKeyArn);
  if (headerValue(ctx.req, "content-length") === undefined) throw new S3Error("MissingContentLength");
  const body = await readBody(ctx.req, MAX_PART_SIZE);
  const md5 = createHash("md5").update(body).digest();
  const contentMd5 = headerValue(ctx.req, "content-md5");
  if (contentMd5 !== undefined && md5.toString("base64") !== contentMd5) {
    throw new S3Error("BadDigest", "The Content-MD5 you specified did not match what we received.");
  }
  const part: Part = { etag: `"${md5.toString("hex")}"`, md5, size: body.length };
  if (u.dir) {
    part.file = join(u.dir, `${n}.part`);
    writeFileSync(part.file, body);
  } else {
    part.body = body;
  }
  u.parts.set(n, part);
  return { status: 200, headers: { ETag: part.etag, ...encryptionHeaders(u.encryption) } };
}

function requestedParts(xml: string): Array<{ n: number; etag: string }> {
  if (!xml.includes("<CompleteMultipartUpload")) throw new S3Error("MalformedXML");
  const blocks = xml.split("<Part>").slice(1);
  if (blocks.length === 0) {
    throw new S3Error("MalformedXML", "You must specify at least one part");
  }
  return blocks.map((b) => {
    const n = Number(elementTexts(b, "PartNumber")[0]);
    const etag = (elementTexts(b, "ETag")[0] ?? "").replace(/&quot;/g, '"');
    if (!Number.isInteger(n)) throw new S3Error("MalformedXML");
    return { n, etag };
  });
}

export async function completeMultipartUpload(ctx: ObjectContext, uploads: MultipartUploads): Promise<Reply> {
  const u = uploads.get(ctx);
  const xml = (await readBody(ctx.req, 4 * 1024 * 1024)).toString("utf8");
  const wanted = requestedParts(xml);
  let last = 0;
  for (const w of wanted) {
    if (w.n <= last) throw new S3Error("InvalidPartOrder", "The list of parts was not in ascending order.");
    last = w.n;
  }
  const chosen = wanted.map((w) => {
    const part = u.parts.get(w.n);
    if (!part || part.etag.replace(/"/g, "") !== w.etag.replace(/"/g, "")) {
      throw new S3Error(
        "InvalidPart",
        "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        { PartNumber: String(w.n), ETag: w.etag, UploadId: u.id },
      );
    }
    return part;
  });
  chosen.forEach((part, i) => {
    if (i < chosen.length - 1 && part.size < MIN_PART_SIZE) {
      throw new S3Error(
        "EntityTooSmall",
        "Your proposed upload is smaller than the minimum allowed object size.",
        {
          ProposedSize: String(part.size),
          MinSizeAllowed: String(MIN_PART_SIZE),
          PartNumber: String(wanted[i]!.n),
        },
      );
    }
  });
  // S3 decrypts the parts to assemble them: SSE-KMS needs kms:Decrypt here.
  if (u.encryption?.kmsKeyArn) ctx.demandKms("kms:Decrypt", u.encryption.kmsKeyArn);
  const condition = conditionOf(ctx);
  const existed = ctx.bucket.objects.has(ctx.key);
  try {
    checkPrecondition(ctx);
  } catch (err) {
    if (err instanceof S3Error && err.code === "PreconditionFailed") {
      ctx.recordWrite({
        op: "CompleteMultipartUpload",
        bucket: ctx.bucket.name,
        key: ctx.key,
        outcome: "precondition_failed",
        replaced: false,
        ...(condition ? { condition } : {}),
      });
    }
    throw err;
  }
  const md5s = Buffer.concat(chosen.map((p) => p.md5));
  const etag = `"${createHash("md5").update(md5s).digest("hex")}-${chosen.length}"`;
  const obj = ctx.store.putParts(
    ctx.bucket,
    ctx.key,
    {
      lastModified: ctx.now(),
      storageClass: u.storageClass,
      contentType: u.contentType,
      metadata: u.metadata,
      etag,
      ...(u.encryption ? { sse: u.encryption.sse } : {}),
      ...(u.encryption?.kmsKeyArn ? { kmsKeyArn: u.encryption.kmsKeyArn } : {}),
    },
    chosen.map((p) => p.body ?? p.file!),
  );
  uploads.drop(u);
  ctx.recordWrite({
    op: "CompleteMultipartUpload",
    bucket: ctx.bucket.name,
    key: ctx.key,
    outcome: "stored",
    replaced: existed,
    etag: obj.etag,
    size: obj.size,
    ...(condition ? { condition } : {}),
  });
  const body =
    `${XML_DECLARATION}<CompleteMultipartUploadResult ${NS}>` +
    `${el("Location", `/${ctx.bucket.name}/${encodeURIComponent(ctx.key)}`)}${el("Bucket", ctx.bucket.name)}` +
    `${el("Key", ctx.key)}${el("ETag", obj.etag)}</CompleteMultipartUploadResult>`;
  return { status: 200, headers: { ...XML_HEADERS, ...encryptionHeaders(u.encryption) }, body };
}

export function abortMultipartUpload(ctx: ObjectContext, uploads: MultipartUploads): Reply {
  uploads.drop(uploads.get(ctx));
  return { status: 204 };
}
