/** `driftwatch policy …` as a user runs it: JSON on stdout (pasteable), notes on stderr, exit 2 on bad input. */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, test } from "node:test";
import { stateReadPolicy, trustOidcPolicy } from "../../src/domain/iam-policy.ts";

const root = join(import.meta.dirname, "../..");
const bin = join(root, "bin/driftwatch");
const KMS = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ORG = "0b3c1f9e-2a4d-4c7b-9e5f-6a7b8c9d0e1f";

function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: root, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("driftwatch policy", () => {
  test("state-read with a prefix and a KMS key prints the policy JSON and its notes apart", async () => {
    const out = await run([
      "policy",
      "state-read",
      "--bucket",
      "tf-state",
      "--prefix",
      "prod/",
      "--kms-key",
      KMS,
    ]);
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(
      JSON.parse(out.stdout),
      stateReadPolicy({ bucket: "tf-state", prefix: "prod/", kmsKeyArn: KMS }).policy,
    );
    assert.match(out.stderr, /^note: /m);
  });

  test("trust-oidc takes the issuer and audience from the environment", async () => {
    const out = await run(["policy", "trust-oidc", "--account-id", "123456789012", "--org-id", ORG], {
      DRIFTWATCH_PUBLIC_URL: "https://dw.example.com",
      DRIFTWATCH_OIDC_AUDIENCE: "",
    });
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(
      JSON.parse(out.stdout),
      trustOidcPolicy({
        accountId: "123456789012",
        issuer: "https://dw.example.com",
        audience: "https://dw.example.com/federation",
        orgId: ORG,
      }).policy,
    );
  });

  test("bad input exits 2 naming the flag, the reason and the fix; nothing on stdout", async () => {
    const out = await run(["policy", "s3-source", "--bucket", "Bad_Bucket"]);
    assert.equal(out.code, 2);
    assert.equal(out.stdout, "");
    assert.match(out.stderr, /--bucket: "Bad_Bucket" is not a valid S3 bucket name/);
    assert.match(out.stderr, /lowercase letters/);
    const missing = await run(["policy", "trust-role", "--principal", "arn:aws:iam::444455556666:user/dw"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--external-id: external_id is required/);
  });
});
