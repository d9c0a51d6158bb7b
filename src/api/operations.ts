/** Every operation of the API by its operationId, and the shared schemas they reference by name. */
import { ApiKey, apiKeyOperations } from "./api-keys.api.ts";
import { CloudAccount, cloudAccountOperations } from "./cloud-accounts.api.ts";
import { ErrorBody } from "./common.api.ts";
import { Connection, connectionOperations } from "./connections.api.ts";
import { Contract, contractOperations } from "./contracts.api.ts";
import { Destination, destinationOperations } from "./destinations.api.ts";
import { DriftEvent, DriftEventRecord, eventOperations } from "./events.api.ts";
import { federationOperations, wellKnownOperations } from "./federation.api.ts";
import { policyOperations } from "./policies.api.ts";
import { PollRun, pollOperations, WatchedFile } from "./polls.api.ts";
import { StateSource, stateSourceOperations } from "./state-sources.api.ts";
import { systemOperations } from "./system.api.ts";

export const OPERATIONS = {
  ...systemOperations,
  ...wellKnownOperations,
  ...apiKeyOperations,
  ...contractOperations,
  ...connectionOperations,
  ...pollOperations,
  ...eventOperations,
  ...federationOperations,
  ...policyOperations,
  ...cloudAccountOperations,
  ...stateSourceOperations,
  ...destinationOperations,
};
export type Operations = typeof OPERATIONS;
export type OperationId = keyof Operations;

/** Schemas with a component name: registered once on the server, `$ref`ed by operations. */
export const NAMED_SCHEMAS = [
  ErrorBody,
  ApiKey,
  Contract,
  DriftEvent,
  DriftEventRecord,
  Connection,
  PollRun,
  WatchedFile,
  CloudAccount,
  StateSource,
  Destination,
] as const;

/** Where every `/api/v1` path starts. */
export const API_PREFIX = "/api/v1";
