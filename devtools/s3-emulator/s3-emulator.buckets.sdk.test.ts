/** Bucket operations, persistence across restarts, and the runnable entry. */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, before, describe, test } from "node:test";
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { type S3TestContext, s3ClientFor, startS3ForTest, TEST_CREDENTIALS } from "../../test/support/s3.ts";
import { startS3Emulator } from "./s3-emulator.server.ts";

interface SdkError extends Error {
  $metadata: { httpStatusCode?: number };
}

const is = (name: string, status: number) => (e: SdkError) =>
  e.name === name && e.$metadata.httpStatusCode === status;

describe("buckets", () => {
  let s3: S3TestContext;

  before(async () => {
    s3 = await startS3ForTest();
  });
  after(() => s3.close());

  test("CreateBucket takes its region from the client (LocationConstraint); ListBuckets and GetBucketLocation show it", async () => {
    await s3.client.send(new CreateBucketCommand({ Bucket: "made-in-virginia" }));
    const eu = s3.newClient({ region: "eu-west-1" });
    await eu.send(new CreateBucketCommand({ Bucket: "made-in-ireland" }));
    const all = await s3.client.send(new ListBucketsCommand({}));
    assert.deepEqual(
      all.Buckets?.map((b) => b.Name),
      ["made-in-ireland", "made-in-virginia", "test-bucket"],
    );
    const loc = await eu.send(new GetBucketLocationCommand({ Bucket: "made-in-ireland" }));
    assert.equal(loc.LocationConstraint, "eu-west-1");
    const us = await s3.client.send(new GetBucketLocationCommand({ Bucket: "made-in-virginia" }));
    assert.equal(us.LocationConstraint ?? "", "");
  });

  test("CreateBucket refuses a taken or invalid name", async () => {
    await assert.rejects(
      s3.client.send(new CreateBucketCommand({ Bucket: "test-bucket" })),
      is("BucketAlreadyOwnedByYou", 409),
    );
    await assert.rejects(
      s3.client.send(new CreateBucketCommand({ Bucket: "Not_Valid" })),
      is("InvalidBucketName", 400),
    );
  });

  test("DeleteBucket refuses a bucket that still has objects", async () => {
    s3.emulator.putObject("made-in-virginia", "x", "1");
    await assert.rejects(
      s3.client.send(new DeleteBucketCommand({ Bucket: "made-in-virginia" })),
      is("BucketNotEmpty", 409),
    );
    s3.emulator.deleteObject("made-in-virginia", "x");
    await s3.client.send(new DeleteBucketCommand({ Bucket: "made-in-virginia" }));
    assert.throws(() => s3.emulator.listKeys("made-in-virginia"), { code: "NoSuchBucket" });
  });
});

describe("persistence", () => {
  const dir = mkdtempSync(join(tmpdir(), "s3-emulator-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("objects written to a persistDir are there after a restart, metadata included", async () => {
    const first = await startS3Emulator({ credentials: [TEST_CREDENTIALS], persistDir: dir });
    first.createBucket("kept", { region: "eu-central-1" });
    const client = s3ClientFor({ endpoint: first.endpoint, region: "eu-central-1" }, TEST_CREDENTIALS);
    await client.send(
      new PutObjectCommand({
        Bucket: "kept",
        Key: "a/b c.json",
        Body: '{"a":1}',
        ContentType: "application/json",
      }),
    );
    first.putObject("kept", "cold", "zz", {
      storageClass: "GLACIER",
      lastModified: new Date("2024-01-02T03:04:05.678Z"),
    });
    client.destroy();
    await first.close();

    const second = await startS3Emulator({ credentials: [TEST_CREDENTIALS], persistDir: dir });
    try {
      assert.deepEqual(second.listKeys("kept"), ["a/b c.json", "cold"]);
      const cold = second.getObject("kept", "cold")!;
      assert.deepEqual(
        [cold.storageClass, cold.lastModified.toISOString()],
        ["GLACIER", "2024-01-02T03:04:05.000Z"],
      );
      const again = s3ClientFor({ endpoint: second.endpoint, region: "eu-central-1" }, TEST_CREDENTIALS);
      const got = await again.send(new GetObjectCommand({ Bucket: "kept", Key: "a/b c.json" }));
      assert.equal(await got.Body!.transformToString(), '{"a":1}');
      assert.equal(got.ContentType, "application/json");
      again.destroy();
    } finally {
      await second.close();
    }
  });
});

describe("main.ts", () => {
  test("starts a server with a bucket and a key pair and prints its endpoint", async () => {
    const child = spawn(
      process.execPath,
      [
        join(import.meta.dirname, "main.ts"),
        "--bucket",
        "demo",
        "--access-key-id",
        TEST_CREDENTIALS.accessKeyId,
      ],
      {
        env: { ...process.env, S3_EMULATOR_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const lines = createInterface({ input: child.stdout });
      const first = await lines[Symbol.asyncIterator]().next();
      const endpoint = String(first.value ?? "").trim();
      assert.match(endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
      const client = s3ClientFor({ endpoint, region: "us-east-1" }, TEST_CREDENTIALS);
      await client.send(new PutObjectCommand({ Bucket: "demo", Key: "hello.txt", Body: "hi" }));
      const got = await client.send(new GetObjectCommand({ Bucket: "demo", Key: "hello.txt" }));
      assert.equal(await got.Body!.transformToString(), "hi");
      client.destroy();
    } finally {
      child.kill("SIGTERM");
    }
    assert.equal(await exited, 0);
    assert.ok(!stderr.includes(TEST_CREDENTIALS.secretAccessKey), "the secret is never printed");
  });
});
