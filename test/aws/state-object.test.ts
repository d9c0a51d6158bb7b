/**
 * Reading Terraform state from S3 against the S3 emulator: workspaces, versions, and every row of the
 * state-bucket troubleshooting table as its `state.*` code and fix.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { S3Client } from "@aws-sdk/client-s3";
import {
  readStateObject,
  STATE_MAX_BYTES,
  StateReadError,
  stateObjectKey,
} from "../../src/infra/aws/state-object.ts";
import { type S3TestContext, startS3ForTest } from "../support/s3.ts";

const KMS_KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const STATE = JSON.stringify({ version: 4, serial: 3, lineage: "l-1", resources: [] });

async function failure(p: Promise<unknown>): Promise<StateReadError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof StateReadError, String(err));
    return err;
  }
  assert.fail("expected a StateReadError");
}

describe("state objects from S3", () => {
  let s3: S3TestContext;
  before(async () => {
    s3 = await startS3ForTest({ bucket: "tf-state" });
    s3.emulator.createBucket("tf-versioned", { versioning: true });
    s3.emulator.putObject("tf-state", "prod/terraform.tfstate", STATE);
    s3.emulator.putObject("tf-state", "env:/staging/prod/terraform.tfstate", STATE.replace("l-1", "l-2"));
    s3.emulator.putObject("tf-state", "kms/terraform.tfstate", STATE, { kmsKeyArn: KMS_KEY });
  });
  after(() => s3.close());

  test("the key, a workspace's key and a version are read", async () => {
    const plain = await readStateObject(s3.client, { bucket: "tf-state", key: "prod/terraform.tfstate" });
    assert.equal(plain.body.toString(), STATE);
    assert.equal(plain.key, "prod/terraform.tfstate");
    const ws = await readStateObject(s3.client, {
      bucket: "tf-state",
      key: "prod/terraform.tfstate",
      workspace: "staging",
    });
    assert.equal(ws.key, "env:/staging/prod/terraform.tfstate");
    assert.match(ws.body.toString(), /l-2/);
    assert.equal(
      stateObjectKey({ key: "k", workspace: "a", workspaceKeyPrefix: "workspaces" }),
      "workspaces/a/k",
    );
    assert.equal(stateObjectKey({ key: "k", workspace: "default" }), "k");

    const v1 = s3.emulator.putObject("tf-versioned", "s.tfstate", "one").versionId!;
    s3.emulator.putObject("tf-versioned", "s.tfstate", "two");
    const old = await readStateObject(s3.client, { bucket: "tf-versioned", key: "s.tfstate", versionId: v1 });
    assert.equal(old.body.toString(), "one");
    assert.equal(old.versionId, v1);
    const current = await readStateObject(s3.client, { bucket: "tf-versioned", key: "s.tfstate" });
    assert.equal(current.body.toString(), "two");
    const missing = await failure(
      readStateObject(s3.client, {
        bucket: "tf-versioned",
        key: "s.tfstate",
        versionId: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      }),
    );
    assert.equal(missing.code, "state.s3.no_such_version");
  });

  test("AccessDenied → state.s3.access_denied: the state-read statement and the cross-account bucket policy", async () => {
    s3.emulator.setAuthorizer((r) => (r.action === "s3:GetObject" ? "deny" : "allow"));
    try {
      const e = await failure(
        readStateObject(s3.client, { bucket: "tf-state", key: "prod/terraform.tfstate" }),
      );
      assert.equal(e.code, "state.s3.access_denied");
      assert.equal(e.scanError.awsCode, "AccessDenied");
      assert.match(e.hint!, /state-read/);
      assert.match(e.hint!, /bucket policy/);
    } finally {
      s3.emulator.setAuthorizer(undefined);
    }
  });

  test("NoSuchBucket → state.s3.no_such_bucket", async () => {
    const e = await failure(readStateObject(s3.client, { bucket: "tf-stat", key: "prod/terraform.tfstate" }));
    assert.equal(e.code, "state.s3.no_such_bucket");
    assert.match(e.hint!, /Verify the bucket name "tf-stat"/);
  });

  test("NoSuchKey → state.s3.no_such_key with the workspace hint", async () => {
    const plain = await failure(
      readStateObject(s3.client, { bucket: "tf-state", key: "prod/terraform.tfstat" }),
    );
    assert.equal(plain.code, "state.s3.no_such_key");
    assert.equal(plain.scanError.awsCode, "NoSuchKey");
    assert.match(plain.message, /s3:\/\/tf-state\/prod\/terraform\.tfstat\b/);
    assert.match(plain.hint!, /env:\/<workspace>\//);
    const ws = await failure(
      readStateObject(s3.client, { bucket: "tf-state", key: "prod/terraform.tfstate", workspace: "qa" }),
    );
    assert.equal(ws.code, "state.s3.no_such_key");
    assert.match(ws.hint!, /env:\/qa\/prod\/terraform\.tfstate/);
  });

  test("KMS denied → state.s3.kms_access_denied, whichever code S3 answers with", async () => {
    s3.emulator.setAuthorizer((r) =>
      r.action === "kms:Decrypt" && r.kmsKeyArn === KMS_KEY ? "deny" : "allow",
    );
    try {
      const e = await failure(
        readStateObject(s3.client, { bucket: "tf-state", key: "kms/terraform.tfstate" }),
      );
      assert.equal(e.code, "state.s3.kms_access_denied");
      assert.equal(e.scanError.awsCode, "AccessDenied");
      assert.match(e.hint!, /kms:Decrypt/);
      assert.match(e.hint!, /key policy/);
      // The code the seed's table names; the emulator answers as S3's documentation shows, so a fault stands in.
      s3.emulator.injectFault({ op: "GetObject", code: "KMS.AccessDeniedException", status: 403, times: 1 });
      const named = await failure(
        readStateObject(s3.client, { bucket: "tf-state", key: "kms/terraform.tfstate" }),
      );
      assert.equal(named.code, "state.s3.kms_access_denied");
      assert.equal(named.scanError.awsCode, "KMS.AccessDeniedException");
    } finally {
      s3.emulator.setAuthorizer(undefined);
    }
  });

  test("over 10 MiB → state.too_large, refused on the declared length", async () => {
    s3.emulator.putObject("tf-state", "big.tfstate", Buffer.alloc(STATE_MAX_BYTES + 1, 32));
    const e = await failure(readStateObject(s3.client, { bucket: "tf-state", key: "big.tfstate" }));
    assert.equal(e.code, "state.too_large");
    assert.match(e.hint!, /workspaces/);
    const exact = await readStateObject(
      s3.client,
      { bucket: "tf-state", key: "big.tfstate" },
      { maxBytes: STATE_MAX_BYTES + 1 },
    );
    assert.equal(exact.body.length, STATE_MAX_BYTES + 1);
  });

  test("over the cap while streaming when no length was declared (a stand-in client: S3 always sends one)", async () => {
    let pulled = 0;
    const endless = {
      async send() {
        return {
          Body: (async function* () {
            for (;;) {
              pulled += 1024 * 1024;
              yield new Uint8Array(1024 * 1024);
            }
          })(),
        };
      },
    } as unknown as S3Client;
    const e = await failure(readStateObject(endless, { bucket: "b", key: "k" }));
    assert.equal(e.code, "state.too_large");
    assert.ok(pulled <= STATE_MAX_BYTES + 1024 * 1024, "stopped at the cap, not at the end");
  });
});
