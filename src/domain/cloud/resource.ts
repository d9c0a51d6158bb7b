/**
 * The shapes that infrastructure discovery produces and the drift engine consumes. Discovery (Resource
 * Explorer 2, then Cloud Control, in `src/infra/aws`) fills a `LiveResource` per resource; the Terraform side
 * (`src/domain/terraform`) compares them with the resources of the linked state files. Pure types and
 * constants, no I/O.
 */

export const RESOURCE_CATEGORIES = [
  "compute",
  "storage",
  "database",
  "network",
  "iam",
  "serverless",
  "messaging",
  "other",
] as const;
export type ResourceCategory = (typeof RESOURCE_CATEGORIES)[number];

export const ENRICHMENT_STATUSES = ["enriched", "failed", "skipped"] as const;
export type EnrichmentStatus = (typeof ENRICHMENT_STATUSES)[number];

export const ENRICHMENT_FAILURE_REASONS = [
  "unsupported_identifier",
  "unsupported_type",
  "access_denied",
  "throttled",
  "not_found",
] as const;
export type EnrichmentFailureReason = (typeof ENRICHMENT_FAILURE_REASONS)[number];

/** One resource seen in the live account. */
export interface LiveResource {
  /** The resource's ARN as Resource Explorer reports it. */
  arn: string;
  /** CloudFormation type, e.g. `AWS::S3::Bucket` (Resource Explorer's `s3:bucket` translated). */
  cfnType: string;
  /** Resource Explorer's own type string, e.g. `s3:bucket`, `ec2:instance`. */
  resourceType: string;
  /** Region, or `global` for global services (IAM, Route 53, CloudFront …). */
  region: string;
  /** The AWS service prefix, e.g. `s3`, `ec2`, `iam`. */
  service: string;
  owningAccountId: string;
  category: ResourceCategory;
  tags: Record<string, string>;
  /** Cloud Control's primary identifier when known (e.g. the bucket name, `vpc-0abc…`). */
  identifier?: string;
  /** Cloud Control `GetResource` properties (parsed JSON) when enriched. */
  properties?: Record<string, unknown>;
  enrichmentStatus: EnrichmentStatus;
  enrichmentFailureReason?: EnrichmentFailureReason;
  /**
   * Set when discovery knows whether AWS itself created the resource (a default VPC's `IsDefault`, …); the
   * drift engine then trusts it over its own reading of names and properties (`src/domain/terraform/aws-defaults.ts`).
   */
  awsDefault?: boolean;
  /** Resource Explorer's `LastReportedAt`, ISO 8601, when known. */
  lastReportedAt?: string;
}

/** An error met during a scan, kept in `scan_errors` and shown with its fix. */
export interface ScanError {
  /** Stable driftwatch code, e.g. `aws.resource_explorer.not_enabled`, `aws.cloudcontrol.access_denied`. */
  code: string;
  /** AWS's own error code when there is one, e.g. `AccessDeniedException`. */
  awsCode?: string;
  /** The CloudFormation type concerned, when the error concerns one. */
  resourceType?: string;
  region?: string;
  message: string;
  fix: string;
  /** How many times the same code × type × region was met (errors are aggregated, not repeated). */
  count?: number;
}
