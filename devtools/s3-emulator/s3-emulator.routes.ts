/** Which S3 operation a request is, and on which bucket and key (path-style or `bucket.localhost`). */
import type { QueryBag } from "../sigv4/sigv4.types.ts";
import { S3Error } from "./s3-emulator.errors.ts";
import type { S3Op } from "./s3-emulator.types.ts";

export interface Route {
  op: S3Op;
  bucket?: string;
  key?: string;
}

/** Query parameters that select a sub-resource the emulator does not serve. */
const UNSUPPORTED_SUBRESOURCES = new Set([
  "accelerate",
  "acl",
  "analytics",
  "attributes",
  "cors",
  "encryption",
  "intelligent-tiering",
  "inventory",
  "legal-hold",
  "lifecycle",
  "logging",
  "metadataTable",
  "metrics",
  "notification",
  "object-lock",
  "ownershipControls",
  "policy",
  "policyStatus",
  "publicAccessBlock",
  "replication",
  "requestPayment",
  "restore",
  "retention",
  "select",
  "session",
  "tagging",
  "torrent",
  "versioning",
  "versions",
  "website",
]);

function decodePathPart(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new S3Error("InvalidURI", "Couldn't parse the specified URI.", {}, 400);
  }
}

function hostBucket(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const name = host.replace(/:\d+$/, "").toLowerCase();
  const m = /^(.+)\.localhost$/.exec(name);
  return m?.[1];
}

/** Multipart sub-resources: served on object keys, unsupported on buckets (ListMultipartUploads). */
const MULTIPART = ["uploads", "uploadId", "partNumber"];

function hasUnsupported(query: QueryBag): boolean {
  for (const name of Object.keys(query)) if (UNSUPPORTED_SUBRESOURCES.has(name)) return true;
  return false;
}

/** GetObject and HeadObject take a `versionId`; any other operation with one is not implemented. */
function unsupportedVersion(query: QueryBag, method: string): boolean {
  return query["versionId"] !== undefined && method !== "GET" && method !== "HEAD";
}

export function routeRequest(
  method: string,
  host: string | undefined,
  rawPath: string,
  query: QueryBag,
): Route {
  let bucket: string | undefined;
  let keyPart: string;
  const virtual = hostBucket(host);
  if (virtual !== undefined) {
    bucket = virtual;
    keyPart = rawPath.slice(1);
  } else {
    const rest = rawPath.slice(1);
    const slash = rest.indexOf("/");
    const bucketPart = slash < 0 ? rest : rest.slice(0, slash);
    bucket = bucketPart === "" ? undefined : decodePathPart(bucketPart);
    keyPart = slash < 0 ? "" : rest.slice(slash + 1);
  }
  const key = keyPart === "" ? undefined : decodePathPart(keyPart);
  const m = method.toUpperCase();
  const unsupported = hasUnsupported(query) || unsupportedVersion(query, m);

  if (bucket === undefined) {
    if (m === "GET") return { op: "ListBuckets" };
    throw new S3Error("MethodNotAllowed");
  }
  if (key === undefined) {
    const r = (op: S3Op): Route => ({ op, bucket });
    if (unsupported || MULTIPART.some((name) => name in query)) return r("Unsupported");
    switch (m) {
      case "GET":
        if ("location" in query) return r("GetBucketLocation");
        return r(query["list-type"] === "2" ? "ListObjectsV2" : "ListObjects");
      case "HEAD":
        return r("HeadBucket");
      case "PUT":
        return r("CreateBucket");
      case "DELETE":
        return r("DeleteBucket");
      case "POST":
        return r("delete" in query ? "DeleteObjects" : "Unsupported");
      default:
        throw new S3Error("MethodNotAllowed");
    }
  }
  const r = (op: S3Op): Route => ({ op, bucket, key });
  if (unsupported) return r("Unsupported");
  const upload = "uploadId" in query;
  switch (m) {
    case "GET":
      // GetObject of one part (partNumber) and ListParts (uploadId) are not served.
      return r(upload || "partNumber" in query ? "Unsupported" : "GetObject");
    case "HEAD":
      return r(upload || "partNumber" in query ? "Unsupported" : "HeadObject");
    case "PUT":
      if (upload && "partNumber" in query) return r("UploadPart");
      return r(upload || "partNumber" in query ? "Unsupported" : "PutObject");
    case "DELETE":
      return r(upload ? "AbortMultipartUpload" : "DeleteObject");
    case "POST":
      if ("uploads" in query) return r("CreateMultipartUpload");
      if (upload) return r("CompleteMultipartUpload");
      return r("Unsupported");
    default:
      throw new S3Error("MethodNotAllowed");
  }
}

/** The IAM action S3 checks for an operation. */
export const ACTIONS: Record<S3Op, string> = {
  ListBuckets: "s3:ListAllMyBuckets",
  CreateBucket: "s3:CreateBucket",
  DeleteBucket: "s3:DeleteBucket",
  HeadBucket: "s3:ListBucket",
  GetBucketLocation: "s3:GetBucketLocation",
  ListObjectsV2: "s3:ListBucket",
  ListObjects: "s3:ListBucket",
  GetObject: "s3:GetObject",
  HeadObject: "s3:GetObject",
  PutObject: "s3:PutObject",
  DeleteObject: "s3:DeleteObject",
  DeleteObjects: "s3:DeleteObject",
  CreateMultipartUpload: "s3:PutObject",
  UploadPart: "s3:PutObject",
  CompleteMultipartUpload: "s3:PutObject",
  AbortMultipartUpload: "s3:AbortMultipartUpload",
  Unsupported: "s3:Unsupported",
};
