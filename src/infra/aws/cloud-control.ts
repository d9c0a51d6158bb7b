/**
 * Properties of discovered resources through Cloud Control `GetResource` (the real
 * `@aws-sdk/client-cloudcontrol`) in each resource's region, many at once under token buckets: one for Cloud Control as a whole and
 * one per service whose read API Cloud Control dispatches into (IAM's quota is not EC2's). The next call
 * goes to the service whose buckets free up first, so a slow service does not hold the others back.
 * The buckets count all regions together (AWS's quotas are per region: this never exceeds them, at the
 * cost of speed in accounts spread over many regions).
 * Each resource ends `enriched` or `failed` with a reason; a reason that holds for a whole type (no read
 * handler, reads denied) is learnt once and not asked again for the type's other resources.
 */
import { CloudControlClient, GetResourceCommand } from "@aws-sdk/client-cloudcontrol";
import type { EnrichmentFailureReason, LiveResource, ScanError } from "../../domain/cloud/resource.ts";
import type { AwsOperation } from "./aws-errors.ts";
import { pacedCall, retryableFor, scanErrorFrom } from "./paced-call.ts";
import { type AwsClientTarget, httpHandler } from "./resource-explorer.ts";
import { sleepUntil, TokenBucket } from "./token-bucket.ts";

export function createCloudControlClient(t: AwsClientTarget): CloudControlClient {
  return new CloudControlClient({
    region: t.region,
    credentials: t.credentials,
    ...(t.endpoint ? { endpoint: t.endpoint } : {}),
    maxAttempts: 1,
    requestHandler: httpHandler(t),
  });
}

export interface CloudControlLimits {
  /** Cloud Control calls per second, all types together. */
  cloudControl: number;
  /** Per service prefix (`iam`, `ec2`, `s3` …): calls per second for that service's resources. */
  perService?: Record<string, number>;
  /** Services not in `perService`. */
  defaultPerService: number;
}

export interface EnrichOptions {
  /** Where global resources (IAM, Route 53 …) are read; others are read in their own region. */
  region: string;
  endpoint?: string;
  limits: CloudControlLimits;
  /** Calls in flight at most. Default 16. */
  concurrency?: number;
  maxAttempts?: number;
  signal?: AbortSignal;
  /** After each resource is settled. */
  onSettled?: (r: LiveResource) => void;
  onThrottle?: () => void;
}

/** Failure reasons that hold for every resource of the type once seen. */
const TYPE_WIDE = new Set<string>(["unsupported_type", "service_read_denied", "unsupported_identifier"]);

function reasonOf(code: string): EnrichmentFailureReason {
  const reason = code.split(".").at(-1) ?? "";
  switch (reason) {
    case "unsupported_identifier":
    case "unsupported_type":
    case "not_found":
    case "throttled":
      return reason;
    default:
      return "access_denied";
  }
}

/** The CloudFormation namespace's service: `AWS::S3::Bucket` → `s3`. */
function serviceKey(r: LiveResource): string {
  return (r.cfnType.split("::")[1] ?? r.service).toLowerCase();
}

export async function enrichResources(
  clientFor: (region: string) => CloudControlClient,
  resources: LiveResource[],
  opts: EnrichOptions,
): Promise<{ errors: ScanError[] }> {
  const errors: ScanError[] = [];
  const global = new TokenBucket({ rate: opts.limits.cloudControl });
  const buckets = new Map<string, TokenBucket>();
  const queues = new Map<string, LiveResource[]>();
  const typeFailure = new Map<string, ScanError>();
  /** Set when cloudformation:GetResource itself is denied. */
  const account: { denied?: ScanError } = {};

  const settle = (r: LiveResource, failure?: { reason: EnrichmentFailureReason }) => {
    if (failure) {
      r.enrichmentStatus = "failed";
      r.enrichmentFailureReason = failure.reason;
    }
    opts.onSettled?.(r);
  };

  for (const r of resources) {
    if (r.identifier === undefined) {
      addError(errors, {
        code: "aws.cloudcontrol.unsupported_identifier",
        resourceType: r.cfnType,
        message: `driftwatch cannot derive Cloud Control's identifier for ${r.cfnType} from its ARN, so its properties are not read.`,
        fix: "Nothing to fix: the resources are still tracked by ARN, tags and region. Types are added to the identifier table as they are needed.",
      });
      settle(r, { reason: "unsupported_identifier" });
      continue;
    }
    const key = serviceKey(r);
    if (!queues.has(key)) {
      queues.set(key, []);
      buckets.set(
        key,
        new TokenBucket({ rate: opts.limits.perService?.[key] ?? opts.limits.defaultPerService }),
      );
    }
    queues.get(key)!.push(r);
  }

  /**
   * The next resource: from the services whose buckets free up first, the one with the most work left
   * for its rate (so a service with a low quota runs at its quota from the start and all finish together).
   */
  const next = (): { r: LiveResource; key: string } | undefined => {
    let best: { key: string; delay: number; backlog: number } | undefined;
    for (const [key, queue] of queues) {
      if (queue.length === 0) continue;
      const bucket = buckets.get(key)!;
      const delay = bucket.delay();
      const backlog = queue.length / bucket.rate;
      if (!best || delay < best.delay - 1 || (delay <= best.delay + 1 && backlog > best.backlog)) {
        best = { key, delay, backlog };
      }
    }
    if (!best) return undefined;
    return { r: queues.get(best.key)!.shift()!, key: best.key };
  };

  /** Settles without a call what is already known to fail; true when it did. */
  const known = (r: LiveResource): boolean => {
    if (account.denied) {
      account.denied.count = (account.denied.count ?? 1) + 1;
      settle(r, { reason: "access_denied" });
      return true;
    }
    const failure = typeFailure.get(r.cfnType);
    if (!failure) return false;
    failure.count = (failure.count ?? 1) + 1;
    settle(r, { reason: reasonOf(failure.code) });
    return true;
  };

  const one = async (r: LiveResource, key: string): Promise<void> => {
    if (known(r)) return;
    const region = r.region === "global" || r.region === "" ? opts.region : r.region;
    const client = clientFor(region);
    const op: AwsOperation = {
      service: "cloudcontrol",
      action: "GetResource",
      region,
      resourceType: r.cfnType,
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    };
    try {
      const out = await pacedCall(
        [global, buckets.get(key)!],
        () =>
          client.send(new GetResourceCommand({ TypeName: r.cfnType, Identifier: r.identifier! }), {
            ...(opts.signal ? { abortSignal: opts.signal } : {}),
          }),
        retryableFor(op),
        {
          ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}),
          ...(opts.signal ? { signal: opts.signal } : {}),
          ...(opts.onThrottle ? { onThrottle: opts.onThrottle } : {}),
          booked: [global],
        },
      );
      const text = out.ResourceDescription?.Properties;
      r.properties = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      if (out.ResourceDescription?.Identifier) r.identifier = out.ResourceDescription.Identifier;
      r.enrichmentStatus = "enriched";
      delete r.enrichmentFailureReason;
      settle(r);
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      const e = scanErrorFrom(err, op, { resourceType: r.cfnType, region: r.region });
      const reason = e.code.split(".").at(-1) ?? "";
      const sameType = typeFailure.get(r.cfnType);
      if (reason === "access_denied") {
        // cloudformation:GetResource itself is denied: no read of any type can succeed.
        // (read again: another call may have set it while this one was in flight)
        const current = account.denied as ScanError | undefined;
        if (current) current.count = (current.count ?? 1) + 1;
        else {
          const denied: ScanError = { ...e, count: 1 };
          delete denied.resourceType;
          delete denied.region;
          account.denied = denied;
          errors.push(denied);
        }
      } else if (TYPE_WIDE.has(reason) && sameType) {
        sameType.count = (sameType.count ?? 1) + 1;
      } else if (TYPE_WIDE.has(reason)) {
        const first = { ...e, count: 1 };
        delete first.region;
        typeFailure.set(r.cfnType, first);
        errors.push(first);
      } else {
        addError(errors, e);
      }
      settle(r, { reason: reasonOf(e.code) });
    }
  };

  const queued = () => {
    for (const q of queues.values()) if (q.length > 0) return true;
    return false;
  };
  // A worker books Cloud Control's next slot first and only then picks what to read with it, so the
  // choice is made when the call can go (a service that freed up meanwhile is not passed over).
  const worker = async () => {
    while (queued()) {
      await sleepUntil(global.reserve(), opts.signal);
      let item = next();
      while (item && known(item.r)) item = next();
      if (!item) return;
      await one(item.r, item.key);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 16 }, worker));
  return { errors };
}

/** Adds an error, or counts it on the one with the same code, type and region. */
export function addError(errors: ScanError[], e: ScanError): void {
  const same = errors.find(
    (x) => x.code === e.code && x.resourceType === e.resourceType && x.region === e.region,
  );
  if (same) same.count = (same.count ?? 1) + 1;
  else errors.push({ ...e, count: 1 });
}
