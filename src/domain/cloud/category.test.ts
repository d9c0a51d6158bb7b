import assert from "node:assert/strict";
import { test } from "node:test";
import { categoryOf } from "./category.ts";
import { allCfnTypes } from "./cfn-catalogue.ts";
import { RESOURCE_CATEGORIES } from "./resource.ts";

test("every catalogue type has one of the eight categories, and each category is used", () => {
  const used = new Set<string>();
  for (const t of allCfnTypes()) {
    const c = categoryOf(t);
    assert.ok((RESOURCE_CATEGORIES as readonly string[]).includes(c), `${t} → ${c}`);
    used.add(c);
  }
  assert.deepEqual([...used].sort(), [...RESOURCE_CATEGORIES].sort());
});

test("EC2 is split by type; services map as a reader would expect; unknown types are other", () => {
  const cases: Array<[string, string]> = [
    ["AWS::EC2::Instance", "compute"],
    ["AWS::EC2::LaunchTemplate", "compute"],
    ["AWS::EC2::Volume", "storage"],
    ["AWS::EC2::VPC", "network"],
    ["AWS::EC2::SecurityGroup", "network"],
    ["AWS::EC2::NatGateway", "network"],
    ["AWS::S3::Bucket", "storage"],
    ["AWS::ECR::Repository", "storage"],
    ["AWS::RDS::DBInstance", "database"],
    ["AWS::DynamoDB::Table", "database"],
    ["AWS::IAM::Role", "iam"],
    ["AWS::KMS::Key", "iam"],
    ["AWS::Lambda::Function", "serverless"],
    ["AWS::SQS::Queue", "messaging"],
    ["AWS::SNS::Topic", "messaging"],
    ["AWS::Route53::HostedZone", "network"],
    ["AWS::ECS::Service", "compute"],
    ["AWS::Logs::LogGroup", "other"],
    ["AWS::Made::Up", "other"],
    ["Custom::Thing", "other"],
  ];
  for (const [t, c] of cases) assert.equal(categoryOf(t), c, t);
});
