import { useState } from "react";
import { EventsByFile } from "../components/events-list.tsx";
import { ErrorBox, Loading } from "../components/feedback.tsx";
import { api, query } from "../lib/api.ts";
import { Link } from "../lib/router.tsx";
import type { DriftEventRecord, Page } from "../lib/types.ts";
import { useResource } from "../lib/use-resource.ts";

/** The connection's drift events (open by default), acknowledgeable in place. */
export function ConnectionEvents({
  connectionId,
  refreshKey,
  onChange,
}: {
  connectionId: string;
  refreshKey: number;
  onChange: () => void;
}) {
  const [showAll, setShowAll] = useState(false);
  const events = useResource(
    (signal) =>
      api.get<Page<DriftEventRecord>>(
        `/drift-events${query({ connection_id: connectionId, status: showAll ? "" : "open", limit: 100 })}`,
        signal,
      ),
    [connectionId, showAll, refreshKey],
  );
  const replace = (updated: DriftEventRecord) => {
    events.setData((old) => ({
      items: (old?.items ?? []).map((e) => (e.id === updated.id ? updated : e)),
      next_cursor: old?.next_cursor ?? null,
    }));
    onChange();
  };
  return (
    <section className="card" aria-labelledby="conn-events-h">
      <div className="page-head" style={{ marginBottom: 8 }}>
        <h2 id="conn-events-h" style={{ margin: 0 }}>
          Drift events
        </h2>
        <div className="actions">
          <label className="choice">
            <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
            <span>Include acknowledged</span>
          </label>
          <Link to={`/events?connection_id=${connectionId}`}>All filters and the chart</Link>
        </div>
      </div>
      <ErrorBox error={events.error} title="The drift events could not be loaded." />
      {events.loading && !events.data ? <Loading what="Loading drift events" /> : null}
      {events.data && events.data.items.length === 0 ? (
        <p className="hint">
          {showAll
            ? "No drift recorded for this connection yet."
            : "No open drift. Every checked file matched its contract, or its events were acknowledged."}
        </p>
      ) : null}
      {events.data && events.data.items.length > 0 ? (
        <>
          <EventsByFile events={events.data.items} onChange={replace} showConnection={false} />
          {events.data.next_cursor ? (
            <p className="hint">
              Showing the latest {events.data.items.length}.{" "}
              <Link to={`/events?connection_id=${connectionId}`}>See them all</Link>.
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
