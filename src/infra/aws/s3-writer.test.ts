/** writeNewObject and the destination connection test against the S3 emulator, with the real SDK. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { type S3TestContext, startS3ForTest } from "../../../test/support/s3.ts";
import { compileTemplate } from "../../domain/path-template.ts";
import { AwsCallError } from "./aws-errors.ts";
import { connectionTestKey, testDestination } from "./destination-test.ts";
import { createS3Client } from "./s3-client.ts";
import { headerSafeMetadata, MULTIPART_THRESHOLD, writeNewObject } from "./s3-writer.ts";

const MiB = 1024 * 1024;
const KMS_KEY = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

function* pieces(total: number, size: number, seed: number): Generator<Uint8Array> {
  for (let at = 0; at < total; at += size) {
    const b = Buffer.alloc(Math.min(size, total - at), (at / size + seed) % 251);
    yield b;
  }
}

async function failure(p: Promise<unknown>): Promise<AwsCallError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof AwsCallError, `expected an AwsCallError, got ${err}`);
    return err;
  }
  assert.fail("expected the call to fail");
}

describe("writeNewObject", () => {
  let s3: S3TestContext;
  const client = () =>
    createS3Client(
      { region: s3.region, bucket: s3.bucket, endpointUrl: s3.emulator.endpoint, forcePathStyle: true },
      async () => s3.credentials,
      { maxAttempts: 1 },
    );
  before(async () => {
    s3 = await startS3ForTest();
    s3.emulator.createBucket("eu-lake", { region: "eu-west-1" });
  });
  after(() => s3.close());

  test("a small body is one conditional PutObject with Content-MD5; the same key again is 'exists'", async () => {
    const c = client();
    const body = new TextEncoder().encode('{"a":1}\n');
    const first = await writeNewObject(c, {
      bucket: s3.bucket,
      key: "x/one.ndjson",
      body,
      contentType: "application/x-ndjson",
      metadata: { "driftwatch-status": "clean", note: "café" },
    });
    assert.equal(first.status, "written");
    assert.deepEqual(first, {
      status: "written",
      etag: createHash("md5").update(body).digest("hex"),
      bytes: 8,
      multipart: false,
    });
    const again = await writeNewObject(c, {
      bucket: s3.bucket,
      key: "x/one.ndjson",
      body: new TextEncoder().encode("other"),
    });
    assert.deepEqual(again, { status: "exists", bytes: 0 });
    const stored = s3.emulator.getObject(s3.bucket, "x/one.ndjson")!;
    assert.deepEqual(Buffer.from(stored.body), Buffer.from(body), "the first write stands");
    assert.equal(stored.metadata["driftwatch-status"], "clean");
    assert.equal(stored.metadata["note"], "caf%C3%A9");
    const writes = s3.emulator.writes.filter((w) => w.key === "x/one.ndjson");
    assert.deepEqual(
      writes.map((w) => [w.outcome, w.condition, w.replaced]),
      [
        ["stored", "if-none-match", false],
        ["precondition_failed", "if-none-match", false],
      ],
    );
    const put = s3.emulator.requests.find((r) => r.op === "PutObject" && r.key === "x/one.ndjson")!;
    assert.equal(put.status, 200);
    c.destroy();
  });

  test("a stream over 8 MiB goes multipart, byte-identical, and a second write of the key is refused whole", async () => {
    const c = client();
    const total = 3 * MULTIPART_THRESHOLD + 17;
    const hash = createHash("sha256");
    for (const p of pieces(total, 1 * MiB, 1)) hash.update(p);
    const out = await writeNewObject(c, {
      bucket: s3.bucket,
      key: "big/a.bin",
      body: pieces(total, MiB, 1),
      kmsKeyArn: KMS_KEY,
    });
    assert.equal(out.status, "written");
    assert.equal(out.status === "written" && out.multipart, true);
    assert.equal(out.bytes, total);
    const stored = s3.emulator.getObject(s3.bucket, "big/a.bin")!;
    assert.equal(sha(stored.body), hash.digest("hex"));
    assert.equal(stored.kmsKeyArn, KMS_KEY);
    const again = await writeNewObject(c, {
      bucket: s3.bucket,
      key: "big/a.bin",
      body: pieces(total, MiB, 2),
    });
    assert.equal(again.status, "exists");
    assert.deepEqual(s3.emulator.openUploads(), [], "the refused upload was aborted");
    assert.ok(s3.emulator.writes.every((w) => !w.replaced));
    c.destroy();
  });

  test("a small stream is still a single PutObject", async () => {
    const c = client();
    const out = await writeNewObject(c, {
      bucket: s3.bucket,
      key: "s/small.bin",
      body: pieces(100_000, 10_000, 3),
    });
    assert.deepEqual(out.status === "written" && [out.bytes, out.multipart], [100_000, false]);
    c.destroy();
  });

  test("header-safe metadata: lower-case names, printable ASCII values", () => {
    assert.deepEqual(headerSafeMetadata({ "Check Result": "drift: 3 events", x: "ü\n" }), {
      "check-result": "drift: 3 events",
      x: "%C3%BC%0A",
    });
  });
});

describe("the destination connection test", () => {
  let s3: S3TestContext;
  const denied = new Set<string>();
  const template = compileTemplate("exports/{org}/{full_date}/");
  const client = (region = "us-east-1") =>
    createS3Client(
      { region, bucket: s3.bucket, endpointUrl: s3.emulator.endpoint, forcePathStyle: true },
      async () => s3.credentials,
      { maxAttempts: 1 },
    );
  before(async () => {
    s3 = await startS3ForTest({ bucket: "lake" });
    s3.emulator.setAuthorizer((r) => (denied.has(r.action) ? "deny" : "allow"));
  });
  after(() => s3.close());

  const target = (over: Partial<Parameters<typeof testDestination>[1]> = {}) => ({
    bucket: "lake",
    region: "us-east-1",
    endpointUrl: s3.emulator.endpoint,
    ...over,
  });

  test("writes a small object under the rendered prefix, deletes it, and leaves nothing", async () => {
    denied.clear();
    const at = new Date("2026-12-02T10:00:00Z");
    const result = await testDestination(client(), target({ kmsKeyArn: KMS_KEY }), template, "acme", {
      now: at,
    });
    assert.match(
      result.key,
      /^exports\/acme\/20261202\/driftwatch-connection-test-20261202T100000Z-[0-9a-f]{12}\.txt$/,
    );
    assert.deepEqual(
      result.steps.map((s) => s.action),
      ["s3:PutObject", "s3:DeleteObject"],
    );
    assert.deepEqual(s3.emulator.listKeys("lake"), []);
    const put = s3.emulator.writes.find((w) => w.key === result.key)!;
    assert.equal(put.condition, "if-none-match");
  });

  test("each failure has its own code, names the action or the cause, and gives the fix", async () => {
    const codes = new Map<string, AwsCallError>();
    denied.clear();
    denied.add("s3:PutObject");
    codes.set("put", await failure(testDestination(client(), target(), template, "acme")));
    denied.clear();
    denied.add("s3:DeleteObject");
    codes.set("delete", await failure(testDestination(client(), target(), template, "acme")));
    const leftover = s3.emulator.listKeys("lake");
    assert.equal(leftover.length, 1, "the object the test could not delete");
    s3.emulator.deleteObject("lake", leftover[0]!);
    denied.clear();
    denied.add("kms:GenerateDataKey");
    codes.set(
      "kms",
      await failure(testDestination(client(), target({ kmsKeyArn: KMS_KEY }), template, "acme")),
    );
    denied.clear();
    s3.emulator.createBucket("eu-lake", { region: "eu-west-1" });
    codes.set(
      "region",
      await failure(testDestination(client(), target({ bucket: "eu-lake" }), template, "acme")),
    );
    codes.set(
      "bucket",
      await failure(testDestination(client(), target({ bucket: "no-such-lake" }), template, "acme")),
    );

    const summary = Object.fromEntries(
      [...codes].map(([k, e]) => [k, [e.code, e.status, e.mapped.aws_code]]),
    );
    assert.deepEqual(summary, {
      put: ["destination.s3.put_denied", 422, "AccessDenied"],
      delete: ["destination.s3.delete_denied", 422, "AccessDenied"],
      kms: ["destination.s3.kms_access_denied", 422, "AccessDenied"],
      region: ["destination.s3.wrong_region", 422, "AuthorizationHeaderMalformed"],
      bucket: ["destination.s3.no_such_bucket", 422, "NoSuchBucket"],
    });
    assert.match(
      codes.get("put")!.hint!,
      /s3:PutObject on arn:aws:s3:::lake\/exports\/acme\/20\d{6}\/driftwatch-connection-test/,
    );
    assert.match(
      codes.get("put")!.hint!,
      /driftwatch policy s3-destination --bucket lake --prefix exports\//,
    );
    assert.match(codes.get("delete")!.hint!, /s3:DeleteObject/);
    assert.match(codes.get("delete")!.hint!, /needed only for the connection test/);
    assert.match(codes.get("delete")!.hint!, /remove it again/);
    assert.match(codes.get("kms")!.message, /kms:GenerateDataKey/);
    assert.match(codes.get("kms")!.hint!, /--kms-key/);
    assert.match(codes.get("region")!.message, /eu-west-1/);
    assert.match(codes.get("region")!.hint!, /destination's region to eu-west-1/);
    assert.match(codes.get("bucket")!.message, /no-such-lake does not exist/);
    assert.equal(new Set([...codes.values()].map((e) => e.hint)).size, 5, "five different fixes");
  });

  test("the test key fills what only an export knows with stand-ins", () => {
    const key = connectionTestKey(
      compileTemplate("{tenant}/{connection}/{account}/{kind}/"),
      "acme",
      new Date("2026-01-02T03:04:05Z"),
      "ab",
    );
    assert.equal(
      key,
      "acme/connection-test/000000000000/events/driftwatch-connection-test-20260102T030405Z-ab.txt",
    );
  });
});
