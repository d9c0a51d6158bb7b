/**
 * The New Connection form as data: its fields, the checks run as the user types (the same rules AWS
 * applies, so a mistake shows before the server is asked), the request body it becomes, and where the
 * server's validation errors land. Pure: unit-tested under test/browser/.
 */
import type { CreateConnection, CredentialType } from "./types.ts";

export interface ConnectionDraft {
  name: string;
  credentialType: CredentialType;
  accessKeyId: string;
  secretAccessKey: string;
  roleArn: string;
  externalId: string;
  /** OIDC only: the region STS is dialled in (optional). */
  stsRegion: string;
  region: string;
  bucket: string;
  prefix: string;
  filePattern: string;
  contractId: string;
  pollInterval: string;
  endpointUrl: string;
  forcePathStyle: boolean;
  backfill: boolean;
}

export function emptyDraft(externalId = ""): ConnectionDraft {
  return {
    name: "",
    credentialType: "aws_static",
    accessKeyId: "",
    secretAccessKey: "",
    roleArn: "",
    externalId,
    stsRegion: "",
    region: "us-east-1",
    bucket: "",
    prefix: "",
    filePattern: "*",
    contractId: "",
    pollInterval: "60",
    endpointUrl: "",
    forcePathStyle: false,
    backfill: false,
  };
}

/** API field names (as in 400 `details[].field` without `body.`, and 422 `details.field`). */
export type FieldName =
  | "name"
  | "credentials"
  | "credentials.type"
  | "credentials.access_key_id"
  | "credentials.secret_access_key"
  | "credentials.role_arn"
  | "credentials.external_id"
  | "credentials.region"
  | "region"
  | "bucket"
  | "prefix"
  | "file_pattern"
  | "contract_id"
  | "poll_interval_minutes"
  | "endpoint_url"
  | "force_path_style"
  | "backfill";

export const FIELD_NAMES: readonly FieldName[] = [
  "name",
  "credentials",
  "credentials.type",
  "credentials.access_key_id",
  "credentials.secret_access_key",
  "credentials.role_arn",
  "credentials.external_id",
  "credentials.region",
  "region",
  "bucket",
  "prefix",
  "file_pattern",
  "contract_id",
  "poll_interval_minutes",
  "endpoint_url",
  "force_path_style",
  "backfill",
];

export type FieldErrors = Partial<Record<FieldName, string>>;

export const MIN_INTERVAL = 1;
export const MAX_INTERVAL = 10080;

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const OTHER_REGION = /^[a-z0-9][a-z0-9-]{0,62}$/;
const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const AWS_ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;

/** Why `name` is not a valid S3 bucket name, or null when it is. */
export function bucketProblem(name: string): string | null {
  if (name === "") return "Enter the bucket name.";
  if (name.length < 3 || name.length > 63) return "A bucket name has 3 to 63 characters.";
  if (/[A-Z]/.test(name)) return "A bucket name has no capital letters.";
  if (!/^[a-z0-9.-]+$/.test(name)) {
    return "A bucket name has only lowercase letters, digits, dots (.) and hyphens (-).";
  }
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) {
    return "A bucket name begins and ends with a letter or a digit.";
  }
  if (name.includes("..")) return "A bucket name has no two dots in a row.";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "A bucket name is not an IP address.";
  for (const p of ["xn--", "sthree-", "amzn-s3-demo-"]) {
    if (name.startsWith(p)) return `A bucket name does not begin with "${p}" (reserved by AWS).`;
  }
  for (const s of ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]) {
    if (name.endsWith(s)) return `A bucket name does not end with "${s}" (reserved by AWS).`;
  }
  return null;
}

export function regionProblem(region: string, s3Compatible: boolean): string | null {
  if (region === "") return "Enter the region the bucket is in, e.g. us-east-1.";
  if (s3Compatible) {
    return OTHER_REGION.test(region) ? null : "A region is lowercase letters, digits and hyphens.";
  }
  return AWS_REGION.test(region)
    ? null
    : `"${region}" is not an AWS region code; it looks like us-east-1 or eu-west-3.`;
}

export function roleArnProblem(arn: string): string | null {
  if (arn === "") return "Enter the ARN of the role to assume.";
  if (!ROLE_ARN.test(arn)) {
    return "A role ARN looks like arn:aws:iam::123456789012:role/driftwatch-reader (12-digit account id).";
  }
  return null;
}

/** The 12-digit account id in a role ARN, or null. */
export function accountIdOfArn(arn: string): string | null {
  return ROLE_ARN.exec(arn)?.[2] ?? null;
}

export function intervalProblem(text: string): string | null {
  if (text.trim() === "") return "Enter how often to poll, in minutes.";
  const n = Number(text);
  if (!Number.isInteger(n)) return "The poll interval is a whole number of minutes.";
  if (n < MIN_INTERVAL || n > MAX_INTERVAL) {
    return `The poll interval is between ${MIN_INTERVAL} minute and ${MAX_INTERVAL} minutes (7 days).`;
  }
  return null;
}

export function endpointProblem(url: string): string | null {
  if (url === "") return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "Enter a full URL, e.g. https://minio.example.com:9000.";
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    return "The endpoint URL uses http or https.";
  if (parsed.username || parsed.password) return "Leave credentials out of the URL; use the key fields.";
  return null;
}

/** Every problem of the draft, keyed by API field name; empty when the draft can be sent. */
export function validateDraft(d: ConnectionDraft): FieldErrors {
  const errors: FieldErrors = {};
  const s3Compatible = d.endpointUrl.trim() !== "";
  const name = d.name.trim();
  if (name === "") errors.name = "Give the connection a name, e.g. Partner orders.";
  else if (name.length > 200) errors.name = "A name has at most 200 characters.";

  if (d.credentialType !== "aws_oidc") {
    const id = d.accessKeyId.trim();
    if (id === "") errors["credentials.access_key_id"] = "Enter the access key id.";
    else if (!s3Compatible && !AWS_ACCESS_KEY_ID.test(id)) {
      errors["credentials.access_key_id"] =
        "An AWS access key id is 16 or more capital letters and digits, e.g. AKIA followed by 16 characters.";
    }
    if (d.secretAccessKey === "") errors["credentials.secret_access_key"] = "Enter the secret access key.";
    else if (d.secretAccessKey !== d.secretAccessKey.trim()) {
      errors["credentials.secret_access_key"] = "The secret has spaces at its start or end; remove them.";
    }
  }
  if (d.credentialType !== "aws_static") {
    const p = roleArnProblem(d.roleArn.trim());
    if (p) errors["credentials.role_arn"] = p;
  }
  if (d.credentialType === "aws_role" && d.externalId !== "" && !EXTERNAL_ID.test(d.externalId)) {
    errors["credentials.external_id"] =
      "An external id has 2 to 1224 letters, digits or the characters +=,.@:/-_ (no spaces).";
  }
  if (d.credentialType === "aws_oidc" && d.stsRegion.trim() !== "") {
    const p = regionProblem(d.stsRegion.trim(), false);
    if (p) errors["credentials.region"] = p;
  }

  const region = regionProblem(d.region.trim(), s3Compatible);
  if (region) errors.region = region;
  const bucket = bucketProblem(d.bucket.trim());
  if (bucket) errors.bucket = bucket;
  if (d.prefix.startsWith("/")) errors.prefix = "S3 keys do not begin with /; write incoming/orders/.";
  else if (d.prefix.length > 1024) errors.prefix = "A prefix has at most 1024 characters.";
  const pattern = d.filePattern.trim();
  if (pattern === "") errors.file_pattern = "Enter a file pattern; * takes every file.";
  else if (pattern.startsWith("/"))
    errors.file_pattern = "The pattern is relative to the prefix; drop the /.";
  const interval = intervalProblem(d.pollInterval);
  if (interval) errors.poll_interval_minutes = interval;
  const endpoint = endpointProblem(d.endpointUrl.trim());
  if (endpoint) errors.endpoint_url = endpoint;
  return errors;
}

/** Advice that is not an error (the form still sends). */
export function draftWarnings(d: ConnectionDraft): FieldErrors {
  const w: FieldErrors = {};
  if (d.prefix !== "" && !d.prefix.endsWith("/")) {
    w.prefix = `Without a trailing / this also matches keys like ${d.prefix}-old/…; write ${d.prefix}/ for a folder.`;
  }
  return w;
}

/** The body of POST /connections (the API's own definition). */
export type CreateConnectionBody = CreateConnection;

export function toRequestBody(d: ConnectionDraft): CreateConnectionBody {
  let credentials: CreateConnectionBody["credentials"];
  if (d.credentialType === "aws_oidc") {
    credentials = {
      type: "aws_oidc",
      role_arn: d.roleArn.trim(),
      ...(d.stsRegion.trim() ? { region: d.stsRegion.trim() } : {}),
    };
  } else if (d.credentialType === "aws_role") {
    credentials = {
      type: "aws_role",
      access_key_id: d.accessKeyId.trim(),
      secret_access_key: d.secretAccessKey,
      role_arn: d.roleArn.trim(),
      ...(d.externalId ? { external_id: d.externalId } : {}),
    };
  } else {
    credentials = {
      type: "aws_static",
      access_key_id: d.accessKeyId.trim(),
      secret_access_key: d.secretAccessKey,
    };
  }
  const endpoint = d.endpointUrl.trim();
  return {
    name: d.name.trim(),
    provider: "aws_s3",
    region: d.region.trim(),
    bucket: d.bucket.trim(),
    prefix: d.prefix,
    file_pattern: d.filePattern.trim(),
    ...(d.contractId ? { contract_id: d.contractId } : {}),
    poll_interval_minutes: Number(d.pollInterval),
    ...(endpoint ? { endpoint_url: endpoint } : {}),
    force_path_style: d.forcePathStyle,
    backfill: d.backfill,
    credentials,
  };
}

/**
 * The form field a server error concerns: `body.credentials.secret_access_key`, `/credentials/region` or
 * `credentials.secret_access_key` → `credentials.secret_access_key`; a field the form does not have falls
 * back to its nearest known parent (or null).
 */
export function fieldOf(serverField: string | undefined | null): FieldName | null {
  if (!serverField) return null;
  let f = serverField.trim();
  f = f
    .replace(/^\/?body[./]/, "")
    .replace(/^\//, "")
    .replace(/\//g, ".");
  const parts = f.split(".");
  while (parts.length > 0) {
    const candidate = parts.join(".");
    if ((FIELD_NAMES as readonly string[]).includes(candidate)) return candidate as FieldName;
    parts.pop();
  }
  return null;
}

/**
 * Server problems by field, from a 400 (`details: [{ field, problem }]`) or a 422 (`details: { field }`,
 * the message and hint being the error's own). Problems that name no known field are returned apart.
 */
export function serverFieldErrors(
  status: number,
  message: string,
  hint: string | undefined,
  details: unknown,
): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  const add = (field: string | undefined, text: string) => {
    const f = fieldOf(field);
    if (f) fields[f] = fields[f] ? `${fields[f]} ${text}` : text;
    else other.push(text);
  };
  if (Array.isArray(details)) {
    for (const d of details as { field?: string; problem?: string; message?: string }[]) {
      add(d.field, d.problem ?? d.message ?? message);
    }
  } else if (details && typeof details === "object" && "field" in details) {
    add((details as { field?: string }).field, hint ? `${message} ${hint}` : message);
  } else if (status >= 400) {
    other.push(hint ? `${message} ${hint}` : message);
  }
  return { fields, other };
}
