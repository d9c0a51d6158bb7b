import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  buildCatalogue,
  CATALOGUE_PATH,
  loadInstalledSpec,
  renderCatalogue,
} from "../../../scripts/gen-cfn-catalogue.ts";
import {
  allCfnTypes,
  CFN_CATALOGUE_SOURCE,
  cannotDrift,
  cfnTypeFromArn,
  cfnTypeInfo,
  identifierFromArn,
} from "./cfn-catalogue.ts";

test("the committed catalogue matches the installed @aws-cdk/aws-service-spec (run scripts/gen-cfn-catalogue.ts)", async () => {
  const { db, version } = await loadInstalledSpec();
  const expected = renderCatalogue(buildCatalogue(db, version));
  const committed = readFileSync(CATALOGUE_PATH, "utf8");
  assert.ok(
    committed === expected,
    `cfn-catalogue.json is stale for @aws-cdk/aws-service-spec@${version}: run node scripts/gen-cfn-catalogue.ts`,
  );
  assert.equal(CFN_CATALOGUE_SOURCE, `@aws-cdk/aws-service-spec@${version}`);
});

test("identifiers, read-only and create-only properties, tags come from the spec", () => {
  assert.ok(allCfnTypes().length > 1500);
  const bucket = cfnTypeInfo("AWS::S3::Bucket")!;
  assert.deepEqual(bucket.primaryIdentifier, ["BucketName"]);
  assert.deepEqual(bucket.tags, { property: "Tags", shape: "standard" });
  assert.ok(bucket.readOnly.includes("Arn"));
  assert.equal(cannotDrift("AWS::S3::Bucket", "BucketName"), "create-only");
  assert.equal(cannotDrift("AWS::S3::Bucket", "Arn"), "read-only");
  assert.equal(cannotDrift("AWS::S3::Bucket", "VersioningConfiguration.Status"), undefined);
  assert.equal(cannotDrift("AWS::DynamoDB::Table", "KeySchema"), "create-only");
  assert.equal(cannotDrift("AWS::Lambda::Function", "SnapStartResponse.ApplyOn"), "read-only");
  assert.equal(cfnTypeInfo("AWS::SSM::Parameter")?.tags?.shape, "map");
  assert.equal(cfnTypeInfo("AWS::Nope::Nothing"), undefined);
  assert.equal(cannotDrift("AWS::Nope::Nothing", "X"), undefined);
});

test("ARNs name their type and Cloud Control identifier through the spec's ARN templates", () => {
  const cases: Array<[string, string, string | undefined]> = [
    ["arn:aws:s3:::my-bucket", "AWS::S3::Bucket", "my-bucket"],
    ["arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0abc", "AWS::EC2::VPC", "vpc-0abc"],
    ["arn:aws:lambda:eu-west-1:123456789012:function:api", "AWS::Lambda::Function", "api"],
    ["arn:aws:iam::123456789012:role/service-role/runner", "AWS::IAM::Role", "runner"],
    ["arn:aws:rds:eu-west-1:123456789012:db:orders", "AWS::RDS::DBInstance", "orders"],
    ["arn:aws:dynamodb:eu-west-1:123456789012:table/orders", "AWS::DynamoDB::Table", "orders"],
    ["arn:aws-cn:kms:cn-north-1:123456789012:alias/app", "AWS::KMS::Alias", "app"],
  ];
  for (const [arn, type, id] of cases) {
    assert.equal(cfnTypeFromArn(arn), type, arn);
    assert.equal(identifierFromArn(type, arn), id, arn);
  }
  assert.equal(cfnTypeFromArn("arn:aws:nothing:::x"), undefined);
  assert.equal(identifierFromArn("AWS::S3::Bucket", "arn:aws:sqs:eu-west-1:123456789012:q"), undefined);
});
