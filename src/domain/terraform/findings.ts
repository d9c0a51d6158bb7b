import { cfnTypeFromArn } from "../cloud/cfn-catalogue.ts";
import type { LiveResource } from "../cloud/resource.ts";
import { awsDefaults } from "./aws-defaults.ts";
import { type Change, diffResource } from "./compare.ts";
import {
  type IgnoreRules,
  type IgnoreSubject,
  isChangeIgnored,
  isResourceIgnored,
  NO_IGNORE_RULES,
} from "./driftignore.ts";
import { type CompiledMapping, mappingFor, terraformTypeOf } from "./mapping.ts";
import { matchLive, type Pending } from "./match.ts";
import type { StateResource, TerraformState } from "./state.model.ts";

/** What the drift engine compares. */
export interface DriftInput {
  /** Every live resource discovery produced (listed by Resource Explorer, or looked up from the states). */
  live: readonly LiveResource[];
  /** The linked states, parsed. */
  states: readonly TerraformState[];
  /** The account's `.driftignore` rules. */
  ignore?: IgnoreRules;
  /** Report AWS-created defaults (default VPC, managed policies …) as unmanaged too. Default false. */
  includeAwsDefaults?: boolean;
  /** CloudFormation types discovery could not list (denied, not supported …): neither missing nor unmanaged. */
  unknownTypes?: ReadonlySet<string>;
  /** Types Resource Explorer does not list that discovery looked up by the states' identifiers (`stateLookups`). */
  lookedUpTypes?: ReadonlySet<string>;
  /**
   * Types discovery lists completely. A state resource of an unmapped type (matched through its ARN) is
   * reported missing only when its type is listed. Default: the types of the live resources given.
   */
  listedTypes?: ReadonlySet<string>;
  /** Region of state resources whose region is not recorded (the state source's region). */
  defaultRegion?: string;
}

/** A state resource and the state it came from. */
export interface StateItem {
  resource: StateResource;
  /** The state's `source`. */
  source: string;
  /** CloudFormation type, when the Terraform type is mapped or the ARN names it. */
  cfnType?: string;
  arn?: string;
  identifier?: string;
}
export interface ManagedItem extends StateItem {
  cfnType: string;
  live: LiveResource;
  matchedBy: "arn" | "identifier";
}
export interface ChangedItem extends ManagedItem {
  changelog: Change[];
}
export type NotJudgedReason = "unknown_type" | "discovery_failed" | "not_listed";
export interface NotJudgedItem extends StateItem {
  reason: NotJudgedReason;
}
export interface UnmanagedItem {
  live: LiveResource;
  /** The Terraform type this resource would be written as, when one is mapped. */
  tfType?: string;
}

export interface DriftFindings {
  /** State resources found live (one per state object; includes the changed ones). */
  managed: ManagedItem[];
  /** State resources whose live object is gone. */
  missing: StateItem[];
  /** Live resources in no linked state, in the order discovery gave them. */
  unmanaged: UnmanagedItem[];
  /** Managed resources whose attributes differ. */
  changed: ChangedItem[];
  /** Managed resources not compared because their live side has no properties (enrichment failed or skipped). */
  notCompared: ManagedItem[];
  /** State resources neither found nor reported missing, and why. */
  notJudged: NotJudgedItem[];
  /** Live resources in a state (the numerator of coverage) and live resources in scope. */
  liveManaged: number;
  liveTotal: number;
  /** Integer percent, rounded down (driftctl's shape): liveManaged ÷ (liveManaged + unmanaged). */
  coverage: number;
  ignored: { resources: number; changes: number; awsDefaults: number };
  skipped: { nonAwsResources: number; deposedGone: number };
  ignoreWarnings: IgnoreRules["invalid"];
}

const EMPTY: ReadonlySet<string> = new Set();
const RULE_TYPES = new Set(["AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress"]);
const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
/** The region field of an ARN (`arn:partition:service:region:…`), undefined when empty. */
function regionOf(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  const a = arn.indexOf(":", arn.indexOf(":", 4) + 1);
  const b = arn.indexOf(":", a + 1);
  return a < 0 || b <= a + 1 ? undefined : arn.slice(a + 1, b);
}

/** Builds the findings: matches on ARN first, identifier second; compares; applies ignores and defaults. */
export function buildFindings(input: DriftInput): DriftFindings {
  const ignore = input.ignore ?? NO_IGNORE_RULES;
  const hasRules = ignore.rules.length > 0;
  const unknown = input.unknownTypes ?? new Set<string>();
  const lookedUp = input.lookedUpTypes ?? new Set<string>();
  let listed = input.listedTypes;
  const f: DriftFindings = {
    managed: [],
    missing: [],
    unmanaged: [],
    changed: [],
    notCompared: [],
    notJudged: [],
    liveManaged: 0,
    liveTotal: 0,
    coverage: 0,
    ignored: { resources: 0, changes: 0, awsDefaults: 0 },
    skipped: { nonAwsResources: 0, deposedGone: 0 },
    ignoreWarnings: ignore.invalid,
  };
  const managedLive = new Uint8Array(input.live.length);
  let liveManaged = 0;
  const markManaged = (i: number) => {
    if (managedLive[i] === 0) {
      managedLive[i] = 1;
      liveManaged++;
    }
  };
  const managedGroups = new Set<string>();

  // resolve every state resource, match them all against the live list, then judge in state order
  interface Resolved extends Pending {
    res: StateResource;
    source: string;
    m: CompiledMapping | undefined;
    cfnType: string | undefined;
  }
  const resolved: Resolved[] = [];
  for (const state of input.states) {
    for (const res of state.resources) {
      if (res.provider.name !== "aws") {
        f.skipped.nonAwsResources++;
        continue;
      }
      const attrs = res.attributes;
      const m = mappingFor(res.type);
      const rawArn = m?.discovery === "embedded" ? undefined : m?.arn ? m.arn(attrs) : str(attrs.arn);
      const arn = rawArn?.startsWith("arn:") ? rawArn : undefined;
      const cfnType = m?.cfn ?? (arn ? cfnTypeFromArn(arn) : undefined);
      const identifier = cfnType ? m?.identifier(attrs) : undefined;
      resolved.push({
        res,
        source: state.source,
        m,
        cfnType,
        arn,
        identifier,
        types: m ? m.cfnTypes : cfnType ? [cfnType] : undefined,
        region: regionOf(arn) ?? str(attrs.region) ?? input.defaultRegion,
      });
    }
  }
  matchLive(resolved, input.live);

  for (const p of resolved) {
    const { res, m, cfnType, arn, identifier, source } = p;
    const attrs = res.attributes;
    const subject: IgnoreSubject | undefined = hasRules
      ? { types: [res.type, cfnType], ids: [str(attrs.id), identifier, arn] }
      : undefined;
    const ignored = subject !== undefined && isResourceIgnored(ignore, subject);
    if (p.at !== undefined) {
      const live = input.live[p.at]!;
      if (m?.discovery !== "embedded") {
        markManaged(p.at);
        if (live.cfnType === "AWS::EC2::SecurityGroup")
          managedGroups.add(live.identifier ?? str(attrs.id) ?? "");
      }
      if (ignored) {
        f.ignored.resources++;
        continue;
      }
      const managed: ManagedItem = {
        resource: res,
        source,
        cfnType: cfnType ?? live.cfnType,
        arn,
        identifier,
        live,
        matchedBy: p.matchedBy ?? "arn",
      };
      f.managed.push(managed);
      if (res.deposed) continue;
      if (live.enrichmentStatus !== "enriched" || !live.properties) {
        f.notCompared.push(managed);
        continue;
      }
      const changes = diffResource(res, live.properties, managed.cfnType, m);
      if (changes.length === 0) continue;
      const kept = subject ? changes.filter((c) => !isChangeIgnored(ignore, subject, c.path)) : changes;
      f.ignored.changes += changes.length - kept.length;
      if (kept.length > 0) f.changed.push({ ...managed, changelog: kept });
      continue;
    }
    if (res.deposed) {
      f.skipped.deposedGone++;
      continue;
    }
    if (ignored) {
      f.ignored.resources++;
      continue;
    }
    if (!m && cfnType) listed ??= defaultListedTypes(input.live);
    const reason = judge(m, cfnType, unknown, lookedUp, listed ?? EMPTY);
    const item: StateItem = { resource: res, source, cfnType, arn, identifier };
    if (reason) f.notJudged.push({ ...item, reason });
    else f.missing.push(item);
  }

  const isDefault = input.includeAwsDefaults ? () => undefined : awsDefaults(input.live);
  for (let i = 0; i < input.live.length; i++) {
    if (managedLive[i] === 1) continue;
    const r = input.live[i]!;
    if (RULE_TYPES.has(r.cfnType)) {
      // a rule belongs to its group: managed with it, or reported through it
      const group = r.properties?.GroupId;
      if (typeof group === "string" && managedGroups.has(group)) markManaged(i);
      continue;
    }
    if (unknown.has(r.cfnType)) continue;
    if (isDefault(r)) {
      f.ignored.awsDefaults++;
      continue;
    }
    const tfType = terraformTypeOf(r.cfnType);
    if (hasRules && isResourceIgnored(ignore, { types: [tfType, r.cfnType], ids: [r.identifier, r.arn] })) {
      f.ignored.resources++;
      continue;
    }
    f.unmanaged.push(tfType ? { live: r, tfType } : { live: r });
  }

  f.liveManaged = liveManaged;
  f.liveTotal = f.liveManaged + f.unmanaged.length;
  f.coverage = f.liveTotal === 0 ? 0 : Math.floor((f.liveManaged * 100) / f.liveTotal);
  const byAddress = (a: StateItem, b: StateItem) =>
    a.source < b.source ? -1 : a.source > b.source ? 1 : a.resource.address < b.resource.address ? -1 : 1;
  f.missing.sort(byAddress);
  f.changed.sort(byAddress);
  return f;
}

function judge(
  m: CompiledMapping | undefined,
  cfnType: string | undefined,
  unknown: ReadonlySet<string>,
  lookedUp: ReadonlySet<string>,
  listed: ReadonlySet<string>,
): NotJudgedReason | undefined {
  if (!cfnType) return "unknown_type";
  if (unknown.has(cfnType) || m?.alsoCfn?.some((t) => unknown.has(t))) return "discovery_failed";
  if (m?.discovery === "lookup") return lookedUp.has(cfnType) ? undefined : "not_listed";
  if (!m && !listed.has(cfnType)) return "not_listed";
  return undefined;
}

function defaultListedTypes(live: readonly LiveResource[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const r of live) out.add(r.cfnType);
  return out;
}

/** A live object discovery should read from Cloud Control because Resource Explorer does not list its type. */
export interface StateLookup {
  cfnType: string;
  identifier: string;
  /** Region from the state (ARN or `region` attribute), when it records one. */
  region?: string;
  address: string;
}

/** The Cloud Control reads that make the states' `lookup` types comparable (bucket policies, routes …). */
export function stateLookups(states: readonly TerraformState[]): StateLookup[] {
  const out: StateLookup[] = [];
  const seen = new Set<string>();
  for (const s of states) {
    for (const r of s.resources) {
      const m = mappingFor(r.type);
      if (m?.discovery !== "lookup" || r.provider.name !== "aws" || r.deposed) continue;
      const identifier = m.identifier(r.attributes);
      if (!identifier) continue;
      const region = regionOf(str(r.attributes.arn)) ?? str(r.attributes.region);
      const k = `${m.cfn}\n${identifier}\n${region ?? ""}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ cfnType: m.cfn, identifier, address: r.address, ...(region ? { region } : {}) });
    }
  }
  return out;
}
