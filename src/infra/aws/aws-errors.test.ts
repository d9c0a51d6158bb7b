/** mapAwsError against what the real S3 client throws when the S3 emulator answers as S3 does. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { GetObjectCommand, HeadBucketCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { type S3TestContext, startS3ForTest, TEST_CREDENTIALS } from "../../../test/support/s3.ts";
import { AwsCallError, type AwsOperation, mapAwsError, scrubAwsMessage } from "./aws-errors.ts";

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to fail");
}

describe("mapAwsError for S3", () => {
  let s3: S3TestContext;
  before(async () => {
    s3 = await startS3ForTest();
    s3.emulator.putObject(s3.bucket, "in/a.json", "{}");
    s3.emulator.putObject(s3.bucket, "in/cold.json", "{}", { storageClass: "GLACIER" });
    s3.emulator.createBucket("eu-bucket", { region: "eu-west-1" });
  });
  after(async () => s3.close());

  const list: AwsOperation = {
    service: "s3",
    action: "ListObjectsV2",
    bucket: "test-bucket",
    prefix: "in/",
    region: "us-east-1",
  };
  const get: AwsOperation = {
    service: "s3",
    action: "GetObject",
    bucket: "test-bucket",
    key: "in/a.json",
    region: "us-east-1",
  };
  const client = (overrides: Parameters<S3TestContext["newClient"]>[0] = {}): S3Client =>
    s3.newClient({ maxAttempts: 1, ...overrides });

  test("an unknown access key and a wrong secret", async () => {
    const unknown = await failure(
      client({ credentials: { ...TEST_CREDENTIALS, accessKeyId: "EXAMPLEUNKNOWNKEY" } }).send(
        new ListObjectsV2Command({ Bucket: "test-bucket" }),
      ),
    );
    assert.deepEqual(
      [mapAwsError(unknown, list).code, mapAwsError(unknown, list).aws_code],
      ["aws.s3.unknown_access_key", "InvalidAccessKeyId"],
    );
    const wrongSecret = "wrongSecretEXAMPLEwrongSecretEXAMPLE0000";
    const bad = await failure(
      client({ credentials: { ...TEST_CREDENTIALS, secretAccessKey: wrongSecret } }).send(
        new ListObjectsV2Command({ Bucket: "test-bucket" }),
      ),
    );
    const mapped = mapAwsError(bad, list);
    assert.equal(mapped.code, "aws.s3.signature_mismatch");
    assert.equal(mapped.retryable, false);
    assert.ok(!JSON.stringify(mapped).includes(wrongSecret));
  });

  test("an expired session token is retryable (a role session is refreshed); a foreign token is not", async () => {
    s3.emulator.addCredentials({
      accessKeyId: "ASIAEXPIRED000000000",
      secretAccessKey: "s".repeat(40),
      sessionToken: "tok",
      expiresAt: new Date(Date.now() - 1000),
    });
    const expired = await failure(
      client({
        credentials: {
          accessKeyId: "ASIAEXPIRED000000000",
          secretAccessKey: "s".repeat(40),
          sessionToken: "tok",
        },
      }).send(new ListObjectsV2Command({ Bucket: "test-bucket" })),
    );
    const mapped = mapAwsError(expired, list);
    assert.deepEqual(
      [mapped.code, mapped.aws_code, mapped.retryable],
      ["aws.s3.token_expired", "ExpiredToken", true],
    );
  });

  test("access denied names the missing permission and resource: ListBucket vs GetObject", async () => {
    s3.emulator.setAuthorizer((r) => (r.action === "s3:ListBucket" ? "deny" : "allow"));
    try {
      const denied = mapAwsError(
        await failure(client().send(new ListObjectsV2Command({ Bucket: "test-bucket", Prefix: "in/" }))),
        list,
      );
      assert.equal(denied.code, "aws.s3.access_denied");
      assert.match(
        denied.hint,
        /^The IAM identity lacks s3:ListBucket on arn:aws:s3:::test-bucket for prefix "in\/"/,
      );
    } finally {
      s3.emulator.setAuthorizer(undefined);
    }
    s3.emulator.setAuthorizer((r) => (r.action === "s3:GetObject" ? "deny" : "allow"));
    try {
      const denied = mapAwsError(
        await failure(client().send(new GetObjectCommand({ Bucket: "test-bucket", Key: "in/a.json" }))),
        get,
      );
      assert.equal(denied.code, "aws.s3.access_denied");
      assert.match(
        denied.hint,
        /^The IAM identity lacks s3:GetObject on arn:aws:s3:::test-bucket\/in\/a\.json/,
      );
    } finally {
      s3.emulator.setAuthorizer(undefined);
    }
  });

  test("no such bucket, no such key, an archived object", async () => {
    const op = { ...list, bucket: "nope-bucket" };
    assert.equal(
      mapAwsError(await failure(client().send(new ListObjectsV2Command({ Bucket: "nope-bucket" }))), op).code,
      "aws.s3.no_such_bucket",
    );
    const gone = { ...get, key: "in/gone.json" };
    assert.equal(
      mapAwsError(
        await failure(client().send(new GetObjectCommand({ Bucket: "test-bucket", Key: "in/gone.json" }))),
        gone,
      ).code,
      "aws.s3.no_such_key",
    );
    const cold = { ...get, key: "in/cold.json" };
    assert.equal(
      mapAwsError(
        await failure(client().send(new GetObjectCommand({ Bucket: "test-bucket", Key: "in/cold.json" }))),
        cold,
      ).code,
      "aws.s3.archived",
    );
  });

  test("a wrong region names the bucket's region (signed request, and HeadBucket's bare 301)", async () => {
    const op = { ...list, bucket: "eu-bucket" };
    const listed = mapAwsError(
      await failure(client().send(new ListObjectsV2Command({ Bucket: "eu-bucket" }))),
      op,
    );
    assert.equal(listed.code, "aws.s3.wrong_region");
    assert.equal(listed.bucket_region, "eu-west-1");
    assert.equal(listed.hint, "Set the connection's region to eu-west-1.");
    const head = mapAwsError(await failure(client().send(new HeadBucketCommand({ Bucket: "eu-bucket" }))), {
      ...op,
      action: "HeadBucket",
    });
    assert.equal(head.code, "aws.s3.wrong_region");
  });

  test("throttling and an unreachable endpoint are retryable", async () => {
    s3.emulator.injectFault({ op: "ListObjectsV2", code: "SlowDown", times: 1 });
    const slow = mapAwsError(
      await failure(client().send(new ListObjectsV2Command({ Bucket: "test-bucket" }))),
      list,
    );
    assert.deepEqual([slow.code, slow.aws_code, slow.retryable], ["aws.s3.throttled", "SlowDown", true]);
    const offline = client({ endpoint: "http://127.0.0.1:9" });
    const down = mapAwsError(
      await failure(offline.send(new ListObjectsV2Command({ Bucket: "test-bucket" }))),
      {
        ...list,
        endpoint: "http://127.0.0.1:9",
      },
    );
    assert.deepEqual(
      [down.code, down.aws_code, down.retryable],
      ["aws.s3.unreachable", "ECONNREFUSED", true],
    );
  });

  test("an STS failure inside an S3 call keeps its own code; codePrefix renames the first segment", async () => {
    const sts = new AwsCallError(
      {
        code: "aws.sts.assume_role_denied",
        aws_code: "AccessDenied",
        message: "m",
        hint: "h",
        retryable: false,
      },
      { service: "sts", action: "AssumeRole" },
      "assume_role_denied",
    );
    const viaProvider = new S3Client({
      endpoint: s3.emulator.endpoint,
      region: "us-east-1",
      forcePathStyle: true,
      maxAttempts: 1,
      credentials: async () => {
        throw sts;
      },
    });
    const inside = await failure(viaProvider.send(new ListObjectsV2Command({ Bucket: "test-bucket" })));
    viaProvider.destroy();
    assert.equal(mapAwsError(inside, list).code, "aws.sts.assume_role_denied");
    assert.equal(
      mapAwsError(inside, { ...list, codePrefix: "connection" }).code,
      "connection.sts.assume_role_denied",
    );
    s3.emulator.setAuthorizer(() => "deny");
    try {
      const denied = mapAwsError(
        await failure(client().send(new ListObjectsV2Command({ Bucket: "test-bucket" }))),
        {
          ...list,
          codePrefix: "connection",
        },
      );
      assert.equal(denied.code, "connection.s3.access_denied");
    } finally {
      s3.emulator.setAuthorizer(undefined);
    }
  });
});

describe("scrubAwsMessage", () => {
  test("removes secret keys, session tokens and JWTs; keeps the rest", () => {
    const scrubbed = scrubAwsMessage(
      "key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY token IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6example== jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln for AKIAIOSFODNN7EXAMPLE",
    )!;
    assert.ok(!scrubbed.includes("wJalrXUtnFEMI"));
    assert.ok(!scrubbed.includes("IQoJb3JpZ2luX2Vj"));
    assert.ok(!scrubbed.includes("eyJhbGci"));
    assert.match(scrubbed, /for AKIAIOSFODNN7EXAMPLE$/, "access key ids are not secret and help debugging");
  });
});
