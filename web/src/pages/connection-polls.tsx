import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { StatusBadge, TimeAgo } from "../components/badges.tsx";
import { ErrorBox, Loading } from "../components/feedback.tsx";
import { type ApiError, api } from "../lib/api.ts";
import { humanize } from "../lib/format.ts";
import { apiKey, useApiQuery } from "../lib/queries.ts";
import type { PollCounts, PollRun } from "../lib/types.ts";

const FINISHED = new Set(["completed", "failed"]);
const POLL_EVERY_MS = 700;

/** "Poll now": starts a run, then follows it (GET /poll-runs/:id) until it finishes. */
export function usePollNow(connectionId: string, onFinished: (run: PollRun) => void | Promise<void>) {
  const queryClient = useQueryClient();
  const [runId, setRunId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<ApiError | null>(null);
  const followed = useApiQuery(
    "getPollRun",
    { params: { id: runId ?? "" } },
    {
      enabled: runId !== null,
      staleTime: POLL_EVERY_MS,
      // Every 700 ms until the run is finished (or following it failed).
      refetchInterval: (run, failed) =>
        failed || (run && FINISHED.has((run as PollRun).status)) ? false : POLL_EVERY_MS,
    },
  );
  const run = runId ? (followed.data ?? null) : null;
  const finished = run !== null && FINISHED.has(run.status);

  const reported = useRef<string | null>(null);
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;
  useEffect(() => {
    if (run && finished && reported.current !== run.id) {
      reported.current = run.id;
      void onFinishedRef.current(run);
    }
  }, [run, finished]);

  const start = useCallback(async () => {
    setStartError(null);
    setStarting(true);
    try {
      const { poll_run } = await api.pollConnection({ params: { id: connectionId } });
      queryClient.setQueryData(apiKey("getPollRun", { params: { id: poll_run.id } }), poll_run);
      setRunId(poll_run.id);
    } catch (err) {
      setStartError(err as ApiError);
    } finally {
      setStarting(false);
    }
  }, [connectionId, queryClient]);

  const error = startError ?? (runId ? followed.error : null);
  const active = starting || (run !== null && !finished && !followed.error);
  return { run, active, error, start };
}

const COUNT_LABELS: [keyof PollCounts, string][] = [
  ["listed", "listed"],
  ["matched", "matched"],
  ["new", "new"],
  ["processed", "checked"],
  ["duplicate", "duplicates"],
  ["failed", "failed"],
  ["too_large", "too large"],
  ["events", "drift events"],
];

export function Counts({ counts }: { counts: Partial<PollCounts> }) {
  return (
    <ul className="progress-counts" data-testid="poll-counts">
      {COUNT_LABELS.map(([k, label]) => (
        <li key={k} data-count={k}>
          <strong>{counts[k] ?? 0}</strong> {label}
        </li>
      ))}
    </ul>
  );
}

/** The live state of the run started with Poll now (announced politely). */
export function PollProgress({ run }: { run: PollRun | null }) {
  return (
    <div id="poll-status" aria-live="polite" data-testid="poll-progress">
      {run ? (
        <section
          className={`alert ${run.status === "failed" ? "error" : run.status === "completed" ? "ok" : "info"}`}
          aria-label="Poll progress"
        >
          <p>
            <strong>
              {run.status === "queued"
                ? "Poll queued: waiting for a worker…"
                : run.status === "running"
                  ? "Polling the bucket…"
                  : run.status === "completed"
                    ? "Poll finished."
                    : "Poll failed."}
            </strong>{" "}
            <StatusBadge status={run.status} />
            {run.more_pending ? " More files are waiting; the next poll starts at once." : ""}
          </p>
          <Counts counts={run.counts} />
          {run.error ? (
            <p style={{ marginTop: 8 }}>
              {run.error.message} {run.error.hint ? <em>{run.error.hint}</em> : null}{" "}
              <span className="code">({run.error.code})</span>
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export function PollRunsSection({ connectionId }: { connectionId: string }) {
  const runs = useApiQuery("listPollRuns", { params: { id: connectionId }, query: { limit: 10 } });
  return (
    <section className="card" aria-labelledby="runs-h">
      <h2 id="runs-h">Recent polls</h2>
      <ErrorBox error={runs.error} title="The polls could not be listed." />
      {runs.isPending ? <Loading what="Loading polls" /> : null}
      {runs.data && runs.data.items.length === 0 ? (
        <p className="hint">No poll yet. Use Poll now, or wait for the schedule.</p>
      ) : null}
      {runs.data && runs.data.items.length > 0 ? (
        <div className="table-wrap">
          <table className="responsive">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Trigger</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  New
                </th>
                <th scope="col" className="num">
                  Checked
                </th>
                <th scope="col" className="num">
                  Failed
                </th>
                <th scope="col" className="num">
                  Events
                </th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.items.map((r) => (
                <tr key={r.id}>
                  <td data-label="Started">
                    <TimeAgo iso={r.started_at ?? r.created_at} />
                  </td>
                  <td data-label="Trigger">{humanize(r.trigger)}</td>
                  <td data-label="Status">
                    <StatusBadge status={r.status} />
                  </td>
                  <td data-label="New" className="num">
                    {r.counts.new ?? 0}
                  </td>
                  <td data-label="Checked" className="num">
                    {r.counts.processed ?? 0}
                  </td>
                  <td data-label="Failed" className="num">
                    {r.counts.failed ?? 0}
                  </td>
                  <td data-label="Events" className="num">
                    {r.counts.events ?? 0}
                  </td>
                  <td data-label="Error">{r.error ? `${r.error.message} (${r.error.code})` : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
