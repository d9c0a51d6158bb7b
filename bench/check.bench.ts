/**
 * checkFile throughput and memory: a generated NDJSON file of nested orders and a generated CSV of order
 * lines (BENCH_MB each, default 100), written to a temporary folder and removed afterwards.
 *
 * Per file: checkFile MB/s and peak RSS, measured in a child process that does nothing else
 * (process.resourceUsage().maxRSS); the bare loop (JSON.parse + the compiled Ajv validator for NDJSON,
 * csv-parse + coercion + the validator for CSV) over the same bytes in memory, in this process; the ratio.
 * Goals: ratio ≥ 0.7, peak RSS < 150 MB.
 *
 * Run: ./node_modules/.bin/node bench/check.bench.ts   (BENCH_MB=10 for a quick run)
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileContract, loadContract } from "../src/domain/contracts/index.ts";
import { csvAsJsonBaseline, csvBaseline, ndjsonBaseline } from "./lib/baseline.ts";
import { CSV_HEADER, orderLine, orderRecord, prng, writeLines } from "./lib/order-data.ts";

const root = join(import.meta.dirname, "..");
const mb = Number(process.env.BENCH_MB ?? 100);
if (!Number.isFinite(mb) || mb <= 0) throw new Error("BENCH_MB must be a positive number");
const bytes = Math.round(mb * 1024 * 1024);
const contracts = {
  ndjson: join(root, "test/fixtures/contracts/orders.odcs.yaml"),
  csv: join(root, "test/fixtures/contracts/orders-csv.odcs.yaml"),
};

interface ChildResult {
  seconds: number;
  bytes: number;
  records: number;
  events: number;
  findings: number;
  maxRssMB: number;
  rssBeforeMB: number;
}

function inChild(contract: string, file: string): ChildResult {
  const r = spawnSync(process.execPath, [join(root, "bench/lib/check-child.ts"), contract, file], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`check child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as ChildResult;
}

const dir = await mkdtemp(join(tmpdir(), "driftwatch-check-bench-"));
try {
  process.stdout.write(`driftwatch check bench: ${mb} MiB per file (BENCH_MB), Node ${process.version}\n`);
  const ndjsonPath = join(dir, "orders.ndjson");
  const csvPath = join(dir, "order-lines.csv");
  const rndA = prng(42);
  await writeLines(ndjsonPath, bytes, undefined, (i) => JSON.stringify(orderRecord(i, rndA)));
  const rndB = prng(7);
  await writeLines(csvPath, bytes, CSV_HEADER, (i) => orderLine(i, rndB));

  const rows: string[][] = [];
  const ndjsonSchema = compileContract(loadContract(await readFile(contracts.ndjson, "utf8"))).schemas[0]!;
  const csvSchema = compileContract(loadContract(await readFile(contracts.csv, "utf8"))).schemas[0]!;

  const ndjsonChild = inChild(contracts.ndjson, ndjsonPath);
  const ndjsonText = await readFile(ndjsonPath, "utf8");
  const ndjsonBase = ndjsonBaseline(ndjsonText, ndjsonSchema);
  const ndjsonMB = ndjsonChild.bytes / 1e6;
  rows.push(row("ndjson", ndjsonChild, ndjsonMB / ndjsonBase.seconds, "JSON.parse+validate"));

  const csvChild = inChild(contracts.csv, csvPath);
  const csvBytes = new Uint8Array(await readFile(csvPath));
  const csvBase = csvBaseline(csvBytes, csvSchema);
  const csvMB = csvChild.bytes / 1e6;
  rows.push(row("csv", csvChild, csvMB / csvBase.seconds, "csv-parse+validate"));
  const asJson = csvAsJsonBaseline(csvBytes, csvSchema);

  const header = [
    "file",
    "size",
    "records",
    "events",
    "checkFile MB/s",
    "baseline MB/s",
    "ratio",
    "peak RSS",
    "RSS before 1st byte",
    "baseline",
  ];
  printTable([header, ...rows]);
  process.stdout.write(
    `csv rows as JSON lines, JSON.parse+validate: ${(asJson.mb / asJson.seconds).toFixed(1)} MB/s of JSON text ` +
      `(${(csvMB / asJson.seconds).toFixed(1)} MB/s of CSV bytes)\n`,
  );
  process.stdout.write(
    "goals: ratio ≥ 0.7, peak RSS < 150 MB (MB/s = 10^6 bytes per second; RSS before 1st byte = Node 24, " +
      "TypeScript stripping, libraries and the compiled contract, before checkFile reads anything)\n",
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}

function row(name: string, child: ChildResult, baselineMBs: number, baseline: string): string[] {
  const mbs = child.bytes / 1e6 / child.seconds;
  return [
    name,
    `${(child.bytes / 1024 / 1024).toFixed(1)} MiB`,
    String(child.records),
    `${child.events} (${child.findings})`,
    mbs.toFixed(1),
    baselineMBs.toFixed(1),
    (mbs / baselineMBs).toFixed(2),
    `${child.maxRssMB.toFixed(0)} MB`,
    `${child.rssBeforeMB.toFixed(0)} MB`,
    baseline,
  ];
}

function printTable(table: string[][]): void {
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => (r[c] ?? "").length)));
  for (const r of table) process.stdout.write(`${r.map((cell, c) => cell.padEnd(widths[c]!)).join("  ")}\n`);
}
