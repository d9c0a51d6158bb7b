/**
 * A check-pool thread: compiles contracts (once per version) and runs checkFile on byte streams the main
 * thread sends chunk by chunk, acknowledging each chunk as it is consumed (the main thread's flow control).
 */
import { parentPort } from "node:worker_threads";
import {
  type CompiledContract,
  checkFile,
  compileContract,
  loadContract,
  SourceReadError,
} from "../../domain/contracts/index.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";

const port = parentPort!;
const compiled = new Map<string, CompiledContract>();
const post = (m: FromWorker) => port.postMessage(m);

interface Job {
  chunks: Uint8Array[];
  ended: boolean;
  failure: string | undefined;
  wake: (() => void) | undefined;
}
const jobs = new Map<number, Job>();

function contractFor(versionId: string, document: string): CompiledContract {
  let c = compiled.get(versionId);
  if (!c) {
    c = compileContract(loadContract(document));
    if (compiled.size >= 50) compiled.delete(compiled.keys().next().value!);
    compiled.set(versionId, c);
  }
  return c;
}

async function* source(id: number, job: Job): AsyncGenerator<Uint8Array> {
  for (;;) {
    const chunk = job.chunks.shift();
    if (chunk) {
      yield chunk;
      post({ t: "ack", id, bytes: chunk.byteLength });
      continue;
    }
    if (job.failure !== undefined) throw new Error(job.failure);
    if (job.ended) return;
    await new Promise<void>((resolve) => {
      job.wake = resolve;
    });
    job.wake = undefined;
  }
}

port.on("message", (m: ToWorker) => {
  if (m.t === "start") {
    const job: Job = { chunks: [], ended: false, failure: undefined, wake: undefined };
    jobs.set(m.id, job);
    (async () => {
      try {
        const result = await checkFile(contractFor(m.versionId, m.document), source(m.id, job), {
          key: m.key,
          maxBytes: m.maxBytes,
          ...(m.format ? { format: m.format } : {}),
        });
        post({ t: "done", id: m.id, result });
      } catch (err) {
        const source = err instanceof SourceReadError;
        const message = source
          ? ((err.cause as Error | undefined)?.message ?? err.message)
          : (err as Error).message;
        post({ t: "error", id: m.id, source, message });
      } finally {
        jobs.delete(m.id);
      }
    })();
    return;
  }
  const job = jobs.get(m.id);
  if (!job) return; // finished early (e.g. too large): late chunks are dropped
  if (m.t === "chunk") job.chunks.push(new Uint8Array(m.buf));
  else if (m.t === "end") job.ended = true;
  else job.failure = m.message;
  job.wake?.();
});
