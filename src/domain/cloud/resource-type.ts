/**
 * Resource Explorer's view of a resource (`s3:bucket`, an ARN) turned into its CloudFormation type, from which
 * everything else follows: the category (`categoryOf` in category.ts, the one table of categories, shared
 * with the drift engine) and Cloud Control's primary identifier (identifier.ts). Pure functions, no I/O.
 * Resource Explorer reports the CloudFormation type itself (`CfnResourceType`) for the types it knows; the
 * table here is the fallback for results without it.
 */
/** Resource Explorer type → CloudFormation type, for the types most accounts hold. */
const CFN_TYPES: Record<string, string> = {
  "s3:bucket": "AWS::S3::Bucket",
  "ec2:instance": "AWS::EC2::Instance",
  "ec2:vpc": "AWS::EC2::VPC",
  "ec2:subnet": "AWS::EC2::Subnet",
  "ec2:security-group": "AWS::EC2::SecurityGroup",
  "ec2:security-group-rule": "AWS::EC2::SecurityGroupIngress",
  "ec2:route-table": "AWS::EC2::RouteTable",
  "ec2:internet-gateway": "AWS::EC2::InternetGateway",
  "ec2:natgateway": "AWS::EC2::NatGateway",
  "ec2:network-acl": "AWS::EC2::NetworkAcl",
  "ec2:elastic-ip": "AWS::EC2::EIP",
  "ec2:volume": "AWS::EC2::Volume",
  "ec2:launch-template": "AWS::EC2::LaunchTemplate",
  "ec2:vpc-endpoint": "AWS::EC2::VPCEndpoint",
  "ec2:network-interface": "AWS::EC2::NetworkInterface",
  "ec2:key-pair": "AWS::EC2::KeyPair",
  "iam:role": "AWS::IAM::Role",
  "iam:user": "AWS::IAM::User",
  "iam:group": "AWS::IAM::Group",
  "iam:policy": "AWS::IAM::ManagedPolicy",
  "iam:instance-profile": "AWS::IAM::InstanceProfile",
  "iam:oidc-provider": "AWS::IAM::OIDCProvider",
  "lambda:function": "AWS::Lambda::Function",
  "dynamodb:table": "AWS::DynamoDB::Table",
  "rds:db": "AWS::RDS::DBInstance",
  "rds:cluster": "AWS::RDS::DBCluster",
  "rds:subgrp": "AWS::RDS::DBSubnetGroup",
  "sqs:queue": "AWS::SQS::Queue",
  "sns:topic": "AWS::SNS::Topic",
  "kms:key": "AWS::KMS::Key",
  "kms:alias": "AWS::KMS::Alias",
  "logs:log-group": "AWS::Logs::LogGroup",
  "ecr:repository": "AWS::ECR::Repository",
  "ecs:cluster": "AWS::ECS::Cluster",
  "ecs:service": "AWS::ECS::Service",
  "ecs:task-definition": "AWS::ECS::TaskDefinition",
  "route53:hostedzone": "AWS::Route53::HostedZone",
  "elasticloadbalancing:loadbalancer/app": "AWS::ElasticLoadBalancingV2::LoadBalancer",
  "elasticloadbalancing:loadbalancer/net": "AWS::ElasticLoadBalancingV2::LoadBalancer",
  "elasticloadbalancing:targetgroup": "AWS::ElasticLoadBalancingV2::TargetGroup",
  "secretsmanager:secret": "AWS::SecretsManager::Secret",
  "states:stateMachine": "AWS::StepFunctions::StateMachine",
  "cloudfront:distribution": "AWS::CloudFront::Distribution",
  "acm:certificate": "AWS::CertificateManager::Certificate",
  "events:rule": "AWS::Events::Rule",
  "ssm:parameter": "AWS::SSM::Parameter",
  "elasticache:cluster": "AWS::ElastiCache::CacheCluster",
  "cloudwatch:alarm": "AWS::CloudWatch::Alarm",
  "kinesis:stream": "AWS::Kinesis::Stream",
  "apigateway:restapis": "AWS::ApiGateway::RestApi",
};

/** CloudFormation namespaces that differ from a capitalised service prefix. */
const NAMESPACES: Record<string, string> = {
  ec2: "EC2",
  iam: "IAM",
  s3: "S3",
  sqs: "SQS",
  sns: "SNS",
  kms: "KMS",
  rds: "RDS",
  ecr: "ECR",
  ecs: "ECS",
  eks: "EKS",
  dynamodb: "DynamoDB",
  logs: "Logs",
  elasticloadbalancing: "ElasticLoadBalancingV2",
  states: "StepFunctions",
  acm: "CertificateManager",
  ssm: "SSM",
  elasticache: "ElastiCache",
  cloudfront: "CloudFront",
  cloudwatch: "CloudWatch",
  apigateway: "ApiGateway",
  secretsmanager: "SecretsManager",
  route53: "Route53",
  "cognito-idp": "Cognito",
  "cognito-identity": "Cognito",
  firehose: "KinesisFirehose",
  mq: "AmazonMQ",
  kafka: "MSK",
  es: "OpenSearchService",
  "network-firewall": "NetworkFirewall",
  sso: "SSO",
};

const pascal = (s: string) =>
  s
    .split(/[-_/]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");

/**
 * The CloudFormation type of a Resource Explorer type: Resource Explorer's own `CfnResourceType` when it
 * gave one, else the table, else a best guess (`AWS::<Namespace>::<PascalCase>`) that Cloud Control will
 * confirm or refuse (`unsupported_type`).
 */
export function cfnTypeFor(resourceType: string, reported?: string): string {
  if (reported) return reported;
  const known = CFN_TYPES[resourceType];
  if (known) return known;
  const [service = "", type = ""] = resourceType.split(":");
  return `AWS::${NAMESPACES[service] ?? pascal(service)}::${pascal(type)}`;
}

/** The ARN's fields; undefined when it is not an ARN. */
export function parseArn(
  arn: string,
): { partition: string; service: string; region: string; account: string; resource: string } | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return {
    partition: parts[1]!,
    service: parts[2]!,
    region: parts[3]!,
    account: parts[4]!,
    resource: parts.slice(5).join(":"),
  };
}
