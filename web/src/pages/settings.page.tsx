import { useState } from "react";
import { TimeAgo } from "../components/badges.tsx";
import { CodeBlock, CopyButton } from "../components/copy.tsx";
import { ErrorBox, Loading } from "../components/feedback.tsx";
import { toJson } from "../lib/iam-policy.ts";
import { useOrg } from "../lib/org.ts";
import { useApiQuery } from "../lib/queries.ts";
import type { FederationInfo } from "../lib/types.ts";
import { ApiKeysSection } from "./settings-api-keys.tsx";

export function SettingsPage() {
  const org = useOrg();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Settings</h1>
          <p className="sub">API keys, your organisation's external id, and OIDC federation for AWS roles.</p>
        </div>
      </div>
      <ApiKeysSection currentKeyId={org.data?.api_key.id ?? null} role={org.data?.api_key.role ?? null} />
      <section className="card" aria-labelledby="org-h">
        <h2 id="org-h">Organisation</h2>
        <ErrorBox error={org.error} title="The organisation could not be loaded." />
        {org.isPending ? <Loading /> : null}
        {org.data ? (
          <dl className="facts">
            <dt>Name</dt>
            <dd>{org.data.name}</dd>
            <dt>Organisation id</dt>
            <dd className="mono">{org.data.id}</dd>
            <dt>External id</dt>
            <dd>
              <span className="mono" data-testid="external-id">
                {org.data.external_id}
              </span>{" "}
              <CopyButton text={org.data.external_id} label="Copy external id" />
              <div className="hint">
                Pin it in your IAM roles' trust policies as <code>sts:ExternalId</code>, so only this
                organisation's driftwatch can assume them (the confused-deputy guard).
              </div>
            </dd>
            <dt>Created</dt>
            <dd>
              <TimeAgo iso={org.data.created_at} />
            </dd>
          </dl>
        ) : null}
      </section>
      <FederationSection />
    </>
  );
}

function FederationSection() {
  const [account, setAccount] = useState("");
  /** The account id last asked about: its federation details are fetched (and kept) by that id. */
  const [asked, setAsked] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const federation = useApiQuery(
    "getFederationInfo",
    { query: { account_id: asked ?? "" } },
    { enabled: asked !== null },
  );
  const info = asked ? (federation.data ?? null) : null;
  const error = asked ? federation.error : null;
  const busy = federation.isFetching;
  return (
    <section className="card" aria-labelledby="fed-h">
      <h2 id="fed-h">OIDC federation</h2>
      <p>
        With the OIDC credential type no AWS key is stored: driftwatch signs a short-lived token as an
        identity provider and your role trusts it through <code>sts:AssumeRoleWithWebIdentity</code>. Enter
        the AWS account that holds the role to get the provider to create and the exact trust policy to paste.
      </p>
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const id = account.trim();
          if (!/^\d{12}$/.test(id)) {
            setFormError("An AWS account id has exactly 12 digits, e.g. 123456789012.");
            return;
          }
          setFormError(null);
          if (id === asked) await federation.refetch();
          else setAsked(id);
        }}
      >
        <div className="field">
          <label htmlFor="fed-account">AWS account id</label>
          <input
            id="fed-account"
            type="text"
            inputMode="numeric"
            value={account}
            onChange={(e) => setAccount(e.target.value)}
            placeholder="123456789012"
            aria-invalid={formError ? true : undefined}
            aria-describedby={formError ? "fed-account-error" : undefined}
            style={{ width: "16em" }}
          />
        </div>
        <button type="submit" className="btn primary" disabled={busy}>
          Show setup
        </button>
      </form>
      {formError ? (
        <div className="field-error" id="fed-account-error">
          {formError}
        </div>
      ) : null}
      <div style={{ marginTop: 12 }}>
        <ErrorBox error={error} title="The federation details could not be loaded." />
        {info ? <FederationDetails info={info} /> : null}
      </div>
    </section>
  );
}

const COMMAND_TITLES: Record<string, string> = {
  create_provider: "Create the identity provider (once per account)",
  add_audience: "Or, if the provider exists already, add driftwatch's audience",
  create_role: "Create the role with the trust policy below",
};

export function FederationDetails({ info }: { info: FederationInfo }) {
  const providerArn = info.oidc_provider_arn;
  return (
    <div data-testid="federation-info">
      {(info.warnings ?? []).map((w) => (
        <p className="alert warn" key={w}>
          {w}
        </p>
      ))}
      <dl className="facts" style={{ marginBottom: 14 }}>
        <dt>Issuer URL</dt>
        <dd className="mono">{info.issuer}</dd>
        <dt>Audience</dt>
        <dd className="mono">{info.audience}</dd>
        <dt>Subject</dt>
        <dd className="mono">{info.subject}</dd>
        {providerArn ? (
          <>
            <dt>Provider ARN</dt>
            <dd className="mono">{providerArn}</dd>
          </>
        ) : null}
      </dl>
      {Object.entries(info.commands ?? {}).map(([k, cmd]) => (
        <CodeBlock key={k} title={COMMAND_TITLES[k] ?? k} code={cmd} />
      ))}
      {info.trust_policy ? (
        <CodeBlock title="Trust policy" code={toJson(info.trust_policy)} testId="federation-trust-policy" />
      ) : null}
      {info.notes && info.notes.length > 0 ? (
        <ul className="hint" style={{ paddingLeft: 18 }}>
          {info.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
