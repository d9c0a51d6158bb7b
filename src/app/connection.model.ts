import type { CredentialSpec, PublicCredentialView } from "../infra/aws/credentials.ts";

/** A connection as stored (one row of `connections`). */
export interface ConnectionRow {
  id: string;
  org_id: string;
  name: string;
  provider: "aws_s3";
  region: string;
  bucket: string;
  prefix: string;
  file_pattern: string;
  contract_id: string | null;
  poll_interval_minutes: number;
  endpoint_url: string | null;
  force_path_style: boolean;
  backfill: boolean;
  paused: boolean;
  credentials_type: CredentialSpec["type"];
  credentials_public: PublicCredentialView;
  credentials_secret_id: string;
  watch_since: Date;
  watermark: Date | null;
  health: Health;
  last_error: LastError | null;
  consecutive_failures: number;
  last_poll_at: Date | null;
  last_success_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export type Health = "healthy" | "warning" | "critical" | "unknown";

/** A failure kept on a connection (or a poll run, or a file) so the user sees what went wrong and the fix. */
export interface LastError {
  code: string;
  aws_code: string | null;
  message: string;
  hint: string;
  at: string;
}

export interface ConnectionView {
  id: string;
  name: string;
  provider: "aws_s3";
  region: string;
  bucket: string;
  prefix: string;
  file_pattern: string;
  contract_id: string | null;
  contract_name: string | null;
  poll_interval_minutes: number;
  endpoint_url: string | null;
  force_path_style: boolean;
  backfill: boolean;
  paused: boolean;
  credentials: PublicCredentialView;
  health: Health;
  last_error: LastError | null;
  last_poll_at: string | null;
  last_success_at: string | null;
  next_poll_at: string | null;
  open_events: number;
  created_at: string;
  updated_at: string;
}

export interface ConnectionInput {
  name: string;
  provider: "aws_s3";
  region: string;
  bucket: string;
  prefix?: string;
  file_pattern?: string;
  contract_id?: string | null;
  poll_interval_minutes?: number;
  endpoint_url?: string | null;
  force_path_style?: boolean;
  backfill?: boolean;
  credentials: CredentialInput;
}

/** Credentials as sent: the `type` decides which fields are read. */
export interface CredentialInput {
  type: string;
  access_key_id?: string;
  secret_access_key?: string;
  session_token?: string;
  role_arn?: string;
  external_id?: string;
  region?: string;
}

export type ConnectionPatch = Partial<Omit<ConnectionInput, "provider">>;
