import { useCallback, useEffect, useRef, useState } from "react";
import { StatusBadge, TimeAgo } from "../components/badges.tsx";
import { ErrorBox, Loading } from "../components/feedback.tsx";
import { type ApiError, api } from "../lib/api.ts";
import { humanize } from "../lib/format.ts";
import type { PollCounts, PollRun } from "../lib/types.ts";
import { useResource } from "../lib/use-resource.ts";

const FINISHED = new Set(["completed", "failed"]);
const POLL_EVERY_MS = 700;

/** "Poll now": starts a run, then follows it (GET /poll-runs/:id) until it finishes. */
export function usePollNow(connectionId: string, onFinished: (run: PollRun) => void | Promise<void>) {
  const [run, setRun] = useState<PollRun | null>(null);
  const [active, setActive] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const alive = useRef(true);
  const finished = useRef(onFinished);
  finished.current = onFinished;
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const start = useCallback(async () => {
    setError(null);
    setActive(true);
    try {
      let current = (await api.post<{ poll_run: PollRun }>(`/connections/${connectionId}/poll`)).poll_run;
      setRun(current);
      while (alive.current && !FINISHED.has(current.status)) {
        await new Promise((r) => setTimeout(r, POLL_EVERY_MS));
        if (!alive.current) return;
        current = await api.get<PollRun>(`/poll-runs/${current.id}`);
        setRun(current);
      }
      if (alive.current) await finished.current(current);
    } catch (err) {
      if (alive.current) setError(err as ApiError);
    } finally {
      if (alive.current) setActive(false);
    }
  }, [connectionId]);

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

export function PollRunsSection({ connectionId, refreshKey }: { connectionId: string; refreshKey: number }) {
  const runs = useResource(
    (signal) => api.get<{ items: PollRun[] }>(`/connections/${connectionId}/poll-runs?limit=10`, signal),
    [connectionId, refreshKey],
  );
  return (
    <section className="card" aria-labelledby="runs-h">
      <h2 id="runs-h">Recent polls</h2>
      <ErrorBox error={runs.error} title="The polls could not be listed." />
      {runs.loading && !runs.data ? <Loading what="Loading polls" /> : null}
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
