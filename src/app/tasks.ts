import type { Worker } from "../infra/jobs/worker.ts";
import type { Runtime } from "./runtime.ts";

/** Registers every job handler of the app on a worker. */
export function registerTasks(_worker: Worker, _runtime: Runtime): void {}
