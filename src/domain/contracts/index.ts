/**
 * Data contracts: read (ODCS v3.1 or plain JSON Schema), lint with positions, compile once, check files
 * (JSON, NDJSON, CSV, Parquet; X12 through its own module) into drift events, and infer contracts from
 * sample files.
 */

export type { DriftEvent } from "../drift/drift-event.ts";
export { SourceReadError } from "../formats/byte-meter.ts";
export { COMPRESSIONS, type Compression } from "../formats/compression.ts";
export type { FileFormat } from "../formats/file-format.ts";
export { FILE_FORMATS, formatFromKey, isFileFormat } from "../formats/file-format.ts";
export { normalizeEncoding, TEXT_ENCODINGS, type TextEncoding } from "../formats/text-encoding.ts";
export { type CheckOptions, type CheckResult, checkFile, detectFormat } from "./check.ts";
export {
  type CheckNode,
  type CompiledContract,
  type CompiledSchema,
  ContractCompileError,
  compileContract,
} from "./contract.compile.ts";
export {
  analyzeContract,
  type ContractAnalysis,
  ContractInvalidError,
  type DocumentKind,
  lintContract,
  loadContract,
} from "./contract.load.ts";
export type {
  Contract,
  LogicalType,
  PropertyModel,
  QualityRule,
  SchemaModel,
} from "./contract.model.ts";
export type { LintIssue } from "./contract-text.ts";
export { contractToYaml, ENUM_MAX_VALUES, InferError, type InferOptions, inferContract } from "./infer.ts";
export { MAX_TRACKED_KEYS } from "./quality.engine.ts";
export { MAX_PROBLEMS_PER_RECORD } from "./record.walker.ts";
