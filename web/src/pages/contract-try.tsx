import { useState } from "react";
import { EventsByFile } from "../components/events-list.tsx";
import { ErrorBox } from "../components/feedback.tsx";
import { FileDrop } from "../components/file-drop.tsx";
import { type ApiError, api } from "../lib/api.ts";
import { formatBytes, plural } from "../lib/format.ts";
import type { CheckResult } from "../lib/types.ts";

/** Drop a file and see its drift against the saved contract; nothing is stored. */
export function TryFileSection({
  contractId,
  version,
  dirty,
}: {
  contractId: string;
  version: number;
  dirty: boolean;
}) {
  const [result, setResult] = useState<{ name: string; res: CheckResult } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section className="card" aria-labelledby="try-h">
      <h2 id="try-h">Try a file</h2>
      <p>
        Check a sample against v{version} before any connection uses it. The file is read and discarded;
        nothing is recorded.
        {dirty ? <strong> You have unsaved changes: save to try them.</strong> : null}
      </p>
      <FileDrop
        label="Drop a file here, or choose one"
        hint="JSON, NDJSON, CSV, Parquet or X12; the format comes from the contract or the file name."
        busy={busy}
        testId="try-file"
        onFile={async (file) => {
          setBusy(true);
          setError(null);
          setResult(null);
          try {
            const res = await api.checkFile({
              params: { id: contractId },
              query: { filename: file.name },
              bytes: await file.arrayBuffer(),
            });
            setResult({ name: file.name, res });
          } catch (err) {
            setError(err as ApiError);
          } finally {
            setBusy(false);
          }
        }}
      />
      <div aria-live="polite" data-testid="try-result" style={{ marginTop: 12 }}>
        <ErrorBox error={error} title="The file could not be checked." />
        {result ? (
          <>
            <p className={`alert ${result.res.events.length === 0 ? "ok" : "warn"}`}>
              <strong>{result.name}</strong>: {result.res.format}, {plural(result.res.records, "record")},{" "}
              {formatBytes(result.res.size)}.{" "}
              {result.res.events.length === 0
                ? "No drift: the file matches the contract."
                : `${plural(result.res.events.length, "drift event")} found.`}
            </p>
            {result.res.events.length > 0 ? (
              <EventsByFile
                events={result.res.events.map((e) => ({
                  ...e,
                  file: e.file ?? { key: result.name, sha256: result.res.sha256, size: result.res.size },
                }))}
                showConnection={false}
              />
            ) : null}
          </>
        ) : null}
      </div>
    </section>
  );
}
