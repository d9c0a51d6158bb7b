/**
 * Temporary credentials kept until shortly before they expire. One session per key (org × credential ×
 * STS target) is shared by every S3 client that asks; concurrent askers wait for the same STS call.
 *
 * A session is refreshed `refreshBeforeExpiryMs` (default 5 minutes) before it expires, or half-way through
 * its life when it is shorter than twice that. When a refresh fails while the old session is still valid,
 * the old one is used and the next call tries again; once it has expired the failure is thrown.
 */
import type { TemporaryCredentials } from "./sts.ts";

export const DEFAULT_REFRESH_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

interface Entry {
  credentials?: TemporaryCredentials;
  obtainedAt?: number;
  pending?: Promise<TemporaryCredentials>;
}

export interface CredentialCacheOptions {
  clock?: () => Date;
  refreshBeforeExpiryMs?: number;
  /** Most sessions kept; the least recently used goes first. Default 1000. */
  maxEntries?: number;
}

export class TemporaryCredentialCache {
  readonly #entries = new Map<string, Entry>();
  readonly #clock: () => Date;
  readonly #margin: number;
  readonly #max: number;

  constructor(opts: CredentialCacheOptions = {}) {
    this.#clock = opts.clock ?? (() => new Date());
    this.#margin = opts.refreshBeforeExpiryMs ?? DEFAULT_REFRESH_BEFORE_EXPIRY_MS;
    this.#max = opts.maxEntries ?? 1000;
  }

  get size(): number {
    return this.#entries.size;
  }

  now(): Date {
    return this.#clock();
  }

  /** When a session obtained at `obtainedAt` that expires at `expiration` should be replaced. */
  refreshAt(obtainedAt: number, expiration: Date): number {
    const lifetime = expiration.getTime() - obtainedAt;
    return expiration.getTime() - Math.min(this.#margin, Math.max(0, lifetime / 2));
  }

  async get(key: string, fetch: () => Promise<TemporaryCredentials>): Promise<TemporaryCredentials> {
    let entry = this.#entries.get(key);
    if (entry) {
      // Most recently used last, so eviction takes the oldest.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    } else {
      entry = {};
      this.#entries.set(key, entry);
      this.#evict();
    }
    const now = this.#clock().getTime();
    const current = entry.credentials;
    if (
      current &&
      entry.obtainedAt !== undefined &&
      now < this.refreshAt(entry.obtainedAt, current.expiration)
    ) {
      return current;
    }
    entry.pending ??= this.#refresh(entry, fetch);
    try {
      return await entry.pending;
    } catch (err) {
      if (current && now < current.expiration.getTime()) return current;
      throw err;
    }
  }

  invalidate(key: string): void {
    this.#entries.delete(key);
  }

  async #refresh(entry: Entry, fetch: () => Promise<TemporaryCredentials>): Promise<TemporaryCredentials> {
    const obtainedAt = this.#clock().getTime();
    try {
      const fresh = await fetch();
      entry.credentials = fresh;
      entry.obtainedAt = obtainedAt;
      return fresh;
    } finally {
      entry.pending = undefined;
    }
  }

  #evict(): void {
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }
}
