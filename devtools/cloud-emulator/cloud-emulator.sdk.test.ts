/** The emulator's wire protocols, through the real SDK clients. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  ListResourcesCommand as CcList,
  CloudControlClient,
  GetResourceCommand,
} from "@aws-sdk/client-cloudcontrol";
import {
  ListResourcesCommand,
  ListSupportedResourceTypesCommand,
  ResourceExplorer2Client,
  SearchCommand,
} from "@aws-sdk/client-resource-explorer-2";
import { syntheticResources } from "./cloud-emulator.fixtures.ts";
import { startCloudEmulator } from "./cloud-emulator.server.ts";
import type { CloudEmulator } from "./cloud-emulator.types.ts";

const ACCOUNT = "111122223333";
const KEY = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
let cloud: CloudEmulator;
let re: ResourceExplorer2Client;
let cc: CloudControlClient;

before(async () => {
  const resources = syntheticResources({
    account: ACCOUNT,
    count: 1200,
    regions: ["eu-west-1", "us-east-1"],
  });
  cloud = await startCloudEmulator({
    account: {
      accountId: ACCOUNT,
      aggregatorRegion: "eu-west-1",
      credentials: [KEY],
      resources,
      quotas: { "resource-explorer-2": 1000 },
    },
  });
  re = new ResourceExplorer2Client({
    region: "eu-west-1",
    endpoint: cloud.endpoint,
    credentials: KEY,
    maxAttempts: 1,
  });
  cc = new CloudControlClient({
    region: "eu-west-1",
    endpoint: cloud.endpoint,
    credentials: KEY,
    maxAttempts: 1,
  });
});
after(async () => {
  re.destroy();
  cc.destroy();
  await cloud.close();
});

test("Search counts at most 1,000 and returns no more; Complete says so; pages follow NextToken", async () => {
  const first = await re.send(new SearchCommand({ QueryString: "", MaxResults: 400 }));
  assert.deepEqual(first.Count, { TotalResources: 1000, Complete: false });
  assert.equal(first.Resources?.length, 400);
  let total = first.Resources!.length;
  let token = first.NextToken;
  while (token) {
    const page = await re.send(new SearchCommand({ QueryString: "", MaxResults: 400, NextToken: token }));
    assert.deepEqual(page.Count, first.Count, "the count is on every page");
    total += page.Resources!.length;
    token = page.NextToken;
  }
  assert.equal(total, 1000, "an incomplete query cannot be read past the cap");
  const narrow = await re.send(new SearchCommand({ QueryString: "region:us-east-1 resourcetype:ec2:vpc" }));
  assert.equal(narrow.Count?.Complete, true);
  assert.ok(narrow.Resources!.every((r) => r.Region === "us-east-1" && r.ResourceType === "ec2:vpc"));
  assert.equal(narrow.Resources![0]!.CfnResourceType, "AWS::EC2::VPC");
  await assert.rejects(
    re.send(new SearchCommand({ QueryString: "", NextToken: first.NextToken!.slice(2) })),
    {
      name: "ValidationException",
    },
  );
  await assert.rejects(re.send(new SearchCommand({ QueryString: "", MaxResults: 1001 })), {
    name: "ValidationException",
  });
  await assert.rejects(re.send(new SearchCommand({ QueryString: "x".repeat(1281) })), {
    name: "ValidationException",
  });
});

test("filters: wildcards, negation, tags, ids; tags come back as the tags property", async () => {
  const count = async (q: string) =>
    (await re.send(new SearchCommand({ QueryString: q, MaxResults: 1000 }))).Count!;
  const us = await count("region:us* -resourcetype:s3:bucket");
  const prod = await count("tag:env=prod region:eu-west-1");
  assert.equal(us.Complete, true);
  assert.equal(prod.Complete, true);
  const roles = await re.send(
    new SearchCommand({ QueryString: "region:global resourcetype:iam:role id:role-1*" }),
  );
  assert.ok(roles.Resources!.length > 0);
  assert.ok(roles.Resources!.every((r) => /:role\/app\/role-1/.test(r.Arn!)));
  const tags = roles.Resources![0]!.Properties!.find((p) => p.Name === "tags")!.Data as Array<{
    Key: string;
  }>;
  assert.deepEqual(tags.map((t) => t.Key).sort(), ["env", "team"]);
  await assert.rejects(re.send(new SearchCommand({ QueryString: "colour:blue" })), {
    name: "ValidationException",
  });
});

test("ListResources has no cap and takes filters only; supported types carry their CloudFormation types", async () => {
  let token: string | undefined;
  let total = 0;
  do {
    const page = await re.send(new ListResourcesCommand({ MaxResults: 1000, NextToken: token }));
    total += page.Resources!.length;
    token = page.NextToken;
  } while (token);
  assert.equal(total, 1200);
  await assert.rejects(re.send(new ListResourcesCommand({ Filters: { FilterString: "bucket" } })), {
    name: "ValidationException",
  });
  const types = await re.send(new ListSupportedResourceTypesCommand({}));
  assert.ok(
    types.ResourceTypes!.some(
      (t) => t.ResourceType === "s3:bucket" && t.CFNResourceTypes?.[0] === "AWS::S3::Bucket",
    ),
  );
  assert.ok((cloud.stats().perSecond["resource-explorer-2"] ?? []).reduce((a, b) => a + b, 0) > 5);
});

test("Cloud Control: properties as a JSON string, listing by type, errors with their codes", async () => {
  const bucket = cloud.account.resources.find(
    (r) => r.cfnType === "AWS::S3::Bucket" && r.region === "eu-west-1",
  )!;
  const got = await cc.send(
    new GetResourceCommand({ TypeName: "AWS::S3::Bucket", Identifier: bucket.identifier! }),
  );
  assert.deepEqual(JSON.parse(got.ResourceDescription!.Properties!), bucket.properties);
  const listed = await cc.send(new CcList({ TypeName: "AWS::S3::Bucket", MaxResults: 5 }));
  assert.equal(listed.ResourceDescriptions!.length, 5);
  assert.ok(listed.NextToken);
  await assert.rejects(cc.send(new GetResourceCommand({ TypeName: "AWS::S3::Bucket", Identifier: "nope" })), {
    name: "ResourceNotFoundException",
  });
  const wrongKey = new CloudControlClient({
    region: "eu-west-1",
    endpoint: cloud.endpoint,
    credentials: { ...KEY, secretAccessKey: "not-the-secret" },
    maxAttempts: 1,
  });
  await assert.rejects(
    wrongKey.send(new GetResourceCommand({ TypeName: "AWS::S3::Bucket", Identifier: "x" })),
    {
      name: "InvalidSignatureException",
    },
  );
  wrongKey.destroy();
});
