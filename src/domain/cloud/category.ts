import type { ResourceCategory } from "./resource.ts";

/**
 * The category (one of `RESOURCE_CATEGORIES`) of a CloudFormation type. No package classifies AWS services,
 * so this is kept by hand: by service namespace, with EC2 split by type (instances and launch templates are
 * compute, volumes storage, the rest of EC2 — VPCs, subnets, gateways, routes … — network). Any type not
 * named here, including types newer than this table, is `other`.
 */
const BY_SERVICE: Record<string, ResourceCategory> = {};
const put = (category: ResourceCategory, services: string) => {
  for (const s of services.split(/\s+/).filter(Boolean)) BY_SERVICE[s] = category;
};
put(
  "compute",
  `AutoScaling AutoScalingPlans Batch ECS EKS ElasticBeanstalk Lightsail AppRunner ImageBuilder GameLift
   GameLiftStreams EMR EMRContainers Outposts PCS Deadline AppStream WorkSpaces WorkspacesInstances
   WorkSpacesThinClient WorkSpacesWeb EVS Cloud9 OpsWorks OpsWorksCM MGN DRS SimSpaceWeaver Braket`,
);
put(
  "storage",
  `S3 S3Express S3Outposts S3ObjectLambda S3Tables S3Vectors S3Files EFS FSx Backup BackupGateway
   StorageGateway DataSync ECR MediaStore Glacier`,
);
put(
  "database",
  `RDS DynamoDB DocDB DocDBElastic Neptune NeptuneGraph ElastiCache MemoryDB Redshift RedshiftServerless
   Cassandra QLDB Timestream DAX DSQL SDB ODB OpenSearchService OpenSearchServerless Elasticsearch`,
);
put(
  "network",
  `Route53 Route53Resolver Route53RecoveryControl Route53RecoveryReadiness Route53Profiles
   Route53GlobalResolver CloudFront ElasticLoadBalancing ElasticLoadBalancingV2 GlobalAccelerator DirectConnect
   NetworkFirewall NetworkManager VpcLattice ServiceDiscovery AppMesh Interconnect NetworkFlowMonitor
   NetworkMonitor WAF WAFv2 WAFRegional Shield FMS`,
);
put(
  "iam",
  `IAM SSO IdentityStore Organizations RolesAnywhere AccessAnalyzer KMS SecretsManager ACMPCA
   CertificateManager Cognito VerifiedPermissions PCAConnectorAD PCAConnectorSCEP PaymentCryptography
   CloudHSM Signer AccountAccess SupportAuthZ`,
);
put(
  "serverless",
  `Lambda StepFunctions ApiGateway ApiGatewayV2 AppSync Serverless ServerlessRepo EMRServerless Scheduler
   Pipes MWAAServerless Amplify`,
);
put(
  "messaging",
  `SQS SNS Events EventsV2 EventSchemas Kinesis KinesisFirehose KinesisAnalytics KinesisAnalyticsV2
   KinesisVideo MSK KafkaConnect AmazonMQ SES PinpointEmail Pinpoint SMSVOICE Notifications
   NotificationsContacts`,
);

// Image, Snapshot and SpotInstancesRequest are not CloudFormation types, but Resource Explorer lists AMIs,
// snapshots and spot requests (ec2:image, ec2:snapshot, ec2:spot-instances-request) under these names.
const EC2_COMPUTE =
  /^(Instance|LaunchTemplate|SpotFleet|EC2Fleet|CapacityReservation.*|Host|PlacementGroup|KeyPair|InstanceConnectEndpoint|Image|SpotInstancesRequest)$/;
const EC2_STORAGE = /^(Volume|VolumeAttachment|Snapshot|SnapshotBlockPublicAccess)$/;

export function categoryOf(cfnType: string): ResourceCategory {
  const [vendor, service, name] = cfnType.split("::");
  if (vendor !== "AWS" || service === undefined) return "other";
  if (service === "EC2" && name !== undefined) {
    if (EC2_COMPUTE.test(name)) return "compute";
    if (EC2_STORAGE.test(name)) return "storage";
    return "network";
  }
  return BY_SERVICE[service] ?? "other";
}
