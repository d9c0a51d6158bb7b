import assert from "node:assert/strict";
import { test } from "node:test";
import { ACCOUNT, live, stateDoc } from "../../../test/support/drift-fixtures.ts";
import { buildFindings, stateLookups } from "./findings.ts";
import { parseTerraformState } from "./state.parse.ts";

const R = "eu-west-1";
const state = (resources: Parameters<typeof stateDoc>[0], source = "tfstate://main.tfstate") =>
  parseTerraformState(JSON.stringify(stateDoc(resources)), source);
const bucketArn = (n: string) => `arn:aws:s3:::${n}`;
const roleArn = (n: string) => `arn:aws:iam::${ACCOUNT}:role/${n}`;
const POLICY = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com"] }, Action: ["sts:AssumeRole"] },
    {
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: "sts:AssumeRole",
      Sid: "",
    },
  ],
};

test("missing, unmanaged and managed; matched on ARN first, identifier second", () => {
  const s = state([
    {
      type: "aws_s3_bucket",
      name: "a",
      instances: [{ attributes: { id: "a", bucket: "a", arn: bucketArn("a") } }],
    },
    // no arn recorded: found by identifier
    { type: "aws_s3_bucket", name: "b", instances: [{ attributes: { id: "b", bucket: "b" } }] },
    { type: "aws_s3_bucket", name: "gone", instances: [{ attributes: { id: "gone", bucket: "gone" } }] },
  ]);
  const f = buildFindings({
    live: [
      live("AWS::S3::Bucket", bucketArn("a"), "a", {}),
      live("AWS::S3::Bucket", bucketArn("b"), "b", {}),
      live("AWS::S3::Bucket", bucketArn("stray"), "stray", {}),
    ],
    states: [s],
  });
  assert.deepEqual(
    f.managed.map((m) => [m.resource.address, m.matchedBy]),
    [
      ["aws_s3_bucket.a", "arn"],
      ["aws_s3_bucket.b", "identifier"],
    ],
  );
  assert.deepEqual(
    f.missing.map((m) => m.resource.address),
    ["aws_s3_bucket.gone"],
  );
  assert.deepEqual(
    f.unmanaged.map((u) => [u.live.identifier, u.tfType]),
    [["stray", "aws_s3_bucket"]],
  );
  assert.equal(f.coverage, 66); // 2 of 3 live buckets, rounded down
  assert.equal(f.changed.length, 0);
});

test("identifiers that repeat across regions match the state's region", () => {
  const fn = (region: string) =>
    live("AWS::Lambda::Function", `arn:aws:lambda:${region}:${ACCOUNT}:function:api`, "api", {
      Runtime: region === "us-east-1" ? "nodejs22.x" : "nodejs20.x",
    });
  const s = state([
    {
      type: "aws_lambda_function",
      name: "api",
      instances: [{ attributes: { id: "api", function_name: "api", runtime: "nodejs20.x", region: R } }],
    },
  ]);
  const f = buildFindings({ live: [fn("us-east-1"), fn(R)], states: [s] });
  assert.equal(f.managed[0]!.live.region, R);
  assert.equal(f.changed.length, 0);
  assert.deepEqual(
    f.unmanaged.map((u) => u.live.region),
    ["us-east-1"],
  );
});

test("changed: attributes, tags (tags_all, aws: keys left out) and policies compared as JSON", () => {
  const s = state([
    {
      type: "aws_iam_role",
      name: "r",
      instances: [
        {
          attributes: {
            id: "r",
            name: "r",
            arn: roleArn("r"),
            // same meaning, other order and shapes: not drift
            assume_role_policy: JSON.stringify({
              Version: "2012-10-17",
              Statement: [
                {
                  Action: "sts:AssumeRole",
                  Effect: "Allow",
                  Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`] },
                },
                { Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } },
              ],
            }),
            description: "runs the api",
            max_session_duration: 3600,
            path: "/",
            tags: { Team: "core" },
            tags_all: { Team: "core", Env: "prod" },
          },
        },
      ],
    },
  ]);
  const f = buildFindings({
    live: [
      live("AWS::IAM::Role", roleArn("r"), "r", {
        RoleName: "r",
        AssumeRolePolicyDocument: POLICY,
        Description: "runs the API",
        MaxSessionDuration: 7200,
        Path: "/",
        Tags: [
          { Key: "Env", Value: "prod" },
          { Key: "Owner", Value: "ops" },
          { Key: "aws:cloudformation:stack-name", Value: "x" },
        ],
      }),
    ],
    states: [s],
  });
  assert.equal(f.changed.length, 1);
  assert.deepEqual(f.changed[0]!.changelog, [
    { type: "update", path: ["description"], from: "runs the api", to: "runs the API", computed: false },
    { type: "create", path: ["max_session_duration"], from: null, to: 7200, computed: false },
    { type: "delete", path: ["tags", "Team"], from: "core", to: null, computed: false },
    { type: "create", path: ["tags", "Owner"], from: null, to: "ops", computed: false },
  ]);
});

test("a changed policy document is reported; create-only and write-only properties never are", () => {
  const s = state([
    {
      type: "aws_iam_role",
      name: "r",
      instances: [
        { attributes: { id: "r", name: "r", path: "/svc/", assume_role_policy: JSON.stringify(POLICY) } },
      ],
    },
    {
      type: "aws_db_instance",
      name: "db",
      instances: [
        {
          attributes: {
            id: "db-1",
            identifier: "orders",
            password: "hunter2",
            instance_class: "db.t3.micro",
          },
          sensitive_attributes: [[{ type: "get_attr", value: "password" }]],
        },
      ],
    },
  ]);
  const widened = {
    ...POLICY,
    Statement: [{ ...POLICY.Statement[0], Action: ["sts:AssumeRole", "sts:TagSession"] }],
  };
  const f = buildFindings({
    live: [
      live("AWS::IAM::Role", roleArn("r"), "r", { AssumeRolePolicyDocument: widened, Path: "/other/" }),
      live("AWS::RDS::DBInstance", `arn:aws:rds:${R}:${ACCOUNT}:db:orders`, "orders", {
        DBInstanceClass: "db.t3.micro",
      }),
    ],
    states: [s],
  });
  assert.deepEqual(
    f.changed.map((c) => [c.resource.address, c.changelog.map((x) => x.path.join("."))]),
    [["aws_iam_role.r", ["assume_role_policy"]]],
  );
  const [c] = f.changed[0]!.changelog;
  assert.equal(c!.type, "update");
  assert.equal((c!.to as { Statement: unknown[] }).Statement.length, 1);
});

test("resources without live properties are matched but never changed, and counted", () => {
  const s = state([
    {
      type: "aws_sqs_queue",
      name: "q",
      instances: [
        {
          attributes: {
            id: "https://q",
            url: "https://q",
            arn: `arn:aws:sqs:${R}:${ACCOUNT}:q`,
            delay_seconds: 5,
          },
        },
      ],
    },
  ]);
  const f = buildFindings({
    live: [
      live("AWS::SQS::Queue", `arn:aws:sqs:${R}:${ACCOUNT}:q`, "https://q", undefined, {
        enrichmentStatus: "failed",
        enrichmentFailureReason: "access_denied",
      }),
    ],
    states: [s],
  });
  assert.equal(f.managed.length, 1);
  assert.equal(f.changed.length, 0);
  assert.equal(f.notCompared.length, 1);
});

test("unknown types: matched by ARN when the state has one, missing only when the type is listed", () => {
  const arn = `arn:aws:athena:${R}:${ACCOUNT}:workgroup/etl`;
  const s = state([
    {
      type: "aws_athena_workgroup",
      name: "etl",
      instances: [{ attributes: { id: "etl", arn, tags_all: { a: "1" } } }],
    },
    {
      type: "aws_athena_workgroup",
      name: "old",
      instances: [{ attributes: { id: "old", arn: `${arn}-old` } }],
    },
    {
      type: "aws_glue_job",
      name: "j",
      instances: [{ attributes: { id: "j", arn: `arn:aws:glue:${R}:${ACCOUNT}:job/j` } }],
    },
    { type: "aws_made_up", name: "x", instances: [{ attributes: { id: "x" } }] },
  ]);
  const f = buildFindings({
    live: [live("AWS::Athena::WorkGroup", arn, "etl", { Name: "etl", Tags: [{ Key: "a", Value: "2" }] })],
    states: [s],
  });
  assert.deepEqual(
    f.managed.map((m) => m.cfnType),
    ["AWS::Athena::WorkGroup"],
  );
  // tags are compared for every type, mapped or not
  assert.deepEqual(f.changed[0]!.changelog, [
    { type: "update", path: ["tags", "a"], from: "1", to: "2", computed: false },
  ]);
  assert.deepEqual(
    f.missing.map((m) => m.resource.address),
    ["aws_athena_workgroup.old"],
  );
  assert.deepEqual(
    f.notJudged.map((n) => [n.resource.address, n.reason]),
    [
      ["aws_glue_job.j", "not_listed"],
      ["aws_made_up.x", "unknown_type"],
    ],
  );
  // a live resource of a type nothing maps is still unmanaged
  const g = buildFindings({
    live: [live("AWS::Glue::Job", `arn:aws:glue:${R}:${ACCOUNT}:job/k`, "k")],
    states: [],
  });
  assert.deepEqual(
    g.unmanaged.map((u) => [u.live.cfnType, u.tfType]),
    [["AWS::Glue::Job", undefined]],
  );
});

test("embedded configuration resources compare inside their parent; lookups only when looked up", () => {
  const s = state([
    { type: "aws_s3_bucket", name: "b", instances: [{ attributes: { id: "b", bucket: "b" } }] },
    {
      type: "aws_s3_bucket_versioning",
      name: "b",
      instances: [
        {
          attributes: {
            id: "b",
            bucket: "b",
            versioning_configuration: [{ status: "Enabled", mfa_delete: "" }],
          },
        },
      ],
    },
    {
      type: "aws_s3_bucket_versioning",
      name: "gone",
      instances: [
        { attributes: { id: "gone", bucket: "gone", versioning_configuration: [{ status: "Enabled" }] } },
      ],
    },
    {
      type: "aws_s3_bucket_policy",
      name: "b",
      instances: [{ attributes: { id: "b", bucket: "b", policy: JSON.stringify(POLICY) } }],
    },
  ]);
  const bucket = live("AWS::S3::Bucket", bucketArn("b"), "b", {
    VersioningConfiguration: { Status: "Suspended" },
  });
  const f = buildFindings({ live: [bucket], states: [s] });
  assert.deepEqual(f.changed[0]!.changelog, [
    {
      type: "update",
      path: ["versioning_configuration", "0", "status"],
      from: "Enabled",
      to: "Suspended",
      computed: false,
    },
  ]);
  assert.deepEqual(
    f.missing.map((m) => m.resource.address),
    ["aws_s3_bucket_versioning.gone"],
  );
  assert.deepEqual(
    f.notJudged.map((n) => [n.resource.address, n.reason]),
    [["aws_s3_bucket_policy.b", "not_listed"]],
  );
  assert.deepEqual(stateLookups([s]), [
    { cfnType: "AWS::S3::BucketPolicy", identifier: "b", address: "aws_s3_bucket_policy.b" },
  ]);
  // looked up and not found → missing; looked up and found → compared as JSON
  const lookedUpTypes = new Set(["AWS::S3::BucketPolicy"]);
  assert.equal(buildFindings({ live: [bucket], states: [s], lookedUpTypes }).missing.length, 2);
  const policy = live("AWS::S3::BucketPolicy", "arn:aws:s3:::b/policy", "b", {
    Bucket: "b",
    PolicyDocument: { ...POLICY, Statement: [...POLICY.Statement].reverse() },
  });
  const g = buildFindings({ live: [bucket, policy], states: [s], lookedUpTypes });
  assert.deepEqual(
    g.changed.map((c) => c.resource.type),
    ["aws_s3_bucket_versioning"],
  );
});

test("deposed objects are managed when live and silent when gone; tainted ones are compared", () => {
  const s = state([
    {
      type: "aws_s3_bucket",
      name: "b",
      instances: [
        { status: "tainted", attributes: { id: "new", bucket: "new", tags: { v: "1" } } },
        { deposed: "00000001", attributes: { id: "old", bucket: "old" } },
        { deposed: "00000002", attributes: { id: "older", bucket: "older" } },
      ],
    },
  ]);
  const f = buildFindings({
    live: [
      live("AWS::S3::Bucket", bucketArn("new"), "new", { Tags: [{ Key: "v", Value: "2" }] }),
      live("AWS::S3::Bucket", bucketArn("old"), "old", {}),
    ],
    states: [s],
  });
  assert.equal(f.unmanaged.length, 0);
  assert.equal(f.missing.length, 0);
  assert.equal(f.skipped.deposedGone, 1);
  assert.deepEqual(
    f.changed.map((c) => c.resource.address),
    ["aws_s3_bucket.b"],
  );
});
