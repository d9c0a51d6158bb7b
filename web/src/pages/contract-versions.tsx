import { useEffect, useState } from "react";
import { TimeAgo } from "../components/badges.tsx";
import { ErrorBox, Loading } from "../components/feedback.tsx";
import { plural } from "../lib/format.ts";
import { type DiffLine, diffLines, diffStats, toHunks } from "../lib/line-diff.ts";
import { useApiQuery } from "../lib/queries.ts";

/** The contract's versions, and a line diff between any two of them. */
export function VersionsSection({ contractId, latest }: { contractId: string; latest: number }) {
  // A save that makes a new version invalidates this list (contract-edit.page.tsx).
  const versions = useApiQuery("listContractVersions", { params: { id: contractId } });
  const list = [...(versions.data?.items ?? [])].sort((a, b) => b.version - a.version);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  useEffect(() => {
    setTo(latest);
    setFrom(latest > 1 ? latest - 1 : null);
  }, [latest]);
  return (
    <section className="card" aria-labelledby="versions-h">
      <h2 id="versions-h">Versions</h2>
      <ErrorBox error={versions.error} title="The versions could not be listed." />
      {versions.isPending ? <Loading what="Loading versions" /> : null}
      {list.length > 0 ? (
        <ul data-testid="versions" style={{ paddingLeft: 18 }}>
          {list.map((v) => (
            <li key={v.version}>
              <strong>v{v.version}</strong> <TimeAgo iso={v.created_at} />
              {v.odcs_version ? <span className="cell-sub"> · document version {v.odcs_version}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {list.length < 2 ? (
        <p className="hint">Saving a changed document makes a new version; then you can compare them here.</p>
      ) : (
        <>
          <div className="inline-form" style={{ marginBottom: 12 }}>
            {(
              [
                ["diff-from", "Compare", from, setFrom],
                ["diff-to", "with", to, setTo],
              ] as const
            ).map(([id, label, value, set]) => (
              <div className="field" key={id}>
                <label htmlFor={id}>{label}</label>
                <select id={id} value={value ?? ""} onChange={(e) => set(Number(e.target.value))}>
                  {list.map((v) => (
                    <option key={v.version} value={v.version}>
                      v{v.version}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          {from !== null && to !== null ? <VersionDiff contractId={contractId} from={from} to={to} /> : null}
        </>
      )}
    </section>
  );
}

/** Unique within a diff: no two lines share a kind and both line numbers. */
const lineKey = (l: DiffLine) => `${l.kind}-${l.oldLine ?? ""}-${l.newLine ?? ""}`;

function VersionDiff({ contractId, from, to }: { contractId: string; from: number; to: number }) {
  const a = useApiQuery("getContractVersion", { params: { id: contractId, version: from } });
  const b = useApiQuery("getContractVersion", { params: { id: contractId, version: to } });
  const error = a.error ?? b.error;
  if (error) return <ErrorBox error={error} title="The versions could not be loaded." />;
  if (!a.data || !b.data) return <Loading what="Comparing" />;
  const docs = { a: a.data.document, b: b.data.document };
  const lines = diffLines(docs.a, docs.b);
  const stats = diffStats(lines);
  const hunks = toHunks(lines);
  if (from === to || hunks.length === 0)
    return (
      <p className="hint">
        v{from} and v{to} are the same.
      </p>
    );
  return (
    <div data-testid="version-diff">
      <p aria-live="polite">
        v{from} → v{to}: <span style={{ color: "var(--ok)" }}>{plural(stats.added, "line")} added</span>,{" "}
        <span style={{ color: "var(--danger)" }}>{stats.removed} removed</span>.
      </p>
      <section className="diff" aria-label={`Changes from v${from} to v${to}`}>
        <table>
          <tbody>
            {hunks.flatMap((h, i) => [
              ...(i > 0
                ? [
                    <tr className="sep" key={`sep-${lineKey(h.lines[0]!)}`}>
                      <td colSpan={4}>⋯</td>
                    </tr>,
                  ]
                : []),
              ...h.lines.map((l) => (
                <tr className={l.kind} key={lineKey(l)}>
                  <td className="ln">{l.oldLine ?? ""}</td>
                  <td className="ln">{l.newLine ?? ""}</td>
                  <td className="ln" aria-hidden="true">
                    {l.kind === "add" ? "+" : l.kind === "del" ? "−" : " "}
                  </td>
                  <td>
                    {l.kind === "add" ? <span className="visually-hidden">added: </span> : null}
                    {l.kind === "del" ? <span className="visually-hidden">removed: </span> : null}
                    {l.text}
                  </td>
                </tr>
              )),
            ])}
          </tbody>
        </table>
      </section>
    </div>
  );
}
