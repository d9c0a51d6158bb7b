import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  decodeUtf8Strict,
  firstInvalidUtf8,
  InvalidUtf8Error,
  lineColumnAt,
  lineColumnAtByte,
} from "./text.ts";

describe("firstInvalidUtf8", () => {
  it("points at a latin-1 byte in the middle of ASCII", () => {
    const bytes = new Uint8Array([0x61, 0x62, 0xe9, 0x63, 0x64]); // "ab" é "cd"
    assert.equal(firstInvalidUtf8(bytes), 2);
  });
  it("points at a stray continuation byte", () => {
    assert.equal(firstInvalidUtf8(new Uint8Array([0x61, 0x80, 0x61])), 1);
  });
  it("points at a sequence cut by the end of the input", () => {
    assert.equal(firstInvalidUtf8(new Uint8Array([0x61, 0xe2, 0x82])), 1);
  });
  it("returns -1 for valid UTF-8, multi-byte characters included", () => {
    assert.equal(firstInvalidUtf8(new TextEncoder().encode("héllo €")), -1);
  });
});

describe("decodeUtf8Strict", () => {
  it("drops a BOM and reports the offset of bad bytes counting it", () => {
    assert.equal(decodeUtf8Strict(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])), "a");
    assert.throws(
      () => decodeUtf8Strict(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xff])),
      (err) => err instanceof InvalidUtf8Error && err.offset === 4,
    );
  });
});

describe("line and column", () => {
  it("are 1-based", () => {
    assert.deepEqual(lineColumnAt("ab\ncd", 0), { line: 1, column: 1 });
    assert.deepEqual(lineColumnAt("ab\ncd", 4), { line: 2, column: 2 });
    assert.deepEqual(lineColumnAtByte(new TextEncoder().encode("ab\ncd\nef"), 6), { line: 3, column: 1 });
  });
});
