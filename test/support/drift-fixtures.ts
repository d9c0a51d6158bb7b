/** Small builders for drift-engine tests: live resources and state JSON as discovery and Terraform write them. */
import { categoryOf } from "../../src/domain/cloud/category.ts";
import type { LiveResource } from "../../src/domain/cloud/resource.ts";

export const ACCOUNT = "123456789012";
export const AWS_PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';

export function live(
  cfnType: string,
  arn: string,
  identifier: string | undefined,
  properties?: Record<string, unknown>,
  extra: Partial<LiveResource> = {},
): LiveResource {
  const parts = arn.split(":");
  return {
    arn,
    cfnType,
    resourceType: `${parts[2]}:${cfnType.split("::")[2]!.toLowerCase()}`,
    region: parts[3] || "global",
    service: parts[2]!,
    owningAccountId: parts[4] || ACCOUNT,
    category: categoryOf(cfnType),
    tags: {},
    ...(identifier === undefined ? {} : { identifier }),
    ...(properties
      ? { properties, enrichmentStatus: "enriched" as const }
      : { enrichmentStatus: "skipped" as const }),
    ...extra,
  };
}

export interface TfInstance {
  attributes: Record<string, unknown>;
  index_key?: string | number;
  status?: "tainted";
  deposed?: string;
  sensitive_attributes?: unknown[];
}
export interface TfResource {
  module?: string;
  mode?: "managed" | "data";
  type: string;
  name: string;
  provider?: string;
  instances: TfInstance[];
}

/** A state v4 document (as an object; `JSON.stringify` it for the parser). */
export function stateDoc(
  resources: TfResource[],
  serial = 1,
  lineage = "00000000-0000-4000-8000-000000000001",
) {
  return {
    version: 4,
    terraform_version: "1.9.5",
    serial,
    lineage,
    outputs: {},
    resources: resources.map((r) => ({ mode: "managed", provider: AWS_PROVIDER, ...r })),
    check_results: null,
  };
}
