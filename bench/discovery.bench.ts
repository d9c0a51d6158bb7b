/**
 * Discovery and enrichment of 20,000 resources with quotas set: the calls per second held ÷ the quota.
 *
 * The Resource Explorer 2 + Cloud Control emulator runs in a child process (a network peer, as AWS is)
 * over a scripted account of 20,000 resources in 3 regions and 12 types. First the baseline: how many
 * GetResource calls per second this machine can make at all (no quota, 32 in flight). The Cloud Control
 * quota is then set to half of that (capped at 400/s), so the quota, not the CPU, is the limit. IAM reads
 * get a fourteenth of it, as IAM's own quotas are lower: IAM roles are a twelfth of the resources, so IAM
 * is the last to finish and its quota binds for the whole run, while Cloud Control's binds as long as other
 * services have work. Then `discoverAccount` runs with limits equal to the quotas, and the emulator's
 * per-second counts say what rate was held while each quota was the limit.
 * Goal: held ÷ quota ≥ 0.9 for Cloud Control and for IAM, and no call over a quota.
 *
 * Run: ./node_modules/.bin/node bench/discovery.bench.ts   (BENCH_SCALE=0.1 for a quick run)
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { CloudControlClient, GetResourceCommand } from "@aws-sdk/client-cloudcontrol";
import { syntheticResources } from "../devtools/cloud-emulator/cloud-emulator.fixtures.ts";
import type { CloudEmulatorStats, ScriptedAccount } from "../devtools/cloud-emulator/cloud-emulator.types.ts";
import { discoverAccount } from "../src/infra/aws/discovery.ts";
import { httpHandler } from "../src/infra/aws/resource-explorer.ts";

const root = join(import.meta.dirname, "..");
const scale = Number(process.env.BENCH_SCALE ?? 1);
const COUNT = Math.round(20_000 * scale);
const ACCOUNT = "111122223333";
const REGION = "eu-west-1";
const KEY = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const SEARCH_QUOTA = 10;

const resources = syntheticResources({
  account: ACCOUNT,
  count: COUNT,
  regions: [REGION, "us-east-1", "ap-southeast-2"],
});

async function startPeer(
  quotas: Record<string, number>,
): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "dw-bench-cloud-"));
  const file = join(dir, "account.json");
  const account: ScriptedAccount = {
    accountId: ACCOUNT,
    aggregatorRegion: REGION,
    credentials: [KEY],
    resources,
    quotas,
  };
  writeFileSync(file, JSON.stringify(account));
  const child = spawn(process.execPath, [join(root, "devtools/cloud-emulator/main.ts"), "--account", file], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [endpoint] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  return {
    endpoint,
    async stop() {
      child.kill("SIGTERM");
      await once(child, "exit");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function stats(endpoint: string, reset = false): Promise<CloudEmulatorStats> {
  const res = await fetch(`${endpoint}/__emulator/${reset ? "reset" : "stats"}`, {
    method: reset ? "POST" : "GET",
  });
  return (await res.json()) as CloudEmulatorStats;
}

/**
 * Mean calls per second of `counts` over the full seconds (first and last left out) of the window where
 * `busy` had calls.
 */
function held(counts: number[], busy: number[] = counts): { rate: number; seconds: number } {
  const first = busy.findIndex((n) => n > 0);
  let last = busy.length - 1;
  while (last > 0 && !(busy[last]! > 0)) last--;
  const full = counts.slice(first + 1, last).map((n) => n ?? 0);
  if (full.length === 0) return { rate: 0, seconds: 0 };
  return { rate: full.reduce((a, b) => a + b, 0) / full.length, seconds: full.length };
}

// --- baseline: GetResource capacity without a quota
const free = await startPeer({});
const client = new CloudControlClient({
  region: REGION,
  endpoint: free.endpoint,
  credentials: KEY,
  maxAttempts: 1,
  requestHandler: httpHandler({ region: REGION, credentials: async () => KEY }),
});
const sample = resources.filter((r) => r.region === REGION).slice(0, Math.max(500, Math.round(3000 * scale)));
let next = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: 32 }, async () => {
    while (next < sample.length) {
      const r = sample[next++]!;
      await client.send(new GetResourceCommand({ TypeName: r.cfnType, Identifier: r.identifier! }));
    }
  }),
);
const capacity = sample.length / ((performance.now() - t0) / 1000);
client.destroy();
await free.stop();

// --- the scan under quotas
const quota = Math.max(50, Math.min(400, Math.round(capacity / 2)));
const iamQuota = Math.max(2, Math.round(quota / 14));
const quotas = { "resource-explorer-2": SEARCH_QUOTA, cloudcontrol: quota, "cloudcontrol:iam": iamQuota };
const peer = await startPeer(quotas);
await stats(peer.endpoint, true);
const started = performance.now();
let listedAt = 0;
const result = await discoverAccount(
  {
    region: REGION,
    credentials: async () => KEY,
    endpoints: { resourceExplorer: peer.endpoint, cloudControl: peer.endpoint },
    limits: {
      resourceExplorer: SEARCH_QUOTA,
      cloudControl: quota,
      perService: { iam: iamQuota },
      defaultPerService: quota,
    },
    concurrency: 32,
  },
  (p) => {
    if (p.phase === "enriching" && listedAt === 0) listedAt = performance.now();
  },
);
const finished = performance.now();
const s = await stats(peer.endpoint);
await peer.stop();

const ccCounts = s.perSecond.cloudcontrol ?? [];
const iamCounts = s.perSecond["cloudcontrol:iam"] ?? [];
// Cloud Control's quota binds while services other than IAM still have work.
const cc = held(
  ccCounts,
  ccCounts.map((n, i) => n - (iamCounts[i] ?? 0)),
);
const iam = held(iamCounts);
const over = Object.values(s.overQuota).reduce((a, b) => a + b, 0);
const enriched = result.resources.filter((r) => r.enrichmentStatus === "enriched").length;
const line = (label: string, h: { rate: number; seconds: number }, q: number) => {
  const ratio = h.rate / q;
  return `${label.padEnd(22)} held ${h.rate.toFixed(1).padStart(6)} calls/s over ${String(h.seconds).padStart(3)} s ÷ quota ${String(q).padStart(4)}/s = ${ratio.toFixed(3)}  (goal ≥ 0.9) ${ratio >= 0.9 ? "✔" : "✖"}`;
};

process.stdout.write(
  [
    `resources: ${COUNT} in 3 regions, 12 types; status ${result.status}; ${result.resources.length} listed, ${enriched} enriched`,
    `baseline: GetResource capacity without a quota ${capacity.toFixed(0)} calls/s (32 in flight); Cloud Control quota set to ${quota}/s, IAM ${iamQuota}/s`,
    `discovery (Resource Explorer): ${result.stats.searches} Search calls in ${((listedAt - started) / 1000).toFixed(1)} s (quota ${SEARCH_QUOTA}/s)`,
    `enrichment: ${((finished - listedAt) / 1000).toFixed(1)} s for ${COUNT} GetResource calls; ${result.stats.throttled} throttled`,
    line("cloudcontrol", cc, quota),
    line("cloudcontrol:iam", iam, iamQuota),
    `calls over a quota: ${over}  (goal 0) ${over === 0 ? "✔" : "✖"}`,
    "",
  ].join("\n"),
);
if (result.status !== "completed" || enriched !== COUNT) process.exitCode = 1;
