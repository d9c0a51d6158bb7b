import assert from "node:assert/strict";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { parquetReadObjects } from "hyparquet";
import {
  batchDue,
  collect,
  type ExportedEvent,
  encodeBatch,
  FLAT_COLUMNS,
  formatInfo,
  formatProblem,
  gzipChunks,
  serializeEvents,
} from "./event-batch.ts";

function event(i: number, over: Partial<ExportedEvent> = {}): ExportedEvent {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    detected_at: new Date(Date.UTC(2023, 11, 6, 14, 0, i % 60)).toISOString(),
    connection: { id: "c1", name: 'partner, "orders"' },
    type: "enum_violation",
    severity: "error",
    path: "$.currency",
    rule: "orders.currency.enum",
    expected: "one of EUR, USD",
    actual: "GBP\nline two",
    count: i + 1,
    percent: i % 2 === 0 ? 12.5 : null,
    samples: [{ record: 3, value: "GBP" }],
    file: { key: `in/850_${i}.json`, sha256: "ab".repeat(32), size: 1834 },
    contract: { id: "orders-inbound", version: "1.2.0" },
    ...(i % 3 === 0 ? { detail: { line: 3, column: 7 } } : {}),
    ...over,
  };
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

test("NDJSON: one event per line, the API's shape, nothing lost", async () => {
  const events = Array.from({ length: 50 }, (_, i) => event(i));
  const body = text(await collect(serializeEvents(events, "ndjson")));
  const lines = body.split("\n");
  assert.equal(lines.pop(), "", "ends with a newline");
  assert.deepEqual(
    lines.map((l) => JSON.parse(l)),
    events,
  );
});

test("NDJSON of a large batch comes out in bounded chunks, lazily", () => {
  let pulled = 0;
  function* many() {
    for (let i = 0; i < 20_000; i++) {
      pulled++;
      yield event(i);
    }
  }
  const it = serializeEvents(many(), "ndjson")[Symbol.iterator]();
  const first = it.next();
  assert.equal(first.done, false);
  assert.ok(first.value!.length < 300 * 1024, "a chunk is about 256 KiB");
  assert.ok(pulled < 20_000, `the first chunk needed ${pulled} of 20,000 events`);
});

test("CSV: a header, RFC 4180 quoting of commas, quotes and newlines, JSON columns", async () => {
  const events = Array.from({ length: 1200 }, (_, i) => event(i));
  const body = text(await collect(serializeEvents(events, "csv")));
  const rows = parse(body, { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, 1200);
  assert.deepEqual(Object.keys(rows[0]!), [...FLAT_COLUMNS]);
  assert.equal(rows[0]!["connection_name"], 'partner, "orders"');
  assert.equal(rows[0]!["actual"], "GBP\nline two");
  assert.deepEqual(JSON.parse(rows[0]!["samples"]!), [{ record: 3, value: "GBP" }]);
  assert.equal(rows[1]!["percent"], "", "null percent is an empty cell");
  assert.equal(rows[1]!["detail"], "");
  assert.deepEqual(JSON.parse(rows[3]!["detail"]!), { line: 3, column: 7 });
  assert.equal(rows[1199]!["count"], "1200");
});

test("Parquet: typed columns a reader gets back", async () => {
  const events = Array.from({ length: 30 }, (_, i) => event(i));
  const body = await collect(serializeEvents(events, "parquet"));
  assert.equal(text(body.subarray(0, 4)), "PAR1");
  const rows = await parquetReadObjects({ file: body.buffer as ArrayBuffer });
  assert.equal(rows.length, 30);
  const r = rows[3] as Record<string, unknown>;
  assert.equal(r["id"], events[3]!.id);
  assert.equal(r["count"], 4n);
  assert.equal(r["percent"], null);
  assert.equal((r["detected_at"] as Date).toISOString(), events[3]!.detected_at);
  assert.deepEqual(r["detail"], { line: 3, column: 7 });
  assert.deepEqual(r["samples"], [{ record: 3, value: "GBP" }]);
  assert.equal((rows[0] as Record<string, unknown>)["percent"], 12.5);
});

test("gzip wraps the text formats and decompresses to the same bytes", async () => {
  const events = Array.from({ length: 3000 }, (_, i) => event(i));
  const plain = await collect(serializeEvents(events, "ndjson"));
  const gz = await collect(encodeBatch(events, "ndjson", true));
  assert.ok(gz.length < plain.length / 5, `gzip ${gz.length} of ${plain.length}`);
  assert.deepEqual(new Uint8Array(gunzipSync(gz)), plain);
  const csvGz = await collect(encodeBatch(events.slice(0, 10), "csv", true));
  assert.equal(parse(gunzipSync(csvGz).toString(), { columns: true }).length, 10);
});

test("a failing source surfaces through gzip", async () => {
  async function* broken() {
    yield new Uint8Array([1, 2, 3]);
    throw new Error("source broke");
  }
  await assert.rejects(collect(gzipChunks(broken())), /source broke/);
});

test("extensions and content types; gzip is refused for Parquet", () => {
  assert.deepEqual(formatInfo("ndjson", false), {
    extension: ".ndjson",
    contentType: "application/x-ndjson",
  });
  assert.deepEqual(formatInfo("csv", true), { extension: ".csv.gz", contentType: "application/gzip" });
  assert.equal(formatInfo("parquet", false).extension, ".parquet");
  assert.equal(formatProblem("ndjson", true), undefined);
  assert.match(formatProblem("parquet", true)!.hint, /Snappy/);
  assert.match(formatProblem("xml", false)!.message, /"xml"/);
});

test("a batch is due when full or when its oldest event has waited long enough", () => {
  const policy = { maxEvents: 100, maxAgeSeconds: 60 };
  const now = new Date("2023-12-06T14:00:00Z");
  const ago = (s: number) => new Date(now.getTime() - s * 1000);
  assert.equal(batchDue({ count: 0, oldestAt: undefined }, policy, now), false);
  assert.equal(batchDue({ count: 99, oldestAt: ago(59) }, policy, now), false);
  assert.equal(batchDue({ count: 100, oldestAt: ago(0) }, policy, now), true);
  assert.equal(batchDue({ count: 1, oldestAt: ago(60) }, policy, now), true);
});
