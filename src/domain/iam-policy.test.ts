import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  buildPolicy,
  checkBucketName,
  crossAccountBucketPolicy,
  oidcProviderArn,
  type PolicyDocument,
  PolicyInputError,
  parseRoleArn,
  renderPolicy,
  s3DestinationPolicy,
  s3SourcePolicy,
  stateReadPolicy,
  trustOidcPolicy,
  trustRolePolicy,
} from "./iam-policy.ts";

const KMS = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ORG = "0b3c1f9e-2a4d-4c7b-9e5f-6a7b8c9d0e1f";

/** What AWS's policy grammar asks of every document we emit. */
function assertWellFormed(policy: PolicyDocument): void {
  assert.equal(policy.Version, "2012-10-17");
  const sids = new Set<string>();
  for (const s of policy.Statement) {
    assert.match(s.Sid, /^[A-Za-z0-9]+$/, `Sid ${s.Sid} is alphanumeric`);
    assert.ok(!sids.has(s.Sid), `Sid ${s.Sid} is unique`);
    sids.add(s.Sid);
    assert.equal(s.Effect, "Allow");
    for (const action of [s.Action].flat()) assert.match(action, /^(s3|kms|sts):[A-Za-z]+$/);
    for (const arn of [s.Resource ?? []].flat()) {
      assert.match(arn, /^arn:aws(-cn|-us-gov)?:(s3:::[a-z0-9.-]+(\/.*)?|kms:[a-z0-9-]+:\d{12}:key\/.+)$/);
    }
  }
  assert.deepEqual(JSON.parse(renderPolicy(policy)), policy, "round-trips as JSON");
}

describe("s3-source", () => {
  test("without a prefix: list the bucket, get every object", () => {
    const built = s3SourcePolicy({ bucket: "partner-drops" });
    assert.deepEqual(built.policy, {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ListWatchedPrefix",
          Effect: "Allow",
          Action: "s3:ListBucket",
          Resource: "arn:aws:s3:::partner-drops",
        },
        {
          Sid: "ReadWatchedObjects",
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::partner-drops/*",
        },
      ],
    });
    assertWellFormed(built.policy);
  });

  test("with a prefix and a KMS key: listing scoped by s3:prefix, objects under the prefix, kms:Decrypt", () => {
    const built = s3SourcePolicy({ bucket: "partner-drops", prefix: "incoming/orders/", kmsKeyArn: KMS });
    assert.deepEqual(built.policy, {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ListWatchedPrefix",
          Effect: "Allow",
          Action: "s3:ListBucket",
          Resource: "arn:aws:s3:::partner-drops",
          Condition: { StringLike: { "s3:prefix": ["incoming/orders/*"] } },
        },
        {
          Sid: "ReadWatchedObjects",
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::partner-drops/incoming/orders/*",
        },
        { Sid: "DecryptWatchedObjects", Effect: "Allow", Action: "kms:Decrypt", Resource: KMS },
      ],
    });
    assertWellFormed(built.policy);
    assert.ok(
      built.notes.some((n) => n.includes("HeadBucket")),
      "says what the prefix condition denies",
    );
  });
});

describe("s3-destination", () => {
  test("PutObject under the prefix; DeleteObject only for the connection test, said in a note", () => {
    const built = s3DestinationPolicy({ bucket: "drift-lake", prefix: "driftwatch/" });
    assert.deepEqual(built.policy.Statement, [
      {
        Sid: "WriteExports",
        Effect: "Allow",
        Action: "s3:PutObject",
        Resource: "arn:aws:s3:::drift-lake/driftwatch/*",
      },
      {
        Sid: "RemoveConnectionTestObject",
        Effect: "Allow",
        Action: "s3:DeleteObject",
        Resource: "arn:aws:s3:::drift-lake/driftwatch/*",
      },
    ]);
    assert.ok(built.notes[0]!.includes("connection test"));
    assertWellFormed(built.policy);
    const kms = s3DestinationPolicy({ bucket: "drift-lake", kmsKeyArn: KMS });
    assert.deepEqual(kms.policy.Statement[2], {
      Sid: "EncryptExports",
      Effect: "Allow",
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: KMS,
    });
  });

  test("a templated prefix pins the part before its first variable; a bad template names the field", () => {
    const built = s3DestinationPolicy({ bucket: "drift-lake", prefix: "exports/{org}/{full_date}/" });
    assert.equal(built.policy.Statement[0]!.Resource, "arn:aws:s3:::drift-lake/exports/*");
    assert.equal(built.policy.Statement[1]!.Resource, "arn:aws:s3:::drift-lake/exports/*");
    assert.ok(built.notes.some((n) => n.includes('"exports/"')));
    const whole = s3DestinationPolicy({ bucket: "drift-lake", prefix: "{org}/" });
    assert.equal(whole.policy.Statement[0]!.Resource, "arn:aws:s3:::drift-lake/*");
    assert.throws(
      () => s3DestinationPolicy({ bucket: "drift-lake", prefix: "exports/{colour}/" }),
      (err: unknown) =>
        err instanceof PolicyInputError && err.field === "prefix" && err.message.includes("{colour}"),
    );
  });
});

describe("state-read", () => {
  test("without a KMS key: GetObject, GetObjectVersion, ListBucket and nothing else", () => {
    const built = stateReadPolicy({ bucket: "tf-state" });
    assert.deepEqual(built.policy, {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ListStateBucket",
          Effect: "Allow",
          Action: "s3:ListBucket",
          Resource: "arn:aws:s3:::tf-state",
        },
        {
          Sid: "ReadTerraformState",
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:GetObjectVersion"],
          Resource: "arn:aws:s3:::tf-state/*",
        },
      ],
    });
    assertWellFormed(built.policy);
  });

  test("with a prefix and a KMS key: kms:Decrypt and kms:DescribeKey on that key", () => {
    const built = stateReadPolicy({ bucket: "tf-state", prefix: "prod/", kmsKeyArn: KMS });
    assert.deepEqual(built.policy.Statement, [
      {
        Sid: "ListStateBucket",
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: "arn:aws:s3:::tf-state",
        Condition: { StringLike: { "s3:prefix": ["prod/*"] } },
      },
      {
        Sid: "ReadTerraformState",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:GetObjectVersion"],
        Resource: "arn:aws:s3:::tf-state/prod/*",
      },
      {
        Sid: "DecryptTerraformState",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:DescribeKey"],
        Resource: KMS,
      },
    ]);
    assert.ok(
      built.notes.some((n) => n.includes("env:/")),
      "warns about workspace keys outside the prefix",
    );
  });

  test("the partition follows a China or GovCloud KMS key, and a mismatch is refused", () => {
    const cnKey = "arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const built = stateReadPolicy({ bucket: "tf-state", kmsKeyArn: cnKey });
    assert.equal(built.policy.Statement[0]!.Resource, "arn:aws-cn:s3:::tf-state");
    assertWellFormed(built.policy);
    assert.throws(
      () => stateReadPolicy({ bucket: "tf-state", kmsKeyArn: cnKey, partition: "aws-us-gov" }),
      (e: PolicyInputError) => e.code === "policy.invalid_kms_key_arn" && /partition/.test(e.message),
    );
  });
});

describe("trust policies", () => {
  test("role: the driftwatch principal with an sts:ExternalId condition", () => {
    const built = trustRolePolicy({
      principalArn: "arn:aws:iam::444455556666:user/driftwatch",
      externalId: "dw-abc123",
    });
    assert.deepEqual(built.policy, {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DriftwatchAssumesRole",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::444455556666:user/driftwatch" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": "dw-abc123" } },
        },
      ],
    });
    const byAccount = trustRolePolicy({ principalArn: "444455556666", externalId: "dw-abc123" });
    assert.deepEqual(byAccount.policy.Statement[0]!.Principal, { AWS: "arn:aws:iam::444455556666:root" });
  });

  test("oidc: federated provider ARN, sub + aud + org tag pinned with StringEquals, TagSession allowed", () => {
    const built = trustOidcPolicy({
      accountId: "123456789012",
      issuer: "https://dw.example.com",
      audience: "https://dw.example.com/federation",
      orgId: ORG,
    });
    assert.deepEqual(built.policy.Statement, [
      {
        Sid: "DriftwatchFederation",
        Effect: "Allow",
        Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/dw.example.com" },
        Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
        Condition: {
          StringEquals: {
            "dw.example.com:sub": `org-${ORG}`,
            "dw.example.com:aud": "https://dw.example.com/federation",
            "aws:RequestTag/dw_org_id": ORG,
          },
        },
      },
    ]);
    assert.equal(built.notes.length, 3, "an https issuer gets no warning");
    const local = trustOidcPolicy({
      accountId: "123456789012",
      issuer: "http://localhost:8080",
      audience: "a",
      orgId: ORG,
    });
    assert.match(local.notes.at(-1)!, /only trusts https/);
  });

  test("an issuer with a path keeps the path in the provider name, as IAM does", () => {
    assert.equal(
      oidcProviderArn("123456789012", "https://example.com/driftwatch", "aws-us-gov"),
      "arn:aws-us-gov:iam::123456789012:oidc-provider/example.com/driftwatch",
    );
  });
});

describe("cross-account bucket policy", () => {
  test("state-read access for a role in another account", () => {
    const built = crossAccountBucketPolicy({
      bucket: "tf-state",
      principalArn: "arn:aws:iam::444455556666:role/DriftwatchScanner",
      access: "state-read",
    });
    assert.deepEqual(built.policy.Statement, [
      {
        Sid: "AllowDriftwatchList",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::444455556666:role/DriftwatchScanner" },
        Action: "s3:ListBucket",
        Resource: "arn:aws:s3:::tf-state",
      },
      {
        Sid: "AllowDriftwatchRead",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::444455556666:role/DriftwatchScanner" },
        Action: ["s3:GetObject", "s3:GetObjectVersion"],
        Resource: "arn:aws:s3:::tf-state/*",
      },
    ]);
    assertWellFormed(built.policy);
  });
});

describe("input checks name the field, the reason and the fix", () => {
  const cases: Array<[string, () => unknown, string, RegExp]> = [
    [
      "uppercase bucket",
      () => checkBucketName("Partner-Drops"),
      "policy.invalid_bucket",
      /characters other than/,
    ],
    ["short bucket", () => checkBucketName("ab"), "policy.invalid_bucket", /2 characters long/],
    ["IP bucket", () => checkBucketName("192.168.1.10"), "policy.invalid_bucket", /IP address/],
    ["ARN as bucket", () => checkBucketName("arn:aws:s3:::x"), "policy.invalid_bucket", /ARN or URL/],
    ["double dot", () => checkBucketName("a..b"), "policy.invalid_bucket", /two dots/],
    ["reserved suffix", () => checkBucketName("data-s3alias"), "policy.invalid_bucket", /reserved/],
    [
      "leading slash",
      () => s3SourcePolicy({ bucket: "abc", prefix: "/in/" }),
      "policy.invalid_prefix",
      /starts with/,
    ],
    [
      "wildcard prefix",
      () => s3SourcePolicy({ bucket: "abc", prefix: "in/*.json" }),
      "policy.invalid_prefix",
      /'\*'/,
    ],
    [
      "KMS alias",
      () => s3SourcePolicy({ bucket: "abc", kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:alias/data" }),
      "policy.invalid_kms_key_arn",
      /alias, not a key/,
    ],
    [
      "short account",
      () => trustOidcPolicy({ accountId: "12345", issuer: "https://x.io", audience: "a", orgId: ORG }),
      "policy.invalid_account_id",
      /not an AWS account id/,
    ],
    [
      "bad principal",
      () => trustRolePolicy({ principalArn: "arn:aws:s3:::bucket", externalId: "dw-1" }),
      "policy.invalid_principal_arn",
      /not an IAM user or role ARN/,
    ],
    [
      "bad external id",
      () => trustRolePolicy({ principalArn: "111122223333", externalId: "has space" }),
      "policy.invalid_external_id",
      /not a valid external id/,
    ],
    [
      "issuer with trailing slash",
      () =>
        trustOidcPolicy({ accountId: "123456789012", issuer: "https://x.io/", audience: "a", orgId: ORG }),
      "policy.invalid_issuer",
      /not an issuer URL/,
    ],
    [
      "unknown partition",
      () => buildPolicy("s3-source", { bucket: "abc", partition: "aws-mars" }),
      "policy.invalid_partition",
      /not an AWS partition/,
    ],
  ];
  for (const [name, fn, code, message] of cases) {
    test(name, () => {
      assert.throws(fn, (e: unknown) => {
        assert.ok(e instanceof PolicyInputError);
        assert.equal(e.code, code);
        assert.match(e.message, message);
        assert.ok(e.hint.length > 10);
        return true;
      });
    });
  }

  test("valid names pass: dots, digits, hyphens", () => {
    for (const name of ["my.bucket-1", "abc", "a".repeat(63), "logs.example.com"]) {
      assert.equal(checkBucketName(name), name);
    }
  });

  test("role ARNs with paths parse; other ARNs do not", () => {
    assert.deepEqual(parseRoleArn("arn:aws:iam::123456789012:role/service/Driftwatch"), {
      partition: "aws",
      account: "123456789012",
      name: "Driftwatch",
    });
    assert.equal(parseRoleArn("arn:aws:iam::123456789012:user/x"), undefined);
    assert.equal(parseRoleArn("arn:aws:iam::12345678901:role/x"), undefined);
  });
});

describe("buildPolicy", () => {
  test("dispatches flat API/CLI parameters to the builders", () => {
    assert.deepEqual(
      buildPolicy("s3-source", { bucket: "abc", prefix: "in/" }).policy,
      s3SourcePolicy({ bucket: "abc", prefix: "in/" }).policy,
    );
    const missing = () => buildPolicy("state-read", {});
    assert.throws(missing, /bucket is required/);
  });
});
