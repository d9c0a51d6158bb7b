import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { TimeAgo } from "../components/badges.tsx";
import { ConfirmButton } from "../components/confirm.tsx";
import { announce, ErrorBox, Loading } from "../components/feedback.tsx";
import { FileDrop } from "../components/file-drop.tsx";
import { IssueList, YamlEditor } from "../components/yaml-editor.tsx";
import { type ApiError, api } from "../lib/api.ts";
import { apiKey, invalidate, useApiQuery } from "../lib/queries.ts";
import { Link, navigate } from "../lib/router.tsx";
import type { LintIssue } from "../lib/types.ts";
import { useDebounced } from "../lib/use-debounced.ts";
import { TryFileSection } from "./contract-try.tsx";
import { VersionsSection } from "./contract-versions.tsx";

export const STARTER = `apiVersion: v3.1.0
kind: DataContract
id: partner-orders
version: 1.0.0
status: active
name: Partner orders
schema:
  - name: orders
    physicalType: object
    properties:
      - name: order_id
        logicalType: string
        required: true
      - name: total
        logicalType: number
        required: true
        logicalTypeOptions:
          minimum: 0
`;

const LINT_DELAY_MS = 400;

/** The document's top-level `name:` (to suggest the contract's name), or "". */
function nameInDocument(doc: string): string {
  const m = /^name:\s*["']?([^"'\n#]+?)["']?\s*(#.*)?$/m.exec(doc);
  return m?.[1]?.trim() ?? "";
}

function lintIssuesOf(err: ApiError): LintIssue[] | null {
  const d = err.details as { issues?: LintIssue[] } | undefined;
  return Array.isArray(d?.issues) ? d.issues : null;
}

/** Create (`id` null) or edit a contract: YAML with live lint, infer from a sample, versions, try a file. */
export function ContractEditPage({ id }: { id: string | null }) {
  const queryClient = useQueryClient();
  const contract = useApiQuery("getContract", { params: { id: id ?? "" } }, { enabled: id !== null });
  const [doc, setDoc] = useState(id ? "" : STARTER);
  const [name, setName] = useState("");
  const [nameTouched, setNameTouched] = useState(false);
  /** Issues the server gave when it refused to save this very text (shown until the text changes). */
  const [saveIssues, setSaveIssues] = useState<{ doc: string; issues: LintIssue[] } | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [inferBusy, setInferBusy] = useState(false);
  const [inferError, setInferError] = useState<ApiError | null>(null);
  const [undo, setUndo] = useState<string | null>(null);
  const loadedFor = useRef<string | null>(null);

  // Fill the editor once the contract arrives (and after a save brings a new version).
  useEffect(() => {
    const c = contract.data;
    if (c && loadedFor.current !== `${c.id}@${c.version}`) {
      loadedFor.current = `${c.id}@${c.version}`;
      setDoc(c.document);
      setName(c.name);
      setNameTouched(true);
    }
  }, [contract.data]);

  const suggested = nameInDocument(doc);
  const effectiveName = nameTouched ? name : name || suggested;

  // Lint as the user types (debounced); each text is its own query, so an answer for older text never shows.
  const debounced = useDebounced(doc, LINT_DELAY_MS);
  const lint = useApiQuery(
    "lintContract",
    { body: { document: debounced } },
    { enabled: debounced.trim() !== "", staleTime: Number.POSITIVE_INFINITY, keepPrevious: true },
  );
  const refused = saveIssues !== null && saveIssues.doc === doc;
  const lintState: "idle" | "checking" | "done" | "failed" = refused
    ? "done"
    : !debounced.trim()
      ? "idle"
      : lint.isFetching
        ? "checking"
        : lint.isError
          ? "failed"
          : lint.data
            ? "done"
            : "checking";
  // While the next answer comes, the last one stays on screen.
  const issues: LintIssue[] = refused ? saveIssues.issues : debounced.trim() ? (lint.data?.issues ?? []) : [];

  if (id && contract.error && !contract.data) {
    return (
      <>
        <div className="breadcrumb">
          <Link to="/contracts">Contracts</Link>
        </div>
        <ErrorBox error={contract.error} title="The contract could not be loaded." />
      </>
    );
  }
  if (id && !contract.data) return <Loading what="Loading the contract" />;
  const current = contract.data ?? null;
  const dirty = current ? doc !== current.document || effectiveName !== current.name : true;
  const errors = issues.filter((i) => i.severity === "error");

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaveError(null);
    if (!effectiveName.trim()) {
      setNameError("Name the contract, e.g. Partner orders.");
      document.getElementById("contract-name")?.focus();
      return;
    }
    setNameError(null);
    setSaving(true);
    try {
      if (current) {
        const updated = await api.updateContract({
          params: { id: current.id },
          body: { document: doc, name: effectiveName.trim() },
        });
        queryClient.setQueryData(apiKey("getContract", { params: { id: current.id } }), updated);
        void invalidate(queryClient, "listContracts", "listContractVersions");
        announce(
          updated.version !== current.version
            ? `Saved as version ${updated.version}.`
            : "Saved (no change to the document).",
        );
      } else {
        const created = await api.createContract({ body: { name: effectiveName.trim(), document: doc } });
        void invalidate(queryClient, "listContracts");
        announce(`Contract ${created.name} created.`);
        navigate(`/contracts/${created.id}`);
      }
    } catch (err) {
      const apiErr = err as ApiError;
      const lint = lintIssuesOf(apiErr);
      if (lint) setSaveIssues({ doc, issues: lint });
      setSaveError(apiErr);
    } finally {
      setSaving(false);
    }
  };

  const lintText =
    lintState === "checking"
      ? "Checking…"
      : lintState === "failed"
        ? "The document could not be checked right now; saving checks it again."
        : lintState === "done"
          ? issues.length === 0
            ? "No problems found."
            : [
                errors.length > 0 ? `${errors.length} ${errors.length === 1 ? "error" : "errors"}` : "",
                issues.length > errors.length
                  ? `${issues.length - errors.length} ${issues.length - errors.length === 1 ? "warning" : "warnings"}`
                  : "",
              ]
                .filter(Boolean)
                .join(", ")
          : "";

  return (
    <>
      <div className="page-head">
        <div>
          <div className="breadcrumb">
            <Link to="/contracts">Contracts</Link> / {current ? current.name : "New"}
          </div>
          <h1>{current ? current.name : "New contract"}</h1>
          {current ? (
            <p className="sub">
              <span className="mono">{current.contract_key}</span> · v{current.version}
              {current.odcs_version ? ` (document ${current.odcs_version})` : ""} · updated{" "}
              <TimeAgo iso={current.updated_at} /> · used by {current.connections}{" "}
              {current.connections === 1 ? "connection" : "connections"}
            </p>
          ) : (
            <p className="sub">Write the contract in YAML (ODCS v3), or infer it from a sample file.</p>
          )}
        </div>
        {current ? (
          <div className="actions">
            <Link to={`/connections/new?contract_id=${current.id}`} className="btn">
              Use in a new connection
            </Link>
            <ConfirmButton
              label="Delete"
              className="btn danger"
              title={`Delete the contract “${current.name}”?`}
              confirmLabel="Delete contract"
              onConfirm={async () => {
                await api.deleteContract({ params: { id: current.id } });
                queryClient.removeQueries({
                  queryKey: apiKey("getContract", { params: { id: current.id } }),
                });
                void invalidate(queryClient, "listContracts");
                announce(`Contract ${current.name} deleted.`);
                navigate("/contracts");
              }}
            >
              <p>All its versions are deleted. A contract that connections use cannot be deleted.</p>
            </ConfirmButton>
          </div>
        ) : null}
      </div>

      <div className="grid-form">
        <form className="card" onSubmit={save} aria-label="Contract document">
          <div className="field">
            <label htmlFor="contract-name">Name</label>
            <input
              id="contract-name"
              type="text"
              maxLength={200}
              value={effectiveName}
              onChange={(e) => {
                setName(e.target.value);
                setNameTouched(true);
              }}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? "contract-name-error" : undefined}
            />
            {nameError ? (
              <div className="field-error" id="contract-name-error">
                {nameError}
              </div>
            ) : null}
          </div>
          <div className="field">
            <div className="label" id="contract-doc-label">
              Document (YAML)
            </div>
            <YamlEditor
              id="contract-document"
              label="Contract document, YAML"
              value={doc}
              onChange={setDoc}
              issues={issues}
              describedBy="lint-status"
            />
            <div className="hint" id="lint-status" role="status" data-testid="lint-status">
              {lintText}
            </div>
            <IssueList issues={issues} editorId="contract-document" />
          </div>
          <ErrorBox error={saveError} title="Not saved." />
          <div className="actions">
            <button type="submit" className="btn primary" disabled={saving || (current !== null && !dirty)}>
              {saving ? "Saving…" : current ? "Save new version" : "Create contract"}
            </button>
            {undo !== null ? (
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setDoc(undo);
                  setUndo(null);
                }}
              >
                Undo the inference
              </button>
            ) : null}
            {current && !dirty ? <span className="hint">No unsaved changes.</span> : null}
          </div>
        </form>
        <div>
          <section className="card" aria-labelledby="infer-h">
            <h2 id="infer-h">Infer from a sample</h2>
            <p>
              Drop a representative file: driftwatch writes a contract that it satisfies, into the editor.
              Tighten it, then save.
            </p>
            <FileDrop
              label="Sample file"
              hint="JSON, NDJSON, CSV or Parquet."
              busy={inferBusy}
              testId="infer-file"
              onFile={async (file) => {
                setInferBusy(true);
                setInferError(null);
                try {
                  const res = await api.inferContract({
                    query: { filename: file.name },
                    bytes: await file.arrayBuffer(),
                  });
                  setUndo(doc);
                  setDoc(res.document);
                  announce(`Contract inferred from ${file.name} (${res.format}); it is in the editor.`);
                } catch (err) {
                  setInferError(err as ApiError);
                } finally {
                  setInferBusy(false);
                }
              }}
            />
            <div style={{ marginTop: 10 }}>
              <ErrorBox error={inferError} title="Nothing could be inferred." />
            </div>
          </section>
          {current ? (
            <TryFileSection contractId={current.id} version={current.version} dirty={dirty} />
          ) : (
            <section className="card" aria-labelledby="try-later-h">
              <h2 id="try-later-h">Try a file</h2>
              <p className="hint">Create the contract first; then drop a sample here to see its drift.</p>
            </section>
          )}
        </div>
      </div>
      {current ? <VersionsSection contractId={current.id} latest={current.version} /> : null}
    </>
  );
}
