/** Contracts: versioned ODCS documents, linted, tried against a file, inferred from a sample. */
import { type Static, Type } from "typebox";
import {
  CursorQuery,
  IdParams,
  ListOf,
  NullableString,
  named,
  PageOf,
  Timestamp,
  Uuid,
} from "./common.api.ts";
import { DriftEvent } from "./events.api.ts";
import { NOT_FOUND, operation, ref, STANDARD_ERRORS } from "./operation.ts";

export const DOCUMENT_LIMIT = 512 * 1024;
export const FILE_FORMATS = ["json", "ndjson", "csv", "parquet", "x12"] as const;

export const Contract = named(
  "Contract",
  Type.Object({
    id: Uuid,
    name: Type.String(),
    contract_key: Type.String({ description: "The document's own id (ODCS `id`), as drift events name it." }),
    version: Type.Integer({ description: "driftwatch's version number, +1 on every document change." }),
    odcs_version: Type.String({ description: "The document's own `version`." }),
    format: NullableString,
    document: Type.String(),
    created_at: Timestamp,
    updated_at: Timestamp,
    connections: Type.Integer({ description: "Connections that check files against this contract." }),
  }),
);
export type Contract = Static<typeof Contract>;

export const LintIssue = Type.Object({
  severity: Type.Union([Type.Literal("error"), Type.Literal("warning")]),
  message: Type.String(),
  line: Type.Integer(),
  column: Type.Integer(),
  path: Type.String(),
});
export type LintIssue = Static<typeof LintIssue>;

const contractName = Type.String({ minLength: 1, maxLength: 200, pattern: "\\S" });

export const CreateContract = Type.Object(
  {
    name: contractName,
    document: Type.String({
      minLength: 1,
      maxLength: DOCUMENT_LIMIT,
      description: "ODCS v3.1 (YAML or JSON) or a JSON Schema.",
    }),
  },
  { additionalProperties: false },
);
export type CreateContract = Static<typeof CreateContract>;

export const UpdateContract = Type.Object(
  {
    name: Type.Optional(contractName),
    document: Type.Optional(Type.String({ minLength: 1, maxLength: DOCUMENT_LIMIT })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateContract = Static<typeof UpdateContract>;

export const ContractVersion = Type.Object({
  version: Type.Integer(),
  odcs_version: Type.String(),
  contract_key: Type.String(),
  created_at: Timestamp,
});
export type ContractVersion = Static<typeof ContractVersion>;

export const ContractVersionDocument = Type.Object({
  version: Type.Integer(),
  odcs_version: Type.String(),
  contract_key: Type.String(),
  document: Type.String(),
  created_at: Timestamp,
});
export type ContractVersionDocument = Static<typeof ContractVersionDocument>;

export const FileQuery = Type.Object(
  {
    filename: Type.Optional(
      Type.String({ minLength: 1, maxLength: 1024, description: "Tells the format by its extension." }),
    ),
    format: Type.Optional(
      Type.Unsafe<(typeof FILE_FORMATS)[number]>({ type: "string", enum: [...FILE_FORMATS] }),
    ),
  },
  { additionalProperties: false },
);
export type FileQuery = Static<typeof FileQuery>;

export const CheckResult = Type.Object({
  format: NullableString,
  records: Type.Integer(),
  size: Type.Integer(),
  sha256: Type.String(),
  events: Type.Array(ref(DriftEvent)),
});
export type CheckResult = Static<typeof CheckResult>;

export const InferResult = Type.Object({ document: Type.String(), format: NullableString });
export type InferResult = Static<typeof InferResult>;

const tags = ["contracts"];
const inUse = { 409: "The name is taken, or (delete) connections still use the contract." } as const;
const tooLarge = {
  413: "The file is over the limit (DRIFTWATCH_CHECK_BODY_LIMIT_BYTES); the message names it.",
};

export const contractOperations = {
  createContract: operation({
    operationId: "createContract",
    method: "POST",
    path: "/api/v1/contracts",
    tags,
    summary: "Create a contract (linted first; a lint error is a 400 with line and column).",
    body: CreateContract,
    response: { 201: ref(Contract) },
    errors: { ...STANDARD_ERRORS, ...inUse },
  }),
  listContracts: operation({
    operationId: "listContracts",
    method: "GET",
    path: "/api/v1/contracts",
    tags,
    summary: "List contracts.",
    querystring: Type.Object(CursorQuery, { additionalProperties: false }),
    response: { 200: PageOf(ref(Contract)) },
    errors: STANDARD_ERRORS,
  }),
  lintContract: operation({
    operationId: "lintContract",
    method: "POST",
    path: "/api/v1/contracts/lint",
    tags,
    summary: "Lint a contract document without storing it.",
    body: Type.Object(
      { document: Type.String({ maxLength: DOCUMENT_LIMIT }) },
      { additionalProperties: false },
    ),
    response: { 200: Type.Object({ issues: Type.Array(LintIssue) }) },
    errors: STANDARD_ERRORS,
  }),
  getContract: operation({
    operationId: "getContract",
    method: "GET",
    path: "/api/v1/contracts/:id",
    tags,
    summary: "A contract with its current document.",
    params: IdParams,
    response: { 200: ref(Contract) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
  updateContract: operation({
    operationId: "updateContract",
    method: "PUT",
    path: "/api/v1/contracts/:id",
    tags,
    summary:
      "Update a contract; a changed document becomes a new version. Connections check new files against it.",
    params: IdParams,
    body: UpdateContract,
    response: { 200: ref(Contract) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND, ...inUse },
  }),
  deleteContract: operation({
    operationId: "deleteContract",
    method: "DELETE",
    path: "/api/v1/contracts/:id",
    tags,
    summary: "Delete a contract no connection uses.",
    params: IdParams,
    response: { 204: Type.Null({ description: "Deleted." }) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND, ...inUse },
  }),
  listContractVersions: operation({
    operationId: "listContractVersions",
    method: "GET",
    path: "/api/v1/contracts/:id/versions",
    tags,
    summary: "Versions of a contract, newest first.",
    params: IdParams,
    response: { 200: ListOf(ContractVersion) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
  getContractVersion: operation({
    operationId: "getContractVersion",
    method: "GET",
    path: "/api/v1/contracts/:id/versions/:version",
    tags,
    summary: "One version of a contract, with its document.",
    params: Type.Object({ id: Uuid, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
    response: { 200: ContractVersionDocument },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
  checkFile: operation({
    operationId: "checkFile",
    method: "POST",
    path: "/api/v1/contracts/:id/check",
    tags,
    summary:
      "Check a file (the request body, any content type) against the contract; returns its drift events, stores nothing.",
    params: IdParams,
    querystring: FileQuery,
    rawBody: true,
    response: { 200: CheckResult },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND, ...tooLarge },
  }),
  inferContract: operation({
    operationId: "inferContract",
    method: "POST",
    path: "/api/v1/contracts/infer",
    tags,
    summary: "Infer an ODCS contract (YAML) from a sample file (the request body).",
    querystring: FileQuery,
    rawBody: true,
    response: { 200: InferResult },
    errors: {
      ...STANDARD_ERRORS,
      ...tooLarge,
      422: "Nothing could be inferred: the sample does not parse in the format named or implied.",
    },
  }),
};
