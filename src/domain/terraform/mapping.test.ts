import assert from "node:assert/strict";
import { test } from "node:test";
import { loadInstalledSpec, type SpecDatabaseLike } from "../../../scripts/gen-cfn-catalogue.ts";
import { cfnTypeInfo } from "../cloud/cfn-catalogue.ts";
import { ALL_MAPPINGS, mappingFor, terraformTypeOf } from "./mapping.ts";

test("at least 30 Terraform types are mapped, each once, to a type the catalogue knows", () => {
  const tf = ALL_MAPPINGS.map((m) => m.tf);
  assert.equal(new Set(tf).size, tf.length);
  assert.ok(tf.length >= 30, `${tf.length} mapped`);
  for (const m of ALL_MAPPINGS) {
    assert.ok(cfnTypeInfo(m.cfn), `${m.tf} → ${m.cfn} is not in the catalogue`);
    for (const t of m.alsoCfn ?? []) assert.ok(cfnTypeInfo(t), t);
  }
  for (const t of [
    "aws_s3_bucket",
    "aws_s3_bucket_policy",
    "aws_s3_bucket_versioning",
    "aws_s3_bucket_server_side_encryption_configuration",
    "aws_iam_role",
    "aws_iam_policy",
    "aws_iam_user",
    "aws_iam_role_policy_attachment",
    "aws_instance",
    "aws_vpc",
    "aws_subnet",
    "aws_security_group",
    "aws_security_group_rule",
    "aws_route_table",
    "aws_internet_gateway",
    "aws_nat_gateway",
    "aws_eip",
    "aws_lambda_function",
    "aws_dynamodb_table",
    "aws_db_instance",
    "aws_sqs_queue",
    "aws_sns_topic",
    "aws_kms_key",
    "aws_kms_alias",
    "aws_cloudwatch_log_group",
    "aws_ecr_repository",
    "aws_ecs_cluster",
    "aws_ecs_service",
    "aws_route53_zone",
    "aws_route53_record",
  ])
    assert.ok(mappingFor(t), t);
  assert.equal(terraformTypeOf("AWS::EC2::VPC"), "aws_vpc");
  assert.equal(terraformTypeOf("AWS::S3::Bucket"), "aws_s3_bucket");
});

function propertyExists(db: SpecDatabaseLike, cfnType: string, path: string): boolean {
  const r = byType(db).get(cfnType);
  if (!r) return false;
  let props: Record<string, { type: { type: string; reference?: { $ref: string }; element?: unknown } }> =
    r.properties as never;
  const segs = path.split(".").filter((s) => !/^\d+$/.test(s));
  for (let i = 0; i < segs.length; i++) {
    const p = props[segs[i]!];
    if (!p) return i === 0 && Object.hasOwn(r.attributes, segs[0]!);
    if (i === segs.length - 1) return true;
    let t = p.type as { type: string; reference?: { $ref: string }; element?: unknown };
    while ((t.type === "array" || t.type === "map") && t.element) t = t.element as typeof t;
    if (t.type === "json") return true; // free-form below this point
    if (t.type !== "ref" || !t.reference) return false;
    props = db.get("typeDefinition", t.reference.$ref).properties as never;
  }
  return true;
}

let types: Map<string, ReturnType<SpecDatabaseLike["all"]>[number]> | undefined;
const byType = (db: SpecDatabaseLike) => {
  types ??= new Map(db.all("resource").map((r) => [r.cloudFormationType, r]));
  return types;
};

test("every compared CloudFormation path exists in @aws-cdk/aws-service-spec", async () => {
  const { db } = await loadInstalledSpec();
  const wrong: string[] = [];
  for (const m of ALL_MAPPINGS)
    for (const p of m.compare)
      if (!propertyExists(db, m.cfn, p.cfn)) wrong.push(`${m.tf}: ${m.cfn} ${p.cfn}`);
  assert.deepEqual(wrong, []);
});

test("properties that cannot drift are dropped, with the catalogue's reason", () => {
  assert.deepEqual(mappingFor("aws_dynamodb_table")!.dropped, [
    { tf: "hash_key", cfn: "KeySchema", reason: "create-only" },
  ]);
  assert.deepEqual(mappingFor("aws_db_instance")!.dropped, [
    { tf: "password", cfn: "MasterUserPassword", reason: "write-only" },
  ]);
  assert.ok(mappingFor("aws_vpc")!.dropped.some((d) => d.cfn === "CidrBlock"));
  assert.equal(mappingFor("aws_s3_bucket_versioning")!.tagProperty, undefined);
  assert.equal(mappingFor("aws_s3_bucket")!.tagProperty?.property, "Tags");
  assert.equal(mappingFor("aws_route53_zone")!.tagProperty?.property, "HostedZoneTags");
});
