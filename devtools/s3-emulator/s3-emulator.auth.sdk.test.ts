/** Authentication and authorization as the real AWS SDK v3 sees them. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { type S3TestContext, startS3ForTest } from "../../test/support/s3.ts";

interface SdkError extends Error {
  $metadata: { httpStatusCode?: number; attempts?: number };
  $response?: { headers: Record<string, string> };
  Region?: string;
}

function sdkError(name: string, status: number) {
  return (e: SdkError) => {
    assert.equal(e.name, name);
    assert.equal(e.$metadata.httpStatusCode, status);
    return true;
  };
}

describe("authentication", () => {
  let s3: S3TestContext;
  let offsetMs = 0;

  before(async () => {
    s3 = await startS3ForTest({ clock: () => new Date(Date.now() + offsetMs) });
    s3.emulator.putObject(s3.bucket, "k.json", "{}");
  });
  after(() => s3.close());

  test("the right key pair lists", async () => {
    const page = await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    assert.deepEqual(
      page.Contents?.map((c) => c.Key),
      ["k.json"],
    );
    assert.equal(s3.emulator.requests.at(-1)?.accessKeyId, s3.credentials.accessKeyId);
  });

  test("a wrong secret is SignatureDoesNotMatch (403)", async () => {
    const client = s3.newClient({
      credentials: { ...s3.credentials, secretAccessKey: "wrongSecretKeyEXAMPLEKEYwrongSecretKey000" },
    });
    await assert.rejects(
      client.send(new ListObjectsV2Command({ Bucket: s3.bucket })),
      sdkError("SignatureDoesNotMatch", 403),
    );
  });

  test("an unknown key id is InvalidAccessKeyId (403), also after the key is removed", async () => {
    const client = s3.newClient({
      credentials: { accessKeyId: "EXAMPLEKEYID2", secretAccessKey: "x" },
    });
    await assert.rejects(
      client.send(new ListObjectsV2Command({ Bucket: s3.bucket })),
      sdkError("InvalidAccessKeyId", 403),
    );

    const extra = {
      accessKeyId: "EXAMPLEKEYREMOVED",
      secretAccessKey: "removedSecretEXAMPLEKEYremovedSecret0000",
    };
    s3.emulator.addCredentials(extra);
    const second = s3.newClient({ credentials: extra });
    await second.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    s3.emulator.removeCredentials(extra.accessKeyId);
    await assert.rejects(
      second.send(new ListObjectsV2Command({ Bucket: s3.bucket })),
      sdkError("InvalidAccessKeyId", 403),
    );
  });

  test("a client in the wrong region gets AuthorizationHeaderMalformed naming the bucket's region", async () => {
    s3.emulator.createBucket("eu-data", { region: "eu-west-1" });
    await assert.rejects(s3.client.send(new ListObjectsV2Command({ Bucket: "eu-data" })), (e: SdkError) => {
      sdkError("AuthorizationHeaderMalformed", 400)(e);
      assert.equal(e.Region, "eu-west-1");
      assert.equal(e.$response?.headers["x-amz-bucket-region"], "eu-west-1");
      return true;
    });
    const eu = s3.newClient({ region: "eu-west-1" });
    await eu.send(new ListObjectsV2Command({ Bucket: "eu-data" }));
  });

  test("HeadBucket in the wrong region is a 301 with x-amz-bucket-region, which followRegionRedirects follows", async () => {
    await assert.rejects(s3.client.send(new HeadBucketCommand({ Bucket: "eu-data" })), (e: SdkError) => {
      assert.equal(e.$metadata.httpStatusCode, 301);
      assert.equal(e.$response?.headers["x-amz-bucket-region"], "eu-west-1");
      return true;
    });
    const following = s3.newClient({ followRegionRedirects: true });
    const head = await following.send(new HeadBucketCommand({ Bucket: "eu-data" }));
    assert.equal(head.BucketRegion, "eu-west-1");
  });

  test("an unknown bucket is NoSuchBucket (404)", async () => {
    await assert.rejects(
      s3.client.send(new ListObjectsV2Command({ Bucket: "no-such-bucket" })),
      sdkError("NoSuchBucket", 404),
    );
    await assert.rejects(
      s3.client.send(new HeadBucketCommand({ Bucket: "no-such-bucket" })),
      sdkError("NotFound", 404),
    );
  });

  test("session tokens: valid until expiresAt on the emulator's clock, then ExpiredToken; a wrong token is InvalidToken", async () => {
    const temp = {
      accessKeyId: "ASIAIOSFODNN7EXAMPLE",
      secretAccessKey: "tempSecretEXAMPLEKEYtempSecretEXAMPLE0000",
      sessionToken: "FwoGZXIvYXdzEXAMPLESESSIONTOKEN",
      expiresAt: new Date(Date.now() + 10 * 60_000),
    };
    s3.emulator.addCredentials(temp);
    const client = s3.newClient({ credentials: temp });
    await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));

    const wrong = s3.newClient({ credentials: { ...temp, sessionToken: "FwoGZXIvYXdzEXAMPLEOTHERTOKEN" } });
    await assert.rejects(
      wrong.send(new ListObjectsV2Command({ Bucket: s3.bucket })),
      sdkError("InvalidToken", 400),
    );

    offsetMs = 11 * 60_000; // past expiresAt, still within the 15-minute skew allowance
    try {
      await assert.rejects(
        client.send(new ListObjectsV2Command({ Bucket: s3.bucket })),
        sdkError("ExpiredToken", 400),
      );
    } finally {
      offsetMs = 0;
    }
  });

  test("a clock 20 minutes off is RequestTimeTooSkewed (403); the SDK corrects its clock and retries", async () => {
    offsetMs = 20 * 60_000;
    try {
      const once = s3.newClient({ maxAttempts: 1 });
      await assert.rejects(
        once.send(new ListObjectsV2Command({ Bucket: s3.bucket })),
        sdkError("RequestTimeTooSkewed", 403),
      );

      const retrying = s3.newClient();
      const seen = s3.emulator.requests.length;
      const page = await retrying.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
      assert.equal(page.KeyCount, 1);
      assert.deepEqual(
        s3.emulator.requests.slice(seen).map((r) => [r.status, r.code]),
        [
          [403, "RequestTimeTooSkewed"],
          [200, undefined],
        ],
      );
    } finally {
      offsetMs = 0;
    }
  });
});

describe("authorization", () => {
  let s3: S3TestContext;

  before(async () => {
    s3 = await startS3ForTest({ client: { maxAttempts: 1 } });
    s3.emulator.putObject(s3.bucket, "in/a.json", "{}");
  });
  after(() => s3.close());

  test("the authorizer sees action, bucket, key and prefix; a deny is AccessDenied (403)", async () => {
    const asked: string[] = [];
    s3.emulator.setAuthorizer((r) => {
      asked.push(`${r.action} ${r.bucket} ${r.key ?? ""} ${r.prefix ?? ""}`.trim());
      return r.action === "s3:PutObject" ? "deny" : "allow";
    });
    try {
      await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: "in/" }));
      await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "in/a.json" }));
      await assert.rejects(
        s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: "out/x.json", Body: "{}" })),
        (e: SdkError) => {
          sdkError("AccessDenied", 403)(e);
          assert.match(
            e.message,
            /not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::test-bucket\/out\/x.json"/,
          );
          return true;
        },
      );
      assert.deepEqual(asked, [
        "s3:ListBucket test-bucket  in/",
        "s3:GetObject test-bucket in/a.json",
        "s3:PutObject test-bucket out/x.json",
      ]);
    } finally {
      s3.emulator.setAuthorizer(undefined);
    }
  });

  test("without s3:ListBucket a missing key is AccessDenied, as S3 answers, not NoSuchKey", async () => {
    s3.emulator.setAuthorizer((r) => (r.action === "s3:ListBucket" ? "deny" : "allow"));
    try {
      await assert.rejects(
        s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "in/missing.json" })),
        sdkError("AccessDenied", 403),
      );
    } finally {
      s3.emulator.setAuthorizer(undefined);
    }
    await assert.rejects(
      s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "in/missing.json" })),
      sdkError("NoSuchKey", 404),
    );
  });
});
