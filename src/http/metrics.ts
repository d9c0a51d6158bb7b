import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

/** Prometheus metrics, one registry per running app (so tests can run several apps in one process). */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route">;
  jobsFinished: Counter<"task" | "outcome">;
  jobDuration: Histogram<"task">;
  filesProcessed: Counter<"status">;
  driftEvents: Counter<"type" | "severity">;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "driftwatch_process_" });
  return {
    registry,
    httpRequests: new Counter({
      name: "driftwatch_http_requests_total",
      help: "HTTP requests by method, route and status.",
      labelNames: ["method", "route", "status"],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "driftwatch_http_request_duration_seconds",
      help: "HTTP request duration.",
      labelNames: ["method", "route"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    jobsFinished: new Counter({
      name: "driftwatch_jobs_finished_total",
      help: "Job attempts by task and outcome (completed, retry, failed, lost, released).",
      labelNames: ["task", "outcome"],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: "driftwatch_job_duration_seconds",
      help: "Job attempt duration.",
      labelNames: ["task"],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [registry],
    }),
    filesProcessed: new Counter({
      name: "driftwatch_files_total",
      help: "Watched files by ledger status.",
      labelNames: ["status"],
      registers: [registry],
    }),
    driftEvents: new Counter({
      name: "driftwatch_drift_events_total",
      help: "Drift events recorded by type and severity.",
      labelNames: ["type", "severity"],
      registers: [registry],
    }),
  };
}
