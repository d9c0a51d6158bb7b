/**
 * The new-destination form's state, its preview and its request body. The path template is compiled and
 * previewed with the domain's own code (src/domain/path-template.ts), so the "resolves to" line and the
 * error naming an unknown variable appear as the user types, exactly as the server will judge them.
 */

import type { CreateDestination } from "../../../src/api/destinations.api.ts";
import {
  compileTemplate,
  PathTemplateError,
  previewTemplate,
  TEMPLATE_VARIABLE_DOCS,
  TEMPLATE_VARIABLES,
} from "../../../src/domain/path-template.ts";

export type CredentialKind = "aws_role" | "aws_static" | "aws_oidc";

export interface DestinationDraft {
  name: string;
  bucket: string;
  region: string;
  pathPrefix: string;
  format: "ndjson" | "csv" | "parquet";
  gzip: boolean;
  exportScanReports: boolean;
  kmsKeyArn: string;
  endpointUrl: string;
  credentialType: CredentialKind;
  accessKeyId: string;
  secretAccessKey: string;
  roleArn: string;
  externalId: string;
}

export const emptyDestination = (): DestinationDraft => ({
  name: "",
  bucket: "",
  region: "us-east-1",
  pathPrefix: "drift/{org}/{kind}/{full_date}/",
  format: "ndjson",
  gzip: false,
  exportScanReports: false,
  kmsKeyArn: "",
  endpointUrl: "",
  credentialType: "aws_role",
  accessKeyId: "",
  secretAccessKey: "",
  roleArn: "",
  externalId: "",
});

/** What the path prefix could resolve to now, or the problem with it (naming the variable or brace). */
export function previewPrefix(
  source: string,
  at: Date,
  org?: string,
): { preview: string; error: null } | { preview: null; error: string } {
  try {
    const template = compileTemplate(source.replace(/^\/+/, ""));
    return { preview: previewTemplate(template, at, org ? { org } : {}), error: null };
  } catch (err) {
    if (err instanceof PathTemplateError) return { preview: null, error: `${err.message} ${err.hint}` };
    throw err;
  }
}

export const VARIABLE_HELP = TEMPLATE_VARIABLES.filter((v) => v !== "source_key").map((v) => ({
  name: `{${v}}`,
  ...TEMPLATE_VARIABLE_DOCS[v],
}));

export function toDestinationBody(d: DestinationDraft): CreateDestination {
  const credentials: CreateDestination["credentials"] = { type: d.credentialType };
  if (d.credentialType !== "aws_oidc") {
    if (d.accessKeyId) credentials.access_key_id = d.accessKeyId.trim();
    if (d.secretAccessKey) credentials.secret_access_key = d.secretAccessKey.trim();
  }
  if (d.roleArn && d.credentialType !== "aws_static") credentials.role_arn = d.roleArn.trim();
  if (d.externalId && d.credentialType === "aws_role") credentials.external_id = d.externalId.trim();
  return {
    name: d.name.trim(),
    bucket: d.bucket.trim(),
    region: d.region.trim(),
    path_prefix: d.pathPrefix,
    format: d.format,
    gzip: d.format !== "parquet" && d.gzip,
    export_scan_reports: d.exportScanReports,
    ...(d.kmsKeyArn.trim() ? { kms_key_arn: d.kmsKeyArn.trim() } : {}),
    ...(d.endpointUrl.trim() ? { endpoint_url: d.endpointUrl.trim(), force_path_style: true } : {}),
    credentials,
  };
}
