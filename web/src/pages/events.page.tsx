import { useQueryClient } from "@tanstack/react-query";
import { EventsChart } from "../components/events-chart.tsx";
import { EventsByFile } from "../components/events-list.tsx";
import { Empty, ErrorBox, Loading } from "../components/feedback.tsx";
import { LoadMore } from "../components/load-more.tsx";
import { type EventFilters, filtersFromSearch, filtersToApi, filtersToSearch } from "../lib/events.ts";
import { humanize } from "../lib/format.ts";
import { replaceInLists, useApiPages, useApiQuery } from "../lib/queries.ts";
import { Link, navigate, useLocation } from "../lib/router.tsx";
import { DRIFT_EVENT_TYPES, type DriftEventRecord, SEVERITIES } from "../lib/types.ts";

const PAGE_SIZE = 100;

export function EventsPage() {
  const loc = useLocation();
  const filters = filtersFromSearch(loc.search);
  const apiFilters = filtersToApi(filters);
  const queryClient = useQueryClient();
  const setFilter = (key: keyof EventFilters, value: string) =>
    navigate(`/events${filtersToSearch({ ...filters, [key]: value })}`, { replace: true });

  const connections = useApiQuery("listConnections", { query: { limit: 200 } });
  const summary = useApiQuery(
    "getDriftEventSummary",
    { query: { days: 30, ...(filters.connection_id ? { connection_id: filters.connection_id } : {}) } },
    { keepPrevious: true },
  );
  const events = useApiPages(
    "listDriftEvents",
    { query: { ...apiFilters, limit: PAGE_SIZE } },
    { keepPrevious: true },
  );
  const items = events.items;
  const next = events.hasNextPage;
  const anyFilter = Object.values(filters).some(Boolean);

  // An acknowledged event stays in the list (marked) until the list is loaded again.
  const replace = (updated: DriftEventRecord) => replaceInLists(queryClient, "listDriftEvents", updated);

  const select = (key: keyof EventFilters, label: string, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`filter-${key}`}>{label}</label>
      <select id={`filter-${key}`} value={filters[key]} onChange={(e) => setFilter(key, e.target.value)}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Drift events</h1>
          <p className="sub">Every difference between a file and its contract, grouped by file.</p>
        </div>
      </div>

      <section className="card" aria-labelledby="chart-h">
        <h2 id="chart-h">Events per day, last 30 days</h2>
        <ErrorBox error={summary.error} title="The chart could not be loaded." />
        {summary.data ? <EventsChart days={summary.data.days} /> : summary.isPending ? <Loading /> : null}
      </section>

      <section className="card" aria-labelledby="filters-h">
        <h2 id="filters-h" className="visually-hidden">
          Filters
        </h2>
        <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter drift events">
          {select(
            "connection_id",
            "Connection",
            (connections.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
          )}
          {select(
            "type",
            "Type",
            DRIFT_EVENT_TYPES.map((t) => ({ value: t, label: humanize(t) })),
          )}
          {select(
            "severity",
            "Severity",
            SEVERITIES.map((s) => ({ value: s, label: humanize(s) })),
          )}
          {select("status", "Status", [
            { value: "open", label: "Open" },
            { value: "acknowledged", label: "Acknowledged" },
          ])}
          <div className="field">
            <label htmlFor="filter-since">From</label>
            <input
              id="filter-since"
              type="date"
              value={filters.since}
              onChange={(e) => setFilter("since", e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="filter-until">To</label>
            <input
              id="filter-until"
              type="date"
              value={filters.until}
              onChange={(e) => setFilter("until", e.target.value)}
            />
          </div>
        </form>
        {anyFilter ? (
          <div className="actions" style={{ marginTop: 10 }}>
            {filters.file_id ? (
              <button type="button" className="btn small" onClick={() => setFilter("file_id", "")}>
                One file only ✕
              </button>
            ) : null}
            <button type="button" className="link-btn" onClick={() => navigate("/events", { replace: true })}>
              Clear all filters
            </button>
          </div>
        ) : null}
      </section>

      <div aria-live="polite" className="visually-hidden">
        {events.data ? `${items.length}${next ? "+" : ""} events match.` : ""}
      </div>
      <ErrorBox error={events.error} title="The drift events could not be loaded." />
      {events.isPending ? <Loading what="Loading drift events" /> : null}
      {events.data && items.length === 0 ? (
        anyFilter ? (
          <Empty title="No event matches these filters">Widen the time range or clear a filter.</Empty>
        ) : (
          <Empty
            title="No drift recorded yet"
            action={
              <Link to="/connections" className="btn primary">
                Go to Cloud Connections
              </Link>
            }
          >
            Drift events appear when a polled file differs from its contract. Link a contract to a connection
            and use Poll now, or try a file against a contract under Contracts.
          </Empty>
        )
      ) : null}
      {items.length > 0 ? <EventsByFile events={items} onChange={replace} /> : null}
      <LoadMore list={events} label="Load more events" />
    </>
  );
}
