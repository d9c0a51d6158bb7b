/**
 * One AWS call under token buckets, retried when AWS throttles or is briefly unavailable: every attempt
 * books a slot in each bucket first (so retries count against the rate too), a throttle cuts the buckets'
 * rates (adaptive), and the SDK's own retries are off (clients are built with maxAttempts 1) so every call
 * that reaches AWS went through the buckets.
 */
import type { ScanError } from "../../domain/cloud/resource.ts";
import { type AwsOperation, awsErrorCode, mapAwsError } from "./aws-errors.ts";
import { sleepUntil, type TokenBucket } from "./token-bucket.ts";

const THROTTLING = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "SlowDown",
  "429",
]);

export function isThrottling(err: unknown): boolean {
  const code = awsErrorCode(err);
  return code !== undefined && THROTTLING.has(code);
}

export interface PacedOptions {
  /** Attempts in all, the first included. Default 8. */
  maxAttempts?: number;
  signal?: AbortSignal;
  /** Called after each throttled attempt (for counts). */
  onThrottle?: () => void;
  /** Buckets whose slot for the first attempt the caller already booked (and waited for). */
  booked?: TokenBucket[];
}

export async function pacedCall<T>(
  buckets: TokenBucket[],
  send: () => Promise<T>,
  retryable: (err: unknown) => boolean,
  opts: PacedOptions = {},
): Promise<T> {
  const maxAttempts = opts.maxAttempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    const pending = attempt === 1 ? buckets.filter((b) => !opts.booked?.includes(b)) : buckets;
    const notBefore = performance.now() + Math.max(0, ...pending.map((b) => b.delay()));
    let at = notBefore;
    for (const b of pending) at = Math.max(at, b.reserve(notBefore));
    await sleepUntil(at, opts.signal);
    try {
      const out = await send();
      for (const b of buckets) b.succeeded();
      return out;
    } catch (err) {
      const throttled = isThrottling(err);
      if (throttled) {
        for (const b of buckets) b.throttled();
        opts.onThrottle?.();
      }
      if (attempt >= maxAttempts || !(throttled || retryable(err)) || opts.signal?.aborted) throw err;
      const backoff = Math.min(2_000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2);
      await sleepUntil(performance.now() + backoff, opts.signal);
    }
  }
}

/** An AWS failure as a scan error: the stable code, AWS's code, the type and region, the fix. */
export function scanErrorFrom(
  err: unknown,
  op: AwsOperation,
  extra: { resourceType?: string; region?: string } = {},
): ScanError {
  const m = mapAwsError(err, op);
  return {
    code: m.code,
    ...(m.aws_code ? { awsCode: m.aws_code } : {}),
    ...(extra.resourceType ? { resourceType: extra.resourceType } : {}),
    ...(extra.region ? { region: extra.region } : {}),
    message: m.message,
    fix: m.hint,
  };
}

/** Whether a retry can help (throttling, 5xx, network), by the shared mapping. */
export function retryableFor(op: AwsOperation): (err: unknown) => boolean {
  return (err) => mapAwsError(err, op).retryable;
}
