/**
 * Every row of the scan troubleshooting table, produced by the emulators and seen as its stable code and
 * fix: Resource Explorer not enabled, no default view, Search denied, cloudformation:GetResource denied, a
 * service's read denied, expired and unknown keys, rejected identity tokens, trust policies that do not
 * match, identifiers and types Cloud Control cannot read. Plus the credential chains (role, OIDC) and the
 * standard endpoint settings.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { syntheticResources } from "../../devtools/cloud-emulator/cloud-emulator.fixtures.ts";
import type {
  ScriptedAccount,
  ScriptedResource,
} from "../../devtools/cloud-emulator/cloud-emulator.types.ts";
import {
  type DiscoveryOptions,
  type DiscoveryResult,
  discoverAccount,
} from "../../src/infra/aws/discovery.ts";
import {
  CLOUD_ACCOUNT,
  type CloudStack,
  OIDC_ROLE_ARN,
  ROLE_ARN,
  SCANNER_KEY,
  startCloudStack,
} from "../support/cloud.ts";

const REGIONS = ["eu-west-1", "us-east-1"];
const BASE = syntheticResources({ account: CLOUD_ACCOUNT, count: 36, regions: REGIONS, seed: 9 });

async function withStack(
  account: Partial<ScriptedAccount>,
  fn: (stack: CloudStack) => Promise<void>,
  opts: { oidcProvider?: boolean } = {},
): Promise<void> {
  const stack = await startCloudStack({ resources: BASE, ...account }, opts);
  try {
    await fn(stack);
  } finally {
    await stack.close();
  }
}

function discover(
  stack: CloudStack,
  extra: Partial<DiscoveryOptions> & { credentials?: AwsCredentialIdentityProvider } = {},
): Promise<DiscoveryResult> {
  return discoverAccount({
    region: stack.region,
    credentials: stack.static(),
    endpoints: stack.endpoints,
    limits: { resourceExplorer: 100, cloudControl: 500, defaultPerService: 500 },
    maxAttempts: 3,
    ...extra,
  });
}

function only(result: DiscoveryResult, code: string) {
  const found = result.errors.filter((e) => e.code === code);
  assert.equal(found.length, 1, `${code} in ${JSON.stringify(result.errors)}`);
  return found[0]!;
}

describe("discovery errors: Resource Explorer", () => {
  test("not enabled → failed, aws.resource_explorer.not_enabled with the setup steps", () =>
    withStack({ enabled: false }, async (stack) => {
      const result = await discover(stack);
      assert.equal(result.status, "failed");
      assert.deepEqual(result.resources, []);
      const e = only(result, "aws.resource_explorer.not_enabled");
      assert.equal(e.awsCode, "ResourceNotFoundException");
      assert.match(e.message, /Resource Explorer 2 is not enabled or has no default view in eu-west-1/);
      assert.match(e.fix, /Turn on Resource Explorer/);
      assert.match(e.fix, /aggregator/);
    }));

  test("an index but no default view → failed, aws.resource_explorer.view_not_found", () =>
    withStack({ defaultView: false }, async (stack) => {
      const result = await discover(stack);
      assert.equal(result.status, "failed");
      const e = only(result, "aws.resource_explorer.view_not_found");
      assert.match(e.fix, /default view/);
      assert.equal(stack.cloud.stats().byAction.Search, undefined, "no search without a view");
    }));

  test("Search denied → failed, aws.resource_explorer.access_denied naming the action", () =>
    withStack({ denied: { actions: ["resource-explorer-2:Search"] } }, async (stack) => {
      const result = await discover(stack);
      assert.equal(result.status, "failed");
      const e = only(result, "aws.resource_explorer.access_denied");
      assert.equal(e.awsCode, "AccessDeniedException");
      assert.match(e.message, /resource-explorer-2:Search/);
      assert.match(e.fix, /ReadOnlyAccess/);
    }));

  test("a local index (credential region is not the aggregator's) → partial, local_index", () =>
    withStack({ indexRegions: ["eu-west-1", "us-east-1"], aggregatorRegion: "us-east-1" }, async (stack) => {
      const result = await discover(stack, { region: "us-east-1" });
      assert.equal(result.status, "completed", "the aggregator region sees everything");
      const local = await discover(stack, { region: "eu-west-1" });
      assert.equal(local.status, "failed", "no default view outside the aggregator region");
      only(local, "aws.resource_explorer.view_not_found");
    }));
});

describe("discovery errors: Cloud Control", () => {
  test("cloudformation:GetResource denied → partial, every type unknown, one error with the prefix hint", () =>
    withStack({ denied: { actions: ["cloudformation:GetResource"] } }, async (stack) => {
      const result = await discover(stack, { concurrency: 2 });
      assert.equal(result.status, "partial");
      assert.equal(result.resources.length, BASE.length, "resources are still listed");
      assert.ok(
        result.resources.every(
          (r) => r.enrichmentStatus === "failed" && r.enrichmentFailureReason === "access_denied",
        ),
      );
      assert.deepEqual(result.unknownTypes, [...new Set(BASE.map((r) => r.cfnType))].sort());
      const e = only(result, "aws.cloudcontrol.access_denied");
      assert.equal(e.awsCode, "AccessDeniedException");
      assert.match(e.fix, /cloudformation:GetResource/);
      assert.match(e.fix, /not cloudcontrol/);
      assert.ok((stack.cloud.stats().byAction.GetResource ?? 0) <= 2, "not asked again for every resource");
    }));

  test("a service's read denied → partial naming the type; other types enriched", () =>
    withStack({ denied: { readDeniedTypes: ["AWS::IAM::Role"] } }, async (stack) => {
      const result = await discover(stack, { concurrency: 1 });
      assert.equal(result.status, "partial");
      assert.deepEqual(result.unknownTypes, ["AWS::IAM::Role"]);
      const e = only(result, "aws.cloudcontrol.service_read_denied");
      assert.equal(e.resourceType, "AWS::IAM::Role");
      assert.equal(e.count, BASE.filter((r) => r.cfnType === "AWS::IAM::Role").length);
      assert.match(e.message, /iam:DescribeRoles/);
      assert.match(e.fix, /ReadOnlyAccess/);
      for (const r of result.resources) {
        if (r.cfnType === "AWS::IAM::Role") assert.equal(r.enrichmentFailureReason, "access_denied");
        else assert.equal(r.enrichmentStatus, "enriched");
      }
    }));

  test("identifiers and types Cloud Control cannot read: failed with the reason, scan still completed", () => {
    const gateway: ScriptedResource = {
      arn: `arn:aws:ec2:eu-west-1:${CLOUD_ACCOUNT}:transit-gateway-route-table/tgw-rtb-0abc`,
      resourceType: "ec2:transit-gateway-route-table",
      cfnType: "AWS::EC2::TransitGatewayRouteTable",
      region: "eu-west-1",
    };
    const renamed: ScriptedResource = {
      arn: `arn:aws:s3:::gone-bucket`,
      resourceType: "s3:bucket",
      cfnType: "AWS::S3::Bucket",
      region: "eu-west-1",
      identifier: "another-name",
    };
    return withStack(
      {
        resources: [...BASE, gateway, renamed],
        unsupportedTypes: ["AWS::KMS::Key"],
        unsupportedIdentifierTypes: ["AWS::EC2::Subnet"],
      },
      async (stack) => {
        const result = await discover(stack, { concurrency: 1 });
        assert.equal(result.status, "completed", JSON.stringify(result.errors));
        assert.deepEqual(result.unknownTypes, []);
        const by = (arn: string) => result.resources.find((r) => r.arn === arn)!;
        assert.equal(by(gateway.arn).enrichmentFailureReason, "unsupported_identifier");
        assert.equal(by(gateway.arn).identifier, undefined);
        assert.ok(!stack.cloud.calls.some((c) => c.typeName === gateway.cfnType), "no guess is sent");
        assert.equal(by(renamed.arn).enrichmentFailureReason, "not_found");
        for (const r of result.resources) {
          if (r.cfnType === "AWS::KMS::Key") assert.equal(r.enrichmentFailureReason, "unsupported_type");
          if (r.cfnType === "AWS::EC2::Subnet")
            assert.equal(r.enrichmentFailureReason, "unsupported_identifier");
        }
        const kmsCalls = stack.cloud.calls.filter((c) => c.typeName === "AWS::KMS::Key").length;
        assert.equal(kmsCalls, 1, "an unsupported type is asked once");
        assert.equal(only(result, "aws.cloudcontrol.unsupported_type").awsCode, "UnsupportedActionException");
        const bad = result.errors.filter((e) => e.code === "aws.cloudcontrol.unsupported_identifier");
        const subnet = bad.find((e) => e.resourceType === "AWS::EC2::Subnet")!;
        assert.equal(subnet.awsCode, "InvalidRequestException");
        assert.equal(subnet.count, BASE.filter((r) => r.cfnType === "AWS::EC2::Subnet").length);
        assert.match(subnet.fix, /permanent/);
        const derived = bad.find((e) => e.resourceType === gateway.cfnType)!;
        assert.equal(derived.awsCode, undefined, "no call was made for it");
        assert.equal(bad.length, 2);
      },
    );
  });
});

describe("discovery errors: credentials", () => {
  test("an unknown access key → aws.resource_explorer.unknown_access_key (InvalidClientTokenId's row)", () =>
    withStack({}, async (stack) => {
      const result = await discover(stack, {
        credentials: stack.provider({
          type: "aws_static",
          access_key_id: "AKIA_UNKNOWN_EXAMPLE",
          secret_access_key: SCANNER_KEY.secretAccessKey,
        }),
      });
      assert.equal(result.status, "failed");
      const e = only(result, "aws.resource_explorer.unknown_access_key");
      assert.equal(e.awsCode, "UnrecognizedClientException");
      assert.match(e.fix, /typos/);
    }));

  test("an unknown base key in a role chain → aws.sts.unknown_access_key with AWS's InvalidClientTokenId", () =>
    withStack({}, async (stack) => {
      const result = await discover(stack, {
        credentials: stack.provider({
          type: "aws_role",
          access_key_id: "AKIA_UNKNOWN_EXAMPLE",
          secret_access_key: SCANNER_KEY.secretAccessKey,
          role_arn: ROLE_ARN,
        }),
      });
      assert.equal(result.status, "failed");
      assert.equal(only(result, "aws.sts.unknown_access_key").awsCode, "InvalidClientTokenId");
    }));

  test("an expired session → aws.resource_explorer.token_expired; STS's ExpiredToken → aws.sts.token_expired", () =>
    withStack({}, async (stack) => {
      const expired = {
        accessKeyId: "ASIAIOSFODNN7EXAMPLE",
        secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        sessionToken: "IQoJb3JpZ2luX2VjEXAMPLETOKEN",
        expiresAt: new Date(Date.now() - 60_000),
      };
      stack.cloud.addCredentials(expired);
      const direct = await discover(stack, {
        credentials: stack.provider({
          type: "aws_static",
          access_key_id: expired.accessKeyId,
          secret_access_key: expired.secretAccessKey,
          session_token: expired.sessionToken,
        }),
      });
      assert.equal(direct.status, "failed");
      const e = only(direct, "aws.resource_explorer.token_expired");
      assert.equal(e.awsCode, "ExpiredTokenException");
      assert.match(e.fix, /rotate|Rotate/);

      stack.sts.injectFault({
        action: "AssumeRole",
        code: "ExpiredToken",
        status: 400,
        message: "The security token included in the request is expired",
      });
      const chained = await discover(stack, {
        credentials: stack.provider({
          type: "aws_role",
          access_key_id: SCANNER_KEY.accessKeyId,
          secret_access_key: SCANNER_KEY.secretAccessKey,
          role_arn: ROLE_ARN,
        }),
      });
      assert.equal(chained.status, "failed");
      assert.equal(only(chained, "aws.sts.token_expired").awsCode, "ExpiredToken");
    }));

  test("no OIDC provider for driftwatch's issuer → InvalidIdentityToken as aws.sts.oidc_provider_missing", () =>
    withStack(
      {},
      async (stack) => {
        const result = await discover(stack, {
          credentials: stack.provider({ type: "aws_oidc", role_arn: OIDC_ROLE_ARN }),
        });
        assert.equal(result.status, "failed");
        const e = only(result, "aws.sts.oidc_provider_missing");
        assert.equal(e.awsCode, "InvalidIdentityToken");
        assert.match(e.fix, /create-open-id-connect-provider/);
      },
      { oidcProvider: false },
    ));

  test("a trust policy pinned to another organisation → aws.sts.web_identity_denied", () =>
    withStack({}, async (stack) => {
      const result = await discover(stack, {
        credentials: stack.provider(
          { type: "aws_oidc", role_arn: OIDC_ROLE_ARN },
          "00000000-1111-4222-8333-444444444444",
        ),
      });
      assert.equal(result.status, "failed");
      const e = only(result, "aws.sts.web_identity_denied");
      assert.equal(e.awsCode, "AccessDenied");
      assert.match(e.fix, /:sub/);
    }));
});

describe("discovery: credential chains and endpoints", () => {
  test("a key that assumes a role, and OIDC federation, both discover and enrich the account", () =>
    withStack({}, async (stack) => {
      for (const spec of [
        {
          type: "aws_static" as const,
          access_key_id: SCANNER_KEY.accessKeyId,
          secret_access_key: SCANNER_KEY.secretAccessKey,
          role_arn: ROLE_ARN,
        },
        { type: "aws_oidc" as const, role_arn: OIDC_ROLE_ARN },
      ]) {
        stack.cloud.resetStats();
        const result = await discover(stack, { credentials: stack.provider(spec) });
        assert.equal(result.status, "completed", `${spec.type}: ${JSON.stringify(result.errors)}`);
        assert.equal(result.resources.length, BASE.length);
        assert.ok(result.resources.every((r) => r.enrichmentStatus === "enriched"));
        const keys = new Set(stack.cloud.calls.map((c) => c.accessKeyId));
        assert.equal(keys.size, 1);
        assert.match([...keys][0]!, /^ASIA/, `${spec.type}: calls are signed with the STS session`);
      }
      assert.deepEqual(
        stack.sts.calls.map((c) => c.action),
        ["AssumeRole", "AssumeRoleWithWebIdentity"],
        "one session per chain, cached for the whole scan",
      );
    }));

  test("the SDK's standard endpoint settings are honoured (per service, then AWS_ENDPOINT_URL)", () =>
    withStack({}, async (stack) => {
      const perService = await discoverAccount({
        region: stack.region,
        credentials: stack.static(),
        env: {
          AWS_ENDPOINT_URL_RESOURCE_EXPLORER_2: stack.cloud.endpoint,
          AWS_ENDPOINT_URL_CLOUDCONTROL: stack.cloud.endpoint,
          AWS_ENDPOINT_URL: "http://127.0.0.1:9",
        },
      });
      assert.equal(perService.status, "completed");
      const global = await discoverAccount({
        region: stack.region,
        credentials: stack.static(),
        env: { AWS_ENDPOINT_URL: stack.cloud.endpoint },
        enrich: false,
      });
      assert.equal(global.status, "completed");
      const ignored = await discoverAccount({
        region: stack.region,
        credentials: stack.static(),
        endpoints: { resourceExplorer: "http://127.0.0.1:9" },
        env: { AWS_ENDPOINT_URL: stack.cloud.endpoint },
        maxAttempts: 1,
      });
      assert.equal(ignored.status, "failed", "an explicit endpoint wins over the environment");
      assert.equal(ignored.errors[0]!.code, "aws.resource_explorer.unreachable");
      assert.match(ignored.errors[0]!.fix, /127\.0\.0\.1:9/);
    }));
});
