/** Object operations and injected faults through the real AWS SDK v3. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { after, before, describe, test } from "node:test";
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { type S3TestContext, startS3ForTest } from "../../test/support/s3.ts";

interface SdkError extends Error {
  $metadata: { httpStatusCode?: number; attempts?: number };
  StorageClass?: string;
}

function sdkError(name: string, status: number) {
  return (e: SdkError) => {
    assert.equal(e.name, name);
    assert.equal(e.$metadata.httpStatusCode, status);
    return true;
  };
}

function chunks(data: Buffer, size: number): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
    })(),
  );
}

const md5 = (b: Uint8Array) => `"${createHash("md5").update(b).digest("hex")}"`;

describe("objects", () => {
  let s3: S3TestContext;
  // A clock the tests set; it stays near real time because signatures must be within 15 minutes of it.
  let clockMs = Date.now();

  before(async () => {
    s3 = await startS3ForTest({ clock: () => new Date(clockMs) });
  });
  after(() => s3.close());

  test("PutObject with a Buffer round-trips the bytes; LastModified comes from the clock, truncated to the second", async () => {
    clockMs = Math.floor(Date.now() / 1000) * 1000 + 789;
    const body = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
    const put = await s3.client.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: "bin/a",
        Body: body,
        ContentType: "application/x-test",
      }),
    );
    await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: "bin/b", Body: "second" }));
    assert.equal(put.ETag, md5(body));
    const got = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "bin/a" }));
    assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), body);
    assert.equal(got.ContentType, "application/x-test");
    assert.equal(got.ContentLength, body.length);
    assert.equal(got.LastModified?.getTime(), clockMs - 789);
    const list = await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: "bin/" }));
    assert.deepEqual(
      list.Contents?.map((c) => c.LastModified?.getTime()),
      [clockMs - 789, clockMs - 789],
    );
  });

  test("PutObject with a stream body sent aws-chunked with a CRC32 trailer round-trips the bytes", async () => {
    const data = Buffer.alloc(300_000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 251;
    const client = s3.newClient({ requestChecksumCalculation: "WHEN_SUPPORTED" });
    const seen = s3.emulator.requests.length;
    const put = await client.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: "stream/chunked.bin",
        Body: chunks(data, 65_536),
        ContentLength: data.length,
      }),
    );
    assert.equal(put.ETag, md5(data));
    assert.ok(put.ChecksumCRC32, "the emulator echoes the trailing checksum it verified");
    assert.deepEqual(Buffer.from(s3.emulator.getObject(s3.bucket, "stream/chunked.bin")!.body), data);
    assert.equal(s3.emulator.requests.slice(seen).length, 1);
  });

  test("PutObject with a plain stream of known length round-trips; unknown length is refused as S3 does", async () => {
    const data = Buffer.from("x".repeat(100_000));
    await s3.client.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: "stream/plain",
        Body: chunks(data, 10_000),
        ContentLength: data.length,
      }),
    );
    assert.equal(
      Buffer.from(s3.emulator.getObject(s3.bucket, "stream/plain")!.body).toString(),
      data.toString(),
    );
    const quiet = s3.newClient({ logger: { debug() {}, info() {}, warn() {}, error() {} } });
    await assert.rejects(
      quiet.send(
        new PutObjectCommand({ Bucket: s3.bucket, Key: "stream/unknown", Body: chunks(data, 10_000) }),
      ),
      sdkError("NotImplemented", 501),
    );
    assert.equal(s3.emulator.getObject(s3.bucket, "stream/unknown"), undefined);
  });

  test("a checksum that does not match the bytes is BadDigest and stores nothing", async () => {
    await assert.rejects(
      s3.client.send(
        new PutObjectCommand({ Bucket: s3.bucket, Key: "bad", Body: "hello", ChecksumCRC32: "AAAAAA==" }),
      ),
      sdkError("BadDigest", 400),
    );
    assert.equal(s3.emulator.getObject(s3.bucket, "bad"), undefined);
  });

  test("a 5 MB object streams back whole, with its MD5 as ETag", async () => {
    const big = Buffer.alloc(5 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32BE(i, i);
    const { etag } = s3.emulator.putObject(s3.bucket, "big.bin", big);
    assert.equal(etag, md5(big));
    const got = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "big.bin" }));
    const bytes = await got.Body!.transformToByteArray();
    assert.equal(got.ETag, md5(big));
    assert.equal(md5(bytes), md5(big));
  });

  test("Range returns the bytes asked for with 206", async () => {
    s3.emulator.putObject(s3.bucket, "range.txt", "0123456789");
    const got = await s3.client.send(
      new GetObjectCommand({ Bucket: s3.bucket, Key: "range.txt", Range: "bytes=2-4" }),
    );
    assert.equal(await got.Body!.transformToString(), "234");
    assert.equal(got.ContentRange, "bytes 2-4/10");
    assert.equal(got.$metadata.httpStatusCode, 206);
    await assert.rejects(
      s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "range.txt", Range: "bytes=20-" })),
      sdkError("InvalidRange", 416),
    );
  });

  test("Glacier and Deep Archive objects: HeadObject works, GetObject is InvalidObjectState (403)", async () => {
    for (const storageClass of ["GLACIER", "DEEP_ARCHIVE"]) {
      s3.emulator.putObject(s3.bucket, `cold/${storageClass}`, "frozen", { storageClass });
      const head = await s3.client.send(
        new HeadObjectCommand({ Bucket: s3.bucket, Key: `cold/${storageClass}` }),
      );
      assert.equal(head.StorageClass, storageClass);
      await assert.rejects(
        s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `cold/${storageClass}` })),
        (e: SdkError) => {
          sdkError("InvalidObjectState", 403)(e);
          assert.equal(e.StorageClass, storageClass);
          return true;
        },
      );
    }
    const list = await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: "cold/" }));
    assert.deepEqual(
      list.Contents?.map((c) => c.StorageClass),
      ["DEEP_ARCHIVE", "GLACIER"],
    );
  });

  test("If-Match / If-None-Match on GetObject, and If-None-Match: * on PutObject", async () => {
    const { etag } = s3.emulator.putObject(s3.bucket, "cond.json", "{}");
    await assert.rejects(
      s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "cond.json", IfMatch: '"00"' })),
      sdkError("PreconditionFailed", 412),
    );
    await assert.rejects(
      s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "cond.json", IfNoneMatch: etag })),
      (e: SdkError) => e.$metadata.httpStatusCode === 304,
    );
    await assert.rejects(
      s3.client.send(
        new PutObjectCommand({ Bucket: s3.bucket, Key: "cond.json", Body: "new", IfNoneMatch: "*" }),
      ),
      sdkError("PreconditionFailed", 412),
    );
    assert.equal(Buffer.from(s3.emulator.getObject(s3.bucket, "cond.json")!.body).toString(), "{}");
  });

  test("DeleteObjects removes the listed keys", async () => {
    for (const k of ["d/1", "d/2", "d/3"]) s3.emulator.putObject(s3.bucket, k, k);
    const res = await s3.client.send(
      new DeleteObjectsCommand({ Bucket: s3.bucket, Delete: { Objects: [{ Key: "d/1" }, { Key: "d/3" }] } }),
    );
    assert.deepEqual(res.Deleted?.map((d) => d.Key).sort(), ["d/1", "d/3"]);
    assert.deepEqual(
      s3.emulator.listKeys(s3.bucket).filter((k) => k.startsWith("d/")),
      ["d/2"],
    );
  });
});

describe("faults", () => {
  let s3: S3TestContext;

  before(async () => {
    s3 = await startS3ForTest();
    s3.emulator.putObject(s3.bucket, "f.json", "{}");
  });
  after(() => s3.close());

  test("an injected SlowDown with times: 1 is retried by the SDK, which then succeeds", async () => {
    s3.emulator.injectFault({ op: "ListObjectsV2", code: "SlowDown", times: 1 });
    const seen = s3.emulator.requests.length;
    const page = await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    assert.equal(page.KeyCount, 1);
    assert.equal(page.$metadata.attempts, 2);
    assert.deepEqual(
      s3.emulator.requests.slice(seen).map((r) => [r.op, r.status, r.code]),
      [
        ["ListObjectsV2", 503, "SlowDown"],
        ["ListObjectsV2", 200, undefined],
      ],
    );
  });

  test("a fault without times persists until clearFaults; match narrows it to some keys", async () => {
    s3.emulator.putObject(s3.bucket, "g.json", "{}");
    s3.emulator.injectFault({ op: "GetObject", status: 500, match: (r) => r.key === "g.json" });
    const once = s3.newClient({ maxAttempts: 2 });
    await assert.rejects(
      once.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "g.json" })),
      (e: SdkError) => {
        sdkError("InternalError", 500)(e);
        assert.equal(e.$metadata.attempts, 2);
        return true;
      },
    );
    const other = await once.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "f.json" }));
    assert.equal(await other.Body!.transformToString(), "{}");
    s3.emulator.clearFaults();
    const fixed = await once.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "g.json" }));
    assert.equal(await fixed.Body!.transformToString(), "{}");
  });

  test("a before hook that deletes the object between list and get makes the get NoSuchKey", async () => {
    s3.emulator.putObject(s3.bucket, "vanishing.json", "{}");
    const page = await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: "vanishing" }));
    assert.equal(page.KeyCount, 1);
    s3.emulator.injectFault({
      op: "GetObject",
      times: 1,
      before: (r) => s3.emulator.deleteObject(r.bucket, r.key!),
    });
    await assert.rejects(
      s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "vanishing.json" })),
      sdkError("NoSuchKey", 404),
    );
  });

  test("dropConnection destroys the socket; the SDK retries and succeeds on the next attempt", async () => {
    s3.emulator.injectFault({ op: "GetObject", dropConnection: true, times: 1 });
    const got = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "f.json" }));
    assert.equal(await got.Body!.transformToString(), "{}");
    assert.equal(got.$metadata.attempts, 2);
    const dropped = s3.emulator.requests.filter((r) => r.op === "GetObject" && r.status === 0);
    assert.equal(dropped.length, 1);
  });
});
