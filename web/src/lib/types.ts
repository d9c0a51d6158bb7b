/**
 * Shapes of the driftwatch HTTP API (/api/v1) as the UI reads them: the server's own definitions
 * (TypeBox schemas in src/api), re-exported, so the UI cannot drift from what the server sends.
 */
import type { Static } from "typebox";
import type { ErrorBody } from "../../../src/api/common.api.ts";

export type { ApiKey, CreatedApiKey, Org, Role } from "../../../src/api/api-keys.api.ts";
export type {
  Connection,
  CreateConnection,
  CredentialsInput,
  CredentialType,
  Health,
  LastError,
  UpdateConnection,
} from "../../../src/api/connections.api.ts";
export type {
  CheckResult,
  Contract,
  ContractVersion,
  ContractVersionDocument,
  LintIssue,
} from "../../../src/api/contracts.api.ts";
export type {
  DriftEvent,
  DriftEventRecord,
  EventFilter,
  EventStatus,
  SummaryDay,
} from "../../../src/api/events.api.ts";
export type { FederationInfo } from "../../../src/api/federation.api.ts";
export type {
  FileStatus,
  PollCounts,
  PollRun,
  PollRunStatus,
  WatchedFile,
} from "../../../src/api/polls.api.ts";
// The event taxonomy is the domain's own (one list for the API, the CLI and the UI).
export { DRIFT_EVENT_TYPES, SEVERITIES, type Severity } from "../../../src/domain/drift/drift-event.ts";

export type ApiErrorBody = Static<typeof ErrorBody>;

/** A cursor-paged list. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}
