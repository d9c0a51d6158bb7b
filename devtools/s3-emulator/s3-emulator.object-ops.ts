/** Object-level operations: GetObject, HeadObject, DeleteObject, DeleteObjects. PutObject: put-object.ts. */
import { createReadStream } from "node:fs";
import {
  type BucketContext,
  headerValue,
  type ObjectContext,
  queryValue,
  type Reply,
  readBody,
  XML_HEADERS,
} from "./s3-emulator.context.ts";
import { S3Error } from "./s3-emulator.errors.ts";
import { ARCHIVED_CLASSES, type StoredObject } from "./s3-emulator.store.ts";
import { deleteResultXml, elementTexts } from "./s3-emulator.xml.ts";

function etagMatches(list: string, etag: string): boolean {
  const bare = etag.replace(/"/g, "");
  return list.split(",").some((t) => {
    const v = t.trim().replace(/^W\//, "").replace(/"/g, "");
    return v === "*" || v === bare;
  });
}

function httpDateSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** RFC 7232 preconditions as S3 applies them: 412 for If-Match/If-Unmodified-Since, 304 for the others. */
function checkConditions(ctx: ObjectContext, obj: StoredObject): Reply | undefined {
  const ifMatch = headerValue(ctx.req, "if-match");
  const ifNoneMatch = headerValue(ctx.req, "if-none-match");
  const ifUnmodified = httpDateSeconds(headerValue(ctx.req, "if-unmodified-since"));
  const ifModified = httpDateSeconds(headerValue(ctx.req, "if-modified-since"));
  const modified = Math.floor(obj.lastModified.getTime() / 1000);
  if (ifMatch !== undefined && !etagMatches(ifMatch, obj.etag)) {
    throw new S3Error("PreconditionFailed", undefined, { Condition: "If-Match" });
  }
  if (ifMatch === undefined && ifUnmodified !== undefined && modified > ifUnmodified) {
    throw new S3Error("PreconditionFailed", undefined, { Condition: "If-Unmodified-Since" });
  }
  const notModified = {
    status: 304,
    headers: { ETag: obj.etag, "Last-Modified": obj.lastModified.toUTCString() },
  };
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, obj.etag)) return notModified;
  if (ifNoneMatch === undefined && ifModified !== undefined && modified <= ifModified) return notModified;
  return undefined;
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n`; S3 ignores malformed and multi-range headers. */
function parseRange(value: string | undefined, size: number): { start: number; end: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  let start: number;
  let end: number;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    start = Math.max(0, size - suffix);
    end = size - 1;
    if (suffix === 0 || size === 0) start = size;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== "" && Number(m[2]) < start) return undefined;
  }
  if (start >= size) {
    throw new S3Error("InvalidRange", undefined, { RangeRequested: value, ActualObjectSize: String(size) });
  }
  return { start, end };
}

const RESPONSE_OVERRIDES: Record<string, string> = {
  "response-content-type": "Content-Type",
  "response-content-language": "Content-Language",
  "response-expires": "Expires",
  "response-cache-control": "Cache-Control",
  "response-content-disposition": "Content-Disposition",
  "response-content-encoding": "Content-Encoding",
};

function objectHeaders(ctx: ObjectContext, obj: StoredObject): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Type": obj.contentType,
    ETag: obj.etag,
    "Last-Modified": obj.lastModified.toUTCString(),
    "Accept-Ranges": "bytes",
  };
  if (obj.contentEncoding) headers["Content-Encoding"] = obj.contentEncoding;
  if (obj.storageClass !== "STANDARD") headers["x-amz-storage-class"] = obj.storageClass;
  if (obj.sse) headers["x-amz-server-side-encryption"] = obj.sse;
  if (obj.versionId) headers["x-amz-version-id"] = obj.versionId;
  if (obj.kmsKeyArn) headers["x-amz-server-side-encryption-aws-kms-key-id"] = obj.kmsKeyArn;
  for (const [name, value] of Object.entries(obj.metadata)) headers[`x-amz-meta-${name}`] = value;
  for (const [param, header] of Object.entries(RESPONSE_OVERRIDES)) {
    const v = queryValue(ctx.query, param);
    if (v !== undefined) headers[header] = v;
  }
  return headers;
}

function existing(ctx: ObjectContext): StoredObject {
  const obj = ctx.bucket.objects.get(ctx.key);
  const versionId = queryValue(ctx.query, "versionId");
  if (versionId !== undefined && versionId !== "null") {
    if (!ctx.bucket.versioning) throw new S3Error("InvalidArgument", "Invalid version id specified");
    const found = [obj, ...(ctx.bucket.noncurrent?.get(ctx.key) ?? [])].find(
      (o) => o?.versionId === versionId,
    );
    if (found) return found;
    throw new S3Error("NoSuchVersion", undefined, { Key: ctx.key, VersionId: versionId });
  }
  if (obj) return obj;
  // As S3: without s3:ListBucket a missing key is indistinguishable from a forbidden one.
  if (!ctx.allowed("s3:ListBucket", { bucket: ctx.bucket.name, prefix: ctx.key }))
    throw new S3Error("AccessDenied");
  throw new S3Error("NoSuchKey", undefined, { Key: ctx.key });
}

export function getObject(ctx: ObjectContext, head: boolean): Reply {
  const obj = existing(ctx);
  const headers = objectHeaders(ctx, obj);
  const conditional = checkConditions(ctx, obj);
  if (conditional) return conditional;
  if (head) {
    headers["Content-Length"] = String(obj.size);
    return { status: 200, headers };
  }
  if (ARCHIVED_CLASSES.has(obj.storageClass)) {
    throw new S3Error("InvalidObjectState", undefined, { StorageClass: obj.storageClass });
  }
  // Reading an SSE-KMS object makes S3 decrypt its data key with the caller's permission.
  if (obj.kmsKeyArn) ctx.demandKms("kms:Decrypt", obj.kmsKeyArn);
  const range = parseRange(headerValue(ctx.req, "range"), obj.size);
  if (range === undefined && headerValue(ctx.req, "x-amz-checksum-mode")?.toUpperCase() === "ENABLED") {
    for (const [alg, value] of Object.entries(obj.checksums)) {
      headers[`x-amz-checksum-${alg}`] = value;
      headers["x-amz-checksum-type"] = "FULL_OBJECT";
    }
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? obj.size - 1;
  headers["Content-Length"] = String(end - start + 1);
  if (range) headers["Content-Range"] = `bytes ${start}-${end}/${obj.size}`;
  const status = range ? 206 : 200;
  if (obj.size === 0) return { status, headers, body: Buffer.alloc(0) };
  if (obj.body) return { status, headers, body: obj.body.subarray(start, end + 1) };
  return { status, headers, body: createReadStream(obj.file!, { start, end }) };
}

export function deleteObject(ctx: ObjectContext): Reply {
  ctx.store.delete(ctx.bucket, ctx.key);
  return { status: 204 };
}

export async function deleteObjects(ctx: BucketContext): Promise<Reply> {
  const xml = (await readBody(ctx.req, 2 * 1024 * 1024)).toString("utf8");
  if (!xml.includes("<Delete")) throw new S3Error("MalformedXML");
  const keys = elementTexts(xml, "Key");
  if (keys.length === 0 || keys.length > 1000) throw new S3Error("MalformedXML");
  const quiet = elementTexts(xml, "Quiet")[0]?.trim() === "true";
  const deleted: string[] = [];
  const errors: Array<{ key: string; code: string; message: string }> = [];
  for (const key of keys) {
    if (!ctx.allowed("s3:DeleteObject", { bucket: ctx.bucket.name, key })) {
      errors.push({ key, code: "AccessDenied", message: "Access Denied" });
      continue;
    }
    ctx.store.delete(ctx.bucket, key);
    if (!quiet) deleted.push(key);
  }
  return { status: 200, headers: XML_HEADERS, body: deleteResultXml(deleted, errors) };
}
