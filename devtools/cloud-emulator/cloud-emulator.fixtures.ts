/**
 * Synthetic resources for a scripted account: `count` resources spread over regions and types, with
 * ARNs, identifiers, tags and properties shaped like AWS's, deterministic for a seed.
 */
import { prng } from "./cloud-emulator.quota.ts";
import type { ScriptedResource } from "./cloud-emulator.types.ts";

export interface SyntheticType {
  /** Resource Explorer type, e.g. `ec2:instance`. */
  resourceType: string;
  cfnType: string;
  /** Builds the ARN's resource part and the Cloud Control identifier from a sequence number. */
  make(n: number, region: string, account: string): { arn: string; identifier: string };
  global?: boolean;
}

const hex = (n: number, width = 17) => n.toString(16).padStart(width, "0");

/** Common types with their real ARN shapes and primary identifiers. */
export const COMMON_TYPES: SyntheticType[] = [
  {
    resourceType: "s3:bucket",
    cfnType: "AWS::S3::Bucket",
    global: false,
    make: (n) => ({ arn: `arn:aws:s3:::bucket-${n}`, identifier: `bucket-${n}` }),
  },
  {
    resourceType: "ec2:instance",
    cfnType: "AWS::EC2::Instance",
    make: (n, r, a) => ({ arn: `arn:aws:ec2:${r}:${a}:instance/i-${hex(n)}`, identifier: `i-${hex(n)}` }),
  },
  {
    resourceType: "ec2:vpc",
    cfnType: "AWS::EC2::VPC",
    make: (n, r, a) => ({ arn: `arn:aws:ec2:${r}:${a}:vpc/vpc-${hex(n)}`, identifier: `vpc-${hex(n)}` }),
  },
  {
    resourceType: "ec2:subnet",
    cfnType: "AWS::EC2::Subnet",
    make: (n, r, a) => ({
      arn: `arn:aws:ec2:${r}:${a}:subnet/subnet-${hex(n)}`,
      identifier: `subnet-${hex(n)}`,
    }),
  },
  {
    resourceType: "ec2:security-group",
    cfnType: "AWS::EC2::SecurityGroup",
    make: (n, r, a) => ({
      arn: `arn:aws:ec2:${r}:${a}:security-group/sg-${hex(n)}`,
      identifier: `sg-${hex(n)}`,
    }),
  },
  {
    resourceType: "iam:role",
    cfnType: "AWS::IAM::Role",
    global: true,
    make: (n, _r, a) => ({ arn: `arn:aws:iam::${a}:role/app/role-${n}`, identifier: `role-${n}` }),
  },
  {
    resourceType: "lambda:function",
    cfnType: "AWS::Lambda::Function",
    make: (n, r, a) => ({ arn: `arn:aws:lambda:${r}:${a}:function:fn-${n}`, identifier: `fn-${n}` }),
  },
  {
    resourceType: "dynamodb:table",
    cfnType: "AWS::DynamoDB::Table",
    make: (n, r, a) => ({ arn: `arn:aws:dynamodb:${r}:${a}:table/table-${n}`, identifier: `table-${n}` }),
  },
  {
    resourceType: "sqs:queue",
    cfnType: "AWS::SQS::Queue",
    make: (n, r, a) => ({
      arn: `arn:aws:sqs:${r}:${a}:queue-${n}`,
      identifier: `https://sqs.${r}.amazonaws.com/${a}/queue-${n}`,
    }),
  },
  {
    resourceType: "sns:topic",
    cfnType: "AWS::SNS::Topic",
    make: (n, r, a) => ({
      arn: `arn:aws:sns:${r}:${a}:topic-${n}`,
      identifier: `arn:aws:sns:${r}:${a}:topic-${n}`,
    }),
  },
  {
    resourceType: "logs:log-group",
    cfnType: "AWS::Logs::LogGroup",
    make: (n, r, a) => ({
      arn: `arn:aws:logs:${r}:${a}:log-group:/app/group-${n}`,
      identifier: `/app/group-${n}`,
    }),
  },
  {
    resourceType: "kms:key",
    cfnType: "AWS::KMS::Key",
    make: (n, r, a) => {
      const id = `${hex(n, 8)}-0000-4000-8000-${hex(n, 12)}`;
      return { arn: `arn:aws:kms:${r}:${a}:key/${id}`, identifier: id };
    },
  },
];

export function syntheticResources(opts: {
  account: string;
  count: number;
  regions: string[];
  types?: SyntheticType[];
  seed?: number;
  /** First sequence number (to add more resources without clashing). */
  from?: number;
}): ScriptedResource[] {
  const types = opts.types ?? COMMON_TYPES;
  const rnd = prng(opts.seed ?? 7);
  const out: ScriptedResource[] = [];
  for (let i = 0; i < opts.count; i++) {
    const n = (opts.from ?? 0) + i;
    const type = types[i % types.length]!;
    const region = type.global ? "global" : opts.regions[Math.floor(rnd() * opts.regions.length)]!;
    const where = region === "global" ? opts.regions[0]! : region;
    const { arn, identifier } = type.make(n, where, opts.account);
    const env = rnd() < 0.5 ? "prod" : "dev";
    out.push({
      arn,
      resourceType: type.resourceType,
      cfnType: type.cfnType,
      region: type.resourceType === "s3:bucket" ? where : region,
      identifier,
      tags: { env, team: `team-${n % 7}` },
      properties: { Name: identifier, Tags: [{ Key: "env", Value: env }] },
    });
  }
  return out;
}
