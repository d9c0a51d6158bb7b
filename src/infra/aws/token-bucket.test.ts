import assert from "node:assert/strict";
import { test } from "node:test";
import { TokenBucket } from "./token-bucket.ts";

test("slots are booked at the rate after the burst, first come first served", () => {
  let now = 0;
  const b = new TokenBucket({ rate: 10, burst: 2, now: () => now });
  const slots = Array.from({ length: 6 }, () => b.reserve());
  assert.deepEqual(slots, [0, 0, 100, 200, 300, 400]);
  now = 1000; // idle: the burst is back, no more
  assert.deepEqual([b.reserve(), b.reserve(), b.reserve()], [1000, 1000, 1100]);
});

test("any window of one second holds at most rate + burst - 1 slots", () => {
  let now = 0;
  const b = new TokenBucket({ rate: 50, burst: 3, now: () => now });
  const slots: number[] = [];
  for (let i = 0; i < 500; i++) {
    slots.push(b.reserve());
    now += i % 7 === 0 ? 37 : 3;
  }
  for (const start of slots) {
    const inWindow = slots.filter((s) => s >= start && s < start + 1000).length;
    assert.ok(inWindow <= 52, `${inWindow} slots in [${start}, ${start + 1000})`);
  }
});

test("a throttle cuts the rate and pushes the next slot back; successes win it back up to the maximum", () => {
  const now = 0;
  const b = new TokenBucket({ rate: 100, burst: 1, now: () => now });
  b.reserve();
  b.throttled();
  assert.equal(b.rate, 80);
  assert.ok(b.delay() > 10, "the next call waits longer than one interval at the old rate");
  for (let i = 0; i < 100; i++) b.succeeded();
  assert.equal(b.rate, 100);
  for (let i = 0; i < 100; i++) b.throttled();
  assert.equal(b.rate, 5, "never below the floor (rate / 20)");
});
