/** Shapes of the driftwatch HTTP API (/api/v1) as the UI reads them. */
import type { Severity } from "../../../src/domain/drift/drift-event.ts";

export interface ApiErrorBody {
  error: { code: string; message: string; hint?: string; details?: unknown };
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface Org {
  id: string;
  name: string;
  external_id: string;
  created_at: string;
  api_key: { id: string; role: string };
}

export type Role = "admin" | "member";

export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export type Health = "healthy" | "warning" | "critical" | "unknown";
export type CredentialType = "aws_static" | "aws_role" | "aws_oidc";

export interface ErrorInfo {
  code: string;
  aws_code?: string | null;
  message: string;
  hint?: string | null;
  at?: string;
}

export interface Connection {
  id: string;
  name: string;
  provider: string;
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
  credentials: {
    type: CredentialType;
    fingerprint: string;
    access_key_id_suffix?: string;
    role_arn?: string;
    external_id?: string;
  };
  health: Health;
  last_error: ErrorInfo | null;
  last_poll_at: string | null;
  last_success_at: string | null;
  next_poll_at: string | null;
  open_events: number;
  created_at: string;
  updated_at: string;
}

export interface PollCounts {
  listed: number;
  matched: number;
  new: number;
  processed: number;
  duplicate: number;
  failed: number;
  too_large: number;
  skipped: number;
  events: number;
}

export type PollStatus = "queued" | "running" | "completed" | "failed";

export interface PollRun {
  id: string;
  connection_id: string;
  status: PollStatus;
  trigger: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  counts: Partial<PollCounts>;
  more_pending: boolean;
  error: ErrorInfo | null;
}

export type FileStatus = "processed" | "duplicate" | "failed" | "too_large" | "pending" | "skipped";

export interface WatchedFile {
  id: string;
  key: string;
  etag: string;
  size: number;
  last_modified: string;
  sha256: string | null;
  status: FileStatus;
  format?: string | null;
  records?: number | null;
  next_attempt_at?: string | null;
  events: number;
  attempts: number;
  error: Partial<ErrorInfo> | null;
  processed_at: string | null;
  duplicate_of_key?: string | null;
}

// The event taxonomy is the domain's own (one list for the API, the CLI and the UI).
export { DRIFT_EVENT_TYPES, SEVERITIES, type Severity } from "../../../src/domain/drift/drift-event.ts";

/** A drift event as `check` returns it (nothing stored). */
export interface DriftEvent {
  type: string;
  severity: Severity;
  path: string;
  rule: string;
  expected: string;
  actual: string;
  count: number;
  percent: number | null;
  samples: { record: number; value: unknown }[];
  file?: { key: string; sha256: string; size: number };
  contract?: { id: string; version: string | number };
  detail?: Record<string, unknown>;
}

export type EventStatus = "open" | "acknowledged";

/** A stored drift event. */
export interface DriftEventRecord extends DriftEvent {
  id: string;
  connection_id: string | null;
  connection_name: string | null;
  file_id: string | null;
  status: EventStatus;
  created_at: string;
  acknowledged_at: string | null;
  file: { key: string; sha256: string; size: number };
}

export interface SummaryDay {
  date: string;
  info: number;
  warning: number;
  error: number;
  critical: number;
}

export interface LintIssue {
  severity: string;
  message: string;
  line?: number | null;
  column?: number | null;
  path?: string | null;
}

export interface ContractSummary {
  id: string;
  name: string;
  contract_key: string;
  version: number;
  /** The document's own `version` field (e.g. 1.2.0), despite the name. */
  odcs_version: string | null;
  format: string | null;
  created_at: string;
  updated_at: string;
  connections: number;
}

export interface Contract extends ContractSummary {
  document: string;
}

export interface ContractVersion {
  version: number;
  odcs_version: string | null;
  created_at: string;
  document?: string;
}

export interface CheckResult {
  format: string;
  records: number;
  size: number;
  sha256: string;
  events: DriftEvent[];
}

export interface FederationInfo {
  issuer: string;
  audience: string;
  subject: string;
  provider_name?: string;
  discovery_url?: string;
  jwks_uri?: string;
  claims: Record<string, unknown>;
  condition_keys?: Record<string, string>;
  /** With account_id. (The plan called it provider_arn; the server sends oidc_provider_arn.) */
  oidc_provider_arn?: string;
  provider_arn?: string;
  trust_policy?: unknown;
  notes?: string[];
  warnings?: string[];
  commands?: Record<string, string>;
}
