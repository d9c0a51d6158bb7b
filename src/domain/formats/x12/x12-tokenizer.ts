/**
 * Streaming X12 tokenizer: bytes in, segments out, chunk by chunk.
 *
 * Delimiters are read from each interchange's ISA, which is fixed width (106 characters including its
 * terminator): the 4th character is the element separator, ISA11 the repetition separator from version
 * 00402 on, ISA16 the component separator, the character after ISA16 the segment terminator. CR and LF after a
 * terminator are skipped. After an IEA the tokenizer expects another ISA (or only whitespace to the end).
 *
 * Memory: between chunks the tokenizer keeps only the unfinished segment (`maxBuffered` records the largest
 * such carry), and a segment longer than `maxSegmentLength` is a syntax error rather than a growing buffer.
 * Offsets are character offsets from the start of the input, which equal byte offsets for ASCII (the X12
 * character sets are ASCII); segment numbers count from 1 at the first ISA.
 */

export interface X12Delimiters {
  element: string;
  component: string;
  /** ISA11 when ISA12 is 00402 or later; null before (ISA11 is then the standards identifier, "U"). */
  repetition: string | null;
  segment: string;
}

export interface X12Segment {
  /** The segment id, equal to `elements[0]`. */
  id: string;
  /** `elements[i]` is the i-th element (`elements[1]` is e.g. BEG01); composites are not split. */
  elements: string[];
  /** 1-based segment number in the input. */
  index: number;
  /** Character offset of the segment's first character. */
  offset: number;
}

export type X12SyntaxCode =
  | "x12.no_isa"
  | "x12.isa_malformed"
  | "x12.segment_too_long"
  | "x12.truncated"
  | "x12.trailing_data";

/** Thrown when the input cannot be read as X12 at all. `offset` and `segment` say where it broke. */
export class X12SyntaxError extends Error {
  override readonly name = "X12SyntaxError";
  readonly code: X12SyntaxCode;
  readonly offset: number;
  readonly segment: number;
  /** A short excerpt of the input at `offset`. */
  readonly excerpt: string;
  constructor(code: X12SyntaxCode, message: string, offset: number, segment: number, excerpt: string) {
    super(message);
    this.code = code;
    this.offset = offset;
    this.segment = segment;
    this.excerpt = excerpt;
  }
}

export interface X12TokenizerOptions {
  /** Longest segment accepted, in characters (default 1 MiB). Bounds memory on input with a wrong terminator. */
  maxSegmentLength?: number;
}

export type SegmentHandler = (elements: string[], index: number, offset: number) => void;

export const ISA_LENGTH = 106;
/** Where the element separator must stand in a fixed-width ISA (0-based). */
const ISA_SEPARATOR_POSITIONS = [3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103] as const;
const CR = 13;
const LF = 10;
const EXCERPT = 40;

function isAlnumOrSpace(ch: string): boolean {
  return /^[A-Za-z0-9 ]$/.test(ch);
}

/** Whether the text at `pos` is "ISA", or a prefix of it where the text ends. */
function startsLikeIsa(text: string, pos: number): boolean {
  const n = Math.min(3, text.length - pos);
  return text.slice(pos, pos + n) === "ISA".slice(0, n);
}

function isLeadingWhitespace(code: number): boolean {
  return code === CR || code === LF || code === 32 || code === 9 || code === 0xfeff;
}

/**
 * Push-based tokenizer: `write(chunk)` as bytes arrive, `end()` at the end; each complete segment goes to the
 * handler synchronously. Throws `X12SyntaxError` for input that is not X12.
 */
export class X12Tokenizer {
  readonly #onSegment: SegmentHandler;
  readonly #maxSegment: number;
  readonly #decoder = new TextDecoder("utf-8");
  /** Unfinished text carried from the previous chunk (a partial segment or a partial ISA). */
  #carry = "";
  /** Character offset of `#carry[0]` in the input. */
  #carryOffset = 0;
  #inInterchange = false;
  #interchanges = 0;
  #segments = 0;
  #maxBuffered = 0;
  #delims: X12Delimiters | null = null;
  #ended = false;

  constructor(onSegment: SegmentHandler, options: X12TokenizerOptions = {}) {
    this.#onSegment = onSegment;
    this.#maxSegment = options.maxSegmentLength ?? 1024 * 1024;
  }

  /** Delimiters of the interchange being read (null before the first ISA). */
  get delimiters(): X12Delimiters | null {
    return this.#delims;
  }
  /** Segments emitted so far. */
  get segmentCount(): number {
    return this.#segments;
  }
  /** The most characters ever held over between two chunks: at most the longest segment (or an ISA). */
  get maxBuffered(): number {
    return this.#maxBuffered;
  }

  write(chunk: Uint8Array): void {
    const text = this.#decoder.decode(chunk, { stream: true });
    if (text.length > 0) this.#consume(text);
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    const rest = this.#decoder.decode();
    if (rest.length > 0) this.#consume(rest);
    const pending = this.#carry;
    let first = 0;
    while (first < pending.length && isLeadingWhitespace(pending.charCodeAt(first))) first++;
    if (this.#inInterchange) {
      const at = first < pending.length ? this.#carryOffset + first : this.#carryOffset + pending.length;
      throw new X12SyntaxError(
        "x12.truncated",
        first < pending.length
          ? `the input ends inside segment ${this.#segments + 1} (no segment terminator, no IEA)`
          : "the input ends before the IEA that closes the interchange",
        at,
        this.#segments + 1,
        pending.slice(first, first + EXCERPT),
      );
    }
    if (first < pending.length) {
      if (!startsLikeIsa(pending, first)) this.#notIsa(pending, first, this.#carryOffset);
      // An unfinished ISA at the end: too short to hold the fixed-width header.
      this.#isaError(pending, first, "x12.isa_malformed", `the ISA is shorter than ${ISA_LENGTH} characters`);
    }
    if (this.#interchanges === 0) {
      throw new X12SyntaxError("x12.no_isa", "the input is empty: no ISA", this.#carryOffset, 1, "");
    }
  }

  #consume(incoming: string): void {
    let text = this.#carry.length > 0 ? this.#carry + incoming : incoming;
    const base = this.#carryOffset;
    let pos = 0;
    for (;;) {
      if (!this.#inInterchange) {
        while (pos < text.length && isLeadingWhitespace(text.charCodeAt(pos))) pos++;
        if (pos >= text.length) break;
        if (!startsLikeIsa(text, pos)) {
          // Wait for a full excerpt so the error reads the same however the input was chunked.
          if (text.length - pos < EXCERPT) break;
          this.#notIsa(text, pos, base);
        }
        if (text.length - pos < ISA_LENGTH) break;
        this.#readIsa(text, pos, base);
        pos += ISA_LENGTH;
        continue;
      }
      pos = this.#readSegments(text, pos, base);
      if (this.#inInterchange) break;
    }
    const carry = pos === 0 ? text : text.slice(pos);
    text = "";
    if (this.#inInterchange && carry.length > this.#maxSegment) this.#tooLong(carry, base + pos);
    if (carry.length > this.#maxBuffered) this.#maxBuffered = carry.length;
    this.#carry = carry;
    this.#carryOffset = base + pos;
  }

  /** Emits every complete segment of `text` from `pos`; returns where the unfinished rest starts. */
  #readSegments(text: string, start: number, base: number): number {
    const d = this.#delims!;
    const term = d.segment;
    const sep = d.element;
    const trimCr = term === "\n";
    const max = this.#maxSegment;
    let pos = start;
    const len = text.length;
    for (;;) {
      // Skip line breaks between segments.
      let c = text.charCodeAt(pos);
      while (c === CR || c === LF) c = text.charCodeAt(++pos);
      if (pos >= len) return pos;
      const end = text.indexOf(term, pos);
      if (end < 0) return pos;
      let raw = text.slice(pos, end);
      if (raw.length > max) this.#tooLong(raw, base + pos);
      if (trimCr && raw.charCodeAt(raw.length - 1) === CR) raw = raw.slice(0, -1);
      const elements = raw.split(sep);
      const index = ++this.#segments;
      this.#onSegment(elements, index, base + pos);
      pos = end + 1;
      if (elements[0] === "IEA") {
        this.#inInterchange = false;
        return pos;
      }
    }
  }

  #readIsa(text: string, at: number, base: number): void {
    const isa = text.slice(at, at + ISA_LENGTH);
    const sep = isa[3]!;
    if (isAlnumOrSpace(sep) || sep === "\r" || sep === "\n") {
      this.#isaError(
        text,
        at,
        "x12.isa_malformed",
        `ISA element separator ${JSON.stringify(sep)} is not a delimiter`,
        3,
      );
    }
    let expected = 0;
    for (let i = 3; i < 104; i++) {
      const isSep = isa[i] === sep;
      const shouldBe = ISA_SEPARATOR_POSITIONS[expected] === i;
      if (isSep !== shouldBe) {
        this.#isaError(
          text,
          at,
          "x12.isa_malformed",
          shouldBe
            ? `ISA is not fixed width: expected the element separator at position ${i + 1}`
            : `ISA is not fixed width: unexpected element separator at position ${i + 1}`,
          i,
        );
      }
      if (shouldBe) expected++;
    }
    const component = isa[104]!;
    const segment = isa[105]!;
    if (component === sep || isAlnumOrSpace(component)) {
      this.#isaError(
        text,
        at,
        "x12.isa_malformed",
        "ISA16 (component separator) is not a usable delimiter",
        104,
      );
    }
    if (segment === sep || segment === component || /^[A-Za-z0-9]$/.test(segment)) {
      this.#isaError(
        text,
        at,
        "x12.isa_malformed",
        "the character after ISA16 is not a usable segment terminator",
        105,
      );
    }
    const version = isa.slice(84, 89);
    const rep = isa[82]!;
    const repetition =
      version >= "00402" && !isAlnumOrSpace(rep) && rep !== sep && rep !== component && rep !== segment
        ? rep
        : null;
    this.#delims = { element: sep, component, repetition, segment };
    this.#inInterchange = true;
    this.#interchanges++;
    const index = ++this.#segments;
    this.#onSegment(isa.slice(0, 105).split(sep), index, base + at);
  }

  #notIsa(text: string, pos: number, base: number): never {
    const first = this.#interchanges === 0;
    throw new X12SyntaxError(
      first ? "x12.no_isa" : "x12.trailing_data",
      first ? "the input does not start with an ISA segment" : "data after the IEA that is not another ISA",
      base + pos,
      this.#segments + 1,
      text.slice(pos, pos + EXCERPT),
    );
  }

  #isaError(text: string, at: number, code: X12SyntaxCode, message: string, position = 0): never {
    throw new X12SyntaxError(
      code,
      message,
      this.#carryOffset + at + position,
      this.#segments + 1,
      text.slice(at, at + EXCERPT),
    );
  }

  #tooLong(raw: string, offset: number): never {
    throw new X12SyntaxError(
      "x12.segment_too_long",
      `segment ${this.#segments + 1} runs over ${this.#maxSegment} characters without a segment terminator ` +
        `(${JSON.stringify(this.#delims?.segment ?? "")})`,
      offset,
      this.#segments + 1,
      raw.slice(0, EXCERPT),
    );
  }
}

/** Tokenizes a byte stream into segments (async iteration over `X12Segment`). */
export async function* tokenizeX12(
  source: AsyncIterable<Uint8Array>,
  options: X12TokenizerOptions = {},
): AsyncGenerator<X12Segment, void, undefined> {
  let batch: X12Segment[] = [];
  const tokenizer = new X12Tokenizer((elements, index, offset) => {
    batch.push({ id: elements[0] ?? "", elements, index, offset });
  }, options);
  for await (const chunk of source) {
    tokenizer.write(chunk);
    if (batch.length > 0) {
      const out = batch;
      batch = [];
      yield* out;
    }
  }
  tokenizer.end();
  yield* batch;
}
