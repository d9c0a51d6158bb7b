import assert from "node:assert/strict";
import { test } from "node:test";
import { ACCOUNT, live, stateDoc } from "../../../test/support/drift-fixtures.ts";
import { parseDriftIgnore } from "./driftignore.ts";
import { buildFindings } from "./findings.ts";
import { parseTerraformState } from "./state.parse.ts";

const R = "eu-west-1";
const state = (resources: Parameters<typeof stateDoc>[0], source = "tfstate://main.tfstate") =>
  parseTerraformState(JSON.stringify(stateDoc(resources)), source);
const bucketArn = (n: string) => `arn:aws:s3:::${n}`;
const roleArn = (n: string) => `arn:aws:iam::${ACCOUNT}:role/${n}`;
const _POLICY = {
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

test("denied types are neither missing nor unmanaged; non-AWS providers are skipped", () => {
  const s = state([
    { type: "aws_sqs_queue", name: "q", instances: [{ attributes: { id: "https://q", url: "https://q" } }] },
    {
      type: "random_id",
      name: "r",
      provider: 'provider["registry.terraform.io/hashicorp/random"]',
      instances: [{ attributes: { id: "x" } }],
    },
  ]);
  const f = buildFindings({
    live: [live("AWS::SQS::Queue", `arn:aws:sqs:${R}:${ACCOUNT}:other`, "https://other")],
    states: [s],
    unknownTypes: new Set(["AWS::SQS::Queue"]),
  });
  assert.deepEqual(
    f.notJudged.map((n) => n.reason),
    ["discovery_failed"],
  );
  assert.equal(f.missing.length + f.unmanaged.length, 0);
  assert.equal(f.skipped.nonAwsResources, 1);
});

test("AWS-created defaults are not unmanaged unless asked for", () => {
  const vpc = (id: string, cidr: string, tags: Record<string, string> = {}) =>
    live("AWS::EC2::VPC", `arn:aws:ec2:${R}:${ACCOUNT}:vpc/${id}`, id, {
      CidrBlock: cidr,
      DefaultSecurityGroup: `sg-${id}`,
      DefaultNetworkAcl: `acl-${id}`,
      ...(Object.keys(tags).length
        ? { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }
        : {}),
    });
  const ec2 = (type: string, kind: string, id: string, props: Record<string, unknown>) =>
    live(type, `arn:aws:ec2:${R}:${ACCOUNT}:${kind}/${id}`, id, props);
  const liveSet = [
    vpc("vpc-d", "172.31.0.0/16"),
    vpc("vpc-app", "10.0.0.0/16", { Name: "app" }),
    ec2("AWS::EC2::Subnet", "subnet", "subnet-d1", { VpcId: "vpc-d" }),
    ec2("AWS::EC2::Subnet", "subnet", "subnet-app", { VpcId: "vpc-app" }),
    ec2("AWS::EC2::SecurityGroup", "security-group", "sg-vpc-app", {
      GroupName: "default",
      VpcId: "vpc-app",
    }),
    ec2("AWS::EC2::NetworkAcl", "network-acl", "acl-vpc-app", { VpcId: "vpc-app" }),
    ec2("AWS::EC2::RouteTable", "route-table", "rtb-d", { VpcId: "vpc-d" }),
    ec2("AWS::EC2::InternetGateway", "internet-gateway", "igw-d", {}),
    live(
      "AWS::IAM::ManagedPolicy",
      "arn:aws:iam::aws:policy/ReadOnlyAccess",
      "arn:aws:iam::aws:policy/ReadOnlyAccess",
      {},
    ),
    live(
      "AWS::IAM::Role",
      roleArn("aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"),
      "AWSServiceRoleForECS",
      {},
    ),
    live("AWS::KMS::Alias", `arn:aws:kms:${R}:${ACCOUNT}:alias/aws/s3`, "alias/aws/s3", {}),
    live("AWS::Events::EventBus", `arn:aws:events:${R}:${ACCOUNT}:event-bus/default`, "default", {}),
    live(
      "AWS::RDS::DBParameterGroup",
      `arn:aws:rds:${R}:${ACCOUNT}:pg:default.postgres16`,
      "default.postgres16",
    ),
  ];
  const f = buildFindings({ live: liveSet, states: [] });
  assert.deepEqual(f.unmanaged.map((u) => u.live.identifier).sort(), ["subnet-app", "vpc-app"]);
  assert.equal(f.ignored.awsDefaults, liveSet.length - 2);
  assert.equal(
    buildFindings({ live: liveSet, states: [], includeAwsDefaults: true }).unmanaged.length,
    liveSet.length,
  );
});

test("ignore rules drop resources and attribute paths; negation brings one back", () => {
  const s = state([
    {
      type: "aws_s3_bucket",
      name: "a",
      instances: [{ attributes: { id: "a.example", bucket: "a.example", tags: { Owner: "x", Cost: "1" } } }],
    },
    { type: "aws_s3_bucket", name: "gone", instances: [{ attributes: { id: "gone", bucket: "gone" } }] },
  ]);
  const liveSet = [
    live("AWS::S3::Bucket", bucketArn("a.example"), "a.example", {
      Tags: [
        { Key: "Owner", Value: "y" },
        { Key: "Cost", Value: "2" },
      ],
    }),
    live("AWS::S3::Bucket", bucketArn("scratch-1"), "scratch-1", {}),
    live("AWS::S3::Bucket", bucketArn("scratch-keep"), "scratch-keep", {}),
    live("AWS::SQS::Queue", `arn:aws:sqs:${R}:${ACCOUNT}:tmp`, "https://tmp", {}),
  ];
  const ignore = parseDriftIgnore(
    [
      "# scratch buckets",
      "aws_s3_bucket.scratch-*",
      "!aws_s3_bucket.scratch-keep",
      "aws_s3_bucket.gone",
      "aws_s3_bucket.a\\.example.tags.owner",
      "AWS::SQS::Queue.*",
    ].join("\n"),
  );
  const f = buildFindings({ live: liveSet, states: [s], ignore });
  assert.deepEqual(
    f.unmanaged.map((u) => u.live.identifier),
    ["scratch-keep"],
  );
  assert.equal(f.missing.length, 0);
  assert.deepEqual(
    f.changed[0]!.changelog.map((c) => c.path.join(".")),
    ["tags.Cost"],
  );
  assert.deepEqual(f.ignored, { resources: 3, changes: 1, awsDefaults: 0 });
});

test("security group rules belong to their group", () => {
  const sg = live("AWS::EC2::SecurityGroup", `arn:aws:ec2:${R}:${ACCOUNT}:security-group/sg-1`, "sg-1", {
    GroupName: "web",
    SecurityGroupIngress: [
      { IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIp: "0.0.0.0/0" },
      { IpProtocol: "6", FromPort: 22, ToPort: 22, CidrIp: "10.0.0.0/8" },
    ],
    SecurityGroupEgress: [{ IpProtocol: "-1", CidrIp: "0.0.0.0/0" }],
  });
  const rule = live(
    "AWS::EC2::SecurityGroupIngress",
    `arn:aws:ec2:${R}:${ACCOUNT}:security-group-rule/sgr-1`,
    "sgr-1",
    {
      GroupId: "sg-1",
    },
  );
  const s = state([
    {
      type: "aws_security_group",
      name: "web",
      instances: [
        {
          attributes: {
            id: "sg-1",
            name: "web",
            ingress: [
              { protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["0.0.0.0/0"], self: false },
            ],
            egress: [{ protocol: "-1", from_port: 0, to_port: 0, cidr_blocks: ["0.0.0.0/0"] }],
          },
        },
      ],
    },
  ]);
  const f = buildFindings({ live: [sg, rule], states: [s] });
  assert.equal(f.unmanaged.length, 0);
  assert.equal(f.liveManaged, 2);
  assert.deepEqual(f.changed[0]!.changelog, [
    {
      type: "create",
      path: ["ingress", "tcp 22-22 10.0.0.0/8"],
      from: null,
      to: "tcp 22-22 10.0.0.0/8",
      computed: false,
    },
  ]);
});
