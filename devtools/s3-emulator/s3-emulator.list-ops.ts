/** ListObjectsV2 and ListObjects (v1). */
import type { QueryBag } from "../sigv4/sigv4.types.ts";
import { type BucketContext, queryValue, type Reply, XML_HEADERS } from "./s3-emulator.context.ts";
import { S3Error } from "./s3-emulator.errors.ts";
import {
  decodeContinuationToken,
  encodeContinuationToken,
  type ListPage,
  listPage,
  s3UrlEncode,
} from "./s3-emulator.list.ts";
import type { Bucket } from "./s3-emulator.store.ts";
import { type ListedObject, listV1Xml, listV2Xml } from "./s3-emulator.xml.ts";

const identity = (s: string): string => s;

interface CommonParams {
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  encodingType?: string;
}

function commonParams(query: QueryBag, cap: number): CommonParams {
  const encodingType = queryValue(query, "encoding-type");
  if (encodingType !== undefined && encodingType !== "url") {
    throw new S3Error("InvalidArgument", "Invalid Encoding Method specified in Request", {
      ArgumentName: "encoding-type",
      ArgumentValue: encodingType,
    });
  }
  const rawMax = queryValue(query, "max-keys");
  let maxKeys = cap;
  if (rawMax !== undefined) {
    if (!/^\d{1,10}$/.test(rawMax) || Number(rawMax) > 2_147_483_647) {
      throw new S3Error("InvalidArgument", "Provided max-keys not an integer or within integer range", {
        ArgumentName: "max-keys",
        ArgumentValue: rawMax,
      });
    }
    maxKeys = Math.min(Number(rawMax), cap);
  }
  const params: CommonParams = { prefix: queryValue(query, "prefix") ?? "", maxKeys };
  const delimiter = queryValue(query, "delimiter");
  if (delimiter !== undefined && delimiter !== "") params.delimiter = delimiter;
  if (encodingType !== undefined) params.encodingType = encodingType;
  return params;
}

function objectsOf(bucket: Bucket, page: ListPage): ListedObject[] {
  return page.keys.map((key) => bucket.objects.get(key)!);
}

export function listObjectsV2(ctx: BucketContext): Reply {
  const p = commonParams(ctx.query, ctx.maxKeysCap);
  const token = queryValue(ctx.query, "continuation-token");
  const startAfter = queryValue(ctx.query, "start-after");
  let resumeAfter: string | undefined;
  if (token !== undefined) {
    resumeAfter = decodeContinuationToken(token);
    if (resumeAfter === undefined) {
      throw new S3Error("InvalidArgument", "The continuation token provided is incorrect", {
        ArgumentName: "continuation-token",
      });
    }
  }
  const page = listPage(ctx.bucket.keys.view(), {
    prefix: p.prefix,
    delimiter: p.delimiter,
    maxKeys: p.maxKeys,
    after: resumeAfter === undefined ? startAfter : undefined,
    resumeAfter,
  });
  const body = listV2Xml(
    {
      bucket: ctx.bucket.name,
      prefix: p.prefix,
      delimiter: p.delimiter,
      maxKeys: p.maxKeys,
      startAfter,
      continuationToken: token,
      nextContinuationToken:
        page.isTruncated && page.last !== undefined ? encodeContinuationToken(page.last) : undefined,
      encodingType: p.encodingType,
      fetchOwner: queryValue(ctx.query, "fetch-owner") === "true",
      page,
      objects: objectsOf(ctx.bucket, page),
    },
    p.encodingType === "url" ? s3UrlEncode : identity,
  );
  return { status: 200, headers: XML_HEADERS, body };
}

export function listObjectsV1(ctx: BucketContext): Reply {
  const p = commonParams(ctx.query, ctx.maxKeysCap);
  const marker = queryValue(ctx.query, "marker") ?? "";
  const page = listPage(ctx.bucket.keys.view(), {
    prefix: p.prefix,
    delimiter: p.delimiter,
    maxKeys: p.maxKeys,
    resumeAfter: marker === "" ? undefined : marker,
  });
  const body = listV1Xml(
    {
      bucket: ctx.bucket.name,
      prefix: p.prefix,
      delimiter: p.delimiter,
      maxKeys: p.maxKeys,
      marker,
      // As S3: NextMarker only when a delimiter was given; otherwise clients use the last key.
      nextMarker: page.isTruncated && p.delimiter !== undefined ? page.last : undefined,
      encodingType: p.encodingType,
      page,
      objects: objectsOf(ctx.bucket, page),
    },
    p.encodingType === "url" ? s3UrlEncode : identity,
  );
  return { status: 200, headers: XML_HEADERS, body };
}

/** The prefix a listing asks for, for the authorizer. */
export function listPrefix(query: QueryBag): string {
  return queryValue(query, "prefix") ?? "";
}
