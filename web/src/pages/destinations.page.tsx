import { HealthBadge, TimeAgo } from "../components/badges.tsx";
import { Empty, ErrorBox, Loading } from "../components/feedback.tsx";
import { LoadMore } from "../components/load-more.tsx";
import { useApiPages } from "../lib/queries.ts";
import { Link } from "../lib/router.tsx";

export function DestinationsPage() {
  const list = useApiPages("listDestinations", { query: { limit: 50 } });
  const items = list.items;
  const add = (
    <Link to="/destinations/new" className="btn primary">
      New Destination
    </Link>
  );
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Destinations</h1>
          <p className="sub">
            Your own S3 buckets, where driftwatch writes drift events (and scan reports) as they are found.
            Append-only: every object is new; nothing is ever overwritten.
          </p>
        </div>
        <div className="actions">{add}</div>
      </div>
      <ErrorBox error={list.error} title="The destinations could not be loaded." />
      {list.isPending ? <Loading what="Loading destinations" /> : null}
      {list.data && items.length === 0 ? (
        <Empty title="No destinations yet" action={add}>
          Give driftwatch a bucket and a path prefix (variables such as {"{org}"} and {"{full_date}"} are
          filled in per object) and a role it may assume. It writes one small object and deletes it to test
          the access before saving.
        </Empty>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="responsive" data-testid="destinations">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Bucket / path prefix</th>
                <th scope="col">Format</th>
                <th scope="col">Health</th>
                <th scope="col">Last success</th>
                <th scope="col" className="num">
                  Exported
                </th>
                <th scope="col" className="num">
                  Waiting
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id} data-destination={d.name}>
                  <td data-label="Name">
                    <Link to={`/destinations/${d.id}`}>{d.name}</Link>
                    <div className="cell-sub">
                      {d.endpoint_url ? "S3-compatible" : `AWS S3 · ${d.region}`}
                    </div>
                  </td>
                  <td data-label="Bucket / path prefix" className="mono">
                    {d.bucket}/{d.path_prefix}
                    <div className="cell-sub">today: {d.path_preview}</div>
                  </td>
                  <td data-label="Format">
                    {d.format}
                    {d.gzip ? " · gzip" : ""}
                  </td>
                  <td data-label="Health">
                    <HealthBadge health={d.health} paused={d.paused} />
                    {d.last_error ? <div className="cell-sub">{d.last_error.message}</div> : null}
                  </td>
                  <td data-label="Last success">
                    <TimeAgo iso={d.status.last_success_at} empty="never" />
                  </td>
                  <td data-label="Exported" className="num">
                    {d.status.events_exported}
                  </td>
                  <td data-label="Waiting" className="num">
                    {d.status.backlog_events}
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
