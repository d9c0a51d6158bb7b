/**
 * Discovery of a live AWS account: every resource Resource Explorer 2 knows (aggregator region, default
 * view, Search split until every part is complete), then its properties from Cloud Control, under rate
 * limits. No database here: the caller persists the result.
 *
 *   const result = await discoverAccount(
 *     { region: "eu-west-1", credentials: credentialProvider(spec, ctx) },
 *     (p) => console.log(p.phase, p.discovered, p.enriched),
 *   );
 *   // result.status: "completed" | "partial" | "failed"; result.resources: LiveResource[];
 *   // result.errors: ScanError[] (stable code, AWS code, type, message, fix); result.unknownTypes
 *
 * `failed`: discovery itself could not run (not enabled, no default view, denied Search, credentials) —
 * `resources` is empty. `partial`: some resources or properties are unknown (types whose reads were denied
 * or stayed throttled, a local index, a query that could not be split): `unknownTypes` and `errors` say
 * which. Types Cloud Control cannot read (`unsupported_type`, `unsupported_identifier`) do not make a scan
 * partial: that is a permanent limitation, and those resources are still listed.
 */
import type { Resource } from "@aws-sdk/client-resource-explorer-2";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { categoryOf } from "../../domain/cloud/category.ts";
import { identifierFromArn } from "../../domain/cloud/identifier.ts";
import type { LiveResource, ScanError } from "../../domain/cloud/resource.ts";
import { cfnTypeFor, parseArn } from "../../domain/cloud/resource-type.ts";
import { type CloudControlLimits, createCloudControlClient, enrichResources } from "./cloud-control.ts";
import { configuredEndpoint } from "./endpoints.ts";
import {
  createResourceExplorerClient,
  DiscoveryFailure,
  ResourceExplorerReader,
} from "./resource-explorer.ts";
import { TokenBucket } from "./token-bucket.ts";

export interface DiscoveryLimits {
  /** Resource Explorer calls per second. Default 5. */
  resourceExplorer?: number;
  /** Cloud Control calls per second, all services together. Default 20. */
  cloudControl?: number;
  /** Cloud Control reads per second per service prefix (`iam`, `ec2` …). */
  perService?: Record<string, number>;
  /** For services not in `perService`. Default 10. */
  defaultPerService?: number;
}

export interface DiscoveryOptions {
  /** The aggregator region (the credential's region). */
  region: string;
  /** What the SDK signs with (credentials.ts `credentialProvider` builds it for every credential type). */
  credentials: AwsCredentialIdentityProvider;
  /** Explicit endpoints; otherwise AWS_ENDPOINT_URL_RESOURCE_EXPLORER_2 / _CLOUDCONTROL / AWS_ENDPOINT_URL. */
  endpoints?: { resourceExplorer?: string; cloudControl?: string };
  /** Environment the standard endpoint settings are read from. Default process.env. */
  env?: NodeJS.ProcessEnv;
  limits?: DiscoveryLimits;
  /** Cloud Control calls in flight at most. Default 16. */
  concurrency?: number;
  /** False: list only (every resource `skipped`). Default true. */
  enrich?: boolean;
  /** Cloud Control's identifier for a resource; default: the table in domain/cloud/identifier.ts. */
  identifierFor?: (r: {
    arn: string;
    cfnType: string;
    resourceType: string;
    region: string;
  }) => string | undefined;
  /** Attempts per call, throttling retries included. Default 8. */
  maxAttempts?: number;
  signal?: AbortSignal;
}

export interface DiscoveryProgress {
  phase: "discovering" | "enriching" | "done";
  discovered: number;
  /** Resources settled by Cloud Control so far (enriched or failed). */
  settled: number;
  enriched: number;
  failed: number;
  errors: number;
  /** Calls AWS throttled (each was retried). */
  throttled: number;
}

export interface DiscoveryResult {
  status: "completed" | "partial" | "failed";
  /** True when status is `completed`: every resource and every readable property is known. */
  complete: boolean;
  resources: LiveResource[];
  errors: ScanError[];
  /** CloudFormation types whose properties are unknown because reads were denied or stayed throttled. */
  unknownTypes: string[];
  stats: { searches: number; throttled: number };
}

function toLive(r: Resource, identifierFor: NonNullable<DiscoveryOptions["identifierFor"]>): LiveResource {
  const arn = r.Arn!;
  const parsed = parseArn(arn);
  const resourceType = r.ResourceType ?? `${parsed?.service ?? "unknown"}:unknown`;
  const service = r.Service ?? parsed?.service ?? resourceType.split(":")[0]!;
  const cfnType = cfnTypeFor(resourceType, r.CfnResourceType);
  const region = r.Region || parsed?.region || "global";
  const tags: Record<string, string> = {};
  for (const p of r.Properties ?? []) {
    if (p.Name !== "tags" || !Array.isArray(p.Data)) continue;
    for (const t of p.Data as Array<{ Key?: unknown; Value?: unknown }>) {
      if (typeof t?.Key === "string") tags[t.Key] = typeof t.Value === "string" ? t.Value : "";
    }
  }
  const identifier = identifierFor({ arn, cfnType, resourceType, region });
  return {
    arn,
    cfnType,
    resourceType,
    region,
    service,
    owningAccountId: r.OwningAccountId ?? parsed?.account ?? "",
    category: categoryOf(cfnType),
    tags,
    ...(identifier !== undefined ? { identifier } : {}),
    enrichmentStatus: "skipped",
    ...(r.LastReportedAt ? { lastReportedAt: new Date(r.LastReportedAt).toISOString() } : {}),
  };
}

/** Partial-making codes: something exists that the result does not describe. */
const PARTIAL_CODES = new Set([
  "aws.resource_explorer.truncated",
  "aws.resource_explorer.local_index",
  "aws.cloudcontrol.access_denied",
  "aws.cloudcontrol.service_read_denied",
  "aws.cloudcontrol.throttled",
]);

export async function discoverAccount(
  options: DiscoveryOptions,
  onProgress?: (p: DiscoveryProgress) => void,
): Promise<DiscoveryResult> {
  const env = options.env ?? process.env;
  const limits = options.limits ?? {};
  const identifierFor = options.identifierFor ?? ((r) => identifierFromArn(r.cfnType, r.arn));
  const progress: DiscoveryProgress = {
    phase: "discovering",
    discovered: 0,
    settled: 0,
    enriched: 0,
    failed: 0,
    errors: 0,
    throttled: 0,
  };
  const report = () => onProgress?.({ ...progress });
  const onThrottle = () => {
    progress.throttled++;
  };
  const reEndpoint = configuredEndpoint("Resource Explorer 2", options.endpoints?.resourceExplorer, env);
  const ccEndpoint = configuredEndpoint("CloudControl", options.endpoints?.cloudControl, env);
  const common = {
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onThrottle,
  };

  const reClient = createResourceExplorerClient({
    region: options.region,
    credentials: options.credentials,
    ...(reEndpoint ? { endpoint: reEndpoint } : {}),
  });
  const reader = new ResourceExplorerReader(
    reClient,
    new TokenBucket({ rate: limits.resourceExplorer ?? 5 }),
    {
      region: options.region,
      ...(reEndpoint ? { endpoint: reEndpoint } : {}),
      ...common,
    },
  );
  const resources: LiveResource[] = [];
  const errors: ScanError[] = [];
  let listedWhole = true;
  try {
    const setup = await reader.checkSetup();
    errors.push(...setup.warnings);
    report();
    const listed = await reader.listAll((batch) => {
      for (const r of batch) resources.push(toLive(r, identifierFor));
      progress.discovered = resources.length;
      report();
    });
    errors.push(...listed.errors);
    listedWhole = listed.complete;
  } catch (err) {
    if (!(err instanceof DiscoveryFailure)) throw err;
    errors.push(err.scanError);
    progress.phase = "done";
    progress.errors = errors.length;
    report();
    return {
      status: "failed",
      complete: false,
      resources: [],
      errors,
      unknownTypes: [],
      stats: { searches: reader.searches, throttled: progress.throttled },
    };
  } finally {
    reClient.destroy();
  }

  if (options.enrich !== false) {
    progress.phase = "enriching";
    report();
    const clients = new Map<string, ReturnType<typeof createCloudControlClient>>();
    const clientFor = (region: string) => {
      let c = clients.get(region);
      if (!c) {
        c = createCloudControlClient({
          region,
          credentials: options.credentials,
          ...(ccEndpoint ? { endpoint: ccEndpoint } : {}),
        });
        clients.set(region, c);
      }
      return c;
    };
    const ccLimits: CloudControlLimits = {
      cloudControl: limits.cloudControl ?? 20,
      defaultPerService: limits.defaultPerService ?? 10,
      ...(limits.perService ? { perService: limits.perService } : {}),
    };
    try {
      const enriched = await enrichResources(clientFor, resources, {
        region: options.region,
        ...(ccEndpoint ? { endpoint: ccEndpoint } : {}),
        limits: ccLimits,
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        ...common,
        onSettled: (r) => {
          progress.settled++;
          if (r.enrichmentStatus === "enriched") progress.enriched++;
          else progress.failed++;
          report();
        },
      });
      errors.push(...enriched.errors);
    } finally {
      for (const c of clients.values()) c.destroy();
    }
  }

  const unknown = new Set<string>();
  for (const r of resources) {
    if (r.enrichmentFailureReason === "access_denied" || r.enrichmentFailureReason === "throttled") {
      unknown.add(r.cfnType);
    }
  }
  const partial = !listedWhole || unknown.size > 0 || errors.some((e) => PARTIAL_CODES.has(e.code));
  progress.phase = "done";
  progress.errors = errors.length;
  report();
  return {
    status: partial ? "partial" : "completed",
    complete: !partial,
    resources,
    errors,
    unknownTypes: [...unknown].sort(),
    stats: { searches: reader.searches, throttled: progress.throttled },
  };
}
