import type { Db } from "../infra/db/engine.ts";
import {
  type CheckedFile,
  type FileContext,
  type RecordOutcome,
  recordCheckedFiles,
} from "./watch-ledger.ts";

type Done = (outcome: { outcome: RecordOutcome; events: number }) => void;

/**
 * Collects checked files and writes them in batches (one transaction each), while the cycle goes on
 * downloading: a file's ledger entry and its events still commit together, and only a committed file counts
 * as done. One batch is written at a time; files checked meanwhile wait for the next.
 */
export class LedgerWriter {
  readonly #db: Db;
  readonly #ctx: FileContext;
  readonly #maxBatch: number;
  #queue: Array<CheckedFile & { done: Done; fail: (err: unknown) => void }> = [];
  #writing: Promise<void> | undefined;

  constructor(db: Db, ctx: FileContext, maxBatch = 50) {
    this.#db = db;
    this.#ctx = ctx;
    this.#maxBatch = maxBatch;
  }

  /** Queues a checked file; resolves once it is committed. */
  add(file: CheckedFile): Promise<{ outcome: RecordOutcome; events: number }> {
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
        for (const f of batch) f.fail(err);
      }
    }
    this.#writing = undefined;
  }

  /** Resolves when everything queued so far is written. */
  async flush(): Promise<void> {
    while (this.#writing) await this.#writing;
  }
}
