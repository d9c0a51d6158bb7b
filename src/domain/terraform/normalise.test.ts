import assert from "node:assert/strict";
import { test } from "node:test";
import { canonicalDocument, equal, normalise } from "./normalise.ts";

test("policy documents compare by meaning: statement order, single values, key order, text or object", () => {
  const a = JSON.stringify({
    Version: "2012-10-17",
    Statement: {
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: ["arn:aws:s3:::b/*"],
      Principal: { AWS: "x" },
    },
  });
  const b = {
    Statement: [
      { Principal: { AWS: ["x"] }, Resource: "arn:aws:s3:::b/*", Action: ["s3:GetObject"], Effect: "Allow" },
    ],
    Version: "2012-10-17",
  };
  assert.ok(equal(canonicalDocument(a), canonicalDocument(b)));
  const c = { ...b, Statement: [{ ...b.Statement[0], Action: ["s3:GetObject", "s3:PutObject"] }] };
  assert.ok(!equal(canonicalDocument(a), canonicalDocument(c)));
  const two = [
    { Effect: "Allow", Action: ["b", "a"], Resource: "*" },
    { Effect: "Deny", Action: "c", Resource: "*", Condition: { StringEquals: { "aws:x": "1" } } },
  ];
  assert.ok(
    equal(
      canonicalDocument({ Version: "1", Statement: two }),
      canonicalDocument({ Version: "1", Statement: [two[1], { ...two[0], Action: ["a", "b"] }] }),
    ),
  );
  assert.equal(canonicalDocument("not json"), "not json");
});

test("absent values: empty strings, lists, maps and the pair's unset value", () => {
  for (const v of [undefined, null, "", [], {}]) assert.equal(normalise(v, undefined, undefined), undefined);
  assert.equal(normalise(-1, undefined, -1), undefined);
  assert.equal(normalise("PassThrough", undefined, "PassThrough"), undefined);
  assert.equal(normalise(false, undefined, false), undefined);
  assert.equal(normalise(true, undefined, false), true);
});

test("scalars, sets, lists, maps and tails", () => {
  assert.equal(normalise("20", undefined, undefined), 20);
  assert.equal(normalise("true", undefined, undefined), true);
  assert.deepEqual(normalise(["b", "a", "b"], "set", undefined), ["a", "b"]);
  assert.deepEqual(normalise(["b", "a"], "list", undefined), ["b", "a"]);
  assert.deepEqual(normalise({ B: 1, A: "x", C: "" }, "map", undefined), { A: "x", B: "1" });
  assert.equal(normalise("arn:aws:iam::1:instance-profile/p", "tail", undefined), "p");
  assert.equal(normalise("ABC", "lower", undefined), "abc");
});
