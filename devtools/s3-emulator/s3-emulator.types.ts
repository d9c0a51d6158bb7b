/** The public shape of the S3 emulator: options, handle, operations, faults. */
import type { SigV4Credentials } from "../sigv4/sigv4.types.ts";

export type S3Op =
  | "ListBuckets"
  | "CreateBucket"
  | "DeleteBucket"
  | "HeadBucket"
  | "GetBucketLocation"
  | "ListObjectsV2"
  | "ListObjects"
  | "GetObject"
  | "HeadObject"
  | "PutObject"
  | "DeleteObject"
  | "DeleteObjects"
  | "CreateMultipartUpload"
  | "UploadPart"
  | "CompleteMultipartUpload"
  | "AbortMultipartUpload"
  /** Anything else (CopyObject, ACLs, tagging…): answered with 501 NotImplemented. */
  | "Unsupported";

export type S3Credentials = SigV4Credentials;

export interface S3EmulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Region of buckets created without one. Default us-east-1. */
  region?: string;
  credentials?: S3Credentials[];
  /** "Now" for LastModified, the Date header, signature time checks and token expiry. Default real time. */
  clock?: () => Date;
  /** Largest page a listing returns, whatever max-keys asks. Default 1000, as S3. */
  maxKeysCap?: number;
  /** Keep buckets and objects in this directory (created if missing) instead of memory. */
  persistDir?: string;
}

export interface AuthorizeRequest {
  accessKeyId: string;
  /** IAM action: `s3:ListBucket`, `s3:GetObject`, `s3:PutObject`, `s3:DeleteObject`, … */
  action: string;
  bucket: string;
  key?: string;
  /** For `s3:ListBucket`: the prefix asked for ("" for the whole bucket). */
  prefix?: string;
  /** For `kms:*` actions (SSE-KMS writes): the key's ARN. */
  kmsKeyArn?: string;
}

export type Authorizer = (req: AuthorizeRequest) => "allow" | "deny";

export interface FaultTarget {
  bucket: string;
  key?: string;
}

export interface S3Fault {
  op: S3Op;
  /** How many matching requests it applies to. Default: every matching request until clearFaults(). */
  times?: number;
  /** Answer with this status (the code defaults from it: 503 → SlowDown, 500 → InternalError…). */
  status?: number;
  /** Answer with this S3 error code (the status defaults from it). */
  code?: string;
  message?: string;
  /** Only requests for which this returns true. */
  match?: (req: FaultTarget) => boolean;
  /** Runs (and is awaited) before the request is served, e.g. to delete the object being fetched. */
  before?: (req: FaultTarget) => void | Promise<void>;
  /** Destroy the socket without an answer (an endpoint that drops connections). */
  dropConnection?: boolean;
}

export interface RequestRecord {
  op: S3Op;
  bucket?: string;
  key?: string;
  accessKeyId?: string;
  /** HTTP status answered; 0 when the connection was dropped. */
  status: number;
  code?: string;
}

/**
 * One write that reached the store over HTTP (PutObject or CompleteMultipartUpload), kept so a test can
 * prove that nothing was overwritten: `replaced` is true when an object was already at the key.
 */
export interface WriteRecord {
  op: "PutObject" | "CompleteMultipartUpload";
  bucket: string;
  key: string;
  /** `stored`, or `precondition_failed` when a conditional write was refused with 412. */
  outcome: "stored" | "precondition_failed";
  replaced: boolean;
  /** The condition sent: `If-None-Match: *` or `If-Match`. */
  condition?: "if-none-match" | "if-match";
  etag?: string;
  size?: number;
  at: Date;
}

export interface StoredObjectView {
  body: Uint8Array;
  etag: string;
  lastModified: Date;
  storageClass: string;
  contentType: string;
  metadata: Record<string, string>;
  /** `aws:kms` or undefined, and the key ARN for SSE-KMS. */
  serverSideEncryption?: string;
  kmsKeyArn?: string;
}

export interface S3Emulator {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  region: string;
  /** `versioning`: every put keeps the previous version (GetObject/HeadObject with `versionId`). */
  createBucket(name: string, opts?: { region?: string; versioning?: boolean }): void;
  putObject(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    opts?: { lastModified?: Date; storageClass?: string; contentType?: string; kmsKeyArn?: string },
  ): { etag: string; versionId?: string };
  deleteObject(bucket: string, key: string): void;
  getObject(bucket: string, key: string): StoredObjectView | undefined;
  /** Keys in UTF-8 binary order, as a listing returns them. */
  listKeys(bucket: string): string[];
  addCredentials(c: S3Credentials): void;
  removeCredentials(accessKeyId: string): void;
  setAuthorizer(fn: Authorizer | undefined): void;
  injectFault(f: S3Fault): void;
  clearFaults(): void;
  /** Requests served over HTTP, oldest first (the last 10,000). */
  requests: RequestRecord[];
  /** Every write over HTTP, oldest first (the last 100,000), including refused conditional ones. */
  writes: WriteRecord[];
  /** Multipart uploads started and neither completed nor aborted. */
  openUploads(): Array<{ bucket: string; key: string; uploadId: string; parts: number }>;
  close(): Promise<void>;
}
