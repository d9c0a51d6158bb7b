import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { compareUtf8, endOfPrefix, lowerBound, SortedKeys } from "./key-order.ts";

const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

// Characters whose UTF-16 order differs from their UTF-8 order: U+FF5E (BMP, above the surrogates)
// sorts before U+1F600 (astral, a surrogate pair) in UTF-8, after it in JavaScript.
const ALPHABET = ["a", "b", "/", " ", "+", "%", "&", "é", "日", "\uFF5E", "\uE000", "😀", "𝄞", "~", "\u007F"];

function randomKey(rand: () => number): string {
  let s = "";
  const n = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return s;
}

function seeded(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

describe("compareUtf8", () => {
  test("orders like a byte comparison of the UTF-8 encoding, unlike JavaScript's default", () => {
    assert.ok("\uFF5E" > "😀", "JavaScript puts the BMP character after the astral one");
    assert.ok(compareUtf8("\uFF5E", "😀") < 0);
    const rand = seeded(7);
    for (let i = 0; i < 5000; i++) {
      const a = randomKey(rand);
      const b = randomKey(rand);
      assert.equal(
        Math.sign(compareUtf8(a, b)),
        Math.sign(byBytes(a, b)),
        `${JSON.stringify(a)} vs ${JSON.stringify(b)}`,
      );
    }
  });
});

describe("SortedKeys", () => {
  test("keeps keys added in any order sorted, and forgets deleted ones", () => {
    const rand = seeded(11);
    const set = new SortedKeys();
    const expected = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const k = randomKey(rand);
      if (expected.has(k)) continue;
      expected.add(k);
      set.add(k);
      if (i % 7 === 0) set.view(); // interleave reads with writes
    }
    const victims = [...expected].filter((_, i) => i % 3 === 0);
    for (const k of victims) {
      set.delete(k);
      expected.delete(k);
    }
    assert.deepEqual([...set.view()], [...expected].sort(byBytes));
    assert.equal(set.size, expected.size);
  });

  test("lowerBound and endOfPrefix find a prefix's range", () => {
    const keys = ["a", "b/1", "b/2", "b/3", "c"];
    assert.equal(lowerBound(keys, "b/"), 1);
    assert.equal(lowerBound(keys, "b/1", true), 2);
    assert.equal(endOfPrefix(keys, "b/", 1), 4);
  });
});
