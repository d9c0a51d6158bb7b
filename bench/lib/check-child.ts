/**
 * Child process of the check bench: checks one file with checkFile and prints what it measured as JSON
 * (its own peak RSS is the figure: nothing else runs in this process).
 * Usage: node bench/lib/check-child.ts <contract> <file>
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { checkFile, compileContract, loadContract } from "../../src/domain/contracts/index.ts";

const [contractPath, file] = process.argv.slice(2);
if (contractPath === undefined || file === undefined) {
  process.stderr.write("usage: check-child.ts <contract> <file>\n");
  process.exit(2);
}
const compiled = compileContract(loadContract(await readFile(contractPath, "utf8")));
const size = (await stat(file)).size;
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const result = await checkFile(compiled, createReadStream(file, { highWaterMark: 64 * 1024 }), {
  key: file,
  maxBytes: size + 1,
});
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({
    seconds,
    bytes: result.size,
    records: result.records,
    events: result.events.length,
    findings: result.events.reduce((n, e) => n + e.count, 0),
    rssBeforeMB: rssBefore / 1024 / 1024,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
