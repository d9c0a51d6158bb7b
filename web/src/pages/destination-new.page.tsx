import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { CopyButton } from "../components/copy.tsx";
import { announce, ErrorBox } from "../components/feedback.tsx";
import { Field } from "../components/field.tsx";
import { type ApiError, api } from "../lib/api.ts";
import {
  type CredentialKind,
  type DestinationDraft,
  emptyDestination,
  previewPrefix,
  toDestinationBody,
  VARIABLE_HELP,
} from "../lib/destination-draft.ts";
import { useOrg } from "../lib/org.ts";
import { invalidate } from "../lib/queries.ts";
import { Link, navigate } from "../lib/router.tsx";

const CREDENTIALS: { value: CredentialKind; label: string; hint: string }[] = [
  {
    value: "aws_role",
    label: "Role with external id (recommended)",
    hint: "driftwatch assumes your role with a key of its own; the role's trust policy pins your organisation's external id.",
  },
  { value: "aws_static", label: "Access keys", hint: "An IAM user's key pair with the destination policy." },
  {
    value: "aws_oidc",
    label: "OIDC federation",
    hint: "No stored key: driftwatch signs a token as an identity provider your account trusts.",
  },
];

/** The server's 400/422 placed on the field it names (`body.path_prefix`, or `details.field`). */
function fieldOf(err: ApiError): string | undefined {
  const d = err.details as { field?: string } | Array<{ field?: string }> | undefined;
  const raw = Array.isArray(d) ? d[0]?.field : d?.field;
  return raw?.replace(/^body\./, "");
}

export function DestinationNewPage() {
  const [draft, setDraft] = useState<DestinationDraft>(emptyDestination);
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();
  const org = useOrg().data;
  const set = <K extends keyof DestinationDraft>(key: K, value: DestinationDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const preview = previewPrefix(draft.pathPrefix, new Date(), org?.name);
  const serverField = error ? fieldOf(error) : undefined;
  const errorFor = (field: string) => (serverField === field && error ? error.message : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (preview.error) {
      document.getElementById("dest-prefix")?.focus();
      announce("The path prefix needs fixing before the destination can be saved.");
      return;
    }
    setSubmitting(true);
    try {
      const created = await api.createDestination({ body: toDestinationBody(draft) });
      void invalidate(queryClient, "listDestinations");
      announce(`Destination ${created.name} saved.`);
      navigate(`/destinations/${created.id}?created=1`);
    } catch (err) {
      setError(err as ApiError);
      errorRef.current?.focus();
    } finally {
      setSubmitting(false);
    }
  };

  const text =
    (id: string, key: keyof DestinationDraft, type = "text") =>
    (a11y: object) => (
      <input
        {...a11y}
        type={type}
        value={String(draft[key])}
        onChange={(e) => set(key, e.target.value as never)}
        autoComplete="off"
        spellCheck={false}
        name={id}
      />
    );

  return (
    <>
      <div className="page-head">
        <div>
          <div className="breadcrumb">
            <Link to="/destinations">Destinations</Link> / New
          </div>
          <h1>New Destination</h1>
          <p className="sub">
            Before saving, driftwatch writes one small object under the path prefix and deletes it; nothing is
            stored if S3 says no.
          </p>
        </div>
      </div>
      <form onSubmit={submit} noValidate className="card" aria-label="Destination details">
        <div ref={errorRef} tabIndex={-1}>
          <ErrorBox error={error} title="The destination was not saved." />
        </div>
        <Field id="dest-name" label="Name" error={errorFor("name")}>
          {text("name", "name")}
        </Field>
        <Field id="dest-bucket" label="Bucket" error={errorFor("bucket")}>
          {text("bucket", "bucket")}
        </Field>
        <Field id="dest-region" label="Region" error={errorFor("region")}>
          {text("region", "region")}
        </Field>
        <Field
          id="dest-prefix"
          label="Path prefix"
          error={preview.error ?? errorFor("path_prefix")}
          hint={
            <>
              Variables in braces are filled in per object:{" "}
              {VARIABLE_HELP.map((v) => (
                <span key={v.name} className="mono" title={v.meaning}>
                  {v.name}{" "}
                </span>
              ))}
            </>
          }
        >
          {text("path_prefix", "pathPrefix")}
        </Field>
        {preview.preview !== null ? (
          <p className="hint" data-testid="prefix-preview">
            Could resolve to today: <span className="mono">{preview.preview}</span>
          </p>
        ) : null}
        <Field id="dest-format" label="Format">
          {(a11y) => (
            <select
              {...a11y}
              value={draft.format}
              onChange={(e) => set("format", e.target.value as DestinationDraft["format"])}
            >
              <option value="ndjson">NDJSON (one event per line)</option>
              <option value="csv">CSV</option>
              <option value="parquet">Parquet</option>
            </select>
          )}
        </Field>
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              checked={draft.exportScanReports}
              onChange={(e) => set("exportScanReports", e.target.checked)}
            />{" "}
            Also export infrastructure scan reports
          </label>
        </div>

        <fieldset className="field">
          <legend>Credentials</legend>
          {CREDENTIALS.map((c) => (
            <label className="choice" key={c.value}>
              <input
                type="radio"
                name="credential-type"
                value={c.value}
                checked={draft.credentialType === c.value}
                onChange={() => set("credentialType", c.value)}
              />{" "}
              {c.label}
              <span className="hint" style={{ display: "block", marginTop: 0 }}>
                {c.hint}
              </span>
            </label>
          ))}
        </fieldset>
        {draft.credentialType !== "aws_static" ? (
          <Field id="dest-role" label="Role ARN" error={errorFor("credentials.role_arn")}>
            {text("role_arn", "roleArn")}
          </Field>
        ) : null}
        {draft.credentialType === "aws_role" && org ? (
          <div className="field" data-testid="external-id">
            <span>External id to paste in the role's trust policy (sts:ExternalId): </span>
            <code className="mono">{org.external_id}</code>{" "}
            <CopyButton text={org.external_id} ariaLabel="Copy the external id" />
          </div>
        ) : null}
        {draft.credentialType !== "aws_oidc" ? (
          <>
            <Field id="dest-key-id" label="Access key id" error={errorFor("credentials.access_key_id")}>
              {text("access_key_id", "accessKeyId")}
            </Field>
            <Field
              id="dest-secret"
              label="Secret access key"
              error={errorFor("credentials.secret_access_key")}
            >
              {text("secret_access_key", "secretAccessKey", "password")}
            </Field>
          </>
        ) : null}
        <details className="advanced">
          <summary>Encryption and S3-compatible stores</summary>
          <Field id="dest-kms" label="KMS key ARN" optional error={errorFor("kms_key_arn")}>
            {text("kms_key_arn", "kmsKeyArn")}
          </Field>
          <Field id="dest-endpoint" label="Endpoint URL" optional error={errorFor("endpoint_url")}>
            {text("endpoint_url", "endpointUrl")}
          </Field>
        </details>
        <div className="actions">
          <button type="submit" className="btn primary" disabled={submitting}>
            {submitting ? "Testing the bucket…" : "Test and save"}
          </button>
          <Link to="/destinations" className="btn">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
