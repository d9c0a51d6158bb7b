import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { passes } from "./quality.engine.ts";

describe("quality operators", () => {
  it("compare a measured value with the threshold", () => {
    const table: Array<[Parameters<typeof passes>, boolean]> = [
      [[0, "mustBe", 0], true],
      [[1, "mustBe", 0], false],
      [[1, "mustNotBe", 0], true],
      [[5, "mustBeGreaterThan", 5], false],
      [[5, "mustBeGreaterOrEqualTo", 5], true],
      [[4.99, "mustBeLessThan", 5], true],
      [[5, "mustBeLessThan", 5], false],
      [[5, "mustBeLessOrEqualTo", 5], true],
      [[100, "mustBeBetween", [100, 120]], true],
      [[121, "mustBeBetween", [100, 120]], false],
      [[110, "mustNotBeBetween", [100, 120]], false],
      [[99, "mustNotBeBetween", [100, 120]], true],
    ];
    for (const [args, expected] of table) assert.equal(passes(...args), expected, JSON.stringify(args));
  });
});
