import assert from "node:assert/strict";
import { test } from "node:test";
import { principalArnOf, renderAccountSetup } from "./account-setup.ts";

const ORG = "0b9f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e";
const federation = {
  issuer: "https://driftwatch.example.com",
  audience: "https://driftwatch.example.com/federation",
};

test("the principal other accounts name: the role, else the IAM user, else the role behind a session", () => {
  assert.equal(
    principalArnOf({ roleArn: "arn:aws:iam::123456789012:role/R" }),
    "arn:aws:iam::123456789012:role/R",
  );
  assert.equal(
    principalArnOf({ callerArn: "arn:aws:iam::123456789012:user/u" }),
    "arn:aws:iam::123456789012:user/u",
  );
  assert.equal(
    principalArnOf({ callerArn: "arn:aws-cn:sts::123456789012:assumed-role/Ops/session-1" }),
    "arn:aws-cn:iam::123456789012:role/Ops",
  );
  assert.equal(principalArnOf({ callerArn: null }), null);
});

test("state buckets fill the state-read and bucket statements; without one a placeholder stays", () => {
  const withBuckets = renderAccountSetup({
    orgId: ORG,
    accountId: "123456789012",
    region: "eu-west-1",
    credentialType: "aws_static",
    callerArn: "arn:aws:iam::123456789012:user/scanner",
    federation,
    stateBuckets: [
      { bucket: "tf-a", region: "eu-west-1" },
      { bucket: "tf-a", region: "eu-west-1" },
      { bucket: "tf-b", region: "eu-west-1" },
    ],
  });
  const read = withBuckets.sections.find((s) => s.id === "state_read")!.policy!.Statement[0]!;
  assert.deepEqual(read.Resource, [
    "arn:aws:s3:::tf-a",
    "arn:aws:s3:::tf-a/*",
    "arn:aws:s3:::tf-b",
    "arn:aws:s3:::tf-b/*",
  ]);
  assert.deepEqual(read.Action, ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"]);
  const kms = withBuckets.sections.find((s) => s.id === "kms")!.policy!.Statement[0]!;
  assert.equal(kms.Resource, "arn:aws:kms:eu-west-1:<KMS_ACCOUNT_ID>:key/<KEY_ID>");
  assert.equal(
    withBuckets.sections.find((s) => s.id === "trust_policy"),
    undefined,
  );
  assert.match(withBuckets.text, /create-index --region eu-west-1/);

  const none = renderAccountSetup({
    orgId: ORG,
    accountId: "123456789012",
    region: "us-east-1",
    credentialType: "aws_role",
    roleArn: "arn:aws:iam::123456789012:role/Scanner",
    externalId: "dw-ext-1",
    federation,
    stateBuckets: [],
  });
  assert.deepEqual(none.sections.find((s) => s.id === "state_read")!.policy!.Statement[0]!.Resource, [
    "arn:aws:s3:::<STATE_BUCKET>",
    "arn:aws:s3:::<STATE_BUCKET>/*",
  ]);
  const trust = none.sections.find((s) => s.id === "trust_policy")!.policy!.Statement[0]!;
  assert.deepEqual(trust.Condition, { StringEquals: { "sts:ExternalId": "dw-ext-1" } });
});

test("OIDC: the trust policy pins this organisation's sub, the audience and the org claim", () => {
  const setup = renderAccountSetup({
    orgId: ORG,
    accountId: "123456789012",
    region: "us-east-1",
    credentialType: "aws_oidc",
    roleArn: "arn:aws:iam::123456789012:role/DriftwatchScanner",
    federation,
    stateBuckets: [],
  });
  const trust = setup.sections.find((s) => s.id === "trust_policy")!;
  assert.equal(trust.attach, "trust");
  const st = trust.policy!.Statement[0]!;
  assert.deepEqual(st.Principal, {
    Federated: "arn:aws:iam::123456789012:oidc-provider/driftwatch.example.com",
  });
  assert.equal(st.Condition!.StringEquals!["driftwatch.example.com:sub"], `org-${ORG}`);
  assert.equal(st.Condition!.StringEquals!["driftwatch.example.com:aud"], federation.audience);
  assert.ok(trust.commands.some((c) => c.includes("--role-name DriftwatchScanner")));
  assert.equal(setup.principal_arn, "arn:aws:iam::123456789012:role/DriftwatchScanner");
});
