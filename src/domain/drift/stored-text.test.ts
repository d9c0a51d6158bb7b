import assert from "node:assert/strict";
import { test } from "node:test";
import type { DriftEvent } from "./drift-event.ts";
import { boundedJson, boundedText, STORED_LIMITS, storableEvent, storableText } from "./stored-text.ts";

test("lone surrogates and NUL become U+FFFD; pairs are kept", () => {
  assert.equal(storableText("a\ud800b"), "a\uFFFDb");
  assert.equal(storableText("x\udc00"), "x\uFFFD");
  assert.equal(storableText("a\u0000b"), "a\uFFFDb");
  assert.equal(storableText("😀"), "😀");
});

test("long strings are cut with a hash suffix: distinct stay distinct, short ones are untouched", () => {
  const a = boundedText(`${"p".repeat(5000)}a`, 400);
  const b = boundedText(`${"p".repeat(5000)}b`, 400);
  assert.equal(a.length, 400);
  assert.notEqual(a, b);
  assert.match(a, /…#[0-9a-f]{10}$/);
  assert.equal(boundedText("short", 400), "short");
  // never splits a surrogate pair
  const emoji = boundedText("😀".repeat(300), 101);
  assert.ok(emoji.isWellFormed());
});

test("JSON values are bounded in depth, width and string length", () => {
  let deep: unknown = 1;
  for (let i = 0; i < 100; i++) deep = { a: deep };
  assert.ok(JSON.stringify(boundedJson(deep)).length < 200);
  const wide = boundedJson(Array.from({ length: 1000 }, (_, i) => i)) as unknown[];
  assert.equal(wide.length, STORED_LIMITS.entries + 1);
  assert.deepEqual(boundedJson({ n: 10n, d: new Date(0), u: undefined, x: Number.NaN }), {
    n: "10",
    d: "1970-01-01T00:00:00.000Z",
    u: null,
    x: "NaN",
  });
  assert.equal((boundedJson("\ud800".repeat(1000)) as string).length, STORED_LIMITS.sampleValue);
});

test("an event is storable: path and rule bounded, samples cleaned", () => {
  const e: DriftEvent = {
    type: "unexpected_field",
    severity: "warning",
    path: `$.${"f".repeat(5000)}`,
    rule: `orders.${"f".repeat(5000)}.unexpected`,
    expected: "no such field",
    actual: "present",
    count: 1,
    percent: 100,
    samples: [{ record: 1, value: "\ud800" }],
    file: { key: "k", sha256: "s", size: 1 },
    contract: { id: "c", version: "1" },
  };
  const s = storableEvent(e);
  assert.ok(s.path.length <= STORED_LIMITS.path && s.rule.length <= STORED_LIMITS.rule);
  assert.equal(s.samples[0]!.value, "\uFFFD");
});
