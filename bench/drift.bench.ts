/**
 * Drift engine: a 10 MiB Terraform state diffed against 50,000 live resources (the scripted account of
 * test/support: as many resources as fit in one 10 MiB state, padded with nested blocks as real objects are,
 * the other live resources unmanaged). The figure is parseTerraformState + buildFindings (+ buildReport)
 * divided by JSON.parse of the same state text, measured in the same run (goal ≤ 2). Times are process CPU
 * time, not wall time: the machine is shared, and a process waiting for a core should not count.
 * Run: ./node_modules/.bin/node bench/drift.bench.ts [live=50000]
 */
import {
  buildFindings,
  buildReport,
  MAX_STATE_BYTES,
  parseTerraformState,
} from "../src/domain/terraform/index.ts";
import { generateScriptedAccount } from "../test/support/scripted-account.ts";

const liveCount = Number(process.argv[2] ?? 50_000);
// as many state objects as fit in 10 MiB (compact JSON, ~900 bytes an object); the other live resources unmanaged
const fits = Math.floor((MAX_STATE_BYTES * 0.97) / 900);
const acct = generateScriptedAccount({
  liveCount,
  oneState: true,
  compact: true,
  unmanagedShare: Math.max(0.1, 1 - fits / liveCount),
  stateBytes: MAX_STATE_BYTES - 64 * 1024,
});
const [state] = acct.states;
const text = state!.json;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

type Phases = { json: number; parse: number; findings: number; report: number };
function run(): Phases {
  let t = cpu();
  JSON.parse(text);
  const json = cpu() - t;
  t = cpu();
  const s = parseTerraformState(text, state!.source);
  const parse = cpu() - t;
  t = cpu();
  const findings = buildFindings({ live: acct.live, states: [s] });
  const found = cpu() - t;
  t = cpu();
  const report = buildReport({
    findings,
    states: [s],
    live: acct.live,
    status: "completed",
    date: "2025-01-01T00:00:00Z",
  });
  const rep = cpu() - t;
  if (
    report.summary.total_missing !== acct.expected.missing.size ||
    report.summary.total_changed !== acct.expected.changed.size
  )
    throw new Error(`unexpected findings: ${JSON.stringify(report.summary)}`);
  return { json, parse, findings: found, report: rep };
}

console.log(
  `state: ${(Buffer.byteLength(text) / 1048576).toFixed(2)} MiB, ${parseTerraformState(text).resources.length} objects; live resources: ` +
    `${acct.live.length.toLocaleString("en")} (expected missing ${acct.expected.missing.size}, ` +
    `unmanaged ${acct.expected.unmanaged.size}, changed ${acct.expected.changed.size})`,
);
run(); // warm-up
const runs = Array.from({ length: 9 }, run);
const sorted = (k: keyof Phases) => runs.map((r) => r[k]).sort((a, b) => a - b);
const med = (k: keyof Phases) => sorted(k)[Math.floor(runs.length / 2)]!;
const best = (k: keyof Phases) => sorted(k)[0]!;
const json = med("json");
const parse = med("parse");
const findings = med("findings");
const report = med("report");
console.log(`JSON.parse of the state: ${json.toFixed(0)} ms CPU (median of ${runs.length})`);
console.log(
  `parseTerraformState ${parse.toFixed(0)} ms, buildFindings ${findings.toFixed(0)} ms, buildReport ${report.toFixed(0)} ms`,
);
console.log(
  `(parse + findings) ÷ JSON.parse: ${((parse + findings) / json).toFixed(2)} median, ` +
    `${((best("parse") + best("findings")) / best("json")).toFixed(2)} best — goal ≤ 2`,
);
console.log(`(parse + findings + report) ÷ JSON.parse: ${((parse + findings + report) / json).toFixed(2)}`);
