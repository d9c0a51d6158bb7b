/**
 * Quotas as AWS enforces them: a token bucket per quota key that refills at the quota's rate and holds one
 * second of calls. Every call is counted per key and per second since start, so a test or bench can say
 * what rate was held and whether any call went over.
 */
export class QuotaMeter {
  private readonly quotas: Record<string, number>;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly clock: () => number;
  private start: number;
  perSecond: Record<string, number[]> = {};
  overQuota: Record<string, number> = {};

  constructor(quotas: Record<string, number>, clock: () => number) {
    this.quotas = quotas;
    this.clock = clock;
    this.start = clock();
  }

  reset(): void {
    this.start = this.clock();
    this.perSecond = {};
    this.overQuota = {};
    this.buckets.clear();
  }

  /** Counts a call under each key; returns the first key whose quota it exceeds, if any. */
  admit(keys: string[]): string | undefined {
    const now = this.clock();
    const second = Math.floor((now - this.start) / 1000);
    for (const key of keys) {
      const counts = this.perSecond[key] ?? [];
      this.perSecond[key] = counts;
      while (counts.length <= second) counts.push(0);
      counts[second]!++;
    }
    for (const key of keys) {
      const rate = this.quotas[key];
      if (rate === undefined) continue;
      const bucket = this.buckets.get(key) ?? { tokens: rate, at: now };
      bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
      bucket.at = now;
      this.buckets.set(key, bucket);
      if (bucket.tokens < 1) {
        this.overQuota[key] = (this.overQuota[key] ?? 0) + 1;
        return key;
      }
    }
    for (const key of keys) {
      const bucket = this.buckets.get(key);
      if (bucket) bucket.tokens -= 1;
    }
    return undefined;
  }
}

/** A small deterministic PRNG (mulberry32) for the random throttling. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
