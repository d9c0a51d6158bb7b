/**
 * `npm run bench`: every bench/*.bench.ts, one after another, each in its own process (so one's memory
 * does not weigh on the next), each printing its figures as ratios against a baseline measured in the same
 * run. `npm run bench -- poll` runs only the benches whose name contains "poll".
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const dir = import.meta.dirname;
const filter = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();
let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n=== ${file}\n`);
  const r = spawnSync(process.execPath, [join(dir, file)], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`${file} failed (exit ${r.status ?? r.signal})\n`);
  }
}
process.exit(failed > 0 ? 1 : 0);
