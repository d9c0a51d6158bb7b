/**
 * The Terraform drift engine (pure: no I/O). The app layer reads states and discovers live resources, then:
 *   const state = parseTerraformState(bytes, "tfstate+s3://bucket/key");   // TerraformStateError on failure
 *   const findings = buildFindings({ live, states: [state], ignore: parseDriftIgnore(text), unknownTypes });
 *   const report = buildReport({ findings, states: [state], live, status, scanErrors, date });
 * `stateLookups(states)` lists the Cloud Control reads for types Resource Explorer does not list;
 * `workspaceStateKey` names a workspace's state object; `assertStateSize` refuses a state by its length.
 */
export type { Change } from "./compare.ts";
export {
  type IgnoreRule,
  type IgnoreRules,
  isChangeIgnored,
  isResourceIgnored,
  NO_IGNORE_RULES,
  parseDriftIgnore,
} from "./driftignore.ts";
export {
  buildFindings,
  type ChangedItem,
  type DriftFindings,
  type DriftInput,
  type ManagedItem,
  type NotJudgedItem,
  type NotJudgedReason,
  type StateItem,
  type StateLookup,
  stateLookups,
  type UnmanagedItem,
} from "./findings.ts";
export { ALL_MAPPINGS, mappingFor, terraformTypeOf } from "./mapping.ts";
export {
  buildReport,
  type DriftReport,
  type ReportInput,
  type ReportResource,
  type ScanStatus,
} from "./report.ts";
export type { ProviderRef, StateResource, TerraformState } from "./state.model.ts";
export {
  assertStateSize,
  MAX_STATE_BYTES,
  parseTerraformState,
  stateFromJson,
  TerraformStateError,
  type TerraformStateErrorCode,
  workspaceStateKey,
} from "./state.parse.ts";
