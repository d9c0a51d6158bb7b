/**
 * How a Terraform resource type corresponds to a CloudFormation type: kept by hand, because no package pairs
 * Terraform attributes with CloudFormation properties. Everything a package does know — identifiers, which
 * properties are read-only or create-only, the tag property — comes from the generated catalogue instead
 * (`src/domain/cloud/cfn-catalogue.ts`), and pairs on properties that cannot drift are dropped there.
 */

export type Attrs = Record<string, unknown>;

/**
 * How values are made comparable. `scalar` (the default): numbers and numeric strings compare as numbers,
 * `"true"`/`"false"` as booleans. `json`: a JSON document (string or object), IAM policies canonicalised.
 * `set`: a list whose order does not matter. `list`: an ordered list. `map`: string-valued object.
 * `lower`: case-insensitive string. `tail`: the part after the last `/` (an ARN or an id compare alike).
 */
export type ValueKind = "scalar" | "json" | "set" | "list" | "map" | "lower" | "tail";

/** One compared attribute. */
export interface AttributePair {
  /** Terraform attribute path (`.`-separated, list blocks indexed: `versioning_configuration.0.status`). */
  tf: string;
  /** CloudFormation property path in Cloud Control's properties (`VersioningConfiguration.Status`). */
  cfn: string;
  kind?: ValueKind;
  /** A value meaning "not set" on either side (e.g. `-1` reserved concurrency, `PassThrough` tracing). */
  unset?: unknown;
  /** Reads the Terraform value when a path is not enough. */
  tfValue?: (a: Attrs) => unknown;
  /** Reads the live value when a path is not enough (gets the Terraform attributes too). */
  liveValue?: (props: Attrs, a: Attrs) => unknown;
}

/**
 * How the live object of a type is found. `listed`: Resource Explorer lists it. `lookup`: not listed; discovery
 * reads it from Cloud Control with the identifier the state gives (`stateLookups`). `embedded`: the Terraform
 * resource configures part of another live resource (a bucket's versioning), compared inside its properties.
 */
export type Discovery = "listed" | "lookup" | "embedded";

export interface TypeMapping {
  tf: string;
  cfn: string;
  /** Other CloudFormation types the same live object may be reported as (security group rules). */
  alsoCfn?: readonly string[];
  discovery: Discovery;
  /** The Cloud Control identifier from the Terraform attributes (parts joined with `|`). */
  identifier: (a: Attrs) => string | undefined;
  /** The ARN, when the Terraform type records it elsewhere than in `arn` (or builds it). */
  arn?: (a: Attrs) => string | undefined;
  compare: readonly AttributePair[];
  /** CloudFormation properties that are write-only (never returned by Cloud Control): no package lists them. */
  writeOnly?: readonly string[];
  /** Tags are compared unless false (embedded types never compare tags: the parent's own resource does). */
  tags?: boolean;
  /** Reads the Terraform tags when they are not `tags_all`/`tags` (auto scaling groups' `tag` blocks). */
  tfTags?: (a: Attrs) => Record<string, unknown> | undefined;
}

export const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
/** The first non-empty string among attributes. */
export const first =
  (...names: string[]) =>
  (a: Attrs): string | undefined => {
    for (const n of names) {
      const v = str(a[n]);
      if (v !== undefined) return v;
    }
    return undefined;
  };
/** Parts joined with `|`, as Cloud Control joins a compound identifier; undefined if one is missing. */
export const joined =
  (...names: string[]) =>
  (a: Attrs): string | undefined => {
    const parts = names.map((n) => str(a[n]));
    return parts.every((p) => p !== undefined) ? parts.join("|") : undefined;
  };
