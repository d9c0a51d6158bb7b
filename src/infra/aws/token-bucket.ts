/**
 * A token bucket as a schedule (the generic cell rate algorithm): `reserve()` books the next slot at the
 * current rate and says when it is; callers wait until then. Bookings are first come, first served and
 * never exceed `rate` per second after a burst of `burst` calls. Adaptive: `throttled()` cuts the rate
 * (AWS said slow down, so the real quota is lower than thought) and pushes the next slot back;
 * `succeeded()` wins it back slowly, never above the configured rate (additive increase, multiplicative
 * decrease, as the SDK's adaptive retry mode does).
 */
export interface TokenBucketOptions {
  /** Calls per second at most. */
  rate: number;
  /** Calls that may go at once after a pause. Default: a twentieth of a second's worth, at least 1. */
  burst?: number;
  /** The rate never drops below this. Default rate / 20. */
  minRate?: number;
  /** Milliseconds, monotonic. Default performance.now. */
  now?: () => number;
}

export class TokenBucket {
  readonly maxRate: number;
  private currentRate: number;
  private readonly minRate: number;
  private readonly burst: number;
  private readonly now: () => number;
  /** Theoretical arrival time of the next call, in `now()` milliseconds. */
  private tat: number;

  constructor(opts: TokenBucketOptions) {
    if (!(opts.rate > 0)) throw new RangeError("rate must be > 0");
    this.maxRate = opts.rate;
    this.currentRate = opts.rate;
    this.minRate = opts.minRate ?? opts.rate / 20;
    this.burst = Math.max(1, opts.burst ?? Math.floor(opts.rate / 20));
    this.now = opts.now ?? (() => performance.now());
    this.tat = this.now();
  }

  get rate(): number {
    return this.currentRate;
  }

  private get interval(): number {
    return 1000 / this.currentRate;
  }

  /** Milliseconds until a call booked now could go (0 when it could go at once). */
  delay(notBefore = this.now()): number {
    const at = Math.max(notBefore, this.tat - (this.burst - 1) * this.interval);
    return Math.max(0, at - this.now());
  }

  /** Books a slot no earlier than `notBefore`; returns its time (`now()` milliseconds). */
  reserve(notBefore = this.now()): number {
    const at = Math.max(notBefore, this.tat - (this.burst - 1) * this.interval);
    this.tat = Math.max(this.tat, at) + this.interval;
    return at;
  }

  throttled(): void {
    this.currentRate = Math.max(this.minRate, this.currentRate * 0.8);
    this.tat = Math.max(this.tat, this.now()) + this.interval;
  }

  succeeded(): void {
    if (this.currentRate < this.maxRate) {
      this.currentRate = Math.min(this.maxRate, this.currentRate + this.maxRate * 0.02);
    }
  }
}

/** Waits until `at` (a `performance.now()` time); rejects when the signal aborts. */
export function sleepUntil(at: number, signal?: AbortSignal): Promise<void> {
  const ms = at - performance.now();
  if (ms <= 0 && !signal?.aborted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.ceil(ms));
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
