import type { Worker } from "../infra/jobs/worker.ts";
import { POLL_TASK } from "./connections.service.ts";
import { EXPORT_TASK } from "./export-jobs.ts";
import type { Runtime } from "./runtime.ts";

/** Registers every job handler of the app on a worker. */
export function registerTasks(worker: Worker, runtime: Pick<Runtime, "services">): void {
  const { polls } = runtime.services;
  worker.register(POLL_TASK, (job, ctx) => polls.runJob(job, ctx.signal), {
    baseDelaySeconds: 15,
    maxDelaySeconds: 900,
  });
  worker.onMaintenance(() => polls.sweepStaleRuns());
  polls.onEnqueued = () => worker.nudge();
  const { exports } = runtime.services;
  worker.register(EXPORT_TASK, (job, ctx) => exports.runJob(job, ctx.signal), {
    baseDelaySeconds: 5,
    maxDelaySeconds: 900,
  });
  exports.onEnqueued = () => worker.nudge();
}
