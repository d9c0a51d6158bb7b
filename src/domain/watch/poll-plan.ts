/**
 * The poll cycle's decisions, without I/O: which listed objects are new, in what order, how many this cycle,
 * and how far the watermark may move afterwards.
 *
 * - New = not in the ledger under the same key and ETag (or in it as `pending` with its retry due), modified
 *   at or after the floor. The floor is the watermark minus the look-back (S3 timestamps have one-second
 *   resolution and an object becomes visible after its LastModified, so a strict "after the last poll" loses
 *   files), and never before the connection's start (the whole second it started in), unless backfilling.
 * - Oldest first (LastModified, then key in UTF-8 byte order), at most `cap` per cycle.
 * - The watermark moves to the clock reading taken before listing when nothing is left behind, and otherwise
 *   to the oldest object not yet done: it never passes a file that is not done.
 */
export interface ListedObject {
  key: string;
  etag: string;
  size: number;
  lastModified: Date;
  storageClass?: string | undefined;
}

export type LedgerStatus = "pending" | "processed" | "duplicate" | "failed" | "too_large" | "skipped";

export interface LedgerEntry {
  status: LedgerStatus;
  nextAttemptAt: Date | null;
}

export const ARCHIVED_STORAGE_CLASSES = new Set(["GLACIER", "DEEP_ARCHIVE"]);

export function ledgerKey(key: string, etag: string): string {
  return `${key}\u0000${etag}`;
}

export function isFolderMarker(o: Pick<ListedObject, "key" | "size">): boolean {
  return o.key.endsWith("/") && o.size === 0;
}

export interface PlanInput {
  /** The single clock reading of this cycle, taken before listing. */
  now: Date;
  /** When the connection started watching; null to take every object (backfill). */
  watchSince: Date | null;
  watermark: Date | null;
  lookbackMs: number;
  cap: number;
  ledger: ReadonlyMap<string, LedgerEntry>;
}

export interface PlanCounts {
  /** Objects at or after the floor that are not done (new, or retries that are due). */
  new: number;
  /** Archived (Glacier, Deep Archive) objects: recorded as skipped, never downloaded. */
  archived: number;
  /** Ledger entries waiting for their retry time. */
  waitingRetry: number;
}

export interface Plan {
  floor: Date | null;
  batch: ListedObject[];
  archived: ListedObject[];
  /** New objects beyond the cap, left for the next cycle (which starts at once). */
  backlog: number;
  counts: PlanCounts;
  /** The watermark after the batch, given which of its objects are done. */
  nextWatermark(done: (o: ListedObject) => boolean): Date;
}

/** The lowest LastModified an object may have to be considered this cycle. */
export function planFloor(input: Pick<PlanInput, "watchSince" | "watermark" | "lookbackMs">): Date | null {
  const since = input.watchSince ? Math.floor(input.watchSince.getTime() / 1000) * 1000 : null;
  const fromWatermark = input.watermark ? input.watermark.getTime() - input.lookbackMs : null;
  if (since === null && fromWatermark === null) return null;
  return new Date(Math.max(since ?? -Infinity, fromWatermark ?? -Infinity));
}

const encoder = new TextEncoder();
function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  // S3 orders keys by their UTF-8 bytes; JS compares UTF-16 code units, which differs above U+FFFF.
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

export function compareOldestFirst(a: ListedObject, b: ListedObject): number {
  return a.lastModified.getTime() - b.lastModified.getTime() || compareKeys(a.key, b.key);
}

/**
 * Plans a cycle over objects that already match the connection's prefix and pattern (folder markers
 * excluded). `objects` may be large (a full listing); only candidates are kept.
 */
export function planPoll(objects: Iterable<ListedObject>, input: PlanInput): Plan {
  const floor = planFloor(input);
  const floorMs = floor?.getTime() ?? -Infinity;
  const nowMs = input.now.getTime();
  const candidates: ListedObject[] = [];
  const archived: ListedObject[] = [];
  const waiting: ListedObject[] = [];
  for (const o of objects) {
    if (o.lastModified.getTime() < floorMs) continue;
    const entry = input.ledger.get(ledgerKey(o.key, o.etag));
    if (entry && entry.status !== "pending") continue;
    if (entry?.status === "pending" && entry.nextAttemptAt && entry.nextAttemptAt.getTime() > nowMs) {
      waiting.push(o);
      continue;
    }
    if (!entry && o.storageClass && ARCHIVED_STORAGE_CLASSES.has(o.storageClass)) {
      archived.push(o);
      continue;
    }
    candidates.push(o);
  }
  candidates.sort(compareOldestFirst);
  const batch = candidates.slice(0, input.cap);
  const left = candidates.slice(input.cap);
  return {
    floor,
    batch,
    archived,
    backlog: left.length,
    counts: { new: candidates.length, archived: archived.length, waitingRetry: waiting.length },
    nextWatermark(done) {
      let oldest = nowMs;
      for (const o of [...batch.filter((b) => !done(b)), ...left, ...waiting]) {
        oldest = Math.min(oldest, o.lastModified.getTime());
      }
      return new Date(oldest);
    },
  };
}
