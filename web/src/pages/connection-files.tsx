import { useState } from "react";
import { StatusBadge, TimeAgo } from "../components/badges.tsx";
import { ErrorBox, Loading } from "../components/feedback.tsx";
import { LoadMore } from "../components/load-more.tsx";
import { formatBytes, humanize } from "../lib/format.ts";
import { useApiPages } from "../lib/queries.ts";
import { Link } from "../lib/router.tsx";
import type { FileStatus } from "../lib/types.ts";

const STATUSES: FileStatus[] = ["processed", "duplicate", "failed", "too_large", "pending", "skipped"];

/** The connection's ledger: every file seen, what happened to it, and its drift count. */
export function FilesSection({ connectionId }: { connectionId: string }) {
  const [status, setStatus] = useState<FileStatus | "">("");
  const files = useApiPages(
    "listConnectionFiles",
    { params: { id: connectionId }, query: { ...(status ? { status } : {}), limit: 50 } },
    { keepPrevious: true },
  );
  const items = files.items;
  return (
    <section className="card" aria-labelledby="files-h">
      <div className="page-head" style={{ marginBottom: 8 }}>
        <h2 id="files-h" style={{ margin: 0 }}>
          Processed files
        </h2>
        <div className="field" style={{ margin: 0 }}>
          <label htmlFor="files-status" className="visually-hidden">
            Show files with status
          </label>
          <select
            id="files-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as FileStatus | "")}
          >
            <option value="">All statuses</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorBox error={files.error} title="The files could not be listed." />
      {files.isPending ? <Loading what="Loading files" /> : null}
      {files.data && items.length === 0 ? (
        <p className="hint">
          {status
            ? "No file with this status."
            : "No file seen yet. Files whose key matches the pattern under the prefix appear here after a poll."}
        </p>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="responsive" data-testid="files">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col" className="num">
                  Drift events
                </th>
                <th scope="col">Checked</th>
              </tr>
            </thead>
            <tbody>
              {items.map((f) => (
                <tr key={f.id}>
                  <td data-label="Key" className="mono">
                    {f.key}
                    {f.duplicate_of_key ? (
                      <div className="cell-sub">same content as {f.duplicate_of_key}</div>
                    ) : null}
                    {f.error ? (
                      <div className="cell-sub">
                        {f.error.message} {f.error.hint ?? ""}
                      </div>
                    ) : null}
                  </td>
                  <td data-label="Status">
                    <StatusBadge status={f.status} />
                    {f.attempts > 1 ? <div className="cell-sub">{f.attempts} tries</div> : null}
                  </td>
                  <td data-label="Size" className="num">
                    {formatBytes(f.size)}
                    {f.format ? (
                      <div className="cell-sub">
                        {f.format}
                        {typeof f.records === "number" ? `, ${f.records} records` : ""}
                      </div>
                    ) : null}
                  </td>
                  <td data-label="Drift events" className="num">
                    {f.events > 0 ? (
                      <Link to={`/events?connection_id=${connectionId}&file_id=${f.id}`}>{f.events}</Link>
                    ) : (
                      "0"
                    )}
                  </td>
                  <td data-label="Checked">
                    <TimeAgo iso={f.processed_at} empty="not yet" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore list={files} label="Load more files" />
    </section>
  );
}
