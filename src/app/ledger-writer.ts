import type { Db } from "../infra/db/engine.ts";
import type { LastError } from "./connection.model.ts";
import {
  type CheckedFile,
  type FileContext,
  type RecordOutcome,
  recordCheckedFiles,
  recordUnprocessable,
  unprocessableReason,
} from "./watch-ledger.ts";

export interface Recorded {
  outcome: RecordOutcome;
  events: number;
  /** Set when the file was recorded as `file_unprocessable`. */
  error?: LastError;
}
type Done = (outcome: Recorded) => void;

/**
 * Errors that say nothing about the files (the database is unreachable, shutting down, out of resources,
 * or a transaction conflicted): the whole batch fails and the cycle is retried. Anything else a single file
 * provokes is that file's own (a value or size the database refuses).
 */
export function isTransientDbError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== "string") {
    const message = String((err as { message?: unknown })?.message ?? err);
    return /connection|terminat|closed|timeout|ECONN/i.test(message);
  }
  return /^(08|40|53|55|57|58|XX|E[A-Z])/.test(code);
}

/**
 * Collects checked files and writes them in batches (one transaction each), while the cycle goes on
 * downloading: a file's ledger entry and its events still commit together, and only a committed file counts
 * as done. One batch is written at a time; files checked meanwhile wait for the next. A batch the database
 * refuses is written again one file at a time, and a file that still cannot be stored is recorded as
 * `failed` with a `file_unprocessable` event: one bad file never holds back the others.
 */
export class LedgerWriter {
  readonly #db: Db;
  readonly #ctx: FileContext;
  readonly #maxBatch: number;
  readonly #now: Date;
  #queue: Array<CheckedFile & { done: Done; fail: (err: unknown) => void }> = [];
  #writing: Promise<void> | undefined;

  constructor(db: Db, ctx: FileContext, now: Date, maxBatch = 50) {
    this.#db = db;
    this.#ctx = ctx;
    this.#now = now;
    this.#maxBatch = maxBatch;
  }

  /** Queues a checked file; resolves once it is committed. */
  add(file: CheckedFile): Promise<Recorded> {
    return new Promise((done, fail) => {
      this.#queue.push({ ...file, done, fail });
      this.#writing ??= this.#drain();
    });
  }

  async #drain(): Promise<void> {
    // let the files finishing in this turn join the batch
    await new Promise((r) => setImmediate(r));
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#maxBatch);
      try {
        const outcomes = await recordCheckedFiles(this.#db, this.#ctx, batch);
        batch.forEach((f, i) => {
          f.done(outcomes[i]!);
        });
      } catch (err) {
        if (isTransientDbError(err) || batch.length === 1) {
          if (isTransientDbError(err)) for (const f of batch) f.fail(err);
          else await this.#isolate(batch[0]!, err);
          continue;
        }
        for (const f of batch) {
          try {
            f.done((await recordCheckedFiles(this.#db, this.#ctx, [f]))[0]!);
          } catch (one) {
            if (isTransientDbError(one)) f.fail(one);
            else await this.#isolate(f, one);
          }
        }
      }
    }
    this.#writing = undefined;
  }

  async #isolate(f: CheckedFile & { done: Done; fail: (err: unknown) => void }, err: unknown): Promise<void> {
    try {
      f.done(await recordUnprocessable(this.#db, this.#ctx, f, unprocessableReason(err), this.#now));
    } catch (again) {
      f.fail(again);
    }
  }

  /** Resolves when everything queued so far is written. */
  async flush(): Promise<void> {
    while (this.#writing) await this.#writing;
  }
}
