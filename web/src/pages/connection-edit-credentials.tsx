/**
 * The credentials of the edit form: the API never returns them, so the default is to keep them as they are;
 * replacing them (a key rotation, another role) asks for the whole new credential.
 */
import { CREDENTIAL_LABELS, type CredentialMode } from "../lib/connection-edit.ts";
import type { Connection } from "../lib/types.ts";
import { CredentialFields, type FormKit } from "./connection-form-parts.tsx";

/** Element id of a credential mode's radio button. */
export const modeId = (mode: CredentialMode) => `conn-cred-${mode}`;

/** What the connection uses now, as the API shows it (never the secret). */
export function currentCredentials(c: Connection): string {
  const cr = c.credentials;
  return [
    CREDENTIAL_LABELS[cr.type] ?? cr.type,
    cr.access_key_id_suffix ? `key …${cr.access_key_id_suffix}` : "",
    cr.role_arn ? `role ${cr.role_arn}` : "",
    `fingerprint ${cr.fingerprint}`,
  ]
    .filter(Boolean)
    .join(" · ");
}

export function CredentialChoice({
  kit,
  connection,
  mode,
  onMode,
}: {
  kit: FormKit;
  connection: Connection;
  mode: CredentialMode;
  onMode: (mode: CredentialMode) => void;
}) {
  // With the credentials kept, a problem with the stored ones (the server's) shows on this choice.
  const error = mode === "keep" ? kit.errorOf("credentials") : undefined;
  const choices: { mode: CredentialMode; label: string; hint: string }[] = [
    {
      mode: "keep",
      label: "Keep the current credentials",
      hint: "They stay sealed as they are; nothing about them changes.",
    },
    {
      mode: "replace",
      label: "Replace the credentials",
      hint: "Rotate the key or use another identity. driftwatch lists the bucket with the new credentials before saving; the old ones are then deleted.",
    },
  ];
  return (
    <fieldset aria-describedby="conn-cred-current" data-testid="credential-choice">
      <legend>Credentials</legend>
      <p className="hint" id="conn-cred-current" data-testid="current-credentials" style={{ marginTop: 0 }}>
        Now: {currentCredentials(connection)}
      </p>
      <div className="choices">
        {choices.map((ch) => (
          <div className="choice" key={ch.mode}>
            <input
              type="radio"
              id={modeId(ch.mode)}
              name="credential-mode"
              value={ch.mode}
              checked={mode === ch.mode}
              onChange={() => onMode(ch.mode)}
              aria-describedby={
                `${modeId(ch.mode)}-hint` + (error && mode === ch.mode ? " conn-credentials-error" : "")
              }
              aria-invalid={error && mode === ch.mode ? true : undefined}
            />
            <div>
              <label htmlFor={modeId(ch.mode)}>
                <strong>{ch.label}</strong>
              </label>
              <div className="hint" id={`${modeId(ch.mode)}-hint`} style={{ marginTop: 0 }}>
                {ch.hint}
              </div>
            </div>
          </div>
        ))}
      </div>
      {error ? (
        <div className="field-error" id="conn-credentials-error" data-testid="error-conn-credentials">
          {error}
        </div>
      ) : null}
      {mode === "replace" ? (
        <div style={{ marginTop: 12 }}>
          <CredentialFields kit={kit} legend="New credentials" />
        </div>
      ) : null}
    </fieldset>
  );
}
