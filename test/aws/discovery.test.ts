/**
 * Discovery against the Resource Explorer 2 + Cloud Control emulator with the real SDK clients: every
 * resource found whatever the 1,000-result cap (split by region, type and id), translated and enriched,
 * under quotas with throttling injected.
 */

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { syntheticResources } from "../../devtools/cloud-emulator/cloud-emulator.fixtures.ts";
import type { ScriptedResource } from "../../devtools/cloud-emulator/cloud-emulator.types.ts";
import { categoryOf } from "../../src/domain/cloud/category.ts";
import { type DiscoveryProgress, discoverAccount } from "../../src/infra/aws/discovery.ts";
import { CLOUD_ACCOUNT, type CloudStack, startCloudStack } from "../support/cloud.ts";

const REGIONS = ["eu-west-1", "us-east-1", "ap-southeast-2"];

/** 1,300 EC2 instances in one region: one type in one region over the cap, so even region+type is split. */
function manyInstances(): ScriptedResource[] {
  const out: ScriptedResource[] = [];
  for (let n = 0; n < 1300; n++) {
    const id = `i-${n.toString(16).padStart(17, "0")}`;
    out.push({
      arn: `arn:aws:ec2:us-east-1:${CLOUD_ACCOUNT}:instance/${id}`,
      resourceType: "ec2:instance",
      cfnType: "AWS::EC2::Instance",
      region: "us-east-1",
      identifier: id,
      tags: { n: String(n) },
      properties: { InstanceId: id, InstanceType: n % 2 ? "t3.micro" : "m5.large" },
    });
  }
  return out;
}

describe("discovery: listing past the 1,000-result cap", () => {
  let stack: CloudStack;
  let resources: ScriptedResource[];
  before(async () => {
    resources = [
      ...manyInstances(),
      ...syntheticResources({ account: CLOUD_ACCOUNT, count: 900, regions: REGIONS, from: 10_000 }),
    ];
    stack = await startCloudStack({ resources });
  });
  after(() => stack.close());

  test("every resource is listed once, with its CloudFormation type, service, category, tags and properties", async () => {
    const seen: DiscoveryProgress[] = [];
    const result = await discoverAccount(
      {
        region: stack.region,
        credentials: stack.static(),
        endpoints: stack.endpoints,
        limits: { resourceExplorer: 200, cloudControl: 2000, defaultPerService: 2000 },
        concurrency: 32,
      },
      (p) => seen.push(p),
    );
    assert.equal(result.status, "completed", JSON.stringify(result.errors));
    assert.equal(result.complete, true);
    assert.deepEqual(result.errors, []);
    assert.equal(result.resources.length, resources.length);
    assert.deepEqual(new Set(result.resources.map((r) => r.arn)), new Set(resources.map((r) => r.arn)));

    const byArn = new Map(result.resources.map((r) => [r.arn, r]));
    const instance = byArn.get(resources[7]!.arn)!;
    assert.equal(instance.cfnType, "AWS::EC2::Instance");
    assert.equal(instance.resourceType, "ec2:instance");
    assert.equal(instance.service, "ec2");
    assert.equal(instance.category, "compute");
    assert.equal(instance.region, "us-east-1");
    assert.equal(instance.owningAccountId, CLOUD_ACCOUNT);
    assert.deepEqual(instance.tags, { n: "7" });
    assert.equal(instance.identifier, resources[7]!.identifier);
    assert.deepEqual(instance.properties, resources[7]!.properties);
    assert.equal(instance.enrichmentStatus, "enriched");
    const role = result.resources.find((r) => r.cfnType === "AWS::IAM::Role")!;
    assert.equal(role.region, "global");
    assert.equal(role.category, "iam");
    assert.equal(role.enrichmentStatus, "enriched", "global resources are read in the aggregator region");
    const queue = result.resources.find((r) => r.cfnType === "AWS::SQS::Queue")!;
    assert.match(queue.identifier!, /^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com\/111122223333\/queue-\d+$/);
    assert.equal(queue.category, "messaging");
    assert.ok(result.resources.every((r) => r.enrichmentStatus === "enriched"));
    // one table of categories: discovery says what the drift engine says of the same CloudFormation type
    for (const r of result.resources) assert.equal(r.category, categoryOf(r.cfnType), r.cfnType);

    // The emulator never answered a query whose results were cut without the adapter splitting it.
    const searches = stack.cloud.calls.filter((c) => c.action === "Search");
    assert.equal(result.stats.searches, searches.length);
    assert.ok(
      searches.some((c) => /region:us-east-1/.test(c.query ?? "")),
      "split by region",
    );
    assert.ok(
      searches.some((c) => /resourcetype:ec2:instance/.test(c.query ?? "") && /id:/.test(c.query ?? "")),
      "one type in one region over the cap is split by id",
    );
    assert.ok(searches.every((c) => c.status === 200));

    // progress: discovering then enriching then done, counts never going back
    assert.equal(seen.at(-1)!.phase, "done");
    assert.equal(seen.at(-1)!.discovered, resources.length);
    assert.equal(seen.at(-1)!.enriched, resources.length);
    assert.ok(
      seen.some((p) => p.phase === "discovering" && p.discovered > 0 && p.discovered < resources.length),
    );
    for (let i = 1; i < seen.length; i++) {
      assert.ok(seen[i]!.discovered >= seen[i - 1]!.discovered);
      assert.ok(seen[i]!.settled >= seen[i - 1]!.settled);
    }
  });

  test("without CfnResourceType in the results the type is translated from Resource Explorer's", async () => {
    const small = await startCloudStack({
      resources: syntheticResources({ account: CLOUD_ACCOUNT, count: 40, regions: REGIONS }),
      omitCfnType: true,
    });
    try {
      const result = await discoverAccount(
        { region: small.region, credentials: small.static(), endpoints: small.endpoints, enrich: false },
        undefined,
      );
      assert.equal(result.status, "completed");
      const types = new Set(result.resources.map((r) => `${r.resourceType} ${r.cfnType}`));
      assert.ok(types.has("s3:bucket AWS::S3::Bucket"));
      assert.ok(types.has("ec2:vpc AWS::EC2::VPC"));
      assert.ok(types.has("logs:log-group AWS::Logs::LogGroup"));
      assert.ok(result.resources.every((r) => r.enrichmentStatus === "skipped"));
      assert.equal(
        small.cloud.stats().byAction.GetResource,
        undefined,
        "enrich: false makes no Cloud Control call",
      );
    } finally {
      await small.close();
    }
  });
});

describe("discovery: quotas and throttling", () => {
  test("10% of calls throttled at random: discovery completes and no call exceeds a quota", async () => {
    const resources = syntheticResources({ account: CLOUD_ACCOUNT, count: 600, regions: REGIONS, seed: 3 });
    const quotas = { "resource-explorer-2": 20, cloudcontrol: 150, "cloudcontrol:iam": 30 };
    const stack = await startCloudStack({ resources, throttleRate: 0.1, quotas, seed: 11 });
    try {
      const result = await discoverAccount({
        region: stack.region,
        credentials: stack.static(),
        endpoints: stack.endpoints,
        limits: { resourceExplorer: 20, cloudControl: 150, perService: { iam: 30 }, defaultPerService: 150 },
        concurrency: 16,
      });
      assert.equal(result.status, "completed", JSON.stringify(result.errors));
      assert.equal(result.resources.length, resources.length);
      assert.ok(result.resources.every((r) => r.enrichmentStatus === "enriched"));
      const stats = stack.cloud.stats();
      assert.ok(stats.randomlyThrottled > 20, `throttling was injected (${stats.randomlyThrottled})`);
      assert.equal(result.stats.throttled, stats.randomlyThrottled, "every throttle was seen and retried");
      assert.deepEqual(stats.overQuota, {}, "no call went over a quota");
      for (const [key, quota] of Object.entries(quotas)) {
        const peak = Math.max(0, ...(stats.perSecond[key] ?? [0]));
        assert.ok(
          peak <= quota * 2,
          `${key}: at most a second's burst over the rate (${peak} for ${quota}/s)`,
        );
      }
    } finally {
      await stack.close();
    }
  });

  test("a quota lower than the client's limit: the emulator throttles and the adaptive buckets slow down", async () => {
    // 32 calls in flight at once against a bucket of 15: the quota is hit whatever the machine's speed.
    const resources = syntheticResources({ account: CLOUD_ACCOUNT, count: 120, regions: REGIONS, seed: 5 });
    const stack = await startCloudStack({ resources, quotas: { cloudcontrol: 15 } });
    try {
      const result = await discoverAccount({
        region: stack.region,
        credentials: stack.static(),
        endpoints: stack.endpoints,
        limits: { cloudControl: 1000, defaultPerService: 1000 },
        concurrency: 32,
      });
      assert.equal(result.status, "completed", JSON.stringify(result.errors));
      assert.ok(result.resources.every((r) => r.enrichmentStatus === "enriched"));
      assert.ok((stack.cloud.stats().overQuota.cloudcontrol ?? 0) > 0, "the quota was hit");
      assert.ok(result.stats.throttled > 0);
    } finally {
      await stack.close();
    }
  });
});
