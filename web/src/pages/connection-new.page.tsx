import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { announce } from "../components/feedback.tsx";
import { type ApiError, api } from "../lib/api.ts";
import { emptyDraft, toRequestBody, validateDraft } from "../lib/connection-draft.ts";
import { placeServerErrors } from "../lib/connection-edit.ts";
import { useOrg } from "../lib/org.ts";
import { invalidate } from "../lib/queries.ts";
import { Link, navigate, useLocation } from "../lib/router.tsx";
import {
  ConnectionFields,
  type Failure,
  FormFailure,
  focusFirst,
  useConnectionForm,
  useContracts,
} from "./connection-form.tsx";
import { CredentialFields } from "./connection-form-parts.tsx";
import { SetupPanel } from "./connection-setup-panel.tsx";

export function ConnectionNewPage() {
  const loc = useLocation();
  const form = useConnectionForm(
    () => ({ ...emptyDraft(), contractId: loc.search.get("contract_id") ?? "" }),
    validateDraft,
  );
  const { draft, setDraft, clientErrors, kit } = form;
  const [failure, setFailure] = useState<Failure | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const contracts = useContracts();
  const failureRef = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();

  // The org's external id fills the role's external id (the trust policy pins it).
  const org = useOrg().data;
  useEffect(() => {
    if (org) setDraft((d) => (d.externalId ? d : { ...d, externalId: org.external_id }));
  }, [org, setDraft]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    if (Object.keys(clientErrors).length > 0) {
      form.touchAll();
      const n = Object.keys(clientErrors).length;
      announce(`${n} ${n === 1 ? "field needs" : "fields need"} fixing before the connection can be saved.`);
      focusFirst(clientErrors);
      return;
    }
    setSubmitting(true);
    try {
      const created = await api.createConnection({ body: toRequestBody(draft) });
      void invalidate(queryClient, "listConnections");
      announce(`Connection ${created.name} saved.`);
      navigate(`/connections/${created.id}?created=1`);
    } catch (err) {
      const apiErr = err as ApiError;
      const { fields, other } = placeServerErrors(apiErr, "replace");
      form.setServerErrors(fields);
      setFailure({ error: apiErr, other });
      if (!focusFirst(fields)) failureRef.current?.focus();
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <div className="breadcrumb">
            <Link to="/connections">Cloud Connections</Link> / New
          </div>
          <h1>New Connection</h1>
          <p className="sub">
            driftwatch checks the credentials against the bucket before saving; nothing is stored if AWS says
            no.
          </p>
        </div>
      </div>
      <div className="grid-form">
        <form onSubmit={submit} noValidate aria-labelledby="conn-form-h" className="card">
          <h2 id="conn-form-h" className="visually-hidden">
            Connection details
          </h2>
          <FormFailure
            failure={failure}
            refusedTitle="AWS refused the connection; nothing was saved."
            ref={failureRef}
          />
          <ConnectionFields kit={kit} credentials={<CredentialFields kit={kit} />} contracts={contracts} />

          <div className="actions">
            <button type="submit" className="btn primary" disabled={submitting}>
              {submitting ? "Checking with AWS…" : "Save connection"}
            </button>
            <Link to="/connections" className="btn">
              Cancel
            </Link>
            {submitting ? (
              <span role="status" className="hint">
                Listing the bucket with these credentials…
              </span>
            ) : null}
          </div>
        </form>
        <SetupPanel draft={draft} />
      </div>
    </>
  );
}
