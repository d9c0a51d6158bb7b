import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chunked, envelope, isa, largeInterchange, MINIMAL_BODY, set, x12 } from "./x12.test-support.ts";
import { tokenizeX12, X12SyntaxError, X12Tokenizer } from "./x12-tokenizer.ts";

async function collect(text: string | Uint8Array, chunk = 1 << 16) {
  const out = [];
  for await (const s of tokenizeX12(chunked(text, chunk))) out.push(s);
  return out;
}

async function syntaxError(text: string, chunk = 1 << 16): Promise<X12SyntaxError> {
  try {
    await collect(text, chunk);
  } catch (err) {
    assert.ok(err instanceof X12SyntaxError, `expected X12SyntaxError, got ${String(err)}`);
    return err;
  }
  assert.fail("expected a syntax error");
}

const SMALL = x12(envelope([set("0001", MINIMAL_BODY)]), { lineEnd: "\r\n" });

describe("X12Tokenizer", () => {
  it("reads delimiters from the ISA and splits segments and elements", async () => {
    const segs = await collect(SMALL);
    assert.deepEqual(
      segs.map((s) => s.id),
      ["ISA", "GS", "ST", "BEG", "PO1", "CTT", "SE", "GE", "IEA"],
    );
    assert.deepEqual(segs[3]!.elements, ["BEG", "00", "SA", "PO-1", "", "20240315"]);
    assert.equal(segs[0]!.elements.length, 17);
    assert.equal(segs[0]!.elements[16], ">");
    assert.deepEqual(
      segs.map((s) => s.index),
      [1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    // Offsets point at each segment's first character, after the CR/LF of the previous one.
    assert.equal(segs[1]!.offset, 108);
    assert.equal(SMALL.slice(segs[2]!.offset, segs[2]!.offset + 3), "ST*");
  });

  it("gives the same segments whatever the chunk size, including 1 byte", async () => {
    const whole = await collect(SMALL);
    for (const size of [1, 2, 3, 7, 105, 106, 107]) {
      assert.deepEqual(await collect(SMALL, size), whole, `chunk size ${size}`);
    }
  });

  it("decodes multi-byte UTF-8 split across chunks", async () => {
    const text = x12(envelope([set("0001", ["BEG*00*SA*PO-É€1**20240315", "PO1*1*1*EA*1**BP*X"])]));
    const segs = await collect(text, 1);
    assert.equal(segs[3]!.elements[3], "PO-É€1");
  });

  it("uses other delimiters when the ISA says so", async () => {
    const text = x12(envelope([set("0001", ["REF*DP*038**ZZ>ABC"])]), {
      element: "|",
      component: "^",
      terminator: "\n",
    });
    const segs = await collect(text, 5);
    const ref = segs.find((s) => s.id === "REF")!;
    assert.deepEqual(ref.elements, ["REF", "DP", "038", "", "ZZ^ABC"]);
    assert.equal(segs.at(-1)!.id, "IEA");
  });

  it("strips the CR before a newline terminator", async () => {
    const text = x12(envelope([set("0001", MINIMAL_BODY)]), { terminator: "\n" }).replaceAll("\n", "\r\n");
    const segs = await collect(text);
    assert.deepEqual(segs[3]!.elements.at(-1), "20240315");
  });

  it("reports the delimiters, with the repetition separator only from 00402 on", () => {
    const old = new X12Tokenizer(() => {});
    old.write(new TextEncoder().encode(isa()));
    assert.deepEqual(old.delimiters, { element: "*", component: ">", repetition: null, segment: "~" });
    const v5 = new X12Tokenizer(() => {});
    v5.write(new TextEncoder().encode(isa({ version: "00501", repetition: "^", component: ":" })));
    assert.deepEqual(v5.delimiters, { element: "*", component: ":", repetition: "^", segment: "~" });
  });

  it("reads several interchanges in one input, each with its own delimiters", async () => {
    const a = x12(envelope([set("0001", MINIMAL_BODY)]), { lineEnd: "\n" });
    const b = x12(envelope([set("0002", MINIMAL_BODY)]), { element: "|", terminator: "'" });
    const segs = await collect(`${a}\n${b}`, 13);
    assert.equal(segs.filter((s) => s.id === "ISA").length, 2);
    assert.deepEqual(segs.at(-1)!.elements, ["IEA", "1", "000000101"]);
    assert.equal(segs.length, 18);
  });

  it("rejects input without an ISA at its start", async () => {
    const err = await syntaxError("  \r\nUNB+UNOA:1+SENDER'");
    assert.equal(err.code, "x12.no_isa");
    assert.equal(err.offset, 4);
    assert.equal(err.segment, 1);
  });

  it("rejects empty input", async () => {
    const err = await syntaxError("");
    assert.equal(err.code, "x12.no_isa");
  });

  it("rejects an ISA shorter than 106 characters", async () => {
    const err = await syntaxError("ISA*00*          *00*    ~");
    assert.equal(err.code, "x12.isa_malformed");
    assert.equal(err.offset, 0);
  });

  it("rejects an ISA that is not fixed width, naming the position", async () => {
    // Sender id trimmed to 14 characters: every later separator moves one to the left.
    const bad = isa().replace("BUYERCO        ", "BUYERCO       ") + "X".repeat(40);
    const err = await syntaxError(bad, 1);
    assert.equal(err.code, "x12.isa_malformed");
    assert.equal(err.offset, 49);
    assert.match(err.message, /position 50/);
  });

  it("rejects a letter as element separator", async () => {
    const err = await syntaxError(isa({ element: "A" }) + "GSAPO~");
    assert.equal(err.code, "x12.isa_malformed");
    assert.equal(err.offset, 3);
  });

  it("rejects an interchange without IEA, naming the segment where it ends", async () => {
    const text = x12(envelope([set("0001", MINIMAL_BODY)]).slice(0, -1), { lineEnd: "\r\n" });
    const err = await syntaxError(text);
    assert.equal(err.code, "x12.truncated");
    assert.equal(err.segment, 9);
    assert.equal(err.offset, text.length);
  });

  it("rejects input cut inside a segment, at the segment's start, whatever the chunking", async () => {
    const text = SMALL.slice(0, SMALL.indexOf("PO1") + 8);
    for (const size of [1, 4, 1 << 16]) {
      const err = await syntaxError(text, size);
      assert.equal(err.code, "x12.truncated");
      assert.equal(err.segment, 5);
      assert.equal(err.offset, SMALL.indexOf("PO1"));
      assert.equal(err.excerpt, "PO1*1*1*");
    }
  });

  it("rejects data after the last IEA that is not an ISA", async () => {
    const err = await syntaxError(`${SMALL}\r\nGARBAGE`);
    assert.equal(err.code, "x12.trailing_data");
    assert.equal(err.offset, SMALL.length + 2);
  });

  it("stops a segment that never ends at maxSegmentLength instead of buffering it", () => {
    const seen: string[] = [];
    const t = new X12Tokenizer((els) => seen.push(els[0]!), { maxSegmentLength: 500 });
    const enc = new TextEncoder();
    t.write(enc.encode(`${isa()}GS*PO`));
    let err: unknown;
    try {
      for (let i = 0; i < 100; i++) t.write(enc.encode("X".repeat(100)));
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof X12SyntaxError);
    assert.equal(err.code, "x12.segment_too_long");
    assert.equal(err.offset, 106);
    assert.deepEqual(seen, ["ISA"]);
    assert.ok(t.maxBuffered <= 500, `buffered ${t.maxBuffered}`);
  });

  it("keeps at most the longest segment between chunks over 50,000 PO1 segments", async () => {
    let segments = 0;
    let longest = 0;
    let po1 = 0;
    const t = new X12Tokenizer((els, _i, _o) => {
      segments++;
      const len = els.join("*").length;
      if (len > longest) longest = len;
      if (els[0] === "PO1") po1++;
    });
    let chunks = 0;
    for await (const chunk of largeInterchange(50_000, 4096)) {
      t.write(chunk);
      chunks++;
    }
    t.end();
    assert.equal(po1, 50_000);
    assert.equal(segments, 50_000 + 8);
    assert.equal(t.segmentCount, segments);
    assert.ok(chunks > 500, `the input came in ${chunks} chunks`);
    // The carry is one unfinished segment (plus at most the CR/LF before it is skipped): never a chunk.
    assert.ok(t.maxBuffered <= longest + 2, `buffered ${t.maxBuffered}, longest segment ${longest}`);
    assert.ok(t.maxBuffered < 4096 / 10);
  });
});
