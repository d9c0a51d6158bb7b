import { useState } from "react";
import { ApiError, api } from "../lib/api.ts";
import { signIn } from "../lib/session.ts";

/** Sign in with an API key. The key is kept for this browser tab only (sessionStorage). */
export function SignInPage({ notice }: { notice: string | null }) {
  const [key, setKey] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="signin">
      <h1>Sign in to driftwatch</h1>
      <p className="sub">
        driftwatch watches what lands in your S3 buckets and tells you when it drifts from its contract.
      </p>
      {notice ? (
        <div className="alert warn" role="alert" data-testid="signin-notice">
          {notice}
        </div>
      ) : null}
      <form
        className="card"
        onSubmit={async (e) => {
          e.preventDefault();
          const k = key.trim();
          if (!k) {
            setError(new ApiError(0, "form", "Enter an API key."));
            return;
          }
          setBusy(true);
          setError(null);
          try {
            await api.getOrg({ apiKey: k });
            signIn(k);
          } catch (err) {
            setError(err as ApiError);
          } finally {
            setBusy(false);
          }
        }}
      >
        <div className="field">
          <label htmlFor="api-key">API key</label>
          <input
            id="api-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={key}
            onChange={(e) => setKey(e.target.value)}
            aria-describedby={`api-key-hint${error ? " api-key-error" : ""}`}
            aria-invalid={error ? true : undefined}
          />
          <div className="hint" id="api-key-hint">
            The first <code>npm start</code> prints an admin key (<code>dwk_…</code>); an admin can create
            more under Settings. The key stays in this tab only and is forgotten when you close it.
          </div>
          {error ? (
            <div className="field-error" id="api-key-error" role="alert">
              {error.message} {error.hint ?? ""}
            </div>
          ) : null}
        </div>
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? "Checking…" : "Sign in"}
        </button>
      </form>
    </div>
  );
}
