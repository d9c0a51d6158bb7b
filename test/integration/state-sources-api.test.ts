/**
 * Terraform state sources through the HTTP API, read with a cloud account's credential from the S3 emulator
 * (signatures checked) behind the STS emulator: linked only after the object was read and parsed, workspaces
 * and versions, a dedicated state-reader account (the seed's "Option 2"), and every row of the seed's
 * state-bucket troubleshooting table as its code and fix, on create (422) and on test (ok: false).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { closeTestDatabases } from "../support/db.ts";
import { type IdentityStack, type StackOrg, startIdentityStack } from "../support/sts-emulator.stack.ts";

after(closeTestDatabases);

const SCANNER = {
  accessKeyId: "EXAMPLESCANKEY001",
  secretAccessKey: "dwScanSecretEXAMPLEdwScanSecretEXAMPLE001",
  arn: "arn:aws:iam::444455556666:user/scanner",
};
const READER = {
  accessKeyId: "EXAMPLEREADKEY001",
  secretAccessKey: "dwReadSecretEXAMPLEdwReadSecretEXAMPLE001",
  arn: "arn:aws:iam::777788889999:user/state-reader",
};
const KMS_KEY = "arn:aws:kms:us-east-1:777788889999:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function tfstate(serial: number, lineage: string, names: string[]): string {
  return JSON.stringify({
    version: 4,
    terraform_version: "1.9.5",
    serial,
    lineage,
    outputs: {},
    resources: [
      {
        mode: "data",
        type: "aws_caller_identity",
        name: "current",
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [{ schema_version: 0, attributes: { account_id: "444455556666" } }],
      },
      {
        mode: "managed",
        type: "aws_s3_bucket",
        name: "logs",
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: names.map((n) => ({
          index_key: n,
          schema_version: 0,
          attributes: { id: `logs-${n}`, arn: `arn:aws:s3:::logs-${n}`, bucket: `logs-${n}` },
        })),
      },
    ],
  });
}

describe("state sources API", () => {
  let t: IdentityStack;
  let other: StackOrg;
  let scanner: { id: string };
  let reader: { id: string };
  let versionOne = "";

  before(async () => {
    t = await startIdentityStack({ sts: { users: [SCANNER, READER] } });
    other = await t.newOrg("other");
    for (const user of [SCANNER, READER]) {
      t.s3.emulator.addCredentials({ accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey });
    }
    t.s3.emulator.createBucket("tf-state");
    t.s3.emulator.createBucket("tf-versioned", { versioning: true });
    t.s3.emulator.putObject("tf-state", "prod/terraform.tfstate", tfstate(12, "lin-prod", ["a", "b", "c"]));
    t.s3.emulator.putObject("tf-state", "env:/staging/prod/terraform.tfstate", tfstate(4, "lin-stg", ["a"]));
    t.s3.emulator.putObject("tf-state", "workspaces/blue/app.tfstate", tfstate(1, "lin-blue", ["x", "y"]));
    t.s3.emulator.putObject("tf-state", "kms/terraform.tfstate", tfstate(2, "lin-kms", []), {
      kmsKeyArn: KMS_KEY,
    });
    t.s3.emulator.putObject("tf-state", "notes.txt", "this is not a state");
    t.s3.emulator.putObject("tf-state", "big.tfstate", Buffer.alloc(10 * 1024 * 1024 + 1, 32));
    versionOne = t.s3.emulator.putObject("tf-versioned", "s.tfstate", tfstate(1, "lin-v", ["a"])).versionId!;
    t.s3.emulator.putObject("tf-versioned", "s.tfstate", tfstate(2, "lin-v", ["a", "b"]));
    const register = async (name: string, user: typeof SCANNER) => {
      const res = await t.api("/api/v1/cloud-accounts", {
        body: {
          display_name: name,
          external_account_id: user.arn.split(":")[4],
          credential_type: "aws_static",
          credential_ref: {
            access_key_id: user.accessKeyId,
            secret_access_key: user.secretAccessKey,
            region: "us-east-1",
          },
        },
      });
      assert.equal(res.status, 201, res.text);
      return res.body as { id: string };
    };
    scanner = await register("scanner", SCANNER);
    reader = await register("state reader", READER);
  });
  after(async () => t.close());

  const where = () => ({ region: t.s3.region, endpoint_url: t.s3.emulator.endpoint, force_path_style: true });
  const create = (body: Record<string, unknown>, key?: string) =>
    t.api("/api/v1/state-sources", {
      body: { cloud_account_id: scanner.id, bucket: "tf-state", ...where(), ...body },
      ...(key ? { key } : {}),
    });
  const count = async () =>
    Number(
      (await t.database.db.query<{ n: number }>("SELECT count(*)::int AS n FROM state_sources")).rows[0]!.n,
    );

  test("created after a read: serial, lineage, version, resource count (data sources not counted)", async () => {
    const res = await create({ key: "prod/terraform.tfstate" });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.cloud_account_id, scanner.id);
    assert.equal(res.body.scan_account_id, scanner.id);
    assert.equal(res.body.workspace_key_prefix, "env:");
    assert.equal(res.body.object_key, "prod/terraform.tfstate");
    assert.equal(res.body.last_test.ok, true);
    assert.equal(res.body.last_test.serial, 12);
    assert.equal(res.body.last_test.lineage, "lin-prod");
    assert.equal(res.body.last_test.terraform_version, "1.9.5");
    assert.equal(res.body.last_test.resource_count, 3);

    const again = await t.api(`/api/v1/state-sources/${res.body.id}/test`, { method: "POST" });
    assert.equal(again.status, 200);
    assert.equal(again.body.ok, true);
    assert.equal(again.body.serial, 12);
    assert.equal((await t.api(`/api/v1/state-sources/${res.body.id}`, { key: other.adminKey })).status, 404);

    const dup = await create({ key: "prod/terraform.tfstate" });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.code, "state_source.duplicate");
  });

  test("a workspace is read at <workspace_key_prefix>/<workspace>/<key>; a version id pins one version", async () => {
    const ws = await create({ key: "prod/terraform.tfstate", workspace: "staging" });
    assert.equal(ws.status, 201, ws.text);
    assert.equal(ws.body.object_key, "env:/staging/prod/terraform.tfstate");
    assert.equal(ws.body.last_test.lineage, "lin-stg");
    const prefixed = await create({
      key: "app.tfstate",
      workspace: "blue",
      workspace_key_prefix: "workspaces",
    });
    assert.equal(prefixed.status, 201, prefixed.text);
    assert.equal(prefixed.body.object_key, "workspaces/blue/app.tfstate");
    assert.equal(prefixed.body.last_test.resource_count, 2);
    const pinned = await create({ bucket: "tf-versioned", key: "s.tfstate", version_id: versionOne });
    assert.equal(pinned.status, 201, pinned.text);
    assert.equal(pinned.body.last_test.serial, 1);
    assert.equal(pinned.body.last_test.version_id, versionOne);
  });

  test("Option 2: a dedicated reader reads state the scanner's scans use; the scanner itself is denied", async () => {
    t.s3.emulator.setAuthorizer((r) =>
      r.bucket === "tf-state" && r.key?.startsWith("env:/") && r.accessKeyId !== READER.accessKeyId
        ? "deny"
        : "allow",
    );
    try {
      const denied = await create({ key: "prod/terraform.tfstate", workspace: "staging", version_id: null });
      assert.equal(denied.status, 409, "already linked with the scanner as reader (before the denial)");
      const viaScanner = await create({ key: "other.tfstate", workspace: "staging" });
      assert.equal(viaScanner.status, 422, viaScanner.text);
      assert.equal(viaScanner.body.error.code, "state.s3.access_denied");
      assert.equal(viaScanner.body.error.details.field, "body.cloud_account_id");
      assert.match(viaScanner.body.error.hint, /state-read/);

      t.s3.emulator.putObject("tf-state", "env:/staging/other.tfstate", tfstate(9, "lin-other", ["q"]));
      const viaReader = await create({
        cloud_account_id: reader.id,
        scan_account_id: scanner.id,
        key: "other.tfstate",
        workspace: "staging",
      });
      assert.equal(viaReader.status, 201, viaReader.text);
      assert.equal(viaReader.body.cloud_account_id, reader.id);
      assert.equal(viaReader.body.scan_account_id, scanner.id);
      assert.equal(viaReader.body.last_test.serial, 9);

      const forScan = await t.api(`/api/v1/state-sources?scan_account_id=${scanner.id}`);
      assert.ok(forScan.body.items.some((s: { id: string }) => s.id === viaReader.body.id));
      const readBy = await t.api(`/api/v1/state-sources?cloud_account_id=${reader.id}`);
      assert.deepEqual(
        readBy.body.items.map((s: { id: string }) => s.id),
        [viaReader.body.id],
      );
      // the reader cannot be deleted while the scanner's scans need it
      const blocked = await t.api(`/api/v1/cloud-accounts/${reader.id}`, { method: "DELETE" });
      assert.equal(blocked.status, 409);
      assert.equal(blocked.body.error.code, "cloud_account.in_use");
      assert.deepEqual(blocked.body.error.details.state_source_ids, [viaReader.body.id]);
    } finally {
      t.s3.emulator.setAuthorizer(undefined);
    }
  });

  test("every row of the state-bucket troubleshooting table: 422 with the code and fix, nothing stored", async () => {
    const before = await count();
    const cases: Array<[Record<string, unknown>, string, string | null, RegExp, string | undefined]> = [
      [
        { bucket: "tf-stat", key: "prod/terraform.tfstate" },
        "state.s3.no_such_bucket",
        "NoSuchBucket",
        /bucket name "tf-stat"/,
        "body.bucket",
      ],
      [
        { key: "prod/terraform.tfstat" },
        "state.s3.no_such_key",
        "NoSuchKey",
        /env:\/<workspace>\//,
        "body.key",
      ],
      [
        { key: "prod/terraform.tfstate", workspace: "qa" },
        "state.s3.no_such_key",
        "NoSuchKey",
        /env:\/qa\/prod\/terraform\.tfstate/,
        "body.key",
      ],
      [{ key: "big.tfstate" }, "state.too_large", null, /workspaces/, undefined],
      [{ key: "notes.txt" }, "terraform.state_not_json", null, /./, "body.key"],
    ];
    for (const [body, code, awsCode, hint, field] of cases) {
      const res = await create(body);
      assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.text}`);
      assert.equal(res.body.error.code, code);
      assert.equal(res.body.error.details.aws_code, awsCode);
      assert.match(res.body.error.hint, hint);
      assert.equal(res.body.error.details.field, field);
    }
    t.s3.emulator.setAuthorizer((r) =>
      r.action === "kms:Decrypt" && r.kmsKeyArn === KMS_KEY ? "deny" : "allow",
    );
    try {
      const kms = await create({ key: "kms/terraform.tfstate" });
      assert.equal(kms.status, 422, kms.text);
      assert.equal(kms.body.error.code, "state.s3.kms_access_denied");
      assert.match(kms.body.error.hint, /kms:Decrypt/);
      t.s3.emulator.injectFault({
        op: "GetObject",
        code: "KMS.AccessDeniedException",
        status: 403,
        times: 1,
      });
      const named = await create({ key: "kms/terraform.tfstate" });
      assert.equal(named.body.error.code, "state.s3.kms_access_denied");
      assert.equal(named.body.error.details.aws_code, "KMS.AccessDeniedException");
    } finally {
      t.s3.emulator.setAuthorizer(undefined);
    }
    assert.equal(await count(), before);
  });

  test("POST …/test reads now: a state that went away is ok:false with the fix, kept as the last test", async () => {
    t.s3.emulator.putObject("tf-state", "gone/terraform.tfstate", tfstate(3, "lin-gone", ["a"]));
    const res = await create({ key: "gone/terraform.tfstate" });
    assert.equal(res.status, 201, res.text);
    t.s3.emulator.deleteObject("tf-state", "gone/terraform.tfstate");
    const tested = await t.api(`/api/v1/state-sources/${res.body.id}/test`, { method: "POST" });
    assert.equal(tested.status, 200);
    assert.equal(tested.body.ok, false);
    assert.equal(tested.body.error.code, "state.s3.no_such_key");
    assert.equal(tested.body.error.aws_code, "NoSuchKey");
    assert.equal(tested.body.serial, null);
    const stored = await t.api(`/api/v1/state-sources/${res.body.id}`);
    assert.equal(stored.body.last_test.ok, false);
    assert.equal(stored.body.last_test.error.code, "state.s3.no_such_key");
  });

  test("bad input names the field; another organisation's account is not usable", async () => {
    const before = await count();
    const cases: Array<[Record<string, unknown>, string, string | undefined]> = [
      [{ key: "/lead.tfstate" }, "body.key", undefined],
      [{ key: "k", workspace: "a/b" }, "body.workspace", undefined],
      [{ key: "k", workspace_key_prefix: "env:/" }, "body.workspace_key_prefix", undefined],
      [{ key: "k", bucket: "Bad_Bucket" }, "body.bucket", undefined],
      [
        { key: "k", cloud_account_id: "00000000-0000-4000-8000-000000000000" },
        "body.cloud_account_id",
        undefined,
      ],
      [{ key: "k" }, "body.cloud_account_id", other.adminKey],
    ];
    for (const [body, field, key] of cases) {
      const res = await create(body, key);
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.text}`);
      assert.ok(
        JSON.stringify(res.body.error).includes(field),
        `${JSON.stringify(body)} names ${field}: ${res.text}`,
      );
    }
    assert.equal(await count(), before);
  });

  test("list pages by bucket and key; DELETE unlinks; deleting the scanned account takes its sources along", async () => {
    const first = await t.api("/api/v1/state-sources?limit=2");
    assert.equal(first.status, 200);
    assert.equal(first.body.items.length, 2);
    const rest = await t.api(`/api/v1/state-sources?limit=100&cursor=${first.body.next_cursor}`);
    const all = [...first.body.items, ...rest.body.items];
    assert.equal(all.length, await count());
    assert.equal(new Set(all.map((s: { id: string }) => s.id)).size, all.length);

    const one = all.find((s: { key: string }) => s.key === "gone/terraform.tfstate");
    assert.equal(
      (await t.api(`/api/v1/state-sources/${one.id}`, { method: "DELETE", key: other.adminKey })).status,
      404,
    );
    assert.equal((await t.api(`/api/v1/state-sources/${one.id}`, { method: "DELETE" })).status, 204);
    assert.equal((await t.api(`/api/v1/state-sources/${one.id}`)).status, 404);

    const gone = await t.api(`/api/v1/cloud-accounts/${scanner.id}`, { method: "DELETE" });
    assert.equal(gone.status, 204, gone.text);
    assert.equal(await count(), 0);
    assert.equal((await t.api(`/api/v1/cloud-accounts/${reader.id}`, { method: "DELETE" })).status, 204);
  });
});
