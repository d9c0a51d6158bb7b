import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  decodeContinuationToken,
  encodeContinuationToken,
  listPage,
  s3UrlEncode,
} from "./s3-emulator.list.ts";

const KEYS = ["a.txt", "logs/2024/01/x.json", "logs/2024/02/y.json", "logs/readme", "logs/z/1", "zz"];

describe("listPage", () => {
  test("prefix and delimiter roll keys into common prefixes", () => {
    const page = listPage(KEYS, { prefix: "logs/", delimiter: "/", maxKeys: 1000 });
    assert.deepEqual(page.keys, ["logs/readme"]);
    assert.deepEqual(page.commonPrefixes, ["logs/2024/", "logs/z/"]);
    assert.equal(page.isTruncated, false);
  });

  test("pages of one item, resumed from the last item, return each prefix once", () => {
    const seen: string[] = [];
    let resumeAfter: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = listPage(KEYS, { prefix: "", delimiter: "/", maxKeys: 1, resumeAfter });
      seen.push(...page.keys, ...page.commonPrefixes);
      if (!page.isTruncated) break;
      resumeAfter = page.last;
    }
    assert.deepEqual(seen, ["a.txt", "logs/", "zz"]);
  });

  test("start-after skips keys up to and including it", () => {
    const page = listPage(KEYS, { prefix: "", maxKeys: 2, after: "logs/2024/01/x.json" });
    assert.deepEqual(page.keys, ["logs/2024/02/y.json", "logs/readme"]);
    assert.equal(page.isTruncated, true);
    assert.equal(page.last, "logs/readme");
  });

  test("a page that ends exactly at the last key is not truncated", () => {
    assert.equal(listPage(KEYS, { prefix: "", maxKeys: KEYS.length }).isTruncated, false);
    assert.equal(listPage(KEYS, { prefix: "", maxKeys: KEYS.length - 1 }).isTruncated, true);
  });
});

describe("continuation tokens and url encoding", () => {
  test("a token round-trips any key and garbage is rejected", () => {
    for (const key of ["a b/c+d%&é😀", ""])
      assert.equal(decodeContinuationToken(encodeContinuationToken(key)), key);
    assert.equal(decodeContinuationToken("bm90LW91cnM"), undefined);
    assert.equal(decodeContinuationToken("***"), undefined);
  });

  test("encoding-type=url form-encodes like S3 (space as +, slash kept)", () => {
    assert.equal(s3UrlEncode("a b/c+d%&é(1).json"), "a+b/c%2Bd%25%26%C3%A9%281%29.json");
  });
});
