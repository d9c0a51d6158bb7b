/** The emulator's programmatic side: what tests and the demo call directly, without HTTP. */
import { S3EmulatorError } from "./s3-emulator.errors.ts";
import { isValidBucketName, type S3Store, STORAGE_CLASSES } from "./s3-emulator.store.ts";
import type { S3Emulator } from "./s3-emulator.types.ts";

type ProgrammaticApi = Pick<
  S3Emulator,
  "createBucket" | "putObject" | "deleteObject" | "getObject" | "listKeys"
>;

export function createProgrammaticApi(
  store: S3Store,
  defaultRegion: string,
  clock: () => Date,
): ProgrammaticApi {
  return {
    createBucket(name, opts) {
      if (!isValidBucketName(name))
        throw new S3EmulatorError("InvalidBucketName", `Invalid bucket name: ${name}`);
      if (store.bucket(name))
        throw new S3EmulatorError("BucketAlreadyOwnedByYou", `Bucket ${name} already exists`);
      const bucket = store.createBucket(name, opts?.region ?? defaultRegion, clock());
      if (opts?.versioning) bucket.versioning = true;
    },
    putObject(bucket, key, body, opts) {
      const b = store.requireBucket(bucket);
      if (key === "" || Buffer.byteLength(key) > 1024) {
        throw new S3EmulatorError("KeyTooLongError", "An object key must be 1 to 1024 bytes of UTF-8");
      }
      const storageClass = opts?.storageClass ?? "STANDARD";
      if (!STORAGE_CLASSES.has(storageClass)) {
        throw new S3EmulatorError("InvalidStorageClass", `Unknown storage class ${storageClass}`);
      }
      const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
      const obj = store.put(b, key, {
        body: bytes,
        lastModified: opts?.lastModified ?? clock(),
        storageClass,
        contentType: opts?.contentType,
        ...(opts?.kmsKeyArn ? { sse: "aws:kms", kmsKeyArn: opts.kmsKeyArn } : {}),
      });
      return { etag: obj.etag, ...(obj.versionId ? { versionId: obj.versionId } : {}) };
    },
    deleteObject(bucket, key) {
      store.delete(store.requireBucket(bucket), key);
    },
    getObject(bucket, key) {
      const obj = store.requireBucket(bucket).objects.get(key);
      if (!obj) return undefined;
      return {
        body: new Uint8Array(store.readBody(obj)),
        etag: obj.etag,
        lastModified: obj.lastModified,
        storageClass: obj.storageClass,
        contentType: obj.contentType,
        metadata: { ...obj.metadata },
        ...(obj.sse ? { serverSideEncryption: obj.sse } : {}),
        ...(obj.kmsKeyArn ? { kmsKeyArn: obj.kmsKeyArn } : {}),
      };
    },
    listKeys(bucket) {
      return [...store.requireBucket(bucket).keys.view()];
    },
  };
}
