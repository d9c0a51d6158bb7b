import { TimeAgo } from "../components/badges.tsx";
import { Empty, ErrorBox, Loading } from "../components/feedback.tsx";
import { useApiQuery } from "../lib/queries.ts";
import { Link } from "../lib/router.tsx";

export function ContractsPage() {
  const list = useApiQuery("listContracts");
  const items = list.data?.items ?? [];
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Contracts</h1>
          <p className="sub">
            What files must look like: ODCS v3 documents (YAML), versioned on every change.
          </p>
        </div>
        <div className="actions">
          <Link to="/contracts/new" className="btn primary">
            New contract
          </Link>
        </div>
      </div>
      <ErrorBox error={list.error} title="The contracts could not be loaded." />
      {list.isPending ? <Loading what="Loading contracts" /> : null}
      {list.data && items.length === 0 ? (
        <Empty
          title="No contract yet"
          action={
            <Link to="/contracts/new" className="btn primary">
              New contract
            </Link>
          }
        >
          Write one in YAML, or drop a sample file and let driftwatch infer it; then try a file against it
          before any connection uses it.
        </Empty>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="responsive" data-testid="contracts">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Contract id</th>
                <th scope="col" className="num">
                  Version
                </th>
                <th scope="col">Format</th>
                <th scope="col" className="num">
                  Connections
                </th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id} data-contract={c.name}>
                  <td data-label="Name">
                    <Link to={`/contracts/${c.id}`}>{c.name}</Link>
                  </td>
                  <td data-label="Contract id" className="mono">
                    {c.contract_key}
                  </td>
                  <td data-label="Version" className="num">
                    v{c.version}
                    {c.odcs_version ? <div className="cell-sub">document {c.odcs_version}</div> : null}
                  </td>
                  <td data-label="Format">{c.format ?? "from the file name"}</td>
                  <td data-label="Connections" className="num">
                    {c.connections}
                  </td>
                  <td data-label="Updated">
                    <TimeAgo iso={c.updated_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
