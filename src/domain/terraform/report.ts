import { CFN_CATALOGUE_SOURCE } from "../cloud/cfn-catalogue.ts";
import type { EnrichmentFailureReason, LiveResource, ScanError } from "../cloud/resource.ts";
import type { Change } from "./compare.ts";
import type { DriftFindings, ManagedItem, NotJudgedReason, StateItem } from "./findings.ts";
import type { TerraformState } from "./state.model.ts";

/**
 * The scan report: driftctl's JSON field names where they fit (`summary.total_*`, `coverage`, `managed`,
 * `unmanaged`, `missing`, `differences`, `alerts`, `provider_name`, `date`), plus driftwatch's own
 * (`status`, `in_sync`, `scan_errors`, `enrichment`, `not_judged`, `ignored`, `states`). A plain JSON-able
 * object: the API, the CLI and the HTML page render it as they like.
 */

export type ScanStatus = "completed" | "partial" | "failed";

/** A resource in a list: driftctl's `{id, type, source}` plus the CloudFormation type, ARN and address. */
export interface ReportResource {
  id: string;
  /** The Terraform type when one is known, else the CloudFormation type. */
  type: string;
  /** Where a state resource is declared (driftctl's shape). */
  source?: { source: string; namespace: string; internal_name: string };
  cfn_type?: string;
  arn?: string;
  region?: string;
  /** The Terraform address (`module.net.aws_subnet.private["a"]`). */
  address?: string;
  tainted?: boolean;
  deposed?: boolean;
}

export interface DriftReport {
  summary: {
    /** managed + unmanaged + missing, as driftctl counts it. */
    total_resources: number;
    total_changed: number;
    total_unmanaged: number;
    total_missing: number;
    total_managed: number;
    total_iac_source_count: number;
  };
  managed: ReportResource[];
  unmanaged: ReportResource[];
  missing: ReportResource[];
  differences: Array<{ res: ReportResource; changelog: Change[] }>;
  /** Percent of the live resources in scope that a linked state manages (rounded down). */
  coverage: number;
  /** Messages by resource type (`""` for the scan as a whole), as driftctl groups them. */
  alerts: Record<string, Array<{ message: string }>>;
  provider_name: "aws";
  provider_version: string;
  status: ScanStatus;
  /** True only for a completed scan with nothing missing, unmanaged or changed. */
  in_sync: boolean;
  date: string;
  scan_errors: ScanError[];
  enrichment: {
    enriched: number;
    failed: number;
    skipped: number;
    failure_reasons: Partial<Record<EnrichmentFailureReason, number>>;
    /** Managed resources matched but not compared: their live side has no properties. */
    not_compared: number;
  };
  /** State resources neither found live nor reported missing, by reason. */
  not_judged: Record<NotJudgedReason, number>;
  ignored: { resources: number; changes: number; aws_defaults: number };
  live: { managed: number; total: number };
  states: Array<{
    source: string;
    serial: number;
    lineage: string;
    terraform_version?: string;
    resources: number;
  }>;
  catalogue: string;
}

export interface ReportInput {
  findings: DriftFindings;
  states: readonly TerraformState[];
  live: readonly LiveResource[];
  status: ScanStatus;
  scanErrors?: readonly ScanError[];
  /** ISO 8601; the scan's finish time. */
  date: string;
}

function fromState(i: StateItem): ReportResource {
  const r = i.resource;
  const id =
    typeof r.attributes.id === "string" && r.attributes.id ? r.attributes.id : (i.identifier ?? r.address);
  return {
    id,
    type: r.type,
    source: {
      source: i.source,
      namespace: r.module,
      internal_name: r.indexKey === undefined ? r.name : `${r.name}[${JSON.stringify(r.indexKey)}]`,
    },
    ...(i.cfnType ? { cfn_type: i.cfnType } : {}),
    ...((i as ManagedItem).live
      ? { arn: (i as ManagedItem).live.arn, region: (i as ManagedItem).live.region }
      : {}),
    ...(!(i as ManagedItem).live && i.arn ? { arn: i.arn } : {}),
    address: r.address,
    ...(r.tainted ? { tainted: true } : {}),
    ...(r.deposed ? { deposed: true } : {}),
  };
}

const REASONS: Record<NotJudgedReason, (type: string) => string> = {
  unknown_type: () => "no mapping and no ARN: the live object cannot be found",
  discovery_failed: (t) => `listing ${t} failed (see scan_errors)`,
  not_listed: (t) => `Resource Explorer does not list ${t} and the scan did not look these up`,
};

export function buildReport(input: ReportInput): DriftReport {
  const { findings: f } = input;
  const alerts: DriftReport["alerts"] = {};
  const alert = (type: string, message: string) => {
    const list = alerts[type] ?? [];
    list.push({ message });
    alerts[type] = list;
  };
  const notJudged: Record<NotJudgedReason, number> = { unknown_type: 0, discovery_failed: 0, not_listed: 0 };
  const groups = new Map<string, { n: number; reason: NotJudgedReason; cfn: string; tf: string }>();
  for (const i of f.notJudged) {
    notJudged[i.reason]++;
    const k = `${i.resource.type}\n${i.reason}`;
    const g = groups.get(k) ?? {
      n: 0,
      reason: i.reason,
      cfn: i.cfnType ?? i.resource.type,
      tf: i.resource.type,
    };
    g.n++;
    groups.set(k, g);
  }
  for (const g of groups.values())
    alert(g.tf, `Ignoring ${g.n} ${g.tf} from drift calculation: ${REASONS[g.reason](g.cfn)}`);
  const unenriched = new Map<string, number>();
  for (const i of f.notCompared) {
    const why = i.live.enrichmentFailureReason ?? i.live.enrichmentStatus;
    const k = `${i.resource.type}\n${why}`;
    unenriched.set(k, (unenriched.get(k) ?? 0) + 1);
  }
  for (const [k, n] of unenriched) {
    const [tf, why] = k.split("\n");
    alert(tf!, `${n} ${tf} could not be compared: no live properties (enrichment ${why})`);
  }
  for (const w of f.ignoreWarnings)
    alert("", `.driftignore line ${w.line} was not understood (${w.reason}): ${w.text}`);

  const enrichment: DriftReport["enrichment"] = {
    enriched: 0,
    failed: 0,
    skipped: 0,
    failure_reasons: {},
    not_compared: f.notCompared.length,
  };
  for (const r of input.live) {
    enrichment[r.enrichmentStatus]++;
    if (r.enrichmentFailureReason)
      enrichment.failure_reasons[r.enrichmentFailureReason] =
        (enrichment.failure_reasons[r.enrichmentFailureReason] ?? 0) + 1;
  }

  const inSync =
    input.status === "completed" &&
    f.missing.length === 0 &&
    f.unmanaged.length === 0 &&
    f.changed.length === 0;
  return {
    summary: {
      total_resources: f.managed.length + f.unmanaged.length + f.missing.length,
      total_changed: f.changed.length,
      total_unmanaged: f.unmanaged.length,
      total_missing: f.missing.length,
      total_managed: f.managed.length,
      total_iac_source_count: input.states.length,
    },
    managed: f.managed.map(fromState),
    unmanaged: f.unmanaged.map(({ live, tfType }) => ({
      id: live.identifier ?? live.arn,
      type: tfType ?? live.cfnType,
      cfn_type: live.cfnType,
      arn: live.arn,
      region: live.region,
    })),
    missing: f.missing.map(fromState),
    differences: f.changed.map((c) => ({ res: fromState(c), changelog: c.changelog })),
    coverage: f.coverage,
    alerts,
    provider_name: "aws",
    provider_version: "",
    status: input.status,
    in_sync: inSync,
    date: input.date,
    scan_errors: [...(input.scanErrors ?? [])],
    enrichment,
    not_judged: notJudged,
    ignored: {
      resources: f.ignored.resources,
      changes: f.ignored.changes,
      aws_defaults: f.ignored.awsDefaults,
    },
    live: { managed: f.liveManaged, total: f.liveTotal },
    states: input.states.map((s) => ({
      source: s.source,
      serial: s.serial,
      lineage: s.lineage,
      ...(s.terraformVersion ? { terraform_version: s.terraformVersion } : {}),
      resources: s.resources.length,
    })),
    catalogue: CFN_CATALOGUE_SOURCE,
  };
}
