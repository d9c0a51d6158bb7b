/**
 * Drift engine: a 10 MiB Terraform state diffed against 50,000 live resources (the scripted account of
 * test/support, as many resources as fit in one 10 MiB state, the rest unmanaged). The figure is the time of
 * parseTerraformState + buildFindings + buildReport divided by JSON.parse of the same state text in the same
 * run (goal ≤ 2): the engine should cost about what reading the state costs.
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
// as many state objects as fit in 10 MiB (compact JSON, ~500 bytes an object); the other live resources unmanaged
const fits = Math.floor((MAX_STATE_BYTES * 0.97) / 520);
const acct = generateScriptedAccount({
  liveCount,
  oneState: true,
  compact: true,
  unmanagedShare: Math.max(0.1, 1 - fits / liveCount),
  stateBytes: MAX_STATE_BYTES - 64 * 1024,
});
const [state] = acct.states;
const text = state!.json;
const bytes = Buffer.byteLength(text);
console.log(
  `state: ${(bytes / 1048576).toFixed(2)} MiB, live resources: ${acct.live.length.toLocaleString("en")}, ` +
    `expected missing ${acct.expected.missing.size}, unmanaged ${acct.expected.unmanaged.size}, changed ${acct.expected.changed.size}`,
);

function engine(): number {
  const t = performance.now();
  const s = parseTerraformState(text, state!.source);
  const findings = buildFindings({ live: acct.live, states: [s] });
  const report = buildReport({
    findings,
    states: [s],
    live: acct.live,
    status: "completed",
    date: "2025-01-01T00:00:00Z",
  });
  const ms = performance.now() - t;
  if (
    report.summary.total_missing !== acct.expected.missing.size ||
    report.summary.total_changed !== acct.expected.changed.size
  )
    throw new Error(`unexpected findings: ${JSON.stringify(report.summary)}`);
  return ms;
}
function baseline(): number {
  const t = performance.now();
  JSON.parse(text);
  return performance.now() - t;
}

// interleaved runs after a warm-up, so both sides see the same machine; best and median printed
engine();
baseline();
const e: number[] = [];
const b: number[] = [];
for (let i = 0; i < 7; i++) {
  b.push(baseline());
  e.push(engine());
}
e.sort((x, y) => x - y);
b.sort((x, y) => x - y);
const med = (a: number[]) => a[Math.floor(a.length / 2)]!;
console.log(`JSON.parse of the state: best ${b[0]!.toFixed(0)} ms, median ${med(b).toFixed(0)} ms`);
console.log(`parse + findings + report: best ${e[0]!.toFixed(0)} ms, median ${med(e).toFixed(0)} ms`);
console.log(
  `engine ÷ JSON.parse: ${(med(e) / med(b)).toFixed(2)} (median), ${(e[0]! / b[0]!).toFixed(2)} (best) — goal ≤ 2`,
);
