import { useState } from "react";
import { CodeBlock } from "../components/copy.tsx";
import { accountIdOfArn, type ConnectionDraft } from "../lib/connection-draft.ts";
import { type Rendered, renderSourcePolicy, renderTrustRolePolicy, toJson } from "../lib/iam-policy.ts";
import { useApiQuery } from "../lib/queries.ts";
import { useDebounced } from "../lib/use-debounced.ts";
import { FederationDetails } from "./settings.page.tsx";

function Policy({ title, rendered, testId }: { title: string; rendered: Rendered; testId: string }) {
  return (
    <>
      {rendered.problem ? (
        <p className="field-warning" data-testid={`${testId}-problem`}>
          {rendered.problem}
        </p>
      ) : null}
      {rendered.built ? (
        <CodeBlock title={title} code={toJson(rendered.built.policy)} testId={testId} />
      ) : null}
      {rendered.built && !rendered.problem && rendered.built.notes.length > 0 ? (
        <ul className="hint" style={{ paddingLeft: 18, marginTop: 0 }}>
          {rendered.built.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/**
 * The IAM side of the form, rendered live from it: the least-privilege policy for the identity
 * driftwatch uses, and for roles the trust policy (pinned to the org's external id, or to driftwatch's
 * OIDC issuer).
 */
export function SetupPanel({ draft }: { draft: ConnectionDraft }) {
  const [principal, setPrincipal] = useState("");
  const source = renderSourcePolicy({ bucket: draft.bucket, prefix: draft.prefix, region: draft.region });
  const who =
    draft.credentialType === "aws_static"
      ? "the IAM user whose access key you enter"
      : "the role driftwatch assumes";
  return (
    <aside className="card" aria-labelledby="setup-h" data-testid="setup-panel">
      <h2 id="setup-h">Setup in AWS</h2>
      <p>
        Attach this policy to {who}. It lists the watched prefix and reads its files; driftwatch never writes
        to or deletes from your bucket.
      </p>
      <Policy title="IAM policy" rendered={source} testId="iam-policy" />
      {draft.credentialType === "aws_role" ? (
        <>
          <h3>Trust policy of the role</h3>
          <p>
            Lets the key's user assume the role, only with your organisation's external id, so no other
            driftwatch organisation can use it. That user also needs <code>sts:AssumeRole</code> on the role.
          </p>
          <div className="field">
            <label htmlFor="trust-principal">
              Who holds the key <span className="optional">(optional)</span>
            </label>
            <input
              id="trust-principal"
              type="text"
              value={principal}
              spellCheck={false}
              placeholder="arn:aws:iam::123456789012:user/driftwatch"
              onChange={(e) => setPrincipal(e.target.value)}
              aria-describedby="trust-principal-hint"
            />
            <div className="hint" id="trust-principal-hint">
              The IAM user ARN of the access key, or its account id. Empty: the role's own account.
            </div>
          </div>
          <Policy
            title="Trust policy"
            rendered={renderTrustRolePolicy({
              roleArn: draft.roleArn,
              principal,
              externalId: draft.externalId,
            })}
            testId="trust-policy"
          />
        </>
      ) : null}
      {draft.credentialType === "aws_oidc" ? <OidcTrust roleArn={draft.roleArn} /> : null}
      {draft.endpointUrl ? (
        <p className="hint">
          For an S3-compatible store (MinIO, Ceph, R2…), grant the same two permissions in its own policy
          language.
        </p>
      ) : null}
    </aside>
  );
}

function OidcTrust({ roleArn }: { roleArn: string }) {
  const account = useDebounced(accountIdOfArn(roleArn.trim()), 300);
  const info = useApiQuery(
    "getFederationInfo",
    { query: { account_id: account ?? "" } },
    { enabled: !!account },
  );
  if (!account) {
    return (
      <p className="hint">
        Enter the role ARN to see its trust policy: it names driftwatch's OIDC provider in the role's account.
      </p>
    );
  }
  const err = info.error;
  return (
    <>
      <h3>Trust policy of the role</h3>
      <p>
        Create driftwatch's OIDC identity provider in account <code>{account}</code> (once), then put this
        trust policy on the role.
      </p>
      {err ? (
        <p className="alert warn" role="status">
          The trust policy could not be rendered: {err.message} {err.hint ?? ""}
        </p>
      ) : null}
      {info.data ? <FederationDetails info={info.data} /> : null}
    </>
  );
}
