/**
 * The CloudFormation resource catalogue, read from `cfn-catalogue.json` — an extract of the maintained
 * `@aws-cdk/aws-service-spec` database written by `scripts/gen-cfn-catalogue.ts` (never edited by hand).
 * Pure lookups: identifiers, the properties that cannot drift, tag properties, ARN templates.
 */
import raw from "./cfn-catalogue.json" with { type: "json" };

interface RawEntry {
  id?: string[];
  ro?: string[];
  co?: string[];
  tag?: string[];
  arn?: string;
}
const data = raw as unknown as { package: string; types: Record<string, RawEntry> };

/** Which package and version the catalogue was generated from, e.g. `@aws-cdk/aws-service-spec@0.1.216`. */
export const CFN_CATALOGUE_SOURCE: string = data.package;

export type TagShape = "standard" | "map" | "asg";

/** What the catalogue knows about one CloudFormation type. */
export interface CfnTypeInfo {
  type: string;
  /** Cloud Control primary identifier properties; an identifier joins their values with `|`. */
  primaryIdentifier: readonly string[];
  /** Read-only property paths (`.`-separated): set by AWS, never by the user. */
  readOnly: readonly string[];
  /** Create-only property paths: changing one replaces the resource. */
  createOnly: readonly string[];
  /** The property holding the tags and its shape, when the type is taggable. */
  tags?: { property: string; shape: TagShape };
  /** The ARN template, e.g. `arn:${Partition}:s3:::${BucketName}`, when the spec has one. */
  arnTemplate?: string;
}

const cache = new Map<string, CfnTypeInfo | null>();

export function cfnTypeInfo(cfnType: string): CfnTypeInfo | undefined {
  let info = cache.get(cfnType);
  if (info === undefined) {
    const e = Object.hasOwn(data.types, cfnType) ? data.types[cfnType] : undefined;
    info = e
      ? {
          type: cfnType,
          primaryIdentifier: e.id ?? [],
          readOnly: e.ro ?? [],
          createOnly: e.co ?? [],
          ...(e.tag ? { tags: { property: e.tag[0]!, shape: e.tag[1] as TagShape } } : {}),
          ...(e.arn ? { arnTemplate: e.arn } : {}),
        }
      : null;
    cache.set(cfnType, info);
  }
  return info ?? undefined;
}

export function allCfnTypes(): string[] {
  return Object.keys(data.types);
}

/** True when `path` (`.`-separated) is, or lies inside, one of `paths`. */
function within(path: string, paths: readonly string[]): boolean {
  for (const p of paths) if (path === p || path.startsWith(`${p}.`)) return true;
  return false;
}

/**
 * Why a property of a type cannot drift in place, or undefined when it can: `read-only` (AWS sets it) or
 * `create-only` (a change replaces the resource, so the same identifier never shows a different value).
 */
export function cannotDrift(cfnType: string, path: string): "read-only" | "create-only" | undefined {
  const info = cfnTypeInfo(cfnType);
  if (!info) return undefined;
  if (within(path, info.readOnly)) return "read-only";
  if (within(path, info.createOnly)) return "create-only";
  return undefined;
}

interface CompiledTemplate {
  type: string;
  re: RegExp;
  vars: string[];
  literal: number;
}
let byService: Map<string, CompiledTemplate[]> | undefined;

function compile(type: string, template: string): CompiledTemplate | undefined {
  const parts = template.split(":");
  if (parts.length < 6 || parts[2]!.includes("$")) return undefined;
  const vars: string[] = [];
  let literal = 0;
  let re = "";
  let last = 0;
  const varRe = /\$\{([^}]+)\}/g;
  for (let m = varRe.exec(template); m; m = varRe.exec(template)) {
    const lit = template.slice(last, m.index);
    literal += lit.length;
    re += lit.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    const name = m[1]!;
    if (name === "Partition") re += "[^:]+";
    else if (name === "Region" || name === "Account") re += "[^:]*";
    else {
      vars.push(name);
      re += m.index + m[0].length === template.length ? "(.+)" : "([^:/]+)";
    }
    last = m.index + m[0].length;
  }
  const tail = template.slice(last);
  literal += tail.length;
  re += tail.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return { type, re: new RegExp(`^${re}$`), vars, literal };
}

function templates(service: string): CompiledTemplate[] {
  if (!byService) {
    byService = new Map();
    for (const [type, e] of Object.entries(data.types)) {
      if (!e.arn) continue;
      const c = compile(type, e.arn);
      if (!c) continue;
      const svc = e.arn.split(":")[2]!;
      let list = byService.get(svc);
      if (!list) {
        list = [];
        byService.set(svc, list);
      }
      list.push(c);
    }
    // types of the ARN's own service first (`rds` → AWS::RDS before AWS::DocDB, which shares its ARNs),
    // then the most specific template (most literal text)
    for (const [svc, list] of byService) {
      const own = (t: CompiledTemplate) => (t.type.split("::")[1]!.toLowerCase() === svc ? 0 : 1);
      list.sort((a, b) => own(a) - own(b) || b.literal - a.literal);
    }
  }
  return byService.get(service) ?? [];
}

function matchArn(arn: string, only?: string): { t: CompiledTemplate; values: string[] } | undefined {
  const service = arn.split(":", 3)[2];
  if (service === undefined) return undefined;
  for (const t of templates(service)) {
    if (only !== undefined && t.type !== only) continue;
    const m = t.re.exec(arn);
    if (m) return { t, values: m.slice(1) };
  }
  return undefined;
}

/** The CloudFormation type whose ARN template an ARN fits (the most specific one), if any. */
export function cfnTypeFromArn(arn: string): string | undefined {
  return matchArn(arn)?.t.type;
}

/**
 * The Cloud Control identifier of a resource from its ARN, when the type's ARN template names the primary
 * identifier properties (or has exactly one variable for a one-property identifier). Undefined otherwise:
 * discovery then needs Cloud Control's own listing.
 */
export function identifierFromArn(cfnType: string, arn: string): string | undefined {
  const info = cfnTypeInfo(cfnType);
  if (!info || info.primaryIdentifier.length === 0) return undefined;
  const m = matchArn(arn, cfnType);
  if (!m) return undefined;
  // IAM names never hold `/`; what precedes the name in an IAM ARN is the path (`role/service-role/x`)
  const iam = arn.split(":", 3)[2] === "iam";
  const values = iam ? m.values.map((v) => v.slice(v.lastIndexOf("/") + 1)) : m.values;
  const byName = new Map(m.t.vars.map((v, i) => [v.toLowerCase(), values[i]!]));
  const named = info.primaryIdentifier.map((p) => byName.get(p.toLowerCase()));
  if (named.every((v) => v !== undefined)) return named.join("|");
  if (info.primaryIdentifier.length === 1 && values.length === 1) return values[0];
  return undefined;
}
