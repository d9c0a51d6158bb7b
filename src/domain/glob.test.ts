import assert from "node:assert/strict";
import { test } from "node:test";
import { keyMatcher, validateGlob } from "./glob.ts";

test("a pattern without / matches the file name anywhere under the prefix", () => {
  const m = keyMatcher("incoming/demo/orders/", "850_*.json");
  assert.equal(m.listPrefix, "incoming/demo/orders/");
  assert.equal(m.matches("incoming/demo/orders/850_1.json"), true);
  assert.equal(m.matches("incoming/demo/orders/2026/850_2.json"), true);
  assert.equal(m.matches("incoming/demo/orders/810_1.json"), false);
  assert.equal(m.matches("incoming/demo/orders/850_1.json.bak"), false);
  assert.equal(m.matches("incoming/other/orders/850_1.json"), false, "outside the prefix");
  assert.equal(
    m.matches("incoming/demo/orders/.850_x.json"),
    false,
    "the pattern's literal start must match",
  );
  assert.equal(keyMatcher("", "*.json").matches(".hidden.json"), true, "dot-files match like any name");
});

test("a pattern with / matches the key relative to the prefix and narrows the listing", () => {
  const m = keyMatcher("in/", "daily/*/orders-*.csv");
  assert.equal(m.listPrefix, "in/daily/");
  assert.equal(m.matches("in/daily/2026-11-23/orders-1.csv"), true);
  assert.equal(m.matches("in/daily/2026-11-23/sub/orders-1.csv"), false);
  assert.equal(m.matches("in/weekly/x/orders-1.csv"), false);
  assert.equal(keyMatcher("in/", "**/*.csv").matches("in/a/b/c.csv"), true);
  assert.equal(keyMatcher("in/", "**/*.csv").listPrefix, "in/");
});

test("keys with spaces, unicode and + match; matching is case-sensitive", () => {
  const m = keyMatcher("", "*.json");
  assert.equal(m.matches("a b/ordre n°1 + ü.json"), true);
  assert.equal(m.matches("x.JSON"), false);
});

test("an invalid pattern is refused with the reason", () => {
  assert.throws(() => validateGlob("/abs/*.json"), /relative to the prefix/);
  assert.throws(() => validateGlob(""), /1–512/);
  assert.throws(() => validateGlob("[a-"), /not a valid glob/);
});
