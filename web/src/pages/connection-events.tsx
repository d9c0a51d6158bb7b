import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { EventsByFile } from "../components/events-list.tsx";
import { ErrorBox, Loading } from "../components/feedback.tsx";
import { replaceInLists, useApiQuery } from "../lib/queries.ts";
import { Link } from "../lib/router.tsx";
import type { DriftEventRecord } from "../lib/types.ts";

/** The connection's drift events (open by default), acknowledgeable in place. */
export function ConnectionEvents({ connectionId, onChange }: { connectionId: string; onChange: () => void }) {
  const [showAll, setShowAll] = useState(false);
  const queryClient = useQueryClient();
  const events = useApiQuery(
    "listDriftEvents",
    { query: { connection_id: connectionId, ...(showAll ? {} : { status: "open" as const }), limit: 100 } },
    { keepPrevious: true },
  );
  // An acknowledged event stays in the list (marked) until the list is loaded again.
  const replace = (updated: DriftEventRecord) => {
    replaceInLists(queryClient, "listDriftEvents", updated);
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
      {events.isPending ? <Loading what="Loading drift events" /> : null}
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
