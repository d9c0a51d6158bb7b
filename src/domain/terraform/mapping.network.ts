import { type Attrs, first, joined, type TypeMapping } from "./mapping.model.ts";

/** VPCs and their parts, security groups and rules, instances. `aws_default_*` adopt AWS-created objects. */

const id = first("id");
const PROTOCOLS: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", all: "-1" };
const proto = (p: unknown): string => {
  const s = String(p ?? "-1").toLowerCase();
  return PROTOCOLS[s] ?? s;
};
const ports = (p: string, from: unknown, to: unknown): string =>
  p === "-1" ? "all" : `${Number(from ?? -1)}-${Number(to ?? -1)}`;
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === "string" && x) : []);

/** Terraform's rule blocks (one block, many sources) as one canonical string per source. */
function tfRules(v: unknown, selfId: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: string[] = [];
  for (const r of v as Attrs[]) {
    const p = proto(r.protocol);
    const head = `${p} ${ports(p, r.from_port, r.to_port)}`;
    const desc = typeof r.description === "string" && r.description ? ` "${r.description}"` : "";
    const sources = [
      ...list(r.cidr_blocks),
      ...list(r.ipv6_cidr_blocks),
      ...list(r.prefix_list_ids),
      ...list(r.security_groups),
      ...(r.self === true && typeof selfId === "string" ? [selfId] : []),
    ];
    for (const s of sources) out.push(`${head} ${s}${desc}`);
  }
  return out;
}

/** Cloud Control's rule entries (one source each) in the same canonical form. */
function cfnRules(v: unknown, peer: "Source" | "Destination"): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return (v as Attrs[]).map((r) => {
    const p = proto(r.IpProtocol);
    const s = r.CidrIp ?? r.CidrIpv6 ?? r[`${peer}PrefixListId`] ?? r[`${peer}SecurityGroupId`] ?? "?";
    const desc = typeof r.Description === "string" && r.Description ? ` "${r.Description}"` : "";
    return `${p} ${ports(p, r.FromPort, r.ToPort)} ${String(s)}${desc}`;
  });
}

const vpc = (tf: string): TypeMapping => ({
  tf,
  cfn: "AWS::EC2::VPC",
  discovery: "listed",
  identifier: id,
  compare: [
    { tf: "cidr_block", cfn: "CidrBlock" },
    { tf: "enable_dns_support", cfn: "EnableDnsSupport" },
    { tf: "enable_dns_hostnames", cfn: "EnableDnsHostnames" },
    { tf: "instance_tenancy", cfn: "InstanceTenancy", unset: "default" },
  ],
});
const subnet = (tf: string): TypeMapping => ({
  tf,
  cfn: "AWS::EC2::Subnet",
  discovery: "listed",
  identifier: id,
  compare: [
    { tf: "cidr_block", cfn: "CidrBlock" },
    { tf: "map_public_ip_on_launch", cfn: "MapPublicIpOnLaunch", unset: false },
    { tf: "assign_ipv6_address_on_creation", cfn: "AssignIpv6AddressOnCreation", unset: false },
  ],
});
const securityGroup = (tf: string): TypeMapping => ({
  tf,
  cfn: "AWS::EC2::SecurityGroup",
  discovery: "listed",
  identifier: id,
  compare: [
    {
      tf: "ingress",
      cfn: "SecurityGroupIngress",
      kind: "set",
      tfValue: (a) => tfRules(a.ingress, a.id),
      liveValue: (p) => cfnRules(p.SecurityGroupIngress, "Source"),
    },
    {
      tf: "egress",
      cfn: "SecurityGroupEgress",
      kind: "set",
      tfValue: (a) => tfRules(a.egress, a.id),
      liveValue: (p) => cfnRules(p.SecurityGroupEgress, "Destination"),
    },
    { tf: "description", cfn: "GroupDescription" },
  ],
});
const simple = (tf: string, cfn: string): TypeMapping => ({
  tf,
  cfn,
  discovery: "listed",
  identifier: id,
  compare: [],
});
const RULE_TYPES = ["AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress"];

export const NETWORK_MAPPINGS: TypeMapping[] = [
  vpc("aws_vpc"),
  vpc("aws_default_vpc"),
  subnet("aws_subnet"),
  subnet("aws_default_subnet"),
  securityGroup("aws_security_group"),
  securityGroup("aws_default_security_group"),
  {
    tf: "aws_vpc_security_group_ingress_rule",
    cfn: "AWS::EC2::SecurityGroupIngress",
    alsoCfn: RULE_TYPES,
    discovery: "listed",
    identifier: first("security_group_rule_id", "id"),
    compare: [{ tf: "description", cfn: "Description" }],
    tags: false,
  },
  {
    tf: "aws_vpc_security_group_egress_rule",
    cfn: "AWS::EC2::SecurityGroupEgress",
    alsoCfn: RULE_TYPES,
    discovery: "listed",
    identifier: first("security_group_rule_id", "id"),
    compare: [{ tf: "description", cfn: "Description" }],
    tags: false,
  },
  {
    // the legacy rule resource: its id is Terraform's own hash, the AWS rule id is in security_group_rule_id
    tf: "aws_security_group_rule",
    cfn: "AWS::EC2::SecurityGroupIngress",
    alsoCfn: RULE_TYPES,
    discovery: "listed",
    identifier: first("security_group_rule_id"),
    compare: [{ tf: "description", cfn: "Description" }],
    tags: false,
  },
  simple("aws_route_table", "AWS::EC2::RouteTable"),
  simple("aws_default_route_table", "AWS::EC2::RouteTable"),
  {
    tf: "aws_route",
    cfn: "AWS::EC2::Route",
    discovery: "lookup",
    identifier: joined("route_table_id", "destination_cidr_block"),
    compare: [
      { tf: "gateway_id", cfn: "GatewayId" },
      { tf: "nat_gateway_id", cfn: "NatGatewayId" },
      { tf: "transit_gateway_id", cfn: "TransitGatewayId" },
      { tf: "vpc_peering_connection_id", cfn: "VpcPeeringConnectionId" },
      { tf: "vpc_endpoint_id", cfn: "VpcEndpointId" },
      { tf: "network_interface_id", cfn: "NetworkInterfaceId" },
    ],
  },
  simple("aws_internet_gateway", "AWS::EC2::InternetGateway"),
  simple("aws_nat_gateway", "AWS::EC2::NatGateway"),
  {
    tf: "aws_eip",
    cfn: "AWS::EC2::EIP",
    discovery: "listed",
    identifier: joined("public_ip", "allocation_id"),
    compare: [{ tf: "instance", cfn: "InstanceId" }],
  },
  simple("aws_network_acl", "AWS::EC2::NetworkAcl"),
  simple("aws_default_network_acl", "AWS::EC2::NetworkAcl"),
  {
    tf: "aws_vpc_endpoint",
    cfn: "AWS::EC2::VPCEndpoint",
    discovery: "listed",
    identifier: id,
    compare: [
      { tf: "policy", cfn: "PolicyDocument", kind: "json" },
      { tf: "private_dns_enabled", cfn: "PrivateDnsEnabled", unset: false },
      { tf: "route_table_ids", cfn: "RouteTableIds", kind: "set" },
      { tf: "subnet_ids", cfn: "SubnetIds", kind: "set" },
      { tf: "security_group_ids", cfn: "SecurityGroupIds", kind: "set" },
    ],
  },
  {
    tf: "aws_instance",
    cfn: "AWS::EC2::Instance",
    discovery: "listed",
    identifier: id,
    compare: [
      { tf: "instance_type", cfn: "InstanceType" },
      { tf: "ami", cfn: "ImageId" },
      { tf: "ebs_optimized", cfn: "EbsOptimized", unset: false },
      { tf: "monitoring", cfn: "Monitoring", unset: false },
      { tf: "iam_instance_profile", cfn: "IamInstanceProfile", kind: "tail" },
      { tf: "vpc_security_group_ids", cfn: "SecurityGroupIds", kind: "set" },
      { tf: "source_dest_check", cfn: "SourceDestCheck", unset: true },
      { tf: "disable_api_termination", cfn: "DisableApiTermination", unset: false },
    ],
    writeOnly: ["UserData"],
  },
  {
    tf: "aws_key_pair",
    cfn: "AWS::EC2::KeyPair",
    discovery: "listed",
    identifier: first("key_name", "id"),
    compare: [],
  },
  simple("aws_launch_template", "AWS::EC2::LaunchTemplate"),
];
