import assert from "node:assert/strict";
import { test } from "node:test";
import {
  MAX_STATE_BYTES,
  parseProviderRef,
  parseTerraformState,
  TerraformStateError,
  workspaceStateKey,
} from "./state.parse.ts";

const AWS = 'provider["registry.terraform.io/hashicorp/aws"]';

function state(resources: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    version: 4,
    terraform_version: "1.9.5",
    serial: 42,
    lineage: "3f1c0c4e-1b9a-4c55-9d0e-2c1f0e6a7b10",
    outputs: {},
    resources,
    ...extra,
  });
}

test("managed resources are read per instance; data sources are skipped; serial and lineage kept", () => {
  const s = parseTerraformState(
    state([
      {
        mode: "data",
        type: "aws_caller_identity",
        name: "me",
        provider: AWS,
        instances: [{ attributes: {} }],
      },
      {
        mode: "managed",
        type: "aws_s3_bucket",
        name: "logs",
        provider: AWS,
        instances: [
          { schema_version: 0, attributes: { id: "logs-bucket", arn: "arn:aws:s3:::logs-bucket" } },
        ],
      },
    ]),
    "tfstate://main.tfstate",
  );
  assert.equal(s.serial, 42);
  assert.equal(s.lineage, "3f1c0c4e-1b9a-4c55-9d0e-2c1f0e6a7b10");
  assert.equal(s.terraformVersion, "1.9.5");
  assert.equal(s.source, "tfstate://main.tfstate");
  assert.equal(s.dataSources, 1);
  assert.equal(s.resources.length, 1);
  const [b] = s.resources;
  assert.equal(b!.address, "aws_s3_bucket.logs");
  assert.equal(b!.module, "");
  assert.equal(b!.attributes.id, "logs-bucket");
  assert.equal(b!.provider.name, "aws");
  assert.equal(b!.tainted, false);
  assert.equal(b!.indexKey, undefined);
});

test("modules, count and for_each keys, tainted and deposed objects, aliased providers", () => {
  const s = parseTerraformState(
    state([
      {
        module: 'module.net["eu"]',
        mode: "managed",
        type: "aws_subnet",
        name: "private",
        each: "list",
        provider: `${AWS}.west`,
        instances: [
          { index_key: 0, attributes: { id: "subnet-0" } },
          { index_key: 1, status: "tainted", attributes: { id: "subnet-1" } },
        ],
      },
      {
        mode: "managed",
        type: "aws_iam_role",
        name: "svc",
        each: "map",
        provider: AWS,
        instances: [
          { index_key: "api", attributes: { id: "api" } },
          { index_key: "api", deposed: "00000001", attributes: { id: "api-old" } },
        ],
      },
    ]),
  );
  assert.deepEqual(
    s.resources.map((r) => r.address),
    [
      'module.net["eu"].aws_subnet.private[0]',
      'module.net["eu"].aws_subnet.private[1]',
      'aws_iam_role.svc["api"]',
      'aws_iam_role.svc["api"] (deposed 00000001)',
    ],
  );
  assert.equal(s.resources[0]!.module, 'module.net["eu"]');
  assert.equal(s.resources[0]!.indexKey, 0);
  assert.equal(s.resources[0]!.provider.alias, "west");
  assert.equal(s.resources[1]!.tainted, true);
  assert.equal(s.resources[2]!.indexKey, "api");
  assert.equal(s.resources[2]!.deposed, undefined);
  assert.equal(s.resources[3]!.deposed, "00000001");
  assert.equal(s.resources[2]!.provider.alias, undefined);
});

test("sensitive attribute paths in both the old and the new shape", () => {
  const s = parseTerraformState(
    state([
      {
        mode: "managed",
        type: "aws_db_instance",
        name: "db",
        provider: AWS,
        instances: [
          {
            attributes: { id: "db", password: "hunter2" },
            sensitive_attributes: [[{ type: "get_attr", value: "password" }]],
          },
          {
            index_key: 1,
            attributes: { id: "db2", password: "x" },
            sensitive_attributes: [{ type: "get_attr", value: "password" }],
          },
        ],
      },
    ]),
  );
  assert.deepEqual([...s.resources[0]!.sensitive], ["password"]);
  assert.deepEqual([...s.resources[1]!.sensitive], ["password"]);
});

test("provider addresses: registry, other hosts, legacy, aliases", () => {
  assert.deepEqual(parseProviderRef(`${AWS}.east`), {
    name: "aws",
    namespace: "hashicorp",
    alias: "east",
    raw: `${AWS}.east`,
  });
  assert.equal(parseProviderRef('provider["registry.opentofu.org/hashicorp/aws"]').name, "aws");
  assert.equal(parseProviderRef('provider["hashicorp/random"]').name, "random");
  assert.deepEqual(parseProviderRef("provider.aws.west"), {
    name: "aws",
    namespace: "hashicorp",
    alias: "west",
    raw: "provider.aws.west",
  });
});

function refused(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof TerraformStateError);
    assert.equal(err.code, code);
    assert.match(err.message, message);
    assert.ok(err.hint.length > 10);
    return true;
  });
}

test("a state over 10 MiB is refused by its length, before parsing", () => {
  const big = `{"version":4,"serial":1,"lineage":"x","resources":[],"pad":"${"a".repeat(MAX_STATE_BYTES)}"}`;
  refused(
    () => parseTerraformState(big, "big.tfstate"),
    "terraform.state_too_large",
    /big\.tfstate is 10\.0 MiB/,
  );
  refused(
    () => parseTerraformState(new Uint8Array(MAX_STATE_BYTES + 1)),
    "terraform.state_too_large",
    /10 MiB/,
  );
  // multi-byte characters count as bytes, not characters
  const wide = `{"version":4,"serial":1,"lineage":"x","resources":[],"pad":"${"é".repeat(MAX_STATE_BYTES / 2)}"}`;
  refused(() => parseTerraformState(wide), "terraform.state_too_large", /MiB/);
  assert.equal(parseTerraformState(state([])).resources.length, 0);
});

test("not JSON, not version 4, not a state: each has its own code", () => {
  refused(() => parseTerraformState("\x00\x01binary"), "terraform.state_not_json", /is not JSON/);
  refused(
    () => parseTerraformState('{"version":3,"serial":1,"modules":[]}'),
    "terraform.state_unsupported_version",
    /version 3/,
  );
  refused(() => parseTerraformState('{"serial":1}'), "terraform.state_unsupported_version", /no version/);
  refused(() => parseTerraformState("[]"), "terraform.state_invalid", /not an object/);
  refused(
    () => parseTerraformState('{"version":4,"resources":[]}'),
    "terraform.state_invalid",
    /serial or lineage/,
  );
  refused(
    () => parseTerraformState(state([{ mode: "managed", name: "x", instances: [] }])),
    "terraform.state_invalid",
    /no type or name/,
  );
});

test("a byte-order mark and bytes are accepted", () => {
  const bytes = new TextEncoder().encode(`\ufeff${state([])}`);
  assert.equal(parseTerraformState(bytes).serial, 42);
});

test("workspace object keys follow the S3 backend: env:/<ws>/<key>, prefix configurable", () => {
  assert.equal(workspaceStateKey("network/terraform.tfstate"), "network/terraform.tfstate");
  assert.equal(workspaceStateKey("network/terraform.tfstate", "default"), "network/terraform.tfstate");
  assert.equal(workspaceStateKey("network/terraform.tfstate", "prod"), "env:/prod/network/terraform.tfstate");
  assert.equal(workspaceStateKey("a.tfstate", "prod", "workspaces"), "workspaces/prod/a.tfstate");
  assert.equal(workspaceStateKey("a.tfstate", "prod", "workspaces/"), "workspaces/prod/a.tfstate");
});
