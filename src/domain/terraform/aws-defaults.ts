import type { LiveResource } from "../cloud/resource.ts";

/**
 * Resources AWS creates by itself — the default VPC and its subnets, internet gateway, route table, network
 * ACL and security group; every VPC's default security group and network ACL; AWS managed policies;
 * service-linked and AWS-reserved roles; AWS managed KMS keys and their `alias/aws/*` aliases; the default
 * event bus; `default.*` parameter and option groups. They are never reported unmanaged unless asked for.
 * Cloud Control does not say "default" for most of them, so this reads what it can: `awsDefault` when
 * discovery set it, ARNs, names, and the VPCs' own `DefaultSecurityGroup`/`DefaultNetworkAcl` properties.
 */

const DEFAULT_VPC_CIDR = "172.31.0.0/16";
const AWS_KEY_DESCRIPTION = /^Default (master )?key that protects my /;
const DEFAULT_GROUP_TYPES = new Set([
  "AWS::RDS::DBParameterGroup",
  "AWS::RDS::DBClusterParameterGroup",
  "AWS::RDS::OptionGroup",
  "AWS::ElastiCache::ParameterGroup",
  "AWS::Neptune::DBParameterGroup",
  "AWS::DocDB::DBClusterParameterGroup",
  "AWS::Redshift::ClusterParameterGroup",
  "AWS::MemoryDB::ParameterGroup",
]);

const prop = (r: LiveResource, name: string): unknown => r.properties?.[name];
const untagged = (r: LiveResource) =>
  Object.keys(r.tags).length === 0 &&
  (!Array.isArray(prop(r, "Tags")) || (prop(r, "Tags") as unknown[]).length === 0);
const tail = (arn: string) => arn.slice(arn.lastIndexOf("/") + 1);

function isDefaultVpc(r: LiveResource): boolean {
  if (r.cfnType !== "AWS::EC2::VPC") return false;
  if (r.awsDefault !== undefined) return r.awsDefault;
  return prop(r, "CidrBlock") === DEFAULT_VPC_CIDR && untagged(r);
}

/** Returns a predicate telling which live resources are AWS-created defaults (and why). */
export function awsDefaults(live: readonly LiveResource[]): (r: LiveResource) => string | undefined {
  const defaultVpcs = new Set<string>();
  const defaultVpcRegions = new Set<string>();
  const vpcDefaults = new Set<string>(); // every VPC's default security group and network ACL
  for (const r of live) {
    if (r.cfnType !== "AWS::EC2::VPC") continue;
    if (isDefaultVpc(r)) {
      defaultVpcs.add(r.identifier ?? tail(r.arn));
      defaultVpcRegions.add(r.region);
    }
    for (const k of ["DefaultSecurityGroup", "DefaultNetworkAcl"]) {
      const v = prop(r, k);
      if (typeof v === "string") vpcDefaults.add(v);
    }
  }
  // an internet gateway is only known to be the default VPC's when it is the one untagged gateway of its region
  const untaggedIgws = new Map<string, number>();
  for (const r of live) {
    if (r.cfnType === "AWS::EC2::InternetGateway" && untagged(r) && r.awsDefault === undefined)
      untaggedIgws.set(r.region, (untaggedIgws.get(r.region) ?? 0) + 1);
  }

  return (r) => {
    if (r.awsDefault === true) return "created by AWS";
    if (r.awsDefault === false) return undefined;
    const id = r.identifier ?? tail(r.arn);
    switch (r.cfnType) {
      case "AWS::EC2::VPC":
        return isDefaultVpc(r) ? "default VPC" : undefined;
      case "AWS::EC2::Subnet":
      case "AWS::EC2::RouteTable":
        return defaultVpcs.has(String(prop(r, "VpcId"))) ? "part of the default VPC" : undefined;
      case "AWS::EC2::SecurityGroup":
        return vpcDefaults.has(id) || prop(r, "GroupName") === "default"
          ? "a VPC's default security group"
          : undefined;
      case "AWS::EC2::NetworkAcl":
        return vpcDefaults.has(id) || defaultVpcs.has(String(prop(r, "VpcId")))
          ? "a VPC's default network ACL"
          : undefined;
      case "AWS::EC2::InternetGateway":
        return defaultVpcRegions.has(r.region) && untagged(r) && untaggedIgws.get(r.region) === 1
          ? "the default VPC's internet gateway"
          : undefined;
      case "AWS::IAM::ManagedPolicy":
      case "AWS::IAM::Policy":
        return r.arn.split(":")[4] === "aws" ? "AWS managed policy" : undefined;
      case "AWS::IAM::Role":
        return /:role\/aws-(service-role|reserved)\//.test(r.arn)
          ? "service-linked or AWS-reserved role"
          : undefined;
      case "AWS::KMS::Alias":
        return /(^|:)alias\/aws\//.test(r.identifier ?? r.arn) ? "AWS managed key alias" : undefined;
      case "AWS::KMS::Key": {
        const d = prop(r, "Description");
        return typeof d === "string" && AWS_KEY_DESCRIPTION.test(d) ? "AWS managed key" : undefined;
      }
      case "AWS::Events::EventBus":
        return id === "default" || r.arn.endsWith(":event-bus/default") ? "the default event bus" : undefined;
      default:
        if (DEFAULT_GROUP_TYPES.has(r.cfnType) && id.startsWith("default."))
          return "default parameter or option group";
        return undefined;
    }
  };
}
