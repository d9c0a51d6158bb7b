import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { HealthBadge, TimeAgo } from "../components/badges.tsx";
import { ConfirmButton } from "../components/confirm.tsx";
import { CodeBlock } from "../components/copy.tsx";
import { announce, ErrorBox, Loading } from "../components/feedback.tsx";
import { type ApiError, api } from "../lib/api.ts";
import { CREDENTIAL_LABELS } from "../lib/connection-edit.ts";
import { formatInterval } from "../lib/format.ts";
import { toJson } from "../lib/iam-policy.ts";
import { apiKey, invalidate, useApiQuery } from "../lib/queries.ts";
import { Link, navigate, useLocation } from "../lib/router.tsx";
import type { PollRun } from "../lib/types.ts";
import { ConnectionEvents } from "./connection-events.tsx";
import { FilesSection } from "./connection-files.tsx";
import { PollProgress, PollRunsSection, usePollNow } from "./connection-polls.tsx";

export function ConnectionDetailPage({ id }: { id: string }) {
  const loc = useLocation();
  const queryClient = useQueryClient();
  const conn = useApiQuery("getConnection", { params: { id } });
  const [actionError, setActionError] = useState<ApiError | null>(null);
  // After a poll: the connection's health and counts, its events, files and runs are all new.
  const refreshAll = () =>
    invalidate(
      queryClient,
      "getConnection",
      "listConnections",
      "listDriftEvents",
      "listConnectionFiles",
      "listPollRuns",
    );
  const poll = usePollNow(id, async (run: PollRun) => {
    const c = run.counts;
    announce(
      run.status === "completed"
        ? `Poll finished: ${c.new ?? 0} new files, ${c.processed ?? 0} checked, ${c.events ?? 0} drift events.`
        : `Poll failed: ${run.error?.message ?? "see the error on the page"}.`,
    );
    await refreshAll();
  });

  if (conn.error && !conn.data) {
    return (
      <>
        <div className="breadcrumb">
          <Link to="/connections">Cloud Connections</Link>
        </div>
        <ErrorBox error={conn.error} title="The connection could not be loaded." />
      </>
    );
  }
  if (!conn.data) return <Loading what="Loading the connection" />;
  const c = conn.data;

  const setPaused = async (paused: boolean) => {
    setActionError(null);
    try {
      const updated = await (paused ? api.pauseConnection : api.resumeConnection)({ params: { id } });
      queryClient.setQueryData(apiKey("getConnection", { params: { id } }), updated);
      void invalidate(queryClient, "listConnections");
      announce(paused ? "Connection paused: no polls until you resume it." : "Connection resumed.");
    } catch (err) {
      setActionError(err as ApiError);
    }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <div className="breadcrumb">
            <Link to="/connections">Cloud Connections</Link> / {c.name}
          </div>
          <h1>
            {c.name} <HealthBadge health={c.health} paused={c.paused} />
          </h1>
          <p className="sub mono">
            s3://{c.bucket}/{c.prefix}
            {c.file_pattern}
          </p>
        </div>
        <div className="actions">
          <button
            type="button"
            className="btn primary"
            onClick={poll.start}
            disabled={poll.active}
            aria-describedby="poll-status"
          >
            {poll.active ? "Polling…" : "Poll now"}
          </button>
          <Link to={`/connections/${id}/edit`} className="btn">
            Edit
          </Link>
          <button type="button" className="btn" onClick={() => setPaused(!c.paused)}>
            {c.paused ? "Resume" : "Pause"}
          </button>
          <ConfirmButton
            label="Delete"
            className="btn danger"
            title={`Delete the connection “${c.name}”?`}
            confirmLabel="Delete connection"
            onConfirm={async () => {
              await api.deleteConnection({ params: { id } });
              queryClient.removeQueries({ queryKey: apiKey("getConnection", { params: { id } }) });
              void invalidate(queryClient, "listConnections");
              announce(`Connection ${c.name} deleted.`);
              navigate("/connections");
            }}
          >
            <p>
              Its sealed credentials, file ledger and drift events are deleted. Files in the bucket are
              untouched.
            </p>
          </ConfirmButton>
        </div>
      </div>

      {loc.search.get("created") ? (
        <div className="alert ok" role="status">
          Connection saved: AWS accepted the credentials, and they are sealed (never shown again).{" "}
          {c.paused ? "" : "Use Poll now to check the bucket at once, or wait for the schedule."}
        </div>
      ) : null}
      {loc.search.get("updated") ? (
        <div className="alert ok" role="status" data-testid="updated">
          Changes saved.{" "}
          {loc.search.get("updated") === "credentials"
            ? `The new credentials are sealed and in use (fingerprint ${c.credentials.fingerprint}); the old ones are deleted.`
            : ""}
        </div>
      ) : null}
      <ErrorBox error={actionError} title="That did not work." />
      <ErrorBox error={poll.error} title="The poll could not be started." />
      <PollProgress run={poll.run} />

      {c.last_error ? (
        <section className="alert error" aria-labelledby="last-error-h" data-testid="last-error">
          <h2 id="last-error-h" style={{ fontSize: "1rem", margin: "0 0 6px" }}>
            Last error <TimeAgo iso={c.last_error.at ?? null} />
          </h2>
          <p>{c.last_error.message}</p>
          {c.last_error.hint ? (
            <p>
              <strong>How to fix it:</strong> {c.last_error.hint}
            </p>
          ) : null}
          <p className="code">
            code: {c.last_error.code}
            {c.last_error.aws_code ? ` · AWS: ${c.last_error.aws_code}` : ""}
          </p>
        </section>
      ) : null}

      <div className="grid-2">
        <section className="card" aria-labelledby="conn-facts-h">
          <h2 id="conn-facts-h">Connection</h2>
          <dl className="facts">
            <dt>Bucket</dt>
            <dd className="mono">{c.bucket}</dd>
            <dt>Prefix</dt>
            <dd className="mono">{c.prefix || "(whole bucket)"}</dd>
            <dt>File pattern</dt>
            <dd className="mono">{c.file_pattern}</dd>
            <dt>Contract</dt>
            <dd>
              {c.contract_id ? (
                <Link to={`/contracts/${c.contract_id}`}>{c.contract_name ?? c.contract_id}</Link>
              ) : (
                "none: files are listed but not checked"
              )}
            </dd>
            <dt>Region</dt>
            <dd>{c.region}</dd>
            {c.endpoint_url ? (
              <>
                <dt>Endpoint</dt>
                <dd className="mono">
                  {c.endpoint_url}
                  {c.force_path_style ? " (path style)" : ""}
                </dd>
              </>
            ) : null}
            <dt>Credentials</dt>
            <dd>
              {CREDENTIAL_LABELS[c.credentials.type] ?? c.credentials.type}
              {c.credentials.access_key_id_suffix ? (
                <span className="mono"> · key …{c.credentials.access_key_id_suffix}</span>
              ) : null}
              {c.credentials.role_arn ? <div className="mono cell-sub">{c.credentials.role_arn}</div> : null}
              <div className="cell-sub" data-testid="fingerprint">
                fingerprint {c.credentials.fingerprint}
              </div>
              <div className="cell-sub">
                <Link to={`/connections/${id}/edit?credentials=replace`}>Replace credentials</Link>
              </div>
            </dd>
            <dt>Backfill</dt>
            <dd>{c.backfill ? "yes: files already there are checked too" : "no: only new files"}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="conn-sched-h">
          <h2 id="conn-sched-h">Polling</h2>
          <dl className="facts">
            <dt>Health</dt>
            <dd>
              <HealthBadge health={c.health} paused={c.paused} />
            </dd>
            <dt>Interval</dt>
            <dd>{formatInterval(c.poll_interval_minutes)}</dd>
            <dt>Last poll</dt>
            <dd data-testid="last-poll">
              <TimeAgo iso={c.last_poll_at} empty="never" />
            </dd>
            <dt>Last success</dt>
            <dd>
              <TimeAgo iso={c.last_success_at} empty="never" />
            </dd>
            <dt>Next poll</dt>
            <dd>{c.paused ? "paused" : <TimeAgo iso={c.next_poll_at} empty="not scheduled" />}</dd>
            <dt>Open events</dt>
            <dd>
              <Link to={`/events?connection_id=${c.id}&status=open`}>{c.open_events}</Link>
            </dd>
          </dl>
        </section>
      </div>

      <ConnectionEvents
        connectionId={id}
        onChange={() => void invalidate(queryClient, "getConnection", "listConnections")}
      />
      <FilesSection connectionId={id} />
      <PollRunsSection connectionId={id} />
      <PolicySection connectionId={id} />
    </>
  );
}

function PolicySection({ connectionId }: { connectionId: string }) {
  const policy = useApiQuery("getConnectionPolicy", { params: { id: connectionId } });
  return (
    <section className="card" aria-labelledby="conn-policy-h">
      <h2 id="conn-policy-h">Setup in AWS</h2>
      <p>The least-privilege policy for this connection's identity: list the prefix, read its files.</p>
      <ErrorBox error={policy.error} title="The policy could not be rendered." />
      {policy.data ? (
        <>
          <CodeBlock title="IAM policy" code={toJson(policy.data.policy)} testId="connection-policy" />
          {policy.data.trust_policy ? (
            <CodeBlock title="Trust policy" code={toJson(policy.data.trust_policy)} />
          ) : null}
          {policy.data.notes && policy.data.notes.length > 0 ? (
            <ul className="hint" style={{ paddingLeft: 18 }}>
              {policy.data.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
