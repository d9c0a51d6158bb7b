/** Pieces of the connection form (new and edit): the credential fields, the advanced fields, the region list. */
import { type InputHTMLAttributes, type ReactNode, useState } from "react";
import { Field, type FieldA11y } from "../components/field.tsx";
import type { ConnectionDraft, FieldName } from "../lib/connection-draft.ts";
import type { CredentialType } from "../lib/types.ts";

/** What the parts need from the form: its draft, its errors and its change handlers. */
export interface FormKit {
  draft: ConnectionDraft;
  errorOf: (f: FieldName) => string | undefined;
  update: <K extends keyof ConnectionDraft>(key: K, value: ConnectionDraft[K], field?: FieldName) => void;
  touch: (f: FieldName) => void;
  text: (
    f: FieldName,
    key: keyof ConnectionDraft,
    a11y: FieldA11y,
    extra?: InputHTMLAttributes<HTMLInputElement>,
  ) => ReactNode;
}

/** Element id of a field: `credentials.secret_access_key` → `conn-credentials-secret_access_key`. */
export const fieldId = (f: FieldName) => `conn-${f.replace(/\./g, "-")}`;

export const REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "ap-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "sa-east-1",
];

const CREDENTIAL_TYPES: { value: CredentialType; label: string; hint: string }[] = [
  {
    value: "aws_static",
    label: "Access key",
    hint: "An IAM user's access key id and secret. Simple; the key is long-lived.",
  },
  {
    value: "aws_role",
    label: "Access key + assume role",
    hint: "The key only assumes a role (sts:AssumeRole) that holds the read permissions.",
  },
  {
    value: "aws_oidc",
    label: "OIDC federation (no stored key)",
    hint: "driftwatch signs a short-lived token and assumes your role with it. Recommended for production.",
  },
];

export function RegionDatalist() {
  return (
    <datalist id="aws-regions">
      {REGIONS.map((r) => (
        <option key={r} value={r} />
      ))}
    </datalist>
  );
}

/** Credential type (access key, key + role, OIDC) and the fields the chosen type needs. */
export function CredentialFields({ kit, legend = "Credentials" }: { kit: FormKit; legend?: string }) {
  const { draft, errorOf, update, touch, text } = kit;
  const [showSecret, setShowSecret] = useState(false);
  const isKey = draft.credentialType !== "aws_oidc";
  const isRole = draft.credentialType !== "aws_static";
  return (
    <fieldset aria-describedby={errorOf("credentials") ? "conn-credentials-error" : undefined}>
      <legend>{legend}</legend>
      <div className="choices" role="radiogroup" aria-label="Credential type">
        {CREDENTIAL_TYPES.map((t) => (
          <div className="choice" key={t.value}>
            <input
              type="radio"
              id={`conn-ct-${t.value}`}
              name="credential-type"
              value={t.value}
              checked={draft.credentialType === t.value}
              onChange={() => update("credentialType", t.value, "credentials")}
              aria-describedby={`conn-ct-${t.value}-hint`}
            />
            <div>
              <label htmlFor={`conn-ct-${t.value}`}>
                <strong>{t.label}</strong>
              </label>
              <div className="hint" id={`conn-ct-${t.value}-hint`} style={{ marginTop: 0 }}>
                {t.hint}
              </div>
            </div>
          </div>
        ))}
      </div>
      {errorOf("credentials") ? (
        <div className="field-error" id="conn-credentials-error">
          {errorOf("credentials")}
        </div>
      ) : null}
      <div style={{ marginTop: 12 }}>
        {isKey ? (
          <>
            <Field
              id={fieldId("credentials.access_key_id")}
              label="Access key id"
              error={errorOf("credentials.access_key_id")}
            >
              {(a) => text("credentials.access_key_id", "accessKeyId", a, { autoComplete: "off" })}
            </Field>
            <Field
              id={fieldId("credentials.secret_access_key")}
              label="Secret access key"
              hint="Sealed as soon as it arrives and never shown again."
              error={errorOf("credentials.secret_access_key")}
            >
              {(a) => (
                <div className="secret-wrap">
                  <input
                    {...a}
                    type={showSecret ? "text" : "password"}
                    autoComplete="new-password"
                    spellCheck={false}
                    value={draft.secretAccessKey}
                    onChange={(e) =>
                      update("secretAccessKey", e.target.value, "credentials.secret_access_key")
                    }
                    onBlur={() => touch("credentials.secret_access_key")}
                  />
                  <button
                    type="button"
                    className="btn small"
                    aria-pressed={showSecret}
                    aria-label="Show the secret"
                    onClick={() => setShowSecret((v) => !v)}
                  >
                    {showSecret ? "Hide" : "Show"}
                  </button>
                </div>
              )}
            </Field>
          </>
        ) : null}
        {isRole ? (
          <Field
            id={fieldId("credentials.role_arn")}
            label="Role ARN"
            hint="arn:aws:iam::123456789012:role/driftwatch-reader"
            error={errorOf("credentials.role_arn")}
          >
            {(a) => text("credentials.role_arn", "roleArn", a, { placeholder: "arn:aws:iam::…:role/…" })}
          </Field>
        ) : null}
        {draft.credentialType === "aws_role" ? (
          <Field
            id={fieldId("credentials.external_id")}
            label="External id"
            optional
            hint="Your organisation's external id, as the trust policy on the right pins it. Change it only if the role pins another."
            error={errorOf("credentials.external_id")}
          >
            {(a) => text("credentials.external_id", "externalId", a)}
          </Field>
        ) : null}
        {draft.credentialType === "aws_oidc" ? (
          <Field
            id={fieldId("credentials.region")}
            label="STS region"
            optional
            hint="Where sts:AssumeRoleWithWebIdentity is called; defaults to the bucket's region."
            error={errorOf("credentials.region")}
          >
            {(a) => text("credentials.region", "stsRegion", a, { list: "aws-regions" })}
          </Field>
        ) : null}
      </div>
    </fieldset>
  );
}

/** Endpoint URL and path style for S3-compatible stores, and backfill. */
export function AdvancedFields({ kit }: { kit: FormKit }) {
  const { draft, errorOf, update, text } = kit;
  const s3Compatible = draft.endpointUrl.trim() !== "";
  const advancedHasError = ["endpoint_url", "force_path_style", "backfill"].some((f) =>
    errorOf(f as FieldName),
  );
  return (
    <details className="advanced" open={advancedHasError || s3Compatible || undefined}>
      <summary>Advanced</summary>
      <div style={{ marginTop: 10 }}>
        <Field
          id={fieldId("endpoint_url")}
          label="Endpoint URL"
          optional
          hint="For S3-compatible stores only, e.g. https://minio.example.com:9000. Leave empty for AWS."
          error={errorOf("endpoint_url")}
        >
          {(a) => text("endpoint_url", "endpointUrl", a, { type: "url", placeholder: "https://…" })}
        </Field>
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              id={fieldId("force_path_style")}
              checked={draft.forcePathStyle}
              onChange={(e) => update("forcePathStyle", e.target.checked, "force_path_style")}
            />
            <span>
              <strong>Path-style addressing</strong>
              <span className="hint" style={{ display: "block", marginTop: 0 }}>
                endpoint/bucket/key instead of bucket.endpoint/key; most S3-compatible stores need it.
              </span>
            </span>
          </label>
          {errorOf("force_path_style") ? (
            <div className="field-error">{errorOf("force_path_style")}</div>
          ) : null}
        </div>
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              id={fieldId("backfill")}
              checked={draft.backfill}
              onChange={(e) => update("backfill", e.target.checked, "backfill")}
            />
            <span>
              <strong>Backfill</strong>
              <span className="hint" style={{ display: "block", marginTop: 0 }}>
                Also check the files already there. By default only files that arrive after the connection is
                created are checked.
              </span>
            </span>
          </label>
          {errorOf("backfill") ? <div className="field-error">{errorOf("backfill")}</div> : null}
        </div>
      </div>
    </details>
  );
}
