import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type CheckResult, type FileFormat, SourceReadError } from "../../domain/contracts/index.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";

export interface PoolCheck {
  versionId: string;
  document: string;
  key: string;
  maxBytes: number;
  format?: FileFormat;
}

interface Pending {
  resolve: (r: CheckResult) => void;
  reject: (e: unknown) => void;
  inFlight: number;
  drained: (() => void) | undefined;
  finished: boolean;
}

interface Thread {
  worker: Worker;
  jobs: Map<number, Pending>;
}

/** Bytes sent to a thread but not yet consumed by its check, per file, before the sender waits. */
const WINDOW = 4 * 1024 * 1024;

/**
 * Contract checks on worker threads, so that checking (CPU) runs beside downloading and recording (I/O on
 * the main thread), and on as many cores as the pool has threads. The main thread streams each file's
 * chunks to a thread (copied into transferable buffers) with a bounded window, and gets back the same
 * CheckResult `checkFile` returns; a failing source still surfaces as SourceReadError.
 */
export class CheckPool {
  readonly size: number;
  #threads: Thread[] = [];
  #next = 1;
  #closed = false;

  constructor(size = CheckPool.defaultSize()) {
    this.size = Math.max(1, size);
    for (let i = 0; i < this.size; i++) this.#threads.push(this.#spawn());
  }

  /** One thread per core but one (the main thread downloads and records), at most 4. */
  static defaultSize(): number {
    return Math.max(1, Math.min(4, availableParallelism() - 1));
  }

  #spawn(): Thread {
    const worker = new Worker(new URL("./check.worker.ts", import.meta.url));
    const thread: Thread = { worker, jobs: new Map() };
    worker.unref();
    worker.on("message", (m: FromWorker) => {
      const job = thread.jobs.get(m.id);
      if (!job) return;
      if (m.t === "ack") {
        job.inFlight -= m.bytes;
        if (job.inFlight <= WINDOW) job.drained?.();
        return;
      }
      job.finished = true;
      thread.jobs.delete(m.id);
      if (thread.jobs.size === 0) worker.unref();
      job.drained?.();
      if (m.t === "done") job.resolve(m.result);
      else job.reject(m.source ? new SourceReadError(new Error(m.message)) : new Error(m.message));
    });
    const fail = (err: unknown) => {
      for (const job of thread.jobs.values()) {
        job.finished = true;
        job.drained?.();
        job.reject(err);
      }
      thread.jobs.clear();
      worker.unref();
      const i = this.#threads.indexOf(thread);
      if (i >= 0 && !this.#closed) this.#threads[i] = this.#spawn();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (!this.#closed) fail(new Error(`a check thread stopped (exit ${code})`));
    });
    return thread;
  }

  /** Checks a file on the least busy thread. */
  async check(spec: PoolCheck, source: AsyncIterable<Uint8Array>): Promise<CheckResult> {
    if (this.#closed) throw new Error("the check pool is closed");
    const thread = this.#threads.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
    const id = this.#next++;
    const post = (m: ToWorker, transfer?: ArrayBuffer[]) => thread.worker.postMessage(m, transfer);
    let job!: Pending;
    const result = new Promise<CheckResult>((resolve, reject) => {
      job = { resolve, reject, inFlight: 0, drained: undefined, finished: false };
    });
    // an idle thread does not keep the process alive; one with a check under way does
    if (thread.jobs.size === 0) thread.worker.ref();
    thread.jobs.set(id, job);
    post({ t: "start", id, ...spec });
    try {
      for await (const chunk of source) {
        if (job.finished) break; // the check is done (e.g. past the size limit): stop reading
        const copy = new Uint8Array(chunk); // a copy we may transfer (SDK chunks can share a pooled buffer)
        job.inFlight += copy.byteLength;
        post({ t: "chunk", id, buf: copy.buffer as ArrayBuffer }, [copy.buffer as ArrayBuffer]);
        if (job.inFlight > WINDOW && !job.finished) {
          await new Promise<void>((resolve) => {
            job.drained = resolve;
          });
          job.drained = undefined;
        }
      }
      if (!job.finished) post({ t: "end", id });
    } catch (err) {
      if (!job.finished) post({ t: "fail", id, message: (err as Error).message ?? String(err) });
    }
    return result;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#threads.map((t) => t.worker.terminate()));
    this.#threads = [];
  }
}
