import { type Attrs, first, type TypeMapping } from "./mapping.model.ts";

/** Compute, data, messaging, keys, logs, containers, DNS and the other most used services. */

const afterKey = (v: unknown): unknown => (typeof v === "string" ? v.replace(/^.*:key\//, "") : v);
const taskDef = (v: unknown): unknown => (typeof v === "string" ? v.replace(/^.*:task-definition\//, "") : v);
/** Terraform's `tag { key value propagate_at_launch }` blocks as a map. */
const asgTags = (a: Attrs): Record<string, unknown> | undefined => {
  if (!Array.isArray(a.tag)) return undefined;
  return Object.fromEntries((a.tag as Attrs[]).map((t) => [String(t.key), t.value]));
};

export const SERVICE_MAPPINGS: TypeMapping[] = [
  {
    tf: "aws_lambda_function",
    cfn: "AWS::Lambda::Function",
    discovery: "listed",
    identifier: first("function_name", "id"),
    compare: [
      { tf: "runtime", cfn: "Runtime" },
      { tf: "handler", cfn: "Handler" },
      { tf: "memory_size", cfn: "MemorySize", unset: 128 },
      { tf: "timeout", cfn: "Timeout", unset: 3 },
      { tf: "role", cfn: "Role" },
      { tf: "description", cfn: "Description" },
      { tf: "environment.0.variables", cfn: "Environment.Variables", kind: "map" },
      { tf: "layers", cfn: "Layers", kind: "list" },
      { tf: "architectures", cfn: "Architectures", kind: "set", unset: ["x86_64"] },
      { tf: "reserved_concurrent_executions", cfn: "ReservedConcurrentExecutions", unset: -1 },
      { tf: "kms_key_arn", cfn: "KmsKeyArn" },
      { tf: "tracing_config.0.mode", cfn: "TracingConfig.Mode", unset: "PassThrough" },
      { tf: "vpc_config.0.subnet_ids", cfn: "VpcConfig.SubnetIds", kind: "set" },
      { tf: "vpc_config.0.security_group_ids", cfn: "VpcConfig.SecurityGroupIds", kind: "set" },
    ],
    writeOnly: ["Code"],
  },
  {
    tf: "aws_dynamodb_table",
    cfn: "AWS::DynamoDB::Table",
    discovery: "listed",
    identifier: first("name", "id"),
    compare: [
      { tf: "billing_mode", cfn: "BillingMode", unset: "PROVISIONED" },
      { tf: "read_capacity", cfn: "ProvisionedThroughput.ReadCapacityUnits", unset: 0 },
      { tf: "write_capacity", cfn: "ProvisionedThroughput.WriteCapacityUnits", unset: 0 },
      { tf: "stream_view_type", cfn: "StreamSpecification.StreamViewType" },
      {
        tf: "point_in_time_recovery.0.enabled",
        cfn: "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled",
        unset: false,
      },
      { tf: "deletion_protection_enabled", cfn: "DeletionProtectionEnabled", unset: false },
      { tf: "ttl.0.attribute_name", cfn: "TimeToLiveSpecification.AttributeName" },
      { tf: "hash_key", cfn: "KeySchema" },
    ],
  },
  {
    tf: "aws_db_instance",
    cfn: "AWS::RDS::DBInstance",
    discovery: "listed",
    identifier: first("identifier", "id"),
    compare: [
      { tf: "instance_class", cfn: "DBInstanceClass" },
      { tf: "allocated_storage", cfn: "AllocatedStorage" },
      { tf: "engine_version", cfn: "EngineVersion" },
      { tf: "multi_az", cfn: "MultiAZ", unset: false },
      { tf: "publicly_accessible", cfn: "PubliclyAccessible", unset: false },
      { tf: "storage_type", cfn: "StorageType" },
      { tf: "backup_retention_period", cfn: "BackupRetentionPeriod" },
      { tf: "deletion_protection", cfn: "DeletionProtection", unset: false },
      { tf: "iam_database_authentication_enabled", cfn: "EnableIAMDatabaseAuthentication", unset: false },
      { tf: "auto_minor_version_upgrade", cfn: "AutoMinorVersionUpgrade", unset: true },
      { tf: "password", cfn: "MasterUserPassword" },
    ],
    writeOnly: ["MasterUserPassword"],
  },
  {
    tf: "aws_sqs_queue",
    cfn: "AWS::SQS::Queue",
    discovery: "listed",
    identifier: first("url", "id"),
    compare: [
      { tf: "visibility_timeout_seconds", cfn: "VisibilityTimeout", unset: 30 },
      { tf: "message_retention_seconds", cfn: "MessageRetentionPeriod", unset: 345600 },
      { tf: "delay_seconds", cfn: "DelaySeconds", unset: 0 },
      { tf: "max_message_size", cfn: "MaximumMessageSize", unset: 262144 },
      { tf: "receive_wait_time_seconds", cfn: "ReceiveMessageWaitTimeSeconds", unset: 0 },
      { tf: "redrive_policy", cfn: "RedrivePolicy", kind: "json" },
      { tf: "kms_master_key_id", cfn: "KmsMasterKeyId" },
    ],
  },
  {
    tf: "aws_sns_topic",
    cfn: "AWS::SNS::Topic",
    discovery: "listed",
    identifier: first("arn", "id"),
    compare: [
      { tf: "display_name", cfn: "DisplayName" },
      { tf: "kms_master_key_id", cfn: "KmsMasterKeyId" },
    ],
  },
  {
    tf: "aws_sns_topic_subscription",
    cfn: "AWS::SNS::Subscription",
    discovery: "lookup",
    identifier: first("arn", "id"),
    compare: [
      { tf: "raw_message_delivery", cfn: "RawMessageDelivery", unset: false },
      { tf: "filter_policy", cfn: "FilterPolicy", kind: "json" },
    ],
  },
  {
    tf: "aws_kms_key",
    cfn: "AWS::KMS::Key",
    discovery: "listed",
    identifier: first("key_id", "id"),
    compare: [
      { tf: "description", cfn: "Description" },
      { tf: "enable_key_rotation", cfn: "EnableKeyRotation", unset: false },
      { tf: "policy", cfn: "KeyPolicy", kind: "json" },
      { tf: "key_usage", cfn: "KeyUsage", unset: "ENCRYPT_DECRYPT" },
      { tf: "is_enabled", cfn: "Enabled", unset: true },
      { tf: "multi_region", cfn: "MultiRegion", unset: false },
      { tf: "deletion_window_in_days", cfn: "PendingWindowInDays" },
    ],
    writeOnly: ["PendingWindowInDays"],
  },
  {
    tf: "aws_kms_alias",
    cfn: "AWS::KMS::Alias",
    discovery: "lookup",
    identifier: first("name", "id"),
    compare: [
      {
        tf: "target_key_id",
        cfn: "TargetKeyId",
        tfValue: (a) => afterKey(a.target_key_id),
        liveValue: (p) => afterKey(p.TargetKeyId),
      },
    ],
    tags: false,
  },
  {
    tf: "aws_cloudwatch_log_group",
    cfn: "AWS::Logs::LogGroup",
    discovery: "listed",
    identifier: first("name", "id"),
    compare: [
      { tf: "retention_in_days", cfn: "RetentionInDays", unset: 0 },
      { tf: "kms_key_id", cfn: "KmsKeyId" },
      { tf: "log_group_class", cfn: "LogGroupClass", unset: "STANDARD" },
    ],
  },
  {
    tf: "aws_ecr_repository",
    cfn: "AWS::ECR::Repository",
    discovery: "listed",
    identifier: first("name", "id"),
    compare: [
      { tf: "image_tag_mutability", cfn: "ImageTagMutability", unset: "MUTABLE" },
      {
        tf: "image_scanning_configuration.0.scan_on_push",
        cfn: "ImageScanningConfiguration.ScanOnPush",
        unset: false,
      },
    ],
  },
  {
    tf: "aws_ecr_lifecycle_policy",
    cfn: "AWS::ECR::Repository",
    discovery: "embedded",
    identifier: first("repository", "id"),
    compare: [{ tf: "policy", cfn: "LifecyclePolicy.LifecyclePolicyText", kind: "json" }],
  },
  {
    tf: "aws_ecs_cluster",
    cfn: "AWS::ECS::Cluster",
    discovery: "listed",
    identifier: first("name"),
    compare: [],
  },
  {
    tf: "aws_ecs_service",
    cfn: "AWS::ECS::Service",
    discovery: "listed",
    identifier: (a) =>
      typeof a.id === "string" && typeof a.cluster === "string" ? `${a.id}|${a.cluster}` : undefined,
    arn: first("arn", "id"),
    compare: [
      { tf: "desired_count", cfn: "DesiredCount" },
      {
        tf: "task_definition",
        cfn: "TaskDefinition",
        tfValue: (a) => taskDef(a.task_definition),
        liveValue: (p) => taskDef(p.TaskDefinition),
      },
      { tf: "platform_version", cfn: "PlatformVersion" },
      { tf: "enable_execute_command", cfn: "EnableExecuteCommand", unset: false },
    ],
  },
  {
    tf: "aws_route53_zone",
    cfn: "AWS::Route53::HostedZone",
    discovery: "listed",
    identifier: first("zone_id", "id"),
    compare: [{ tf: "comment", cfn: "HostedZoneConfig.Comment", unset: "Managed by Terraform" }],
  },
  {
    tf: "aws_route53_record",
    cfn: "AWS::Route53::RecordSet",
    discovery: "lookup",
    identifier: (a) => {
      const name = first("fqdn", "name")(a);
      if (!name || typeof a.zone_id !== "string" || typeof a.type !== "string") return undefined;
      const set = typeof a.set_identifier === "string" && a.set_identifier ? `|${a.set_identifier}` : "";
      return `${name}|${a.zone_id}|${a.type}${set}`;
    },
    compare: [
      { tf: "ttl", cfn: "TTL" },
      { tf: "records", cfn: "ResourceRecords", kind: "set" },
    ],
    tags: false,
  },
  {
    tf: "aws_secretsmanager_secret",
    cfn: "AWS::SecretsManager::Secret",
    discovery: "listed",
    identifier: first("arn", "id"),
    compare: [
      { tf: "description", cfn: "Description" },
      { tf: "kms_key_id", cfn: "KmsKeyId" },
    ],
  },
  {
    tf: "aws_ssm_parameter",
    cfn: "AWS::SSM::Parameter",
    discovery: "listed",
    identifier: first("name", "id"),
    compare: [
      { tf: "description", cfn: "Description" },
      { tf: "tier", cfn: "Tier", unset: "Standard" },
      { tf: "value", cfn: "Value" },
    ],
  },
  {
    tf: "aws_cloudwatch_metric_alarm",
    cfn: "AWS::CloudWatch::Alarm",
    discovery: "listed",
    identifier: first("alarm_name", "id"),
    compare: [
      { tf: "threshold", cfn: "Threshold" },
      { tf: "comparison_operator", cfn: "ComparisonOperator" },
      { tf: "evaluation_periods", cfn: "EvaluationPeriods" },
      { tf: "metric_name", cfn: "MetricName" },
      { tf: "namespace", cfn: "Namespace" },
      { tf: "period", cfn: "Period" },
      { tf: "statistic", cfn: "Statistic" },
      { tf: "alarm_actions", cfn: "AlarmActions", kind: "set" },
      { tf: "actions_enabled", cfn: "ActionsEnabled", unset: true },
    ],
  },
  {
    tf: "aws_cloudwatch_event_rule",
    cfn: "AWS::Events::Rule",
    discovery: "listed",
    identifier: first("arn"),
    compare: [
      { tf: "schedule_expression", cfn: "ScheduleExpression" },
      { tf: "event_pattern", cfn: "EventPattern", kind: "json" },
      { tf: "state", cfn: "State", unset: "ENABLED" },
      { tf: "description", cfn: "Description" },
    ],
  },
  {
    tf: "aws_cloudwatch_event_bus",
    cfn: "AWS::Events::EventBus",
    discovery: "listed",
    identifier: first("name", "id"),
    compare: [],
  },
  {
    tf: "aws_lb",
    cfn: "AWS::ElasticLoadBalancingV2::LoadBalancer",
    discovery: "listed",
    identifier: first("arn", "id"),
    compare: [
      { tf: "subnets", cfn: "Subnets", kind: "set" },
      { tf: "security_groups", cfn: "SecurityGroups", kind: "set" },
      { tf: "ip_address_type", cfn: "IpAddressType", unset: "ipv4" },
    ],
  },
  {
    tf: "aws_lb_target_group",
    cfn: "AWS::ElasticLoadBalancingV2::TargetGroup",
    discovery: "listed",
    identifier: first("arn", "id"),
    compare: [
      { tf: "health_check.0.path", cfn: "HealthCheckPath" },
      { tf: "health_check.0.interval", cfn: "HealthCheckIntervalSeconds" },
      { tf: "health_check.0.healthy_threshold", cfn: "HealthyThresholdCount" },
      { tf: "health_check.0.unhealthy_threshold", cfn: "UnhealthyThresholdCount" },
    ],
  },
  {
    tf: "aws_autoscaling_group",
    cfn: "AWS::AutoScaling::AutoScalingGroup",
    discovery: "listed",
    identifier: first("name", "id"),
    compare: [
      { tf: "min_size", cfn: "MinSize" },
      { tf: "max_size", cfn: "MaxSize" },
      { tf: "desired_capacity", cfn: "DesiredCapacity" },
      { tf: "vpc_zone_identifier", cfn: "VPCZoneIdentifier", kind: "set" },
    ],
    tfTags: asgTags,
  },
];
