/**
 * checkX12: a byte stream and an implementation guide in, aggregated drift events out.
 * Input that is not X12 (no ISA, a malformed ISA, a truncated interchange, a runaway segment) yields exactly
 * one `file_unparseable` event; nothing about the input makes it throw.
 */
import type { DriftContractRef, DriftEvent, Severity } from "../../drift/drift-event.ts";
import { defaultSeverity, FindingAggregator } from "./finding.aggregate.ts";
import { compileGuide } from "./guide.compile.ts";
import type { TransactionSetGuide } from "./guide.model.ts";
import { findGuide } from "./guides/registry.ts";
import { X12Checker } from "./x12.checker.ts";
import { X12SyntaxError, X12Tokenizer } from "./x12-tokenizer.ts";

export interface CheckX12Options {
  /** Guide id, e.g. "004010/850" (see `listX12Guides()`). */
  guide: string;
  fileKey: string;
  contract: DriftContractRef;
  severityFor?: (rule: string, fallback: Severity) => Severity;
  /** Longest segment accepted, in characters (default 1 MiB). */
  maxSegmentLength?: number;
}

export interface CheckX12Result {
  events: DriftEvent[];
  /** Transaction sets (ST … SE) seen. */
  records: number;
}

export interface CheckX12Stats extends CheckX12Result {
  /** Segments read. */
  segments: number;
  /** Most characters the tokenizer held between chunks (bounded by the longest segment). */
  maxBuffered: number;
  /** Deepest loop nesting the structure check had open at once. */
  maxDepth: number;
}

/** Thrown for a guide id that is not registered: a contract error, not a property of the file. */
export class X12UnknownGuideError extends Error {
  override readonly name = "X12UnknownGuideError";
  readonly code = "x12.guide_unknown";
  readonly guide: string;
  constructor(guide: string) {
    super(`no X12 implementation guide ${JSON.stringify(guide)}`);
    this.guide = guide;
  }
}

export async function checkX12(
  source: AsyncIterable<Uint8Array>,
  opts: CheckX12Options,
): Promise<CheckX12Result> {
  const guide = findGuide(opts.guide);
  if (!guide) throw new X12UnknownGuideError(opts.guide);
  const { events, records } = await checkX12Against(source, guide, opts);
  return { events, records };
}

/** Like `checkX12`, against a guide object (a partner guide, or a test's), with figures about the run. */
export async function checkX12Against(
  source: AsyncIterable<Uint8Array>,
  guide: TransactionSetGuide,
  opts: Omit<CheckX12Options, "guide">,
): Promise<CheckX12Stats> {
  const compiled = compileGuide(guide);
  const out = new FindingAggregator(opts.fileKey, opts.contract, opts.severityFor);
  let tokenizer: X12Tokenizer | null = null;
  const checker = new X12Checker(compiled, out, () => tokenizer?.delimiters ?? null);
  let maxDepth = 0;
  tokenizer = new X12Tokenizer(
    (elements, index) => {
      checker.segment(elements, index);
      if (checker.depth > maxDepth) maxDepth = checker.depth;
    },
    opts.maxSegmentLength === undefined ? {} : { maxSegmentLength: opts.maxSegmentLength },
  );
  try {
    for await (const chunk of source) tokenizer.write(chunk);
    tokenizer.end();
  } catch (err) {
    if (!(err instanceof X12SyntaxError)) throw err;
    return {
      events: [unparseable(err, opts)],
      records: checker.records,
      segments: tokenizer.segmentCount,
      maxBuffered: tokenizer.maxBuffered,
      maxDepth,
    };
  }
  return {
    events: out.events(checker.records),
    records: checker.records,
    segments: tokenizer.segmentCount,
    maxBuffered: tokenizer.maxBuffered,
    maxDepth,
  };
}

function unparseable(err: X12SyntaxError, opts: Omit<CheckX12Options, "guide">): DriftEvent {
  const rule = "x12.syntax";
  const fallback = defaultSeverity("file_unparseable");
  return {
    type: "file_unparseable",
    severity: opts.severityFor ? opts.severityFor(rule, fallback) : fallback,
    path: "$",
    rule,
    expected: "an X12 interchange: a fixed-width ISA, segments, an IEA",
    actual: err.message,
    count: 1,
    percent: null,
    samples: [{ record: err.segment, value: err.excerpt }],
    file: { key: opts.fileKey, sha256: "", size: 0 },
    contract: { ...opts.contract },
    detail: { code: err.code, offset: err.offset, segment: err.segment },
  };
}
