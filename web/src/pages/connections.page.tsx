import { HealthBadge, TimeAgo } from "../components/badges.tsx";
import { Empty, ErrorBox, Loading } from "../components/feedback.tsx";
import { LoadMore } from "../components/load-more.tsx";
import { useApiPages } from "../lib/queries.ts";
import { Link } from "../lib/router.tsx";

export function ConnectionsPage() {
  const list = useApiPages("listConnections", { query: { limit: 50 } });
  const items = list.items;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Cloud Connections</h1>
          <p className="sub">
            S3 buckets driftwatch watches; every new file is checked against its contract.
          </p>
        </div>
        <div className="actions">
          <Link to="/connections/new" className="btn primary">
            New Connection
          </Link>
        </div>
      </div>
      <ErrorBox error={list.error} title="The connections could not be loaded." />
      {list.isPending ? <Loading what="Loading connections" /> : null}
      {list.data && items.length === 0 ? (
        <Empty
          title="No cloud connections yet"
          action={
            <Link to="/connections/new" className="btn primary">
              New Connection
            </Link>
          }
        >
          Connect an S3 bucket (or any S3-compatible store): give driftwatch a read-only key or a role, pick
          the prefix and file pattern to watch and the contract files must follow. Create a contract first
          under Contracts if you have none.
        </Empty>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="responsive" data-testid="connections">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Bucket / prefix</th>
                <th scope="col">Pattern</th>
                <th scope="col">Contract</th>
                <th scope="col">Health</th>
                <th scope="col">Last poll</th>
                <th scope="col">Next poll</th>
                <th scope="col" className="num">
                  Open events
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id} data-connection={c.name}>
                  <td data-label="Name">
                    <Link to={`/connections/${c.id}`}>{c.name}</Link>
                    <div className="cell-sub">
                      {c.endpoint_url ? "S3-compatible" : `AWS S3 · ${c.region}`}
                    </div>
                  </td>
                  <td data-label="Bucket / prefix" className="mono">
                    {c.bucket}/{c.prefix}
                  </td>
                  <td data-label="Pattern" className="mono">
                    {c.file_pattern}
                  </td>
                  <td data-label="Contract">
                    {c.contract_id ? (
                      <Link to={`/contracts/${c.contract_id}`}>{c.contract_name ?? "contract"}</Link>
                    ) : (
                      <span className="cell-sub">none</span>
                    )}
                  </td>
                  <td data-label="Health">
                    <HealthBadge health={c.health} paused={c.paused} />
                    {c.last_error ? <div className="cell-sub">{c.last_error.message}</div> : null}
                  </td>
                  <td data-label="Last poll">
                    <TimeAgo iso={c.last_poll_at} empty="never" />
                  </td>
                  <td data-label="Next poll">
                    {c.paused ? <span className="cell-sub">paused</span> : <TimeAgo iso={c.next_poll_at} />}
                  </td>
                  <td data-label="Open events" className="num">
                    {c.open_events > 0 ? (
                      <Link to={`/events?connection_id=${c.id}&status=open`}>{c.open_events}</Link>
                    ) : (
                      "0"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore list={list} />
    </>
  );
}
