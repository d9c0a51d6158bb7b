import { useState } from "react";
import { api } from "../lib/api.ts";
import { affected, groupByFile } from "../lib/events.ts";
import { formatBytes, formatValue, humanize } from "../lib/format.ts";
import { Link } from "../lib/router.tsx";
import type { DriftEvent, DriftEventRecord } from "../lib/types.ts";
import { SeverityBadge, StatusBadge, TimeAgo } from "./badges.tsx";
import { announce } from "./feedback.tsx";

function isRecord(e: DriftEvent): e is DriftEventRecord {
  return typeof (e as DriftEventRecord).id === "string";
}

/** One drift event, readable at a glance: where, what was expected, what came, how much, examples. */
export function EventItem({
  event,
  onChange,
}: {
  event: DriftEvent;
  onChange?: (updated: DriftEventRecord) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const record = isRecord(event) ? event : null;
  const title = humanize(event.type);
  const toggle = async () => {
    if (!record) return;
    setBusy(true);
    setError(null);
    const status = record.status === "open" ? "acknowledged" : "open";
    try {
      const updated = await api.updateDriftEvent({ params: { id: record.id }, body: { status } });
      onChange?.(updated);
      announce(`${title} at ${event.path} ${status === "open" ? "reopened" : "acknowledged"}.`);
    } catch (err) {
      const e = err as Error & { hint?: string };
      setError(`${e.message}${e.hint ? ` ${e.hint}` : ""}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li
      className={`event${record?.status === "acknowledged" ? " acknowledged" : ""}`}
      data-testid="drift-event"
      data-status={record?.status}
      data-type={event.type}
    >
      <div>
        <div className="event-title">
          <SeverityBadge severity={event.severity} />
          <strong>{title}</strong>
          <span className="event-path">{event.path}</span>
          {record ? <StatusBadge status={record.status} /> : null}
        </div>
        <dl className="ev">
          <dt>Expected</dt>
          <dd>{event.expected}</dd>
          <dt>Actual</dt>
          <dd>{event.actual}</dd>
          <dt>Affected</dt>
          <dd>{affected(event)}</dd>
          {event.samples.length > 0 ? (
            <>
              <dt>Samples</dt>
              <dd>
                <ul className="samples">
                  {event.samples.map((s) => (
                    <li key={`${s.record}-${formatValue(s.value)}`}>
                      record {s.record}: {formatValue(s.value)}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          {event.detail && Object.keys(event.detail).length > 0 ? (
            <>
              <dt>Detail</dt>
              <dd className="mono">
                {Object.entries(event.detail)
                  .map(([k, v]) => `${k}: ${formatValue(v)}`)
                  .join(", ")}
              </dd>
            </>
          ) : null}
          <dt>Rule</dt>
          <dd className="mono">{event.rule}</dd>
        </dl>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      {record ? (
        <div>
          <button
            type="button"
            className={`btn small${record.status === "open" ? " primary" : ""}`}
            disabled={busy}
            onClick={toggle}
            aria-label={`${record.status === "open" ? "Acknowledge" : "Reopen"} ${title} at ${event.path}`}
          >
            {record.status === "open" ? "Acknowledge" : "Reopen"}
          </button>
        </div>
      ) : null}
    </li>
  );
}

/** Events grouped by the file they were found in. */
export function EventsByFile({
  events,
  onChange,
  showConnection = true,
}: {
  events: DriftEvent[];
  onChange?: (updated: DriftEventRecord) => void;
  showConnection?: boolean;
}) {
  const groups = groupByFile(events as (DriftEvent & { file_id?: string | null })[]);
  return (
    <div>
      {groups.map((g) => {
        const first = g.events[0]!;
        const rec = isRecord(first) ? first : null;
        const open = g.events.filter((e) => isRecord(e) && e.status === "open").length;
        return (
          <section
            className="file-group"
            key={g.key}
            aria-label={`Drift in ${g.fileKey}`}
            data-testid="file-group"
          >
            <header>
              <h3>{g.fileKey}</h3>
              {rec?.connection_id && showConnection ? (
                <span className="cell-sub">
                  on <Link to={`/connections/${rec.connection_id}`}>{rec.connection_name}</Link>
                </span>
              ) : null}
              {first.file ? <span className="cell-sub">{formatBytes(first.file.size)}</span> : null}
              {rec ? (
                <span className="cell-sub">
                  found <TimeAgo iso={rec.created_at} />
                </span>
              ) : null}
              <span className="cell-sub">
                {g.events.length} {g.events.length === 1 ? "event" : "events"}
                {rec ? `, ${open} open` : ""}
              </span>
            </header>
            <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
              {g.events.map((e, i) => (
                <EventItem
                  key={isRecord(e) ? e.id : `${e.rule}-${i}`}
                  event={e}
                  {...(onChange ? { onChange } : {})}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
