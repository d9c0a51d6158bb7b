import { cannotDrift, cfnTypeInfo, type TagShape } from "../cloud/cfn-catalogue.ts";
import type { AttributePair, TypeMapping } from "./mapping.model.ts";
import { NETWORK_MAPPINGS } from "./mapping.network.ts";
import { S3_IAM_MAPPINGS } from "./mapping.s3-iam.ts";
import { SERVICE_MAPPINGS } from "./mapping.services.ts";

/** A pair ready to compare: paths split once, and why pairs were dropped. */
export interface CompiledPair extends AttributePair {
  tfPath: string[];
  cfnPath: string[];
}
export interface CompiledMapping extends TypeMapping {
  pairs: CompiledPair[];
  /** Pairs left out because their property cannot drift (from the catalogue) or is write-only. */
  dropped: Array<{ tf: string; cfn: string; reason: "read-only" | "create-only" | "write-only" }>;
  /** The tag property to compare, when the type is taggable and its tags are not create-only. */
  tagProperty?: { property: string; shape: TagShape };
  /** The CloudFormation types the live object may have: `cfn`, or `alsoCfn` when given. */
  cfnTypes: readonly string[];
}

export const ALL_MAPPINGS: readonly TypeMapping[] = [
  ...S3_IAM_MAPPINGS,
  ...NETWORK_MAPPINGS,
  ...SERVICE_MAPPINGS,
];

/** `A.0.B` → `A.B`: list indexes do not name properties. */
const propertyPath = (cfn: string) =>
  cfn
    .split(".")
    .filter((s) => !/^\d+$/.test(s))
    .join(".");

/** The tag property of a CloudFormation type, unless its tags cannot drift. */
export function tagPropertyOf(cfnType: string): { property: string; shape: TagShape } | undefined {
  const tags = cfnTypeInfo(cfnType)?.tags;
  if (!tags || cannotDrift(cfnType, tags.property)) return undefined;
  return tags;
}

function compile(m: TypeMapping): CompiledMapping {
  const pairs: CompiledPair[] = [];
  const dropped: CompiledMapping["dropped"] = [];
  for (const p of m.compare) {
    const prop = propertyPath(p.cfn);
    const reason = m.writeOnly?.some((w) => prop === w || prop.startsWith(`${w}.`))
      ? "write-only"
      : cannotDrift(m.cfn, prop);
    if (reason) dropped.push({ tf: p.tf, cfn: p.cfn, reason });
    else pairs.push({ ...p, tfPath: p.tf.split("."), cfnPath: p.cfn.split(".") });
  }
  const tagProperty = m.tags === false || m.discovery === "embedded" ? undefined : tagPropertyOf(m.cfn);
  return { ...m, pairs, dropped, cfnTypes: m.alsoCfn ?? [m.cfn], ...(tagProperty ? { tagProperty } : {}) };
}

const BY_TF = new Map<string, CompiledMapping>(ALL_MAPPINGS.map((m) => [m.tf, compile(m)]));

/** The mapping of a Terraform type, or undefined for a type not mapped (still matched by ARN). */
export function mappingFor(tfType: string): CompiledMapping | undefined {
  return BY_TF.get(tfType);
}

const PRIMARY_TF = new Map<string, string>();
for (const m of ALL_MAPPINGS) {
  if (m.discovery === "embedded" || m.tf.startsWith("aws_default_")) continue;
  for (const t of [m.cfn, ...(m.alsoCfn ?? [])]) if (!PRIMARY_TF.has(t)) PRIMARY_TF.set(t, m.tf);
}

/** The Terraform type a live resource of a CloudFormation type is usually written as (for reports, ignores). */
export function terraformTypeOf(cfnType: string): string | undefined {
  return PRIMARY_TF.get(cfnType);
}
