import type {
  Health as ApiHealth,
  LastError as ApiLastError,
  Connection,
  CreateConnection,
  CredentialsInput,
  UpdateConnection,
} from "../api/connections.api.ts";
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

export type Health = ApiHealth;

/** A failure kept on a connection (or a poll run, or a file) so the user sees what went wrong and the fix. */
export type LastError = ApiLastError;

/** A connection as the API shows it (the one definition is the schema in src/api). */
export type ConnectionView = Connection;

export type ConnectionInput = CreateConnection;

/** Credentials as sent: the `type` decides which fields are read. */
export type CredentialInput = CredentialsInput;

export type ConnectionPatch = UpdateConnection;
