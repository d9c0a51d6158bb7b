/**
 * Editing a saved connection, as data: the form prefilled from the API's view (credentials are never
 * returned, so they are kept unless the user chooses to replace them), the checks that apply, the PATCH
 * body of only what changed, what saving will do, and where the server's errors land. Pure: unit-tested
 * under test/browser/.
 */
import {
  type ConnectionDraft,
  emptyDraft,
  type FieldErrors,
  type FieldName,
  serverFieldErrors,
  toRequestBody,
  validateDraft,
} from "./connection-draft.ts";
import { formatInterval } from "./format.ts";
import type { Connection, UpdateConnection } from "./types.ts";

/** Keep the sealed credentials as they are, or replace them whole with new ones. */
export type CredentialMode = "keep" | "replace";

/** The body of PATCH /connections/:id: only what changed. */
export type ConnectionPatch = UpdateConnection;

/**
 * The form as the connection stands. The secret and the access key id are never returned, so they start
 * empty; the role ARN and external id are not secret (the API shows them) and are kept for a replacement.
 */
export function draftFromConnection(c: Connection): ConnectionDraft {
  return {
    ...emptyDraft(c.credentials.external_id ?? ""),
    name: c.name,
    credentialType: c.credentials.type,
    roleArn: c.credentials.role_arn ?? "",
    region: c.region,
    bucket: c.bucket,
    prefix: c.prefix,
    filePattern: c.file_pattern,
    contractId: c.contract_id ?? "",
    pollInterval: String(c.poll_interval_minutes),
    endpointUrl: c.endpoint_url ?? "",
    forcePathStyle: c.force_path_style,
    backfill: c.backfill,
  };
}

const isCredentialField = (f: string) => f === "credentials" || f.startsWith("credentials.");

/** The draft's problems; the credential fields count only when they are being replaced. */
export function validateEdit(d: ConnectionDraft, mode: CredentialMode): FieldErrors {
  const errors = validateDraft(d);
  if (mode === "keep") {
    for (const f of Object.keys(errors) as FieldName[]) if (isCredentialField(f)) delete errors[f];
  }
  return errors;
}

/** The PATCH body: only the fields that differ from the connection (and the whole credential if replaced). */
export function toPatchBody(c: Connection, d: ConnectionDraft, mode: CredentialMode): ConnectionPatch {
  const next = toRequestBody(d);
  const patch: ConnectionPatch = {};
  if (next.name !== c.name) patch.name = next.name;
  if (next.region !== c.region) patch.region = next.region;
  if (next.bucket !== c.bucket) patch.bucket = next.bucket;
  if (next.prefix !== c.prefix) patch.prefix = next.prefix;
  if (next.file_pattern !== c.file_pattern) patch.file_pattern = next.file_pattern;
  const contract = next.contract_id ?? null;
  if (contract !== c.contract_id) patch.contract_id = contract;
  // (an interval that is not a whole number is the form's error to show, not a change)
  const interval = next.poll_interval_minutes;
  if (Number.isInteger(interval) && interval !== c.poll_interval_minutes)
    patch.poll_interval_minutes = interval;
  const endpoint = next.endpoint_url ?? null;
  if (endpoint !== c.endpoint_url) patch.endpoint_url = endpoint;
  if (next.force_path_style !== c.force_path_style) patch.force_path_style = next.force_path_style;
  if (next.backfill !== c.backfill) patch.backfill = next.backfill;
  if (mode === "replace") patch.credentials = next.credentials;
  return patch;
}

/** Whether the server lists the store with the new settings before saving (it does for these fields). */
export function rechecksStore(p: ConnectionPatch): boolean {
  return (
    p.credentials !== undefined ||
    p.bucket !== undefined ||
    p.region !== undefined ||
    p.endpoint_url !== undefined ||
    p.force_path_style !== undefined ||
    p.prefix !== undefined ||
    p.file_pattern !== undefined
  );
}

/** Whether which files count as new is worked out again (a new bucket, prefix or pattern, or backfill on). */
export function rescopes(p: ConnectionPatch): boolean {
  return (
    p.bucket !== undefined || p.prefix !== undefined || p.file_pattern !== undefined || p.backfill === true
  );
}

const shown = (v: string) => (v === "" ? "(none)" : v);

/**
 * One line per change, as the user reads it before saving ("File pattern: *.json → *.csv"). Secrets are
 * never echoed: a replaced credential is described by its type and the key id's last four characters.
 */
export function describeChanges(
  c: Connection,
  p: ConnectionPatch,
  contractName: (id: string | null) => string,
): string[] {
  const lines: string[] = [];
  const change = (label: string, from: string, to: string) => lines.push(`${label}: ${from} → ${to}`);
  if (p.name !== undefined) change("Name", c.name, p.name);
  if (p.region !== undefined) change("Region", c.region, p.region);
  if (p.bucket !== undefined) change("Bucket", c.bucket, p.bucket);
  if (p.prefix !== undefined) change("Prefix", shown(c.prefix), shown(p.prefix));
  if (p.file_pattern !== undefined) change("File pattern", c.file_pattern, p.file_pattern);
  if (p.contract_id !== undefined) {
    change("Contract", contractName(c.contract_id), contractName(p.contract_id));
  }
  if (p.poll_interval_minutes !== undefined) {
    change("Poll interval", formatInterval(c.poll_interval_minutes), formatInterval(p.poll_interval_minutes));
  }
  if (p.endpoint_url !== undefined) {
    change("Endpoint URL", c.endpoint_url ?? "(AWS)", p.endpoint_url ?? "(AWS)");
  }
  if (p.force_path_style !== undefined) {
    change("Path-style addressing", c.force_path_style ? "on" : "off", p.force_path_style ? "on" : "off");
  }
  if (p.backfill !== undefined) change("Backfill", c.backfill ? "on" : "off", p.backfill ? "on" : "off");
  if (p.credentials) {
    const key = p.credentials.access_key_id ? ` (key …${p.credentials.access_key_id.slice(-4)})` : "";
    lines.push(`Credentials: replaced by new ${CREDENTIAL_NAMES[p.credentials.type]} credentials${key}`);
  }
  return lines;
}

export const CREDENTIAL_LABELS: Record<string, string> = {
  aws_static: "Access key",
  aws_role: "Access key + assume role",
  aws_oidc: "OIDC federation",
};

const CREDENTIAL_NAMES: Record<string, string> = {
  aws_static: "access key",
  aws_role: "access key + assume role",
  aws_oidc: "OIDC federation",
};

/**
 * Server problems by form field (see serverFieldErrors), placed where the form shows them: with the
 * credentials kept, their fields are not on screen, so a problem with a stored credential lands on the
 * credentials choice; a name already taken (a 409 naming no field) lands on the name.
 */
export function placeServerErrors(
  error: { status: number; code: string; message: string; hint?: string | undefined; details?: unknown },
  mode: CredentialMode,
): { fields: FieldErrors; other: string[] } {
  const { fields, other } = serverFieldErrors(error.status, error.message, error.hint, error.details);
  if (error.code === "connection.name_taken" && !fields.name) {
    fields.name = error.hint ? `${error.message} ${error.hint}` : error.message;
    return { fields, other: other.filter((o) => o !== fields.name) };
  }
  if (mode === "keep") {
    for (const f of Object.keys(fields) as FieldName[]) {
      if (f === "credentials" || !isCredentialField(f)) continue;
      const text = `The current credentials were refused: ${fields[f]}`;
      fields.credentials = fields.credentials ? `${fields.credentials} ${text}` : text;
      delete fields[f];
    }
  }
  return { fields, other };
}
