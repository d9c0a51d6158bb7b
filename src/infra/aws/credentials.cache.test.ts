import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { TemporaryCredentialCache } from "./credentials.cache.ts";
import type { TemporaryCredentials } from "./sts.ts";

const MIN = 60_000;

function fakeSts(clock: { now: number }, lifetimeMs: number) {
  let calls = 0;
  let fail = false;
  return {
    get calls() {
      return calls;
    },
    failNext() {
      fail = true;
    },
    fetch: async (): Promise<TemporaryCredentials> => {
      calls++;
      if (fail) {
        fail = false;
        throw new Error("sts down");
      }
      return {
        accessKeyId: `ASIA${calls}`,
        secretAccessKey: "s",
        sessionToken: `t${calls}`,
        expiration: new Date(clock.now + lifetimeMs),
      };
    },
  };
}

describe("TemporaryCredentialCache", () => {
  test("an hour-long session is reused until 5 minutes before it expires, then refreshed", async () => {
    const clock = { now: Date.parse("2025-01-01T00:00:00Z") };
    const cache = new TemporaryCredentialCache({ clock: () => new Date(clock.now) });
    const sts = fakeSts(clock, 60 * MIN);
    const first = await cache.get("k", sts.fetch);
    clock.now += 54 * MIN;
    assert.equal((await cache.get("k", sts.fetch)).accessKeyId, first.accessKeyId);
    assert.equal(sts.calls, 1);
    clock.now += 1 * MIN + 1; // 55 minutes in: inside the 5-minute margin
    const second = await cache.get("k", sts.fetch);
    assert.notEqual(second.accessKeyId, first.accessKeyId);
    assert.equal(sts.calls, 2);
  });

  test("a session shorter than twice the margin is refreshed half-way through its life", async () => {
    const clock = { now: 0 };
    const cache = new TemporaryCredentialCache({ clock: () => new Date(clock.now) });
    const sts = fakeSts(clock, 4 * MIN);
    await cache.get("k", sts.fetch);
    clock.now += 2 * MIN - 1;
    await cache.get("k", sts.fetch);
    assert.equal(sts.calls, 1, "not yet half-way");
    clock.now += 1;
    await cache.get("k", sts.fetch);
    assert.equal(sts.calls, 2, "refreshed at half-life, not on every call");
  });

  test("concurrent askers share one STS call", async () => {
    const clock = { now: 0 };
    const cache = new TemporaryCredentialCache({ clock: () => new Date(clock.now) });
    const sts = fakeSts(clock, 60 * MIN);
    const all = await Promise.all(Array.from({ length: 10 }, () => cache.get("k", sts.fetch)));
    assert.equal(sts.calls, 1);
    assert.equal(new Set(all.map((c) => c.accessKeyId)).size, 1);
  });

  test("a failed refresh keeps the still-valid session, and an expired one surfaces the failure", async () => {
    const clock = { now: 0 };
    const cache = new TemporaryCredentialCache({ clock: () => new Date(clock.now) });
    const sts = fakeSts(clock, 60 * MIN);
    const first = await cache.get("k", sts.fetch);
    clock.now += 57 * MIN;
    sts.failNext();
    assert.equal((await cache.get("k", sts.fetch)).accessKeyId, first.accessKeyId);
    clock.now += 4 * MIN; // expired now
    sts.failNext();
    await assert.rejects(cache.get("k", sts.fetch), /sts down/);
    assert.notEqual(
      (await cache.get("k", sts.fetch)).accessKeyId,
      first.accessKeyId,
      "the next call retries",
    );
  });

  test("keeps at most maxEntries sessions, dropping the least recently used", async () => {
    const clock = { now: 0 };
    const cache = new TemporaryCredentialCache({ clock: () => new Date(clock.now), maxEntries: 2 });
    const sts = fakeSts(clock, 60 * MIN);
    await cache.get("a", sts.fetch);
    await cache.get("b", sts.fetch);
    await cache.get("a", sts.fetch);
    await cache.get("c", sts.fetch);
    assert.equal(cache.size, 2);
    const before = sts.calls;
    await cache.get("a", sts.fetch);
    assert.equal(sts.calls, before, "a was used recently and kept");
    await cache.get("b", sts.fetch);
    assert.equal(sts.calls, before + 1, "b was evicted");
  });
});
