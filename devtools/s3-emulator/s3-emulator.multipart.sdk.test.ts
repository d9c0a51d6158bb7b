/**
 * Multipart uploads, conditional writes, the write record and SSE-KMS authorization through the real AWS
 * SDK v3 (and `@aws-sdk/lib-storage`'s Upload, which is what driftwatch writes large objects with).
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, test } from "node:test";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { type S3TestContext, startS3ForTest } from "../../test/support/s3.ts";

const MiB = 1024 * 1024;
const KMS_KEY = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";

interface SdkError extends Error {
  Code?: string;
  $metadata: { httpStatusCode?: number };
}

function sdkError(name: string, status: number, message?: RegExp) {
  return (e: SdkError) => {
    assert.equal(e.name, name);
    assert.equal(e.$metadata.httpStatusCode, status);
    if (message) assert.match(e.message, message);
    return true;
  };
}

function bytes(size: number, seed: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4096) b.writeUInt32LE((i * 2654435761 + seed) >>> 0, i);
  return b;
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("multipart uploads and conditional writes", () => {
  let s3: S3TestContext;
  before(async () => {
    s3 = await startS3ForTest();
  });
  after(() => s3.close());

  test("lib-storage streams 20 MiB in 8 MiB parts; the object is byte-identical with a multipart ETag", async () => {
    const body = bytes(20 * MiB + 123, 1);
    const upload = new Upload({
      client: s3.client,
      params: {
        Bucket: s3.bucket,
        Key: "big/one.bin",
        Body: Readable.from([body.subarray(0, 9 * MiB), body.subarray(9 * MiB)]),
        IfNoneMatch: "*",
      },
      partSize: 8 * MiB,
      queueSize: 2,
    });
    const out = await upload.done();
    assert.match(out.ETag ?? "", /^"[0-9a-f]{32}-3"$/);
    const stored = s3.emulator.getObject(s3.bucket, "big/one.bin")!;
    assert.equal(sha(stored.body), sha(body));
    const write = s3.emulator.writes.find((w) => w.key === "big/one.bin")!;
    assert.deepEqual(
      {
        op: write.op,
        outcome: write.outcome,
        replaced: write.replaced,
        condition: write.condition,
        size: write.size,
      },
      {
        op: "CompleteMultipartUpload",
        outcome: "stored",
        replaced: false,
        condition: "if-none-match",
        size: body.length,
      },
    );
    assert.deepEqual(s3.emulator.openUploads(), []);
  });

  test("If-None-Match: * on CompleteMultipartUpload is a 412 when the key exists, and nothing is replaced", async () => {
    s3.emulator.putObject(s3.bucket, "big/taken.bin", "first");
    const upload = new Upload({
      client: s3.client,
      params: { Bucket: s3.bucket, Key: "big/taken.bin", Body: bytes(11 * MiB, 2), IfNoneMatch: "*" },
      partSize: 8 * MiB,
    });
    await assert.rejects(upload.done(), sdkError("PreconditionFailed", 412));
    assert.equal(Buffer.from(s3.emulator.getObject(s3.bucket, "big/taken.bin")!.body).toString(), "first");
    const refused = s3.emulator.writes.filter((w) => w.key === "big/taken.bin");
    assert.deepEqual(
      refused.map((w) => [w.op, w.outcome, w.replaced]),
      [["CompleteMultipartUpload", "precondition_failed", false]],
    );
    assert.deepEqual(s3.emulator.openUploads(), [], "lib-storage aborted the upload");
  });

  test("the write record tells an overwrite from a new key", async () => {
    await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: "w/a", Body: "1" }));
    await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: "w/a", Body: "2" }));
    await assert.rejects(
      s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: "w/a", Body: "3", IfNoneMatch: "*" })),
      sdkError("PreconditionFailed", 412),
    );
    const w = s3.emulator.writes.filter((r) => r.key === "w/a");
    assert.deepEqual(
      w.map((r) => [r.op, r.outcome, r.replaced, r.condition ?? null]),
      [
        ["PutObject", "stored", false, null],
        ["PutObject", "stored", true, null],
        ["PutObject", "precondition_failed", false, "if-none-match"],
      ],
    );
  });

  test("parts are checked as S3 checks them: order, ETags, 5 MiB minimum, unknown upload", async () => {
    const { UploadId } = await s3.client.send(
      new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key: "m/x" }),
    );
    const p1 = await s3.client.send(
      new UploadPartCommand({ Bucket: s3.bucket, Key: "m/x", UploadId, PartNumber: 1, Body: bytes(MiB, 3) }),
    );
    const p2 = await s3.client.send(
      new UploadPartCommand({ Bucket: s3.bucket, Key: "m/x", UploadId, PartNumber: 2, Body: bytes(MiB, 4) }),
    );
    const complete = (parts: Array<{ PartNumber: number; ETag: string | undefined }>) =>
      s3.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: s3.bucket,
          Key: "m/x",
          UploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    await assert.rejects(
      complete([
        { PartNumber: 2, ETag: p2.ETag },
        { PartNumber: 1, ETag: p1.ETag },
      ]),
      sdkError("InvalidPartOrder", 400),
    );
    await assert.rejects(complete([{ PartNumber: 1, ETag: '"00"' }]), sdkError("InvalidPart", 400));
    await assert.rejects(
      complete([
        { PartNumber: 1, ETag: p1.ETag },
        { PartNumber: 2, ETag: p2.ETag },
      ]),
      sdkError("EntityTooSmall", 400),
    );
    await complete([{ PartNumber: 1, ETag: p1.ETag }]);
    assert.equal(s3.emulator.getObject(s3.bucket, "m/x")!.body.length, MiB);
    await assert.rejects(complete([{ PartNumber: 1, ETag: p1.ETag }]), sdkError("NoSuchUpload", 404));
    const second = await s3.client.send(new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key: "m/y" }));
    await s3.client.send(
      new AbortMultipartUploadCommand({ Bucket: s3.bucket, Key: "m/y", UploadId: second.UploadId }),
    );
    assert.deepEqual(s3.emulator.openUploads(), []);
    assert.equal(s3.emulator.getObject(s3.bucket, "m/y"), undefined);
  });

  test("SSE-KMS: a write needs kms:GenerateDataKey, a multipart completion kms:Decrypt, named as S3 names them", async () => {
    const denied = new Set<string>();
    s3.emulator.setAuthorizer((r) => (denied.has(r.action) ? "deny" : "allow"));
    try {
      const put = (key: string) =>
        s3.client.send(
          new PutObjectCommand({
            Bucket: s3.bucket,
            Key: key,
            Body: "x",
            ServerSideEncryption: "aws:kms",
            SSEKMSKeyId: KMS_KEY,
          }),
        );
      const ok = await put("kms/ok");
      assert.equal(ok.ServerSideEncryption, "aws:kms");
      assert.equal(ok.SSEKMSKeyId, KMS_KEY);
      assert.equal(s3.emulator.getObject(s3.bucket, "kms/ok")!.kmsKeyArn, KMS_KEY);

      denied.add("kms:GenerateDataKey");
      await assert.rejects(
        put("kms/no"),
        sdkError("AccessDenied", 403, new RegExp(`kms:GenerateDataKey on resource: "${KMS_KEY}"`)),
      );
      assert.equal(s3.emulator.getObject(s3.bucket, "kms/no"), undefined);

      denied.clear();
      denied.add("kms:Decrypt");
      const upload = new Upload({
        client: s3.client,
        params: {
          Bucket: s3.bucket,
          Key: "kms/big",
          Body: bytes(9 * MiB, 5),
          ServerSideEncryption: "aws:kms",
          SSEKMSKeyId: KMS_KEY,
        },
        partSize: 8 * MiB,
      });
      await assert.rejects(upload.done(), sdkError("AccessDenied", 403, /kms:Decrypt/));
      await assert.rejects(
        s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "kms/ok" })),
        sdkError("AccessDenied", 403, /kms:Decrypt/),
      );
      denied.clear();
      denied.add("s3:PutObject");
      await assert.rejects(put("kms/nope"), sdkError("AccessDenied", 403, /s3:PutObject/));
    } finally {
      s3.emulator.setAuthorizer(undefined);
    }
  });
});

describe("multipart uploads with persistDir", () => {
  let s3: S3TestContext;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "s3-emulator-mpu-"));
    s3 = await startS3ForTest({ persistDir: dir });
  });
  after(async () => {
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("parts go to files and are assembled on disk; the object reads back whole", async () => {
    const body = bytes(17 * MiB, 6);
    await new Upload({
      client: s3.client,
      params: { Bucket: s3.bucket, Key: "p/x.bin", Body: body },
      partSize: 8 * MiB,
    }).done();
    const got = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "p/x.bin" }));
    assert.equal(sha(Buffer.from(await got.Body!.transformToByteArray())), sha(body));
  });
});
