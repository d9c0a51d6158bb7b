import assert from "node:assert/strict";
import { test } from "node:test";
import { categoryOf } from "./category.ts";
import { identifierFromArn } from "./identifier.ts";
import { cfnTypeFor, parseArn } from "./resource-type.ts";

test("Resource Explorer types translate to CloudFormation types; the reported one wins", () => {
  assert.equal(cfnTypeFor("s3:bucket"), "AWS::S3::Bucket");
  assert.equal(cfnTypeFor("ec2:vpc"), "AWS::EC2::VPC");
  assert.equal(cfnTypeFor("iam:policy"), "AWS::IAM::ManagedPolicy");
  assert.equal(cfnTypeFor("ec2:vpc", "AWS::EC2::VPC"), "AWS::EC2::VPC");
  assert.equal(cfnTypeFor("s3:bucket", "AWS::S3::Something"), "AWS::S3::Something");
  // unknown: a guess in CloudFormation's shape, which Cloud Control confirms or refuses
  assert.equal(cfnTypeFor("ec2:transit-gateway-route-table"), "AWS::EC2::TransitGatewayRouteTable");
  assert.equal(cfnTypeFor("memorydb:cluster"), "AWS::Memorydb::Cluster");
});

test("a Resource Explorer type's category is its CloudFormation type's: one table for discovery and the engine", () => {
  const cases: Array<[string, string]> = [
    ["ec2:instance", "compute"],
    ["ec2:image", "compute"],
    ["ec2:key-pair", "compute"],
    ["ec2:vpc", "network"],
    ["ec2:security-group", "network"],
    ["ec2:security-group-rule", "network"],
    ["ec2:volume", "storage"],
    ["ec2:snapshot", "storage"],
    ["s3:bucket", "storage"],
    ["glacier:vault", "storage"],
    // ECR holds images: storage, as the engine has always said (discovery used to say compute)
    ["ecr:repository", "storage"],
    ["rds:db", "database"],
    ["es:domain", "database"],
    ["iam:role", "iam"],
    ["cognito-idp:userpool", "iam"],
    ["lambda:function", "serverless"],
    ["sqs:queue", "messaging"],
    ["firehose:deliverystream", "messaging"],
    ["kafka:cluster", "messaging"],
    ["route53:hostedzone", "network"],
    ["logs:log-group", "other"],
  ];
  for (const [reType, category] of cases) assert.equal(categoryOf(cfnTypeFor(reType)), category, reType);
});

test("ARNs parse, resource parts with colons kept whole", () => {
  assert.deepEqual(parseArn("arn:aws:logs:eu-west-1:111122223333:log-group:/a/b:*"), {
    partition: "aws",
    service: "logs",
    region: "eu-west-1",
    account: "111122223333",
    resource: "log-group:/a/b:*",
  });
  assert.equal(parseArn("not-an-arn"), undefined);
});

test("Cloud Control identifiers from ARNs, type by type", () => {
  const a = "111122223333";
  const cases: Array<[string, string, string | undefined]> = [
    ["AWS::S3::Bucket", "arn:aws:s3:::my-bucket", "my-bucket"],
    ["AWS::EC2::VPC", `arn:aws:ec2:eu-west-1:${a}:vpc/vpc-0abc`, "vpc-0abc"],
    ["AWS::IAM::Role", `arn:aws:iam::${a}:role/service/app/Reader`, "Reader"],
    ["AWS::IAM::ManagedPolicy", `arn:aws:iam::${a}:policy/p`, `arn:aws:iam::${a}:policy/p`],
    ["AWS::Lambda::Function", `arn:aws:lambda:eu-west-1:${a}:function:fn`, "fn"],
    ["AWS::SQS::Queue", `arn:aws:sqs:eu-west-1:${a}:q`, `https://sqs.eu-west-1.amazonaws.com/${a}/q`],
    ["AWS::SNS::Topic", `arn:aws:sns:eu-west-1:${a}:t`, `arn:aws:sns:eu-west-1:${a}:t`],
    ["AWS::Logs::LogGroup", `arn:aws:logs:eu-west-1:${a}:log-group:/aws/lambda/fn:*`, "/aws/lambda/fn"],
    ["AWS::DynamoDB::Table", `arn:aws:dynamodb:eu-west-1:${a}:table/orders`, "orders"],
    ["AWS::RDS::DBInstance", `arn:aws:rds:eu-west-1:${a}:db:main`, "main"],
    ["AWS::KMS::Key", `arn:aws:kms:eu-west-1:${a}:key/1234abcd-12ab`, "1234abcd-12ab"],
    ["AWS::ECR::Repository", `arn:aws:ecr:eu-west-1:${a}:repository/team/app`, "team/app"],
    ["AWS::Route53::HostedZone", "arn:aws:route53:::hostedzone/Z123", "Z123"],
    [
      "AWS::EC2::TransitGatewayRouteTable",
      `arn:aws:ec2:eu-west-1:${a}:transit-gateway-route-table/x`,
      undefined,
    ],
    ["AWS::DynamoDB::Table", `arn:aws:dynamodb:eu-west-1:${a}:other/orders`, undefined],
  ];
  for (const [type, arn, want] of cases) assert.equal(identifierFromArn(type, arn), want, `${type} ${arn}`);
});
