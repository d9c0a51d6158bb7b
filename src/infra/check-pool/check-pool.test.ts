import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { checkFile, compileContract, loadContract, SourceReadError } from "../../domain/contracts/index.ts";
import { CheckPool } from "./check-pool.ts";

const FIX = join(import.meta.dirname, "..", "..", "..", "test", "fixtures");
const ORDERS = readFileSync(join(FIX, "contracts", "orders.odcs.yaml"), "utf8");
const pool = new CheckPool(2);
after(() => pool.close());

async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

test("a check on a thread gives exactly the result of checkFile in this thread, for every orders fixture", async () => {
  const compiled = compileContract(loadContract(ORDERS));
  const files = readdirSync(join(FIX, "files")).filter((f) => /^orders.*\.(json|ndjson|parquet)$/.test(f));
  assert.ok(files.length >= 8);
  for (const file of files) {
    const bytes = readFileSync(join(FIX, "files", file));
    const inline = await checkFile(compiled, chunks(bytes, 100), { key: file, maxBytes: 1 << 20 });
    const pooled = await pool.check(
      { versionId: "v1", document: ORDERS, key: file, maxBytes: 1 << 20 },
      chunks(bytes, 100),
    );
    assert.deepEqual(pooled, inline, file);
  }
});

test("many files at once, larger than the flow-control window, keep their own results", async () => {
  const line = (i: number) =>
    `${JSON.stringify({ order_id: `ORD-${String(100000 + i)}`, status: i % 97 === 0 ? "lost" : "pending", order_date: "2026-01-01", created_at: "2026-01-01T00:00:00Z", customer: { id: 1, email: "a@example.com", country: "US" }, total: 1, currency: "USD", items: [{ sku: "ABC-1234", qty: 1, price: 1 }] })}\n`;
  const big = new TextEncoder().encode(Array.from({ length: 40_000 }, (_, i) => line(i)).join(""));
  assert.ok(big.length > 8 * 1024 * 1024);
  const results = await Promise.all(
    [0, 1, 2, 3].map((n) =>
      pool.check(
        { versionId: "v1", document: ORDERS, key: `f${n}.ndjson`, maxBytes: 64 << 20 },
        chunks(big, 65536),
      ),
    ),
  );
  for (const r of results) {
    assert.equal(r.records, 40_000);
    assert.equal(r.size, big.length);
    // the optional notes field is in no record: one column_missing warning beside the enum violations
    assert.deepEqual(r.events.map((e) => e.type).sort(), ["column_missing", "enum_violation"]);
    assert.equal(r.events.find((e) => e.type === "enum_violation")!.count, Math.ceil(40_000 / 97));
  }
  assert.deepEqual(
    results.map((r) => r.events[0]!.file.key),
    ["f0.ndjson", "f1.ndjson", "f2.ndjson", "f3.ndjson"],
  );
});

test("a failing download is a SourceReadError; a file past the limit stops being read", async () => {
  async function* broken(): AsyncGenerator<Uint8Array> {
    yield new TextEncoder().encode('{"order_id":');
    throw new Error("socket hang up");
  }
  await assert.rejects(
    pool.check({ versionId: "v1", document: ORDERS, key: "x.ndjson", maxBytes: 1 << 20 }, broken()),
    (err: unknown) => {
      assert.ok(err instanceof SourceReadError);
      assert.match((err as Error).message, /socket hang up/);
      return true;
    },
  );

  let served = 0;
  async function* endless(): AsyncGenerator<Uint8Array> {
    for (;;) {
      served++;
      yield new Uint8Array(64 * 1024).fill(0x20);
    }
  }
  const r = await pool.check(
    { versionId: "v1", document: ORDERS, key: "big.ndjson", maxBytes: 256 * 1024 },
    endless(),
  );
  assert.equal(r.tooLarge, true);
  assert.deepEqual(
    r.events.map((e) => e.type),
    ["file_too_large"],
  );
  assert.ok(served < 200, `reading stopped soon after the limit (${served} chunks)`);
});
