/** The parsed form of a Terraform state (format version 4), as the drift engine reads it. */

/** A provider configuration address: `provider["registry.terraform.io/hashicorp/aws"].west`. */
export interface ProviderRef {
  /** The provider's type, e.g. `aws`. */
  name: string;
  /** Registry namespace, e.g. `hashicorp`. */
  namespace: string;
  /** The alias (`west` above), when the resource uses an aliased provider configuration. */
  alias?: string;
  /** The address as written in the state. */
  raw: string;
}

/** One object of a managed resource: one instance (per `count` index or `for_each` key), or a deposed one. */
export interface StateResource {
  /** Full address: `module.net["eu"].aws_subnet.private[2]` (plus ` (deposed <key>)` for a deposed object). */
  address: string;
  /** Module path, `""` for the root module, e.g. `module.net["eu"]`. */
  module: string;
  type: string;
  name: string;
  /** `count` index (number) or `for_each` key (string); absent for a single instance. */
  indexKey?: string | number;
  provider: ProviderRef;
  /** The object's attributes as the provider recorded them (no schema is needed to read them). */
  attributes: Record<string, unknown>;
  /** Top-level attribute names whose values are sensitive: never shown in a report. */
  sensitive: ReadonlySet<string>;
  /** Marked for replacement on the next apply (`status: "tainted"`). Still a real object. */
  tainted: boolean;
  /**
   * Set for a deposed object (replaced under `create_before_destroy`, awaiting destruction): it still exists
   * and counts as managed when seen live, but is never reported missing or changed.
   */
  deposed?: string;
  schemaVersion?: number;
}

export interface TerraformState {
  /** Where the state came from, e.g. `tfstate+s3://bucket/env:/prod/network.tfstate`. */
  source: string;
  terraformVersion?: string;
  /** `serial` + `lineage` identify a state version. */
  serial: number;
  lineage: string;
  /** Managed resources only (`mode: "data"` is skipped), one entry per instance and deposed object. */
  resources: StateResource[];
  /** How many data sources were skipped. */
  dataSources: number;
}
