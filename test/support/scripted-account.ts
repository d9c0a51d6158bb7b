/**
 * A scripted AWS account and its Terraform states, generated deterministically, with the drift findings they
 * must produce. Gives the live resources (as discovery would), the state files (as Terraform writes them, one
 * in a workspace, one with modules and for_each), and the exact expected missing, unmanaged and changed sets.
 * Used by the drift-engine tests and bench; the emulator and integration tests can serve the same account.
 */
import { categoryOf } from "../../src/domain/cloud/category.ts";
import type { LiveResource } from "../../src/domain/cloud/resource.ts";
import type { Attrs } from "../../src/domain/terraform/mapping.model.ts";
import { tagPropertyOf } from "../../src/domain/terraform/mapping.ts";
import { workspaceStateKey } from "../../src/domain/terraform/state.parse.ts";
import type { StateFile, TypeSpec } from "./scripted-account.types.ts";
import { NETWORK_TYPES } from "./scripted-account.types-network.ts";
import { SERVICE_TYPES } from "./scripted-account.types-services.ts";

const TYPES: TypeSpec[] = [...NETWORK_TYPES, ...SERVICE_TYPES];

export interface ScriptedAccountOptions {
  /** Live resources in all (default 5,000). */
  liveCount?: number;
  regions?: string[];
  account?: string;
  seed?: number;
  /** State-only resources per type (default 2). */
  missingPerType?: number;
  /** Put every resource in one state file (the bench). */
  oneState?: boolean;
  /** Pad each object with `root_block_device` blocks so the states add up to about this many bytes. */
  stateBytes?: number;
  /** Share of the live resources in no state (default 0.1). */
  unmanagedShare?: number;
  /** Write the states without indentation (as `terraform state pull | jq -c` would). */
  compact?: boolean;
}

export interface ScriptedStateFile {
  name: StateFile | "all";
  bucket: string;
  /** The object key (with the workspace prefix when in a workspace). */
  key: string;
  workspace?: string;
  source: string;
  json: string;
}

export interface ScriptedAccount {
  account: string;
  regions: string[];
  live: LiveResource[];
  states: ScriptedStateFile[];
  expected: {
    /** `source|address` of state resources gone from the account. */
    missing: Set<string>;
    /** ARNs of live resources in no state (AWS-created defaults left out). */
    unmanaged: Set<string>;
    /** `source|address` → changelog paths (`a.b`, sorted, joined with `,`). */
    changed: Map<string, string>;
    /** Live resources that are AWS-created defaults. */
    awsDefaults: number;
    /** Managed resources whose live side was not enriched. */
    notCompared: number;
  };
}

const AWS = 'provider["registry.terraform.io/hashicorp/aws"]';
const BUCKET = "acme-terraform-states";

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Instance {
  index_key?: string | number;
  attributes: Attrs;
  private?: string;
}
interface Block {
  module?: string;
  type: string;
  name: string;
  provider: string;
  each?: "list" | "map";
  instances: Instance[];
}

function liveTags(spec: TypeSpec, tags: Record<string, string>): Attrs {
  const tp = tagPropertyOf(spec.cfn);
  if (!tp) return {};
  const list = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  if (tp.shape === "map") return { [tp.property]: { ...tags } };
  if (tp.shape === "asg") return { [tp.property]: list.map((t) => ({ ...t, PropagateAtLaunch: true })) };
  return { [tp.property]: [...list, { Key: "aws:cloudformation:logical-id", Value: "ignored" }] };
}

export function generateScriptedAccount(opts: ScriptedAccountOptions = {}): ScriptedAccount {
  const liveCount = opts.liveCount ?? 5000;
  const regions = opts.regions ?? ["us-east-1", "eu-west-1", "ap-southeast-2"];
  const account = opts.account ?? "123456789012";
  const rand = rng(opts.seed ?? 12);
  const missingPerType = opts.missingPerType ?? 2;
  const live: LiveResource[] = [];
  const expected: ScriptedAccount["expected"] = {
    missing: new Set(),
    unmanaged: new Set(),
    changed: new Map(),
    awsDefaults: 0,
    notCompared: 0,
  };
  const files: Record<
    StateFile,
    { source: string; key: string; workspace?: string; blocks: Map<string, Block> }
  > = {
    network: { key: "network/terraform.tfstate", source: "", blocks: new Map() },
    app: {
      key: workspaceStateKey("app/terraform.tfstate", "prod"),
      workspace: "prod",
      source: "",
      blocks: new Map(),
    },
    platform: { key: "platform/terraform.tfstate", source: "", blocks: new Map() },
  };
  for (const f of Object.values(files)) f.source = `tfstate+s3://${BUCKET}/${f.key}`;
  const fileOf = (spec: TypeSpec): StateFile => (opts.oneState ? "network" : spec.state);
  const alias = (r: string) => r.replace(/-/g, "_");

  const addLive = (
    spec: TypeSpec,
    id: string,
    region: string,
    props: Attrs | undefined,
    tags: Record<string, string>,
  ) => {
    const r = spec.global ? "" : region;
    const arn = spec.arn(id, r, account);
    const res: LiveResource = {
      arn,
      cfnType: spec.cfn,
      resourceType: `${arn.split(":")[2]}:${spec.cfn.split("::")[2]!.toLowerCase()}`,
      region: spec.global ? "global" : region,
      service: arn.split(":")[2]!,
      owningAccountId: account,
      category: categoryOf(spec.cfn),
      tags,
      identifier: spec.identifier?.(id, r, account) ?? id,
      enrichmentStatus: props ? "enriched" : "failed",
      ...(props ? { properties: props } : { enrichmentFailureReason: "access_denied" as const }),
    };
    live.push(res);
    return res;
  };

  /** Adds a state object; returns its `source|address`. */
  const addState = (
    spec: TypeSpec,
    id: string,
    region: string,
    k: number,
    tags: Record<string, string>,
  ): string => {
    const f = files[fileOf(spec)];
    const r = spec.global ? "" : region;
    const attrs: Attrs = spec.attrs(id, spec.arn(id, r, account), region);
    if (spec.cfn === "AWS::AutoScaling::AutoScalingGroup")
      attrs.tag = Object.entries(tags).map(([key, value]) => ({ key, value, propagate_at_launch: true }));
    else if (spec.tags || spec.cfn === "AWS::EC2::LaunchTemplate") {
      attrs.tags = { Name: tags.Name };
      attrs.tags_all = tags;
    }
    const short = spec.tf.replace(/^aws_/, "");
    let block: Block;
    let inst: Instance;
    let address: string;
    const provider = spec.global ? AWS : `${AWS}.${alias(region)}`;
    if (fileOf(spec) === "platform") {
      // module.stack["<region>"] with for_each over the names
      const module = `module.stack[${JSON.stringify(region)}]`;
      const bk = `${module}|${spec.tf}`;
      block = f.blocks.get(bk) ?? {
        module,
        type: spec.tf,
        name: "this",
        provider,
        each: "map",
        instances: [],
      };
      f.blocks.set(bk, block);
      inst = { index_key: id, attributes: attrs };
      address = `${module}.${spec.tf}.this[${JSON.stringify(id)}]`;
    } else if (fileOf(spec) === "app") {
      const name = `${short}_${alias(region)}`;
      const bk = `${spec.tf}|${name}`;
      block = f.blocks.get(bk) ?? { type: spec.tf, name, provider, each: "list", instances: [] };
      f.blocks.set(bk, block);
      inst = { index_key: block.instances.length, attributes: attrs };
      address = `${spec.tf}.${name}[${block.instances.length}]`;
    } else {
      const name = `${short}_${alias(region)}_${k}`;
      block = { type: spec.tf, name, provider, instances: [] };
      f.blocks.set(`${spec.tf}|${name}`, block);
      inst = { attributes: attrs };
      address = `${spec.tf}.${name}`;
    }
    block.instances.push(inst);
    return `${f.source}|${address}`;
  };

  // AWS-created defaults in every region: the default VPC and its parts
  let n = 0;
  const defaultVpc = TYPES.find((t) => t.cfn === "AWS::EC2::VPC")!;
  for (const region of regions) {
    const vpcId = `vpc-d${(++n).toString(16).padStart(7, "0")}`;
    const parts: Array<[string, string, Attrs]> = [
      [
        "AWS::EC2::VPC",
        vpcId,
        { CidrBlock: "172.31.0.0/16", DefaultSecurityGroup: `sg-d${n}`, DefaultNetworkAcl: `acl-d${n}` },
      ],
      ["AWS::EC2::Subnet", `subnet-d${n}a`, { VpcId: vpcId }],
      ["AWS::EC2::Subnet", `subnet-d${n}b`, { VpcId: vpcId }],
      ["AWS::EC2::RouteTable", `rtb-d${n}`, { VpcId: vpcId }],
      ["AWS::EC2::NetworkAcl", `acl-d${n}`, { VpcId: vpcId }],
      ["AWS::EC2::SecurityGroup", `sg-d${n}`, { VpcId: vpcId, GroupName: "default" }],
      ["AWS::EC2::InternetGateway", `igw-d${n}`, {}],
    ];
    for (const [cfn, id, props] of parts) {
      const spec = TYPES.find((t) => t.cfn === cfn) ?? defaultVpc;
      addLive(spec, id, region, props, {});
      expected.awsDefaults++;
    }
  }

  // the rest, spread over the types and regions
  const slots: Array<{ spec: TypeSpec; region: string }> = [];
  for (const spec of TYPES) {
    if (spec.global) slots.push({ spec, region: regions[0]! });
    else for (const region of regions) slots.push({ spec, region });
  }
  const perRegion = new Map<string, number>();
  const managedGroups: string[] = [];
  const unmanagedGroups: string[] = [];
  const ruleBudget = Math.floor(liveCount * 0.02);
  const target = liveCount - live.length - ruleBudget;
  for (let j = 0; j < target; j++) {
    const { spec, region } = slots[j % slots.length]!;
    const pk = `${spec.cfn}|${region}`;
    const k = perRegion.get(pk) ?? 0;
    perRegion.set(pk, k + 1);
    const id = spec.id(++n, region, k);
    const tags = { Name: id, Env: "prod", ManagedBy: "terraform" };
    const u = rand();
    const enriched = rand() >= 0.04;
    const drift =
      rand() < 0.06
        ? spec.drift && (!spec.tags || rand() < 0.5)
          ? "attr"
          : spec.tags
            ? "tag"
            : undefined
        : undefined;
    const props: Attrs = { ...(spec.props?.(id, region) ?? {}) };
    const liveTagSet = { ...tags };
    if (drift === "tag") liveTagSet.Env = "staging";
    if (drift === "attr") Object.assign(props, spec.drift!.patch);
    Object.assign(props, liveTags(spec, liveTagSet));
    const res = addLive(spec, id, region, enriched ? props : undefined, liveTagSet);
    if (u < (opts.unmanagedShare ?? 0.1)) {
      expected.unmanaged.add(res.arn);
      if (spec.cfn === "AWS::EC2::SecurityGroup") unmanagedGroups.push(id);
      continue;
    }
    if (spec.cfn === "AWS::EC2::SecurityGroup") managedGroups.push(id);
    const key = addState(spec, id, region, k, tags);
    if (!enriched) expected.notCompared++;
    else if (drift) expected.changed.set(key, drift === "tag" ? "tags.Env" : spec.drift!.path.join("."));
  }
  const groupRegion = new Map(
    live.filter((l) => l.cfnType === "AWS::EC2::SecurityGroup").map((l) => [l.identifier!, l.region]),
  );
  // security group rules: listed on their own, belonging to their group (never unmanaged by themselves)
  for (let i = 0; i < ruleBudget; i++) {
    const groups = i % 4 === 0 && unmanagedGroups.length ? unmanagedGroups : managedGroups;
    const group = groups[i % groups.length]!;
    const region = groupRegion.get(group)!;
    const id = `sgr-${(++n).toString(16).padStart(17, "0")}`;
    live.push({
      arn: `arn:aws:ec2:${region}:${account}:security-group-rule/${id}`,
      cfnType: "AWS::EC2::SecurityGroupIngress",
      resourceType: "ec2:security-group-rule",
      region,
      service: "ec2",
      owningAccountId: account,
      category: "network",
      tags: {},
      identifier: id,
      enrichmentStatus: "enriched",
      properties: {
        Id: id,
        GroupId: group,
        IpProtocol: "tcp",
        FromPort: 443,
        ToPort: 443,
        CidrIp: "10.0.0.0/8",
      },
    });
  }
  // state-only resources: deleted from the account behind Terraform's back
  for (const spec of TYPES) {
    for (let i = 0; i < missingPerType; i++) {
      const region = regions[i % regions.length]!;
      const pk = `${spec.cfn}|${region}`;
      const k = perRegion.get(pk) ?? 0;
      perRegion.set(pk, k + 1);
      const id = spec.id(++n, region, k);
      expected.missing.add(addState(spec, id, region, k, { Name: id, Env: "prod", ManagedBy: "terraform" }));
    }
  }

  // padding as Terraform's own bulk looks: nested blocks of small values (what JSON.parse spends its time on)
  const DEVICE = {
    delete_on_termination: true,
    device_name: "/dev/xvda",
    encrypted: false,
    iops: 3000,
    kms_key_id: "",
    tags: null,
    throughput: 125,
    volume_size: 8,
    volume_type: "gp3",
  };
  const render = (f: (typeof files)[StateFile], pad: number, serial: number) => {
    const devices = Array.from(
      { length: Math.floor(pad / (JSON.stringify(DEVICE).length + 1)) },
      () => DEVICE,
    );
    const resources: unknown[] = [
      {
        mode: "data",
        type: "aws_caller_identity",
        name: "current",
        provider: AWS,
        instances: [{ schema_version: 0, attributes: { account_id: account } }],
      },
    ];
    for (const b of f.blocks.values()) {
      resources.push({
        ...(b.module ? { module: b.module } : {}),
        mode: "managed",
        type: b.type,
        name: b.name,
        provider: b.provider,
        ...(b.each ? { each: b.each } : {}),
        instances: b.instances.map((i) => ({
          ...i,
          ...(devices.length ? { attributes: { ...i.attributes, root_block_device: devices } } : {}),
          schema_version: 0,
          sensitive_attributes: [],
        })),
      });
    }
    return JSON.stringify(
      {
        version: 4,
        terraform_version: "1.9.5",
        serial,
        lineage: `5e1a4c1e-0000-4000-8000-00000000000${serial}`,
        outputs: {},
        resources,
        check_results: null,
      },
      null,
      opts.compact ? undefined : 2,
    );
  };
  const used = (opts.oneState ? ["network"] : ["network", "app", "platform"]) as StateFile[];
  let pad = 0;
  if (opts.stateBytes) {
    const plain = used.reduce((s, name) => s + render(files[name], 0, 1).length, 0);
    const objects = used.reduce(
      (s, name) => s + [...files[name].blocks.values()].reduce((x, b) => x + b.instances.length, 0),
      0,
    );
    pad = Math.max(0, Math.floor((opts.stateBytes - plain) / objects) - 24);
  }
  const states = used.map((name, i) => {
    const f = files[name];
    return {
      name: opts.oneState ? ("all" as const) : name,
      bucket: BUCKET,
      key: f.key,
      ...(f.workspace ? { workspace: f.workspace } : {}),
      source: f.source,
      json: render(f, pad, i + 1),
    };
  });
  return { account, regions, live, states, expected };
}
