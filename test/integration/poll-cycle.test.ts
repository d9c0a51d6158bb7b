import assert from "node:assert/strict";
import { after, test } from "node:test";
import { closeTestDatabases } from "../support/db.ts";
import { waitFor } from "../support/wait.ts";
import { startWatch, type WatchHarness } from "../support/watch.ts";

after(closeTestDatabases);

const PREFIX = "incoming/demo/orders/";
let seq = 0;
/** A clean one-order NDJSON file (distinct content each call). */
function order(n = ++seq): string {
  const id = String(100000 + (n % 900000)).padStart(6, "0");
  return `${JSON.stringify({
    order_id: `ORD-${id}`,
    status: "pending",
    order_date: "2026-11-20",
    created_at: "2026-11-20T10:00:00Z",
    customer: { id: n + 1, email: `buyer${n}@example.com`, country: "US" },
    items: [{ sku: `ABC-${String(n % 10000).padStart(4, "0")}`, qty: 1, price: 9.5 }],
    total: 9.5,
    currency: "USD",
    notes: "",
  })}\n`;
}

async function withWatch(env: Record<string, string>, fn: (h: WatchHarness) => Promise<void>) {
  const h = await startWatch({ env });
  try {
    await fn(h);
  } finally {
    await h.close();
  }
}

interface FileRow {
  key: string;
  status: string;
  last_modified: Date;
  poll_run_id: string;
  events: number;
}
const files = async (h: WatchHarness, connectionId: string) =>
  (
    await h.t.db.query<FileRow>(
      "SELECT key, status, last_modified, poll_run_id, events FROM watched_files WHERE connection_id = $1 ORDER BY key",
      [connectionId],
    )
  ).rows;

const runsOf = async (h: WatchHarness, connectionId: string) =>
  (await h.t.api(`/api/v1/connections/${connectionId}/poll-runs?limit=200`)).body.items.reverse() as Array<{
    id: string;
    trigger: string;
    status: string;
    counts: import("../../src/app/poll-runs.ts").PollCounts;
    more_pending: boolean;
    watermark: string;
  }>;

/** Waits for the connection's first (scheduled) poll so later polls are the test's own. */
async function settled(h: WatchHarness, id: string) {
  await waitFor(async () => (await h.t.api(`/api/v1/connections/${id}`)).body.last_poll_at, {
    what: "the first scheduled poll",
  });
  await waitFor(async () =>
    (await runsOf(h, id)).every((r) => r.status === "completed" || r.status === "failed"),
  );
}

test("250 new files: cycles take 100, 100, 50 oldest first, the backlog drains without waiting, the watermark never passes a file not done", async () => {
  await withWatch({}, async (h) => {
    const id = await h.connect({ prefix: PREFIX, file_pattern: "*.ndjson" });
    await settled(h, id);
    const start = h.clock.peek().getTime();
    // 250 files, one per second, written in shuffled order; plus non-matching neighbours
    const keys = Array.from({ length: 250 }, (_, i) => i).sort(() => Math.random() - 0.5);
    for (const i of keys) {
      h.s3.putObject(h.bucket, `${PREFIX}f-${String(i).padStart(3, "0")}.ndjson`, order(), {
        lastModified: new Date(start + 1000 + i * 1000),
      });
    }
    h.s3.putObject(h.bucket, `${PREFIX}notes.txt`, "x", { lastModified: new Date(start + 2000) });
    h.s3.putObject(h.bucket, "incoming/other/orders/f-999.ndjson", order(), {
      lastModified: new Date(start + 2000),
    });
    h.clock.advance(300_000);

    await h.poll(id); // one manual poll; the backlog follow-ups run by themselves
    assert.equal(
      (await h.t.api(`/api/v1/drift-events?connection_id=${id}`)).body.items.length,
      0,
      "the sample orders are clean",
    );
    await waitFor(async () => (await files(h, id)).filter((f) => f.status === "processed").length === 250, {
      what: "250 processed",
      timeoutMs: 60_000,
    });
    await waitFor(async () => (await runsOf(h, id)).every((r) => r.status === "completed"));

    const runs = (await runsOf(h, id)).filter((r) => r.counts.processed > 0);
    assert.deepEqual(
      runs.map((r) => r.counts.processed),
      [100, 100, 50],
    );
    assert.deepEqual(
      runs.map((r) => r.trigger),
      ["manual", "backlog", "backlog"],
    );
    assert.deepEqual(
      runs.map((r) => r.more_pending),
      [true, true, false],
    );
    const rows = await files(h, id);
    assert.equal(rows.length, 250, "the .txt and the other partner's folder are out of scope");
    // oldest first across cycles, and each cycle's watermark is at or below every file a later cycle took
    for (let k = 0; k < runs.length; k++) {
      const mine = rows.filter((f) => f.poll_run_id === runs[k]!.id).map((f) => f.last_modified.getTime());
      const later = rows
        .filter((f) => runs.slice(k + 1).some((r) => r.id === f.poll_run_id))
        .map((f) => f.last_modified.getTime());
      if (later.length > 0) {
        assert.ok(
          Math.max(...mine) <= Math.min(...later),
          `cycle ${k} took only files older than later cycles`,
        );
        assert.ok(
          new Date(runs[k]!.watermark).getTime() <= Math.min(...later),
          `cycle ${k}'s watermark ${runs[k]!.watermark} did not pass a file not yet done (${new Date(Math.min(...later)).toISOString()})`,
        );
      }
    }
  });
});

test("more than 1,000 matching keys (several listing pages) are all processed exactly once", async () => {
  await withWatch({ DRIFTWATCH_POLL_CAP: "500" }, async (h) => {
    const id = await h.connect({ prefix: PREFIX, file_pattern: "*.ndjson" });
    await settled(h, id);
    const at = new Date(h.clock.peek().getTime() + 1000);
    for (let i = 0; i < 1100; i++)
      h.s3.putObject(h.bucket, `${PREFIX}p-${String(i).padStart(4, "0")}.ndjson`, order(), {
        lastModified: at,
      });
    h.clock.advance(10_000);
    await h.poll(id);
    await waitFor(
      async () =>
        (await runsOf(h, id)).every((r) => r.status === "completed") && (await files(h, id)).length === 1100,
      {
        timeoutMs: 120_000,
        what: "1,100 files",
      },
    );
    const rows = await files(h, id);
    assert.equal(new Set(rows.map((r) => r.key)).size, 1100);
    assert.ok(rows.every((r) => r.status === "processed"));
    const lists = h.s3.requests.filter((r) => r.op === "ListObjectsV2").length;
    assert.ok(lists >= 4, "each cycle listed every page");
  });
});

test("same-second files, a late long upload, duplicates, rewrites, deletes between list and get", async () => {
  await withWatch({ DRIFTWATCH_POLL_CAP: "2" }, async (h) => {
    const id = await h.connect({ prefix: PREFIX, file_pattern: "*.ndjson" });
    await settled(h, id);
    const t0 = h.clock.peek().getTime();

    // three objects with one LastModified, split across two cycles (cap 2): each processed once
    const same = new Date(Math.floor(t0 / 1000) * 1000 + 2000);
    for (const k of ["s-a", "s-b", "s-c"])
      h.s3.putObject(h.bucket, `${PREFIX}${k}.ndjson`, order(), { lastModified: same });
    h.clock.advance(2600); // now = same + 1.1 s
    const first = await h.poll(id);
    assert.equal(first.counts.processed, 2);
    assert.equal(first.more_pending, true);
    await waitFor(async () => (await files(h, id)).length === 3, { what: "the backlog cycle" });
    await waitFor(async () => (await runsOf(h, id)).every((r) => r.status === "completed"));

    // an hour and a half later: a file written in the same second as a completed poll, after it listed
    h.clock.advance(90 * 60_000);
    const pollAt = h.clock.peek();
    await h.poll(id);
    h.s3.putObject(h.bucket, `${PREFIX}same-second.ndjson`, order(), {
      lastModified: new Date(Math.floor(pollAt.getTime() / 1000) * 1000),
    });
    // a long upload: LastModified (its start) 20 minutes before the watermark, visible only now
    h.s3.putObject(h.bucket, `${PREFIX}long-upload.ndjson`, order(), {
      lastModified: new Date(pollAt.getTime() - 20 * 60_000),
    });
    // beyond the look-back (1 h) but after the connection started: the documented limit
    h.s3.putObject(h.bucket, `${PREFIX}too-late.ndjson`, order(), {
      lastModified: new Date(pollAt.getTime() - 80 * 60_000),
    });
    h.clock.advance(5000);
    await h.poll(id);
    let keys = (await files(h, id)).map((f) => f.key);
    assert.ok(keys.includes(`${PREFIX}same-second.ndjson`), "not lost though stamped in the poll's second");
    assert.ok(keys.includes(`${PREFIX}long-upload.ndjson`), "picked up within the look-back");
    assert.ok(!keys.includes(`${PREFIX}too-late.ndjson`));

    // identical content under two keys: one processed, one duplicate, events once
    const drifted = `${JSON.stringify({ order_id: "bad", status: "lost" })}\n`;
    h.clock.advance(1000);
    h.s3.putObject(h.bucket, `${PREFIX}dup-1.ndjson`, drifted);
    h.s3.putObject(h.bucket, `${PREFIX}dup-2.ndjson`, drifted);
    h.clock.advance(1000);
    await h.poll(id);
    await waitFor(async () => (await runsOf(h, id)).every((r) => r.status === "completed"));
    const dups = (await files(h, id)).filter((f) => f.key.includes("dup-"));
    assert.deepEqual(dups.map((f) => f.status).sort(), ["duplicate", "processed"]);
    const events = await h.t.api(`/api/v1/drift-events?connection_id=${id}`);
    assert.ok(events.body.items.length > 0);
    assert.equal(
      new Set(events.body.items.map((e: { file: { key: string } }) => e.file.key)).size,
      1,
      "events once",
    );
    assert.deepEqual(dups.map((f) => f.events).sort(), [0, events.body.items.length]);

    // the same key rewritten with new content: checked again
    h.clock.advance(1000);
    h.s3.putObject(h.bucket, `${PREFIX}s-a.ndjson`, order());
    // an object deleted between list and get: not fatal
    h.s3.putObject(h.bucket, `${PREFIX}vanishing.ndjson`, order());
    h.s3.injectFault({
      op: "GetObject",
      times: 1,
      match: (r) => r.key?.endsWith("vanishing.ndjson") ?? false,
      before: (r) => h.s3.deleteObject(h.bucket, r.key!),
    });
    h.clock.advance(1000);
    const rewrite = await h.poll(id);
    assert.equal(rewrite.status, "completed");
    await waitFor(async () => (await runsOf(h, id)).every((r) => r.status === "completed"));
    const sa = (await files(h, id)).filter((f) => f.key === `${PREFIX}s-a.ndjson`);
    assert.equal(sa.length, 2, "two versions of s-a, each checked");
    keys = (await files(h, id)).map((f) => f.key);
    assert.ok(!keys.includes(`${PREFIX}vanishing.ndjson`));
    const c = (await h.t.api(`/api/v1/connections/${id}`)).body;
    assert.equal(c.health, "healthy");
  });
});

test("one clock reading per cycle, taken before listing", async () => {
  await withWatch({}, async (h) => {
    const id = await h.connect({ prefix: PREFIX });
    await settled(h, id);
    const before = h.clock.reads;
    let readsAtList = -1;
    h.s3.injectFault({
      op: "ListObjectsV2",
      times: 1,
      before: () => {
        readsAtList = h.clock.reads;
      },
    });
    h.s3.putObject(h.bucket, `${PREFIX}a.ndjson`, order());
    h.clock.advance(1000);
    await h.poll(id);
    assert.equal(readsAtList, before + 1, "the clock was read once, before the listing");
    assert.equal(h.clock.reads, before + 1, "and not again in the cycle");
  });
});

test("keys with spaces, unicode and +; folder markers and Glacier objects skipped and never fetched", async () => {
  await withWatch({}, async (h) => {
    const id = await h.connect({ prefix: PREFIX, file_pattern: "*.ndjson" });
    await settled(h, id);
    const names = ["a b.ndjson", "ü ordre+1.ndjson", "日本/注文.ndjson", "x%2By.ndjson"];
    for (const n of names) h.s3.putObject(h.bucket, PREFIX + n, order());
    h.s3.putObject(h.bucket, `${PREFIX}sub/`, "");
    h.s3.putObject(h.bucket, `${PREFIX}cold.ndjson`, order(), { storageClass: "GLACIER" });
    h.clock.advance(1000);
    const run = await h.poll(id);
    assert.equal(run.counts.processed, 4);
    assert.equal(run.counts.skipped, 1);
    const rows = await files(h, id);
    assert.deepEqual(
      rows
        .filter((f) => f.status === "processed")
        .map((f) => f.key)
        .sort(),
      names.map((n) => PREFIX + n).sort(),
    );
    assert.equal(rows.find((f) => f.key.endsWith("cold.ndjson"))?.status, "skipped");
    h.clock.advance(1000);
    const again = await h.poll(id);
    assert.equal(again.counts.new, 0, "nothing is retried");
    assert.equal(
      h.s3.requests.filter((r) => r.op === "GetObject" && r.key?.endsWith("cold.ndjson")).length,
      0,
      "archived objects are never fetched",
    );
  });
});

test("a listing error changes nothing but the health; credentials made wrong go critical, fixed go healthy", async () => {
  await withWatch({}, async (h) => {
    const id = await h.connect({ prefix: PREFIX });
    await settled(h, id);
    h.s3.putObject(h.bucket, `${PREFIX}a.ndjson`, order());
    h.clock.advance(1000);
    await h.poll(id);
    const before = (
      await h.t.db.query<{ watermark: Date }>("SELECT watermark FROM connections WHERE id = $1", [id])
    ).rows[0]!;
    const ledger = (await files(h, id)).length;

    h.s3.injectFault({ op: "ListObjectsV2", code: "AccessDenied", status: 403, times: 1 });
    h.s3.putObject(h.bucket, `${PREFIX}b.ndjson`, order());
    h.clock.advance(1000);
    const failed = await h.poll(id);
    assert.equal(failed.status, "failed");
    assert.equal(failed.error.code, "connection.s3.list_denied");
    const after = (
      await h.t.db.query<{ watermark: Date }>("SELECT watermark FROM connections WHERE id = $1", [id])
    ).rows[0]!;
    assert.deepEqual(after.watermark, before.watermark, "the watermark did not move");
    assert.equal((await files(h, id)).length, ledger, "the ledger did not change");
    const critical = (await h.t.api(`/api/v1/connections/${id}`)).body;
    assert.equal(critical.health, "critical");
    assert.equal(critical.last_error.aws_code, "AccessDenied");
    assert.match(critical.last_error.hint, /s3:ListBucket/);

    // throttling is retried by the SDK; when it still fails the connection is warned, not critical at once
    h.s3.injectFault({ op: "ListObjectsV2", code: "SlowDown", status: 503, times: 3 });
    h.clock.advance(1000);
    await h.poll(id); // still failing after 3 attempts
    assert.equal(
      (await h.t.api(`/api/v1/connections/${id}`)).body.health,
      "critical",
      "already critical stays critical",
    );
    const ok = await h.poll(id);
    assert.equal(ok.status, "completed");
    assert.equal(ok.counts.processed, 1, "b.ndjson is picked up once the listing works");
    assert.equal((await h.t.api(`/api/v1/connections/${id}`)).body.health, "healthy");

    h.s3.injectFault({ op: "ListObjectsV2", code: "SlowDown", status: 503, times: 3 });
    h.clock.advance(1000);
    await h.poll(id);
    const throttled = (await h.t.api(`/api/v1/connections/${id}`)).body;
    assert.equal(throttled.health, "warning", "throttling alone is a warning, not critical");
    assert.equal(throttled.last_error.code, "connection.s3.throttled");

    // the key is deactivated in the store: critical with the code and the fix; new key → healthy
    h.s3.removeCredentials("AKIAIOSFODNN7EXAMPLE");
    h.s3.addCredentials({
      accessKeyId: "EXAMPLEKEYID2",
      secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    });
    h.clock.advance(1000);
    await h.poll(id);
    const bad = (await h.t.api(`/api/v1/connections/${id}`)).body;
    assert.equal(bad.health, "critical");
    assert.equal(bad.last_error.code, "connection.s3.unknown_access_key");
    assert.match(bad.last_error.hint, /access key id/);
    const fixed = await h.t.api(`/api/v1/connections/${id}`, {
      method: "PATCH",
      body: {
        credentials: {
          type: "aws_static",
          access_key_id: "EXAMPLEKEYID2",
          secret_access_key: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        },
      },
    });
    assert.equal(fixed.status, 200, fixed.text);
    await h.poll(id);
    assert.equal((await h.t.api(`/api/v1/connections/${id}`)).body.health, "healthy");
    for (const secret of [
      "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    ]) {
      assert.ok(!h.t.logs().includes(secret), "no log line carries a secret");
    }
  });
});

test("prefix and pattern scoping; changing the pattern re-evaluates what is new without redoing what is done", async () => {
  await withWatch({}, async (h) => {
    const demo = await h.connect({ prefix: "incoming/demo/orders/", file_pattern: "850_*.json" });
    const other = await h.connect({ prefix: "incoming/other/orders/", file_pattern: "850_*.json" });
    await settled(h, demo);
    await settled(h, other);
    const doc = (n: number) => JSON.stringify([JSON.parse(order(n))]);
    h.s3.putObject(h.bucket, "incoming/demo/orders/850_1.json", doc(1));
    h.s3.putObject(h.bucket, "incoming/demo/orders/810_1.json", doc(2));
    h.s3.putObject(h.bucket, "incoming/other/orders/850_9.json", doc(3));
    h.clock.advance(1000);
    await h.poll(demo);
    await h.poll(other);
    assert.deepEqual(
      (await files(h, demo)).map((f) => f.key),
      ["incoming/demo/orders/850_1.json"],
    );
    assert.deepEqual(
      (await files(h, other)).map((f) => f.key),
      ["incoming/other/orders/850_9.json"],
    );

    const patched = await h.t.api(`/api/v1/connections/${demo}`, {
      method: "PATCH",
      body: { file_pattern: "*.json" },
    });
    assert.equal(patched.status, 200, patched.text);
    h.clock.advance(1000);
    await h.poll(demo); // (the change also queued a poll of its own)
    await waitFor(async () => (await runsOf(h, demo)).every((r) => r.status === "completed"));
    const after = await files(h, demo);
    assert.deepEqual(
      after.map((f) => [f.key, f.status]),
      [
        ["incoming/demo/orders/810_1.json", "processed"],
        ["incoming/demo/orders/850_1.json", "processed"],
      ],
      "810_1.json is new under the new pattern; 850_1.json is not redone",
    );
  });
});
