import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KeySet } from "./key-set.ts";

describe("KeySet", () => {
  it("tells new keys from repeated ones across growth, with no false duplicates on 300k keys", () => {
    const set = new KeySet(16);
    for (let i = 0; i < 300_000; i++) assert.equal(set.add(`ORD-${i}`), true);
    assert.equal(set.size, 300_000);
    assert.equal(set.add("ORD-12345"), false);
    assert.equal(set.has("ORD-299999"), true);
    assert.equal(set.has("ORD-300000"), false);
    assert.equal(set.add(""), true);
    assert.equal(set.add(""), false);
    assert.ok(set.bytes <= 4 * 1024 * 1024, "8 bytes a slot at load ≥ 0.375");
  });
});
