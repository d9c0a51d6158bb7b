import assert from "node:assert/strict";
import { test } from "node:test";
import { type LedgerEntry, type ListedObject, ledgerKey, planFloor, planPoll } from "./poll-plan.ts";

const T = (s: string) => new Date(`2026-11-23T12:${s}Z`);
const obj = (
  key: string,
  lm: string,
  etag = `e-${key}`,
  extra: Partial<ListedObject> = {},
): ListedObject => ({
  key,
  etag,
  size: 10,
  lastModified: T(lm),
  ...extra,
});
const base = {
  now: T("30:00.000"),
  watchSince: T("00:00.000"),
  watermark: null,
  lookbackMs: 60_000,
  cap: 100,
  ledger: new Map<string, LedgerEntry>(),
};

test("oldest first (LastModified, then key), capped, with the rest counted as backlog", () => {
  const objects = [obj("b", "05:00"), obj("a", "05:00"), obj("c", "01:00"), obj("d", "09:00")];
  const plan = planPoll(objects, { ...base, cap: 3 });
  assert.deepEqual(
    plan.batch.map((o) => o.key),
    ["c", "a", "b"],
  );
  assert.equal(plan.backlog, 1);
  assert.equal(plan.counts.new, 4);
});

test("the watermark never passes a file that is not done", () => {
  const objects = [obj("a", "01:00"), obj("b", "02:00"), obj("c", "03:00"), obj("d", "04:00")];
  const plan = planPoll(objects, { ...base, cap: 3 });
  // everything in the batch done, but d is beyond the cap
  assert.deepEqual(
    plan.nextWatermark(() => true),
    T("04:00"),
  );
  // b failed
  assert.deepEqual(
    plan.nextWatermark((o) => o.key !== "b"),
    T("02:00"),
  );
  // nothing left behind → the clock reading taken before listing
  const all = planPoll(objects, base);
  assert.deepEqual(
    all.nextWatermark(() => true),
    base.now,
  );
});

test("the floor is watermark − look-back, never before the second the connection started (unless backfill)", () => {
  assert.deepEqual(
    planFloor({ watchSince: T("00:00.700"), watermark: null, lookbackMs: 60_000 }),
    T("00:00.000"),
  );
  assert.deepEqual(
    planFloor({ watchSince: T("00:00.700"), watermark: T("10:00"), lookbackMs: 60_000 }),
    T("09:00"),
  );
  assert.equal(planFloor({ watchSince: null, watermark: null, lookbackMs: 60_000 }), null);
  // an object stamped in the connection's first second (S3 truncates to seconds) is new
  const plan = planPoll([obj("same-second", "00:00")], { ...base, watchSince: T("00:00.700") });
  assert.deepEqual(
    plan.batch.map((o) => o.key),
    ["same-second"],
  );
  const old = planPoll([obj("old", "00:00")], { ...base, watchSince: T("05:00") });
  assert.equal(old.batch.length, 0, "older than the connection: not new");
  const backfill = planPoll([obj("old", "00:00")], { ...base, watchSince: null });
  assert.equal(backfill.batch.length, 1);
});

test("a late object older than the watermark but within the look-back is new; older than that is not", () => {
  const watermark = T("10:00");
  const plan = planPoll([obj("late", "09:30"), obj("too-old", "08:59")], { ...base, watermark });
  assert.deepEqual(
    plan.batch.map((o) => o.key),
    ["late"],
  );
});

test("the ledger decides: done key+ETag skipped, a rewritten key (new ETag) is new, pending retries wait for their time", () => {
  const ledger = new Map<string, LedgerEntry>([
    [ledgerKey("done", "e1"), { status: "processed", nextAttemptAt: null }],
    [ledgerKey("dup", "e1"), { status: "duplicate", nextAttemptAt: null }],
    [ledgerKey("rewritten", "old"), { status: "processed", nextAttemptAt: null }],
    [ledgerKey("retry-due", "e1"), { status: "pending", nextAttemptAt: T("29:00") }],
    [ledgerKey("retry-later", "e1"), { status: "pending", nextAttemptAt: T("31:00") }],
    [ledgerKey("gave-up", "e1"), { status: "failed", nextAttemptAt: null }],
  ]);
  const objects = [
    obj("done", "01:00", "e1"),
    obj("dup", "01:00", "e1"),
    obj("rewritten", "02:00", "new"),
    obj("retry-due", "03:00", "e1"),
    obj("retry-later", "04:00", "e1"),
    obj("gave-up", "05:00", "e1"),
  ];
  const plan = planPoll(objects, { ...base, ledger });
  assert.deepEqual(
    plan.batch.map((o) => o.key),
    ["rewritten", "retry-due"],
  );
  assert.equal(plan.counts.waitingRetry, 1);
  assert.deepEqual(
    plan.nextWatermark(() => true),
    T("04:00"),
    "a waiting retry holds the watermark",
  );
});

test("archived objects are set aside, not downloaded; Glacier Instant Retrieval is readable and checked", () => {
  const plan = planPoll(
    [
      obj("cold", "01:00", "e", { storageClass: "GLACIER" }),
      obj("deep", "01:00", "e", { storageClass: "DEEP_ARCHIVE" }),
      obj("ir", "01:00", "e", { storageClass: "GLACIER_IR" }),
    ],
    base,
  );
  assert.deepEqual(
    plan.archived.map((o) => o.key),
    ["cold", "deep"],
  );
  assert.deepEqual(
    plan.batch.map((o) => o.key),
    ["ir"],
  );
});

test("keys order by UTF-8 bytes within a second, as S3 lists them", () => {
  const plan = planPoll([obj("\u{1F600}", "01:00"), obj("\uFF5E", "01:00"), obj("z", "01:00")], base);
  assert.deepEqual(
    plan.batch.map((o) => o.key),
    ["z", "\uFF5E", "\u{1F600}"],
  );
});
