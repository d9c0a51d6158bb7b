import assert from "node:assert/strict";
import { test } from "node:test";
import { generateScriptedAccount } from "../../../test/support/scripted-account.ts";
import { buildFindings } from "./findings.ts";
import { buildReport } from "./report.ts";
import { parseTerraformState } from "./state.parse.ts";

test("a scripted account of 5,000 resources, 3 regions, 40 types, 3 states: the exact findings", () => {
  const acct = generateScriptedAccount();
  assert.equal(acct.live.length, 5000);
  assert.equal(new Set(acct.live.map((r) => r.cfnType)).size, 40);
  assert.deepEqual([...new Set(acct.live.map((r) => r.region))].sort(), [
    "ap-southeast-2",
    "eu-west-1",
    "global",
    "us-east-1",
  ]);
  assert.equal(acct.states.length, 3);
  assert.equal(acct.states.find((s) => s.workspace === "prod")?.key, "env:/prod/app/terraform.tfstate");

  const states = acct.states.map((s) => parseTerraformState(s.json, s.source));
  assert.ok(
    states.some((s) =>
      s.resources.some((r) => r.module.startsWith("module.stack[") && typeof r.indexKey === "string"),
    ),
  );
  const f = buildFindings({ live: acct.live, states });

  const key = (i: { source: string; resource: { address: string } }) => `${i.source}|${i.resource.address}`;
  assert.deepEqual(new Set(f.missing.map(key)), acct.expected.missing);
  assert.deepEqual(new Set(f.unmanaged.map((u) => u.live.arn)), acct.expected.unmanaged);
  assert.deepEqual(
    new Map(
      f.changed.map((c) => [
        key(c),
        c.changelog
          .map((x) => x.path.join("."))
          .sort()
          .join(","),
      ]),
    ),
    acct.expected.changed,
  );
  assert.equal(f.ignored.awsDefaults, acct.expected.awsDefaults);
  assert.equal(f.notCompared.length, acct.expected.notCompared);
  assert.equal(f.notJudged.length, 0);
  // sizes that make the assertions above mean something
  assert.ok(acct.expected.missing.size >= 78, `${acct.expected.missing.size} missing`);
  assert.ok(acct.expected.unmanaged.size > 300, `${acct.expected.unmanaged.size} unmanaged`);
  assert.ok(acct.expected.changed.size > 150, `${acct.expected.changed.size} changed`);
  assert.ok(acct.expected.notCompared > 100, `${acct.expected.notCompared} not compared`);

  const report = buildReport({
    findings: f,
    states,
    live: acct.live,
    status: "completed",
    date: "2025-01-01T00:00:00Z",
  });
  assert.equal(report.summary.total_iac_source_count, 3);
  assert.equal(report.summary.total_unmanaged, acct.expected.unmanaged.size);
  assert.equal(report.coverage, Math.floor((f.liveManaged * 100) / (f.liveManaged + f.unmanaged.length)));
  assert.ok(report.coverage >= 85 && report.coverage < 100, `coverage ${report.coverage}`);
});

test("the scripted account is the same on every run (a seed, no clock)", () => {
  const a = generateScriptedAccount({ liveCount: 400 });
  const b = generateScriptedAccount({ liveCount: 400 });
  assert.deepEqual(a.live, b.live);
  assert.deepEqual(
    a.states.map((s) => s.json),
    b.states.map((s) => s.json),
  );
});
