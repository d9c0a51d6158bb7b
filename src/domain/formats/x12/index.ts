/**
 * X12 EDI: streaming tokenizer, envelope checks and implementation-guide checks.
 * `checkX12` is what the file-check dispatcher calls for contracts with `customProperties.x12Guide`.
 */
import { findGuide, listGuides } from "./guides/registry.ts";

export type { ElementIssue, Ik4Code } from "./element.check.ts";
export { X12GuideError } from "./element.check.ts";
export type {
  CompositeDef,
  ElementDef,
  ElementType,
  GuideTable,
  LoopUse,
  SegmentSpec,
  SegmentUse,
  StructureNode,
  TransactionSetGuide,
  Usage,
} from "./guide.model.ts";
export { UNBOUNDED, withNode } from "./guide.model.ts";
export { GUIDE_850_004010 } from "./guides/850-004010.guide.ts";
export type { Ik3Code } from "./segment-matcher.ts";
export type { CheckX12Options, CheckX12Result, CheckX12Stats } from "./x12.check.ts";
export { checkX12, checkX12Against, X12UnknownGuideError } from "./x12.check.ts";
export type { X12Delimiters, X12Segment, X12SyntaxCode, X12TokenizerOptions } from "./x12-tokenizer.ts";
export { tokenizeX12, X12SyntaxError, X12Tokenizer } from "./x12-tokenizer.ts";

/** Ids of the shipped implementation guides, e.g. ["004010/850"]. */
export function listX12Guides(): string[] {
  return listGuides();
}

export function hasX12Guide(id: string): boolean {
  return findGuide(id) !== undefined;
}
