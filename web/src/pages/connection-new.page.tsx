import { type FormEvent, type InputHTMLAttributes, useEffect, useRef, useState } from "react";
import { announce } from "../components/feedback.tsx";
import { Field, type FieldA11y } from "../components/field.tsx";
import { type ApiError, api } from "../lib/api.ts";
import {
  type ConnectionDraft,
  draftWarnings,
  emptyDraft,
  FIELD_NAMES,
  type FieldErrors,
  type FieldName,
  MAX_INTERVAL,
  MIN_INTERVAL,
  serverFieldErrors,
  toRequestBody,
  validateDraft,
} from "../lib/connection-draft.ts";
import { loadOrg } from "../lib/org.ts";
import { Link, navigate, useLocation } from "../lib/router.tsx";
import type { Connection, ContractSummary } from "../lib/types.ts";
import { useResource } from "../lib/use-resource.ts";
import {
  AdvancedFields,
  CredentialFields,
  type FormKit,
  fieldId,
  RegionDatalist,
} from "./connection-form-parts.tsx";
import { SetupPanel } from "./connection-setup-panel.tsx";

export function ConnectionNewPage() {
  const loc = useLocation();
  const [draft, setDraft] = useState<ConnectionDraft>(() => ({
    ...emptyDraft(),
    contractId: loc.search.get("contract_id") ?? "",
  }));
  const [touched, setTouched] = useState<Set<FieldName>>(new Set());
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<{ error: ApiError; other: string[] } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const contracts = useResource((signal) => api.get<{ items: ContractSummary[] }>("/contracts", signal), []);
  const failureRef = useRef<HTMLDivElement>(null);

  // The org's external id fills the role's external id (the trust policy pins it).
  useEffect(() => {
    loadOrg()
      .then((org) => setDraft((d) => (d.externalId ? d : { ...d, externalId: org.external_id })))
      .catch(() => {});
  }, []);

  const clientErrors = validateDraft(draft);
  const warnings = draftWarnings(draft);
  const errorOf = (f: FieldName): string | undefined =>
    serverErrors[f] ?? (touched.has(f) ? clientErrors[f] : undefined);

  const update = <K extends keyof ConnectionDraft>(key: K, value: ConnectionDraft[K], field?: FieldName) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (field && serverErrors[field]) {
      setServerErrors((s) => {
        const { [field]: _gone, ...rest } = s;
        return rest;
      });
    }
  };
  const touch = (f: FieldName) => setTouched((t) => (t.has(f) ? t : new Set(t).add(f)));

  const text = (
    f: FieldName,
    key: keyof ConnectionDraft,
    a11y: FieldA11y,
    extra: InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <input
      type="text"
      {...a11y}
      value={String(draft[key])}
      onChange={(e) => update(key, e.target.value as never, f)}
      onBlur={() => touch(f)}
      spellCheck={false}
      autoCapitalize="off"
      {...extra}
    />
  );

  const focusFirst = (errors: FieldErrors) => {
    const first = FIELD_NAMES.find((f) => errors[f]);
    if (first) document.getElementById(fieldId(first))?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    if (Object.keys(clientErrors).length > 0) {
      setTouched(new Set(FIELD_NAMES));
      const n = Object.keys(clientErrors).length;
      announce(`${n} ${n === 1 ? "field needs" : "fields need"} fixing before the connection can be saved.`);
      focusFirst(clientErrors);
      return;
    }
    setSubmitting(true);
    try {
      const created = await api.post<Connection>("/connections", toRequestBody(draft));
      announce(`Connection ${created.name} saved.`);
      navigate(`/connections/${created.id}?created=1`);
    } catch (err) {
      const apiErr = err as ApiError;
      const { fields, other } = serverFieldErrors(apiErr.status, apiErr.message, apiErr.hint, apiErr.details);
      setServerErrors(fields);
      setFailure({ error: apiErr, other });
      if (Object.keys(fields).length > 0) {
        // The AWS-side case nests nothing in the fields the user cannot see; open the credential fields.
        focusFirst(fields);
      } else {
        failureRef.current?.focus();
      }
    } finally {
      setSubmitting(false);
    }
  };

  const s3Compatible = draft.endpointUrl.trim() !== "";
  const kit: FormKit = { draft, errorOf, update, touch, text };

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
          {failure ? (
            <div
              className="alert error"
              role="alert"
              tabIndex={-1}
              ref={failureRef}
              data-testid="form-failure"
            >
              <p>
                <strong>
                  {failure.error.status === 422
                    ? "AWS refused the connection; nothing was saved."
                    : "Not saved."}
                </strong>{" "}
                {failure.error.message}
              </p>
              {failure.error.hint ? <p>{failure.error.hint}</p> : null}
              {failure.other.length > 0 && failure.error.status === 400
                ? failure.other.map((o) => <p key={o}>{o}</p>)
                : null}
              <p className="code">code: {failure.error.code}</p>
            </div>
          ) : null}

          <Field
            id={fieldId("name")}
            label="Name"
            hint="A label you will recognise, e.g. Acme orders."
            error={errorOf("name")}
          >
            {(a) => text("name", "name", a, { maxLength: 200, autoCapitalize: "sentences" })}
          </Field>

          <div className="field">
            <label htmlFor="conn-provider">Provider</label>
            <select id="conn-provider" value="aws_s3" disabled aria-describedby="conn-provider-hint">
              <option value="aws_s3">Amazon S3 (or S3-compatible)</option>
            </select>
            <div className="hint" id="conn-provider-hint">
              For MinIO, Ceph, R2 and other S3-compatible stores, set the endpoint URL under Advanced.
            </div>
          </div>

          <CredentialFields kit={kit} />

          <div className="row">
            <Field
              id={fieldId("region")}
              label="Region"
              hint={
                s3Compatible
                  ? "The store's region name (e.g. us-east-1, auto)."
                  : "The bucket's region, e.g. us-east-1."
              }
              error={errorOf("region")}
            >
              {(a) => text("region", "region", a, { list: "aws-regions" })}
            </Field>
            <Field
              id={fieldId("bucket")}
              label="Bucket name"
              hint="The exact name, without s3://."
              error={errorOf("bucket")}
            >
              {(a) => text("bucket", "bucket", a, { placeholder: "acme-partner-drops" })}
            </Field>
          </div>
          <RegionDatalist />

          <div className="row">
            <Field
              id={fieldId("prefix")}
              label="Prefix"
              optional
              hint="Only files under this path, e.g. incoming/orders/."
              error={errorOf("prefix")}
              warning={warnings.prefix}
            >
              {(a) => text("prefix", "prefix", a, { placeholder: "incoming/orders/" })}
            </Field>
            <Field
              id={fieldId("file_pattern")}
              label="File pattern"
              hint="A glob on the file name: *.json, *.edi, 850_*.json. With a / it matches the path under the prefix."
              error={errorOf("file_pattern")}
            >
              {(a) => text("file_pattern", "filePattern", a)}
            </Field>
          </div>

          <div className="row">
            <Field
              id={fieldId("contract_id")}
              label="Contract"
              hint={
                contracts.error ? (
                  `Contracts could not be listed: ${contracts.error.message}`
                ) : contracts.data && contracts.data.items.length === 0 ? (
                  <>
                    No contract yet: <Link to="/contracts/new">create one</Link>, or save now and link it
                    later.
                  </>
                ) : (
                  "Files are checked against it. Without one, files are only listed."
                )
              }
              error={errorOf("contract_id")}
            >
              {(a) => (
                <select
                  {...a}
                  value={draft.contractId}
                  onChange={(e) => update("contractId", e.target.value, "contract_id")}
                >
                  <option value="">No contract</option>
                  {(contracts.data?.items ?? []).map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name} (v{c.version})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              id={fieldId("poll_interval_minutes")}
              label="Poll interval (minutes)"
              hint={`How often to look for new files: ${MIN_INTERVAL} to ${MAX_INTERVAL} (7 days). Default 60.`}
              error={errorOf("poll_interval_minutes")}
            >
              {(a) => (
                <input
                  {...a}
                  type="number"
                  inputMode="numeric"
                  min={MIN_INTERVAL}
                  max={MAX_INTERVAL}
                  step={1}
                  value={draft.pollInterval}
                  onChange={(e) => update("pollInterval", e.target.value, "poll_interval_minutes")}
                  onBlur={() => touch("poll_interval_minutes")}
                />
              )}
            </Field>
          </div>

          <AdvancedFields kit={kit} />

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
