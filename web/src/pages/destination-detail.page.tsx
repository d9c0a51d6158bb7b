import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { HealthBadge, TimeAgo } from "../components/badges.tsx";
import { ConfirmButton } from "../components/confirm.tsx";
import { CodeBlock, CopyButton } from "../components/copy.tsx";
import { announce, ErrorBox, Loading } from "../components/feedback.tsx";
import { type ApiError, api } from "../lib/api.ts";
import { toJson } from "../lib/iam-policy.ts";
import { apiKey, invalidate, useApiQuery } from "../lib/queries.ts";
import { Link, navigate, useLocation } from "../lib/router.tsx";

export function DestinationDetailPage({ id }: { id: string }) {
  const loc = useLocation();
  const queryClient = useQueryClient();
  const dest = useApiQuery("getDestination", { params: { id } });
  const policy = useApiQuery("getDestinationPolicy", { params: { id } });
  const batches = useApiQuery("listExportBatches", { params: { id }, query: { limit: 10 } });
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (dest.error && !dest.data) {
    return (
      <>
        <div className="breadcrumb">
          <Link to="/destinations">Destinations</Link>
        </div>
        <ErrorBox error={dest.error} title="The destination could not be loaded." />
      </>
    );
  }
  if (!dest.data) return <Loading what="Loading the destination" />;
  const d = dest.data;
  const refresh = () => invalidate(queryClient, "getDestination", "listDestinations", "listExportBatches");

  const act = async (what: "test" | "export") => {
    setActionError(null);
    setNotice(null);
    setBusy(true);
    try {
      if (what === "test") {
        const r = await api.testDestination({ params: { id } });
        const text = `Connection test passed: wrote and deleted ${r.key}.`;
        setNotice(text);
        announce(text);
      } else {
        const r = await api.exportDestination({ params: { id } });
        const text = `Exported ${r.events_exported} events in ${r.objects_written} new objects.`;
        setNotice(text);
        announce(text);
      }
    } catch (err) {
      setActionError(err as ApiError);
    } finally {
      setBusy(false);
      await refresh();
    }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <div className="breadcrumb">
            <Link to="/destinations">Destinations</Link> / {d.name}
          </div>
          <h1>
            {d.name} <HealthBadge health={d.health} paused={d.paused} />
          </h1>
          <p className="sub mono">
            s3://{d.bucket}/{d.path_prefix}
          </p>
        </div>
        <div className="actions">
          <button type="button" className="btn primary" disabled={busy} onClick={() => act("test")}>
            Test connection
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => act("export")}>
            Export now
          </button>
          <ConfirmButton
            label="Delete"
            className="btn danger"
            title={`Delete the destination “${d.name}”?`}
            confirmLabel="Delete destination"
            onConfirm={async () => {
              await api.deleteDestination({ params: { id } });
              queryClient.removeQueries({ queryKey: apiKey("getDestination", { params: { id } }) });
              void invalidate(queryClient, "listDestinations");
              announce(`Destination ${d.name} deleted.`);
              navigate("/destinations");
            }}
          >
            <p>
              Its sealed credentials and export history are deleted. Objects already written stay in the
              bucket.
            </p>
          </ConfirmButton>
        </div>
      </div>
      {loc.search.get("created") ? (
        <div className="alert ok" role="status">
          Destination saved: the connection test wrote one object under the prefix and deleted it. The
          credentials are sealed and never shown again.
        </div>
      ) : null}
      {notice ? (
        <div className="alert ok" role="status" data-testid="notice">
          {notice}
        </div>
      ) : null}
      <ErrorBox error={actionError} title="That did not work." />
      {d.last_error ? (
        <section className="alert error" aria-labelledby="dest-error-h" data-testid="last-error">
          <h2 id="dest-error-h" style={{ fontSize: "1rem", margin: "0 0 6px" }}>
            Last error <TimeAgo iso={d.last_error.at} />
          </h2>
          <p>{d.last_error.message}</p>
          <p>
            <strong>How to fix it:</strong> {d.last_error.hint}
          </p>
          <p className="code">
            code: {d.last_error.code}
            {d.last_error.aws_code ? ` · AWS: ${d.last_error.aws_code}` : ""}
          </p>
        </section>
      ) : null}

      <div className="grid-2">
        <section className="card" aria-labelledby="dest-facts-h">
          <h2 id="dest-facts-h">Destination</h2>
          <dl className="facts">
            <dt>Path prefix</dt>
            <dd className="mono">{d.path_prefix || "(bucket root)"}</dd>
            <dt>Resolves to today</dt>
            <dd className="mono" data-testid="path-preview">
              {d.path_preview}
            </dd>
            <dt>Exports</dt>
            <dd>
              {[d.export_events ? "drift events" : "", d.export_scan_reports ? "scan reports" : ""]
                .filter(Boolean)
                .join(" and ") || "nothing"}{" "}
              as {d.format}
              {d.gzip ? " (gzip)" : ""}; {d.batch_max_events} events or {d.batch_max_age_seconds} s per object
            </dd>
            <dt>Encryption</dt>
            <dd className="mono">{d.kms_key_arn ?? "the bucket's default"}</dd>
            <dt>Credentials</dt>
            <dd>
              {d.credentials.type}
              {d.credentials.role_arn ? <div className="mono cell-sub">{d.credentials.role_arn}</div> : null}
              <div className="cell-sub">fingerprint {d.credentials.fingerprint}</div>
            </dd>
            <dt>Written</dt>
            <dd data-testid="written">
              {d.status.events_exported} events in {d.status.objects_written} objects; last success{" "}
              <TimeAgo iso={d.status.last_success_at} empty="never" />
            </dd>
            <dt>Waiting</dt>
            <dd>
              {d.status.backlog_events} events, {d.status.pending_batches} batches
            </dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="dest-policy-h">
          <h2 id="dest-policy-h">IAM policy</h2>
          <ErrorBox error={policy.error} title="The policy could not be loaded." />
          {policy.data?.external_id ? (
            <p data-testid="policy-external-id">
              External id for the role's trust policy: <code>{policy.data.external_id}</code>{" "}
              <CopyButton text={policy.data.external_id} ariaLabel="Copy the external id" />
            </p>
          ) : null}
          {policy.data ? (
            <>
              <CodeBlock title="identity policy" code={toJson(policy.data.policy)} testId="policy" />
              {policy.data.trust_policy ? (
                <CodeBlock title="trust policy" code={toJson(policy.data.trust_policy)} />
              ) : null}
              <ul className="notes">
                {policy.data.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>

      <section className="card" aria-labelledby="dest-batches-h">
        <h2 id="dest-batches-h">Latest batches</h2>
        {batches.data && batches.data.items.length === 0 ? (
          <p className="hint">Nothing exported yet.</p>
        ) : null}
        {batches.data && batches.data.items.length > 0 ? (
          <div className="table-wrap">
            <table className="responsive" data-testid="batches">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Events
                  </th>
                  <th scope="col">Objects</th>
                </tr>
              </thead>
              <tbody>
                {batches.data.items.map((b) => (
                  <tr key={b.id}>
                    <td data-label="#">{b.batch_no}</td>
                    <td data-label="Kind">{b.kind}</td>
                    <td data-label="Status">
                      {b.status}
                      {b.last_error ? <div className="cell-sub">{b.last_error.message}</div> : null}
                    </td>
                    <td data-label="Events" className="num">
                      {b.event_count}
                    </td>
                    <td data-label="Objects" className="mono">
                      {b.keys.map((k) => (
                        <div key={k}>{k}</div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}
