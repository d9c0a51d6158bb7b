/** Bucket-level operations: ListBuckets, CreateBucket, DeleteBucket, HeadBucket, GetBucketLocation. */
import {
  type BucketContext,
  type OpContext,
  type Reply,
  readBody,
  XML_HEADERS,
} from "./s3-emulator.context.ts";
import { S3Error } from "./s3-emulator.errors.ts";
import { isValidBucketName } from "./s3-emulator.store.ts";
import { elementTexts, listBucketsXml, locationXml } from "./s3-emulator.xml.ts";

export function listBuckets(ctx: OpContext): Reply {
  const buckets = ctx.store
    .allBuckets()
    .map((b) => ({ name: b.name, createdAt: b.createdAt, region: b.region }));
  return { status: 200, headers: XML_HEADERS, body: listBucketsXml(buckets) };
}

/**
 * As S3: the bucket's region is its LocationConstraint, or us-east-1 without one, and it must match
 * the region the request was signed for.
 */
export async function createBucket(ctx: OpContext, name: string): Promise<Reply> {
  const body = (await readBody(ctx.req, 64 * 1024)).toString("utf8");
  if (!isValidBucketName(name)) throw new S3Error("InvalidBucketName", undefined, { BucketName: name });
  const constraint = body.trim() === "" ? [] : elementTexts(body, "LocationConstraint");
  if (body.trim() !== "" && !body.includes("CreateBucketConfiguration")) throw new S3Error("MalformedXML");
  const region = constraint[0] === undefined || constraint[0] === "" ? "us-east-1" : constraint[0];
  if (region !== ctx.auth.region) {
    const label = constraint[0] ? `'${region}'` : "unspecified";
    throw new S3Error(
      "IllegalLocationConstraintException",
      `The ${label} location constraint is incompatible for the region specific endpoint this request was sent to.`,
    );
  }
  if (ctx.store.bucket(name)) throw new S3Error("BucketAlreadyOwnedByYou", undefined, { BucketName: name });
  ctx.store.createBucket(name, region, ctx.now());
  return { status: 200, headers: { Location: `/${name}` } };
}

export function deleteBucket(ctx: BucketContext): Reply {
  if (ctx.bucket.objects.size > 0) {
    throw new S3Error("BucketNotEmpty", undefined, { BucketName: ctx.bucket.name });
  }
  ctx.store.deleteBucket(ctx.bucket.name);
  return { status: 204 };
}

/** 200 with the bucket's region; 301 (no body) when signed for another region, as S3. */
export function headBucket(ctx: BucketContext): Reply {
  const headers = { "x-amz-bucket-region": ctx.bucket.region };
  if (ctx.auth.region !== ctx.bucket.region) {
    throw new S3Error("PermanentRedirect", undefined, { Region: ctx.bucket.region });
  }
  return { status: 200, headers };
}

export function getBucketLocation(ctx: BucketContext): Reply {
  return { status: 200, headers: XML_HEADERS, body: locationXml(ctx.bucket.region) };
}
