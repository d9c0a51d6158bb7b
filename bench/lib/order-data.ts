/**
 * Deterministic order data for the check bench: nested order records (NDJSON) and flat order lines (CSV)
 * matching the fixture contracts, with a small share of drifting records so the slow path runs too.
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";

/** mulberry32: a small seeded PRNG, so every run writes the same bytes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES = ["pending", "shipped", "delivered", "cancelled"];
const COUNTRIES = ["US", "FR", "DE", "GB"];
const CURRENCIES = ["USD", "EUR", "GBP"];
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** One in DRIFT_EVERY records carries a problem (bad sku pattern or an unknown status). */
export const DRIFT_EVERY = 1000;

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

export function orderRecord(i: number, rnd: () => number): Record<string, unknown> {
  const day = 1 + (i % 28);
  const items = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => ({
    sku: `${LETTERS[Math.floor(rnd() * 26)]}${LETTERS[Math.floor(rnd() * 26)]}${LETTERS[Math.floor(rnd() * 26)]}-${pad(Math.floor(rnd() * 10000), 4)}`,
    qty: 1 + Math.floor(rnd() * 20),
    price: Math.round(rnd() * 50000) / 100,
  }));
  const record: Record<string, unknown> = {
    order_id: `ORD-${pad(i, 6)}`,
    status: STATUSES[i % 4],
    order_date: `2024-03-${pad(day, 2)}`,
    created_at: `2024-03-${pad(day, 2)}T${pad(i % 24, 2)}:${pad(i % 60, 2)}:00Z`,
    customer: { id: 1 + (i % 50000), email: `customer${i % 50000}@example.com`, country: COUNTRIES[i % 4] },
    total: Math.round(items.reduce((s, it) => s + it.qty * it.price, 0) * 100) / 100,
    currency: CURRENCIES[i % 3],
    items,
  };
  if (i % 7 === 0) record.notes = "deliver to the loading dock behind the building";
  if (i % DRIFT_EVERY === 17) (items[0] as { sku: string }).sku = "bad_sku";
  if (i % DRIFT_EVERY === 503) record.status = "lost";
  return record;
}

export function orderLine(i: number, rnd: () => number): string {
  const qty = 1 + Math.floor(rnd() * 20);
  const status = i % DRIFT_EVERY === 503 ? "lost" : STATUSES[i % 4];
  const note = i % 5 === 0 ? '"leave at the door, ring twice"' : "";
  return `ORD-${pad(i, 6)},${status},2024-03-${pad(1 + (i % 28), 2)},customer${i % 50000}@example.com,${qty},${(qty * rnd() * 100).toFixed(2)},${i % 2 === 0 ? "true" : "false"},${note}`;
}

export const CSV_HEADER = "order_id,status,order_date,customer_email,quantity,total,gift,note";

/** Writes lines until the file reaches `bytes`; returns the number of records written. */
export async function writeLines(
  path: string,
  bytes: number,
  header: string | undefined,
  line: (i: number) => string,
): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  let i = 0;
  let batch: string[] = [];
  if (header !== undefined) {
    batch.push(header);
    written += header.length + 1;
  }
  while (written < bytes) {
    const text = line(i++);
    batch.push(text);
    written += Buffer.byteLength(text) + 1;
    if (batch.length >= 2000) {
      if (!out.write(`${batch.join("\n")}\n`)) await once(out, "drain");
      batch = [];
    }
  }
  if (batch.length > 0) out.write(`${batch.join("\n")}\n`);
  out.end();
  await once(out, "finish");
  return i;
}
