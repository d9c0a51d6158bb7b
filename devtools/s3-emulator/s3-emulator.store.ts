/**
 * Buckets and objects of the emulator: in memory by default, or bodies and metadata in a directory
 * (`persistDir`, for the demo) so a restarted emulator still has its files.
 *
 * On disk: `<dir>/<bucket>/bucket.json` and, per object, `<sha256(key)>.bin` (the bytes) and
 * `<sha256(key)>.json` (key and metadata), each written to a temporary name and renamed.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { SortedKeys } from "./key-order.ts";
import { S3EmulatorError } from "./s3-emulator.errors.ts";

export interface StoredObject {
  key: string;
  size: number;
  /** Quoted MD5 hex, as S3 shows it for single-part objects. */
  etag: string;
  /** Whole seconds: S3 keeps LastModified at one-second resolution. */
  lastModified: Date;
  storageClass: string;
  contentType: string;
  /** Content-Encoding given at upload, without `aws-chunked`. */
  contentEncoding?: string;
  metadata: Record<string, string>;
  /** Full-object checksums sent with the upload, by algorithm (`crc32`, `sha256`…), base64. */
  checksums: Record<string, string>;
  /** `AES256` or `aws:kms` when the upload asked for server-side encryption. */
  sse?: string;
  kmsKeyArn?: string;
  /** Set in versioned buckets. */
  versionId?: string;
  /** In-memory body; absent when the body lives in `file`. */
  body?: Buffer;
  file?: string;
}

export interface Bucket {
  name: string;
  region: string;
  createdAt: Date;
  objects: Map<string, StoredObject>;
  keys: SortedKeys;
  versioning?: boolean;
  /** Versioned buckets: the earlier versions of each key, oldest first (in memory only). */
  noncurrent?: Map<string, StoredObject[]>;
}

export interface PutInput {
  body: Buffer;
  lastModified: Date;
  storageClass?: string;
  contentType?: string;
  contentEncoding?: string;
  metadata?: Record<string, string>;
  checksums?: Record<string, string>;
  sse?: string;
  kmsKeyArn?: string;
  /** The ETag to keep instead of the body's MD5 (a multipart upload's `"<md5 of part md5s>-<n>"`). */
  etag?: string;
}

export const STORAGE_CLASSES = new Set([
  "STANDARD",
  "REDUCED_REDUNDANCY",
  "STANDARD_IA",
  "ONEZONE_IA",
  "INTELLIGENT_TIERING",
  "GLACIER",
  "DEEP_ARCHIVE",
  "OUTPOSTS",
  "GLACIER_IR",
  "SNOW",
  "EXPRESS_ONEZONE",
]);

/** Classes whose objects must be restored before GetObject works. */
export const ARCHIVED_CLASSES = new Set(["GLACIER", "DEEP_ARCHIVE"]);

export function truncateToSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export function md5Etag(body: Uint8Array): string {
  return `"${createHash("md5").update(body).digest("hex")}"`;
}

/** S3 bucket naming rules (general purpose buckets). */
export function isValidBucketName(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes("..") &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
    !name.startsWith("xn--") &&
    !name.endsWith("-s3alias")
  );
}

function fileId(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

type ObjectMeta = Omit<StoredObject, "body" | "file" | "lastModified"> & { lastModified: string };

export class S3Store {
  private readonly buckets = new Map<string, Bucket>();
  private readonly dir: string | undefined;

  constructor(persistDir?: string) {
    this.dir = persistDir;
    if (persistDir !== undefined) this.load(persistDir);
  }

  bucket(name: string): Bucket | undefined {
    return this.buckets.get(name);
  }

  /** The bucket, or a typed error for the programmatic API. */
  requireBucket(name: string): Bucket {
    const b = this.buckets.get(name);
    if (!b) throw new S3EmulatorError("NoSuchBucket", `No bucket named ${name} in the emulator`);
    return b;
  }

  allBuckets(): Bucket[] {
    return [...this.buckets.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  createBucket(name: string, region: string, createdAt: Date): Bucket {
    const bucket: Bucket = { name, region, createdAt, objects: new Map(), keys: new SortedKeys() };
    this.buckets.set(name, bucket);
    if (this.dir !== undefined) {
      mkdirSync(join(this.dir, name), { recursive: true });
      writeAtomic(
        join(this.dir, name, "bucket.json"),
        JSON.stringify({ region, createdAt: createdAt.toISOString() }),
      );
    }
    return bucket;
  }

  deleteBucket(name: string): void {
    this.buckets.delete(name);
    if (this.dir !== undefined) rmSync(join(this.dir, name), { recursive: true, force: true });
  }

  put(bucket: Bucket, key: string, input: PutInput): StoredObject {
    return this.store(bucket, key, input, [input.body]);
  }

  /**
   * Stores an object from parts (a completed multipart upload): buffers, or files in persisted mode, which
   * are appended one by one so the whole object is never in memory.
   */
  putParts(
    bucket: Bucket,
    key: string,
    input: Omit<PutInput, "body">,
    parts: Array<Buffer | string>,
  ): StoredObject {
    return this.store(bucket, key, input, parts);
  }

  /** Where a multipart upload's parts go in persisted mode (undefined: keep them in memory). */
  partsDir(uploadId: string): string | undefined {
    if (this.dir === undefined) return undefined;
    const dir = join(this.dir, ".uploads", uploadId);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  private store(
    bucket: Bucket,
    key: string,
    input: Omit<PutInput, "body">,
    parts: Array<Buffer | string>,
  ): StoredObject {
    const size = parts.reduce((n, p) => n + (typeof p === "string" ? statSync(p).size : p.length), 0);
    const single = parts.length === 1 && typeof parts[0] !== "string" ? parts[0] : undefined;
    const obj: StoredObject = {
      key,
      size,
      etag: input.etag ?? md5Etag(single ?? Buffer.alloc(0)),
      lastModified: truncateToSecond(input.lastModified),
      storageClass: input.storageClass ?? "STANDARD",
      contentType: input.contentType ?? "binary/octet-stream",
      metadata: input.metadata ?? {},
      checksums: input.checksums ?? {},
    };
    if (input.contentEncoding) obj.contentEncoding = input.contentEncoding;
    if (input.sse) obj.sse = input.sse;
    if (input.kmsKeyArn) obj.kmsKeyArn = input.kmsKeyArn;
    if (bucket.versioning) {
      obj.versionId = randomBytes(24).toString("base64url");
      const previous = bucket.objects.get(key);
      if (previous) {
        bucket.noncurrent ??= new Map();
        bucket.noncurrent.set(key, [...(bucket.noncurrent.get(key) ?? []), previous]);
      }
    }
    if (this.dir === undefined) {
      obj.body = single ?? Buffer.concat(parts as Buffer[], size);
    } else {
      const base = join(this.dir, bucket.name, fileId(key));
      const tmp = `${base}.bin.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.alloc(0));
      for (const p of parts) appendFileSync(tmp, typeof p === "string" ? readFileSync(p) : p);
      renameSync(tmp, `${base}.bin`);
      const { body: _b, file: _f, ...meta } = obj;
      writeAtomic(`${base}.json`, JSON.stringify({ ...meta, lastModified: obj.lastModified.toISOString() }));
      obj.file = `${base}.bin`;
    }
    if (!bucket.objects.has(key)) bucket.keys.add(key);
    bucket.objects.set(key, obj);
    return obj;
  }

  delete(bucket: Bucket, key: string): boolean {
    if (!bucket.objects.delete(key)) return false;
    bucket.keys.delete(key);
    if (this.dir !== undefined) {
      const base = join(this.dir, bucket.name, fileId(key));
      rmSync(`${base}.json`, { force: true });
      rmSync(`${base}.bin`, { force: true });
    }
    return true;
  }

  /** The whole body (reads the file in persisted mode). */
  readBody(obj: StoredObject): Buffer {
    return obj.body ?? readFileSync(obj.file!);
  }

  private load(dir: string): void {
    mkdirSync(dir, { recursive: true });
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const bdir = join(dir, entry.name);
      let info: { region: string; createdAt: string };
      try {
        info = JSON.parse(readFileSync(join(bdir, "bucket.json"), "utf8"));
      } catch {
        continue;
      }
      const bucket: Bucket = {
        name: entry.name,
        region: info.region,
        createdAt: new Date(info.createdAt),
        objects: new Map(),
        keys: new SortedKeys(),
      };
      for (const f of readdirSync(bdir)) {
        if (!f.endsWith(".json") || f === "bucket.json") continue;
        const meta = JSON.parse(readFileSync(join(bdir, f), "utf8")) as ObjectMeta;
        const obj: StoredObject = {
          ...meta,
          lastModified: new Date(meta.lastModified),
          file: join(bdir, f.replace(/\.json$/, ".bin")),
        };
        bucket.objects.set(obj.key, obj);
        bucket.keys.add(obj.key);
      }
      this.buckets.set(bucket.name, bucket);
    }
  }
}
