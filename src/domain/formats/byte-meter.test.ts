import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { ByteMeter, FileTooLargeSignal, SourceReadError } from "./byte-meter.ts";

async function* chunks(parts: string[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield new TextEncoder().encode(p);
}

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

describe("ByteMeter", () => {
  it("hashes and counts every byte, including what the reader left and drain() read", async () => {
    const meter = new ByteMeter(chunks(["abc", "def", "ghi"]), 100);
    assert.equal(new TextDecoder().decode(await meter.next()), "abc");
    await meter.drain();
    assert.equal(meter.size, 9);
    assert.equal(meter.sha256(), sha("abcdefghi"));
    assert.equal(meter.tooLarge, false);
  });

  it("accepts a file of exactly the limit and stops past it", async () => {
    const exact = new ByteMeter(chunks(["12345", "67890"]), 10);
    await exact.drain();
    assert.equal(exact.tooLarge, false);
    let closed = false;
    async function* source() {
      try {
        yield new TextEncoder().encode("12345");
        yield new TextEncoder().encode("678901");
        yield new TextEncoder().encode("never read");
      } finally {
        closed = true;
      }
    }
    const meter = new ByteMeter(source(), 10);
    await assert.rejects(meter.drain(), (err) => err instanceof FileTooLargeSignal && err.limit === 10);
    assert.equal(meter.tooLarge, true);
    assert.equal(meter.size, 11);
    assert.equal(closed, true, "the source is released at the limit");
  });

  it("leaves the source open when a reader stops early, so drain() can go on", async () => {
    const meter = new ByteMeter(chunks(["a", "b", "c"]), 10);
    for await (const _ of meter.chunks()) break;
    await meter.drain();
    assert.equal(meter.size, 3);
  });

  it("wraps a failing source in SourceReadError", async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array([1]);
      throw new Error("connection reset");
    }
    const meter = new ByteMeter(failing(), 10);
    await assert.rejects(
      meter.drain(),
      (err) => err instanceof SourceReadError && /connection reset/.test(err.message),
    );
  });
});
