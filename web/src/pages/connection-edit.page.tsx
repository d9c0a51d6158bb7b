import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { announce, ErrorBox, Loading } from "../components/feedback.tsx";
import { type ApiError, api } from "../lib/api.ts";
import type { FieldName } from "../lib/connection-draft.ts";
import {
  type CredentialMode,
  describeChanges,
  draftFromConnection,
  placeServerErrors,
  rechecksStore,
  rescopes,
  toPatchBody,
  validateEdit,
} from "../lib/connection-edit.ts";
import { useOrg } from "../lib/org.ts";
import { apiKey, invalidate, useApiQuery } from "../lib/queries.ts";
import { Link, navigate, useLocation } from "../lib/router.tsx";
import type { Connection } from "../lib/types.ts";
import { CredentialChoice, modeId } from "./connection-edit-credentials.tsx";
import {
  ConnectionFields,
  type Failure,
  FormFailure,
  focusFirst,
  useConnectionForm,
  useContracts,
} from "./connection-form.tsx";
import { fieldId } from "./connection-form-parts.tsx";
import { SetupPanel } from "./connection-setup-panel.tsx";

/** /connections/:id/edit (`?credentials=replace` opens with the credentials to be replaced: a rotation). */
export function ConnectionEditPage({ id }: { id: string }) {
  const conn = useApiQuery("getConnection", { params: { id } });
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
  return <EditForm key={conn.data.id} connection={conn.data} />;
}

const SCOPE_NOTE =
  "Changing the bucket, prefix or pattern re-evaluates which files are new: matching files not yet in the " +
  "ledger are checked at the next poll (those modified since the connection was created, or all of them " +
  "with backfill). Files already checked are not checked again.";

function EditForm({ connection: c }: { connection: Connection }) {
  const loc = useLocation();
  const [mode, setMode] = useState<CredentialMode>(
    loc.search.get("credentials") === "replace" ? "replace" : "keep",
  );
  const form = useConnectionForm(
    () => draftFromConnection(c),
    (d) => validateEdit(d, mode),
  );
  const { draft, setDraft, clientErrors, kit } = form;
  const [failure, setFailure] = useState<Failure | null>(null);
  const [unchanged, setUnchanged] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const contracts = useContracts();
  const failureRef = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();
  const detail = `/connections/${c.id}`;

  // A role without its own external id uses the org's (the trust policy pins it), as on New Connection.
  const org = useOrg().data;
  useEffect(() => {
    if (org) setDraft((d) => (d.externalId ? d : { ...d, externalId: org.external_id }));
  }, [org, setDraft]);

  const patch = toPatchBody(c, draft, mode);
  const changes = describeChanges(c, patch, (cid) =>
    cid === null
      ? "none"
      : (contracts.data?.items.find((x) => x.id === cid)?.name ??
        (cid === c.contract_id ? (c.contract_name ?? cid) : cid)),
  );
  const rechecks = rechecksStore(patch);

  // With the credentials kept, their problems show on the Keep choice; replaced, on the checked type.
  const idOf = (f: FieldName) =>
    f === "credentials" ? (mode === "keep" ? modeId("keep") : `conn-ct-${draft.credentialType}`) : fieldId(f);

  const chooseMode = (m: CredentialMode) => {
    setMode(m);
    setUnchanged(false);
    form.setServerErrors((s) =>
      Object.fromEntries(Object.entries(s).filter(([f]) => !f.startsWith("credentials"))),
    );
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setUnchanged(false);
    if (Object.keys(clientErrors).length > 0) {
      form.touchAll();
      const n = Object.keys(clientErrors).length;
      announce(`${n} ${n === 1 ? "field needs" : "fields need"} fixing before the changes can be saved.`);
      focusFirst(clientErrors, idOf);
      return;
    }
    if (Object.keys(patch).length === 0) {
      setUnchanged(true);
      announce("Nothing has changed, so there is nothing to save.");
      return;
    }
    setSubmitting(true);
    try {
      const saved = await api.updateConnection({ params: { id: c.id }, body: patch });
      queryClient.setQueryData(apiKey("getConnection", { params: { id: c.id } }), saved);
      void invalidate(queryClient, "listConnections");
      announce(
        patch.credentials
          ? `Changes to ${saved.name} saved. The new credentials are in use; fingerprint ${saved.credentials.fingerprint}.`
          : `Changes to ${saved.name} saved.`,
      );
      navigate(`${detail}?updated=${patch.credentials ? "credentials" : "1"}`);
    } catch (err) {
      const apiErr = err as ApiError;
      const { fields, other } = placeServerErrors(apiErr, mode);
      form.setServerErrors(fields);
      setFailure({ error: apiErr, other });
      // The failure box is an alert, and the focused field reads its error: no second announcement.
      if (!focusFirst(fields, idOf)) failureRef.current?.focus();
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <div className="breadcrumb">
            <Link to="/connections">Cloud Connections</Link> / <Link to={detail}>{c.name}</Link> / Edit
          </div>
          <h1>Edit {c.name}</h1>
          <p className="sub">
            Only what you change is sent. New credentials, bucket, region, endpoint, prefix or pattern are
            checked against the store first; nothing changes if it says no.
          </p>
        </div>
      </div>
      <div className="grid-form">
        <form onSubmit={submit} noValidate aria-labelledby="conn-form-h" className="card">
          <h2 id="conn-form-h" className="visually-hidden">
            Connection settings
          </h2>
          <FormFailure
            failure={failure}
            refusedTitle="The store refused the new settings; nothing was changed."
            ref={failureRef}
          />
          <ConnectionFields
            kit={kit}
            credentials={<CredentialChoice kit={kit} connection={c} mode={mode} onMode={chooseMode} />}
            contracts={contracts}
            currentContract={c.contract_id ? { id: c.contract_id, name: c.contract_name } : undefined}
            scopeNote={
              <p className="hint" data-testid="scope-note">
                {SCOPE_NOTE}
              </p>
            }
          />

          <section className="changes" aria-labelledby="changes-h" data-testid="pending-changes">
            <h3 id="changes-h">Changes to save</h3>
            {changes.length === 0 ? (
              <p className="hint">None yet.</p>
            ) : (
              <ul>
                {changes.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
            {rescopes(patch) ? (
              <p className="alert info" data-testid="rescope-note">
                Which files are new will be worked out again; files already checked are not checked again.
              </p>
            ) : null}
            {rechecks ? (
              <p className="hint">
                Saving lists the bucket with the new settings first, which takes a moment.
              </p>
            ) : null}
          </section>

          <div className="actions">
            <button type="submit" className="btn primary" disabled={submitting}>
              {submitting ? (rechecks ? "Checking with the store…" : "Saving…") : "Save changes"}
            </button>
            <Link to={detail} className="btn">
              Cancel
            </Link>
            {submitting ? (
              <span role="status" className="hint">
                {rechecks ? "Listing the bucket with the new settings…" : "Saving…"}
              </span>
            ) : null}
            {unchanged ? (
              <span role="status" className="hint" data-testid="unchanged">
                Nothing has changed, so there is nothing to save.
              </span>
            ) : null}
          </div>
        </form>
        <SetupPanel draft={draft} />
      </div>
    </>
  );
}
