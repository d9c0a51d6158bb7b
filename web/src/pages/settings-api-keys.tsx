import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { StatusBadge, TimeAgo } from "../components/badges.tsx";
import { ConfirmButton } from "../components/confirm.tsx";
import { CopyButton } from "../components/copy.tsx";
import { announce, ErrorBox, Loading } from "../components/feedback.tsx";
import { type ApiError, api } from "../lib/api.ts";
import { invalidate, useApiQuery } from "../lib/queries.ts";
import type { CreatedApiKey, Role } from "../lib/types.ts";

/** Create (the key shown once), list (prefix only) and revoke API keys. */
export function ApiKeysSection({ currentKeyId, role }: { currentKeyId: string | null; role: string | null }) {
  const queryClient = useQueryClient();
  const keys = useApiQuery("listApiKeys");
  const [name, setName] = useState("");
  const [newRole, setNewRole] = useState<Role>("member");
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isAdmin = role === "admin";

  return (
    <section className="card" aria-labelledby="keys-h">
      <h2 id="keys-h">API keys</h2>
      <p>
        Every API call, the CLI and this UI use an API key. Admin keys can also manage keys; member keys can
        do everything else.
      </p>
      {isAdmin ? (
        <form
          className="inline-form"
          aria-label="Create an API key"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!name.trim()) {
              setNameError("Name the key after who or what will use it, e.g. ci-pipeline.");
              return;
            }
            setNameError(null);
            setBusy(true);
            setError(null);
            try {
              const res = await api.createApiKey({ body: { name: name.trim(), role: newRole } });
              setCreated(res);
              setName("");
              announce(`API key ${res.api_key.name} created. Copy it now: it is shown only once.`);
              await invalidate(queryClient, "listApiKeys");
            } catch (err) {
              setError(err as ApiError);
            } finally {
              setBusy(false);
            }
          }}
        >
          <div className="field">
            <label htmlFor="key-name">Name</label>
            <input
              id="key-name"
              type="text"
              value={name}
              maxLength={100}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? "key-name-error" : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="key-role">Role</label>
            <select id="key-role" value={newRole} onChange={(e) => setNewRole(e.target.value as Role)}>
              <option value="member">member</option>
              <option value="admin">admin</option>
            </select>
          </div>
          <button type="submit" className="btn primary" disabled={busy}>
            Create key
          </button>
        </form>
      ) : (
        <p className="hint">
          Only an admin key can create or revoke keys; this session uses a {role ?? "…"} key.
        </p>
      )}
      {nameError ? (
        <div className="field-error" id="key-name-error">
          {nameError}
        </div>
      ) : null}
      <ErrorBox error={error} title="The key was not created." />
      {created ? (
        <div className="alert ok" role="status" data-testid="new-key" style={{ marginTop: 12 }}>
          <p>
            <strong>Key “{created.api_key.name}” created.</strong> Copy it now: it is shown only this once and
            cannot be read again.
          </p>
          <p className="key-once" data-testid="new-key-value">
            {created.key}
          </p>
          <div className="actions">
            <CopyButton text={created.key} label="Copy key" />
            <button type="button" className="btn small" onClick={() => setCreated(null)}>
              I have stored it
            </button>
          </div>
        </div>
      ) : null}

      <h3 style={{ marginTop: 16 }}>Keys</h3>
      <ErrorBox error={keys.error} title="The keys could not be listed." />
      {keys.isPending ? <Loading what="Loading keys" /> : null}
      {keys.data ? (
        <div className="table-wrap">
          <table className="responsive" data-testid="api-keys">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Prefix</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.items.map((k) => {
                const own = k.id === currentKeyId;
                return (
                  <tr key={k.id} data-key-name={k.name}>
                    <td data-label="Name">
                      {k.name} {own ? <span className="badge info">this session</span> : null}
                    </td>
                    <td data-label="Prefix" className="mono">
                      {k.prefix}…
                    </td>
                    <td data-label="Role">{k.role}</td>
                    <td data-label="Created">
                      <TimeAgo iso={k.created_at} />
                    </td>
                    <td data-label="Last used">
                      <TimeAgo iso={k.last_used_at} empty="never" />
                    </td>
                    <td data-label="Status">
                      {k.revoked_at ? (
                        <StatusBadge status="failed" label="Revoked" />
                      ) : (
                        <StatusBadge status="completed" label="Active" />
                      )}
                    </td>
                    <td data-label="Actions">
                      {isAdmin && !k.revoked_at ? (
                        <ConfirmButton
                          label="Revoke"
                          ariaLabel={`Revoke ${k.name}`}
                          title={`Revoke the key “${k.name}”?`}
                          confirmLabel="Revoke key"
                          onConfirm={async () => {
                            await api.revokeApiKey({ params: { id: k.id } });
                            announce(`Key ${k.name} revoked.`);
                            // With this session's own key, the reload gets a 401 and signs out.
                            await invalidate(queryClient, "listApiKeys");
                          }}
                        >
                          <p>
                            Requests with a key starting <code>{k.prefix}</code> are refused from now on. This
                            cannot be undone.
                          </p>
                          {own ? (
                            <p className="alert warn">
                              This is the key this browser is signed in with: you will be signed out.
                            </p>
                          ) : null}
                        </ConfirmButton>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
