/**
 * Cloud Control's primary identifier of a resource, taken from its ARN. Each type names its identifier in
 * its own way (the bucket name, `vpc-…`, the role name without its path, the queue URL, the topic ARN…),
 * so this is a table of the types whose rule is known; a type not in it gets no identifier, and discovery
 * marks it `unsupported_identifier` instead of asking Cloud Control with a guess. `discoverAccount` takes
 * another function (`identifierFor`) when a fuller catalogue is at hand.
 */
import { parseArn } from "./resource-type.ts";

type Rule =
  /** The part after the last `/` (or `:` when there is no `/`). */
  | "last"
  /** The whole ARN. */
  | "arn"
  /** Everything after this prefix of the ARN's resource part. */
  | { after: string }
  /** The SQS queue URL. */
  | "queue-url";

const RULES: Record<string, Rule> = {
  "AWS::S3::Bucket": { after: "" },
  "AWS::EC2::Instance": "last",
  "AWS::EC2::VPC": "last",
  "AWS::EC2::Subnet": "last",
  "AWS::EC2::SecurityGroup": "last",
  "AWS::EC2::RouteTable": "last",
  "AWS::EC2::InternetGateway": "last",
  "AWS::EC2::NatGateway": "last",
  "AWS::EC2::NetworkAcl": "last",
  "AWS::EC2::Volume": "last",
  "AWS::EC2::LaunchTemplate": "last",
  "AWS::EC2::VPCEndpoint": "last",
  "AWS::EC2::NetworkInterface": "last",
  "AWS::EC2::KeyPair": "last",
  "AWS::EC2::SecurityGroupIngress": "last",
  "AWS::IAM::Role": "last",
  "AWS::IAM::User": "last",
  "AWS::IAM::Group": "last",
  "AWS::IAM::InstanceProfile": "last",
  "AWS::IAM::ManagedPolicy": "arn",
  "AWS::IAM::OIDCProvider": "arn",
  "AWS::Lambda::Function": { after: "function:" },
  "AWS::DynamoDB::Table": { after: "table/" },
  "AWS::RDS::DBInstance": { after: "db:" },
  "AWS::RDS::DBCluster": { after: "cluster:" },
  "AWS::RDS::DBSubnetGroup": { after: "subgrp:" },
  "AWS::SQS::Queue": "queue-url",
  "AWS::SNS::Topic": "arn",
  "AWS::KMS::Key": { after: "key/" },
  "AWS::KMS::Alias": { after: "" },
  "AWS::Logs::LogGroup": { after: "log-group:" },
  "AWS::ECR::Repository": { after: "repository/" },
  "AWS::ECS::Cluster": { after: "cluster/" },
  "AWS::ECS::TaskDefinition": "arn",
  "AWS::Route53::HostedZone": "last",
  "AWS::ElasticLoadBalancingV2::LoadBalancer": "arn",
  "AWS::ElasticLoadBalancingV2::TargetGroup": "arn",
  "AWS::SecretsManager::Secret": "arn",
  "AWS::StepFunctions::StateMachine": "arn",
  "AWS::CloudFront::Distribution": "last",
  "AWS::CertificateManager::Certificate": "arn",
  "AWS::Events::Rule": "arn",
  "AWS::CloudWatch::Alarm": { after: "alarm:" },
  "AWS::Kinesis::Stream": { after: "stream/" },
};

/** The Cloud Control identifier for a resource, or undefined when its type's rule is not known. */
export function identifierFromArn(cfnType: string, arn: string): string | undefined {
  const rule = RULES[cfnType];
  const parsed = parseArn(arn);
  if (rule === undefined || parsed === undefined) return undefined;
  const resource = parsed.resource;
  if (rule === "arn") return arn;
  if (rule === "queue-url") {
    return `https://sqs.${parsed.region}.amazonaws.com/${parsed.account}/${resource}`;
  }
  if (rule === "last") {
    const cut = resource.includes("/") ? resource.lastIndexOf("/") : resource.lastIndexOf(":");
    const id = resource.slice(cut + 1);
    return id === "" ? undefined : id;
  }
  if (!resource.startsWith(rule.after)) return undefined;
  // Log groups are reported with a trailing `:*`; the name never ends with it.
  const id = resource.slice(rule.after.length).replace(/:\*$/, "");
  return id === "" ? undefined : id;
}
