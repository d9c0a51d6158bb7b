import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { AppError } from "../../app/errors.ts";
import {
  checkCredentialSpec,
  credentialProvider,
  effectiveExternalId,
  publicCredentialView,
  stsTargetFor,
} from "./credentials.ts";
import { roleSessionName } from "./sts.ts";

const KEYS = {
  access_key_id: "AKIAIOSFODNN7EXAMPLE",
  secret_access_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const ROLE = "arn:aws:iam::123456789012:role/DriftwatchReader";
const ORG = "0b3c1f9e-2a4d-4c7b-9e5f-6a7b8c9d0e1f";

function rejectsField(input: unknown, field: string, message: RegExp): void {
  assert.throws(
    () => checkCredentialSpec(input),
    (e: AppError) => {
      assert.equal(e.code, "credentials.invalid");
      assert.equal(e.status, 400);
      assert.deepEqual(e.details, { field });
      assert.match(e.message, message);
      return true;
    },
  );
}

describe("checkCredentialSpec", () => {
  test("keeps what each type needs, trimmed, and drops nothing else silently", () => {
    assert.deepEqual(
      checkCredentialSpec({ type: "aws_static", ...KEYS, access_key_id: ` ${KEYS.access_key_id} ` }),
      {
        type: "aws_static",
        ...KEYS,
      },
    );
    assert.deepEqual(checkCredentialSpec({ type: "aws_role", ...KEYS, role_arn: ROLE }), {
      type: "aws_role",
      ...KEYS,
      role_arn: ROLE,
    });
    assert.deepEqual(checkCredentialSpec({ type: "aws_oidc", role_arn: ROLE, region: "eu-west-1" }), {
      type: "aws_oidc",
      role_arn: ROLE,
      region: "eu-west-1",
    });
  });

  test("names the field that is wrong", () => {
    rejectsField({ type: "aws_keys" }, "type", /not known/);
    rejectsField({ type: "aws_static", access_key_id: KEYS.access_key_id }, "secret_access_key", /required/);
    rejectsField({ type: "aws_role", ...KEYS }, "role_arn", /required/);
    rejectsField(
      { type: "aws_role", ...KEYS, role_arn: "arn:aws:iam::123456789012:user/x" },
      "role_arn",
      /not an IAM role ARN/,
    );
    rejectsField(
      { type: "aws_static", ...KEYS, external_id: "dw-x" },
      "external_id",
      /only used with role_arn/,
    );
    rejectsField(
      { type: "aws_role", ...KEYS, role_arn: ROLE, external_id: "a b" },
      "external_id",
      /not valid/,
    );
    rejectsField(
      { type: "aws_role", ...KEYS, role_arn: ROLE, external_id: "x" },
      "external_id",
      /not a valid external id/,
    );
    rejectsField({ type: "aws_oidc", role_arn: ROLE, region: "Ireland" }, "region", /not an AWS region code/);
  });
});

describe("context defaults", () => {
  test("a role without external_id is assumed with the organisation's", () => {
    const ctx = { orgId: ORG, region: "us-east-1", orgExternalId: "dw-org" };
    assert.equal(effectiveExternalId({ type: "aws_role", ...KEYS, role_arn: ROLE }, ctx), "dw-org");
    assert.equal(
      effectiveExternalId({ type: "aws_role", ...KEYS, role_arn: ROLE, external_id: "mine" }, ctx),
      "mine",
    );
    assert.equal(effectiveExternalId({ type: "aws_oidc", role_arn: ROLE }, ctx), undefined);
  });

  test("STS is dialled in the spec's region for OIDC, else the resource's; a malformed region is refused", () => {
    const ctx = { orgId: ORG, region: "eu-west-1", stsEndpoint: "http://127.0.0.1:1" };
    assert.deepEqual(stsTargetFor({ type: "aws_oidc", role_arn: ROLE, region: "us-east-2" }, ctx), {
      region: "us-east-2",
      endpoint: "http://127.0.0.1:1",
    });
    assert.equal(stsTargetFor({ type: "aws_role", ...KEYS, role_arn: ROLE }, ctx).region, "eu-west-1");
    assert.throws(
      () => stsTargetFor({ type: "aws_role", ...KEYS, role_arn: ROLE }, { ...ctx, region: "eu-west-1a" }),
      {
        code: "aws.sts.region_invalid",
      },
    );
  });

  test("role sessions are named after the organisation", () => {
    assert.equal(roleSessionName(ORG), "driftwatch-0b3c1f9e");
  });

  test("a plain key is returned as it is, without any STS call; the public view hides the secret", async () => {
    const provider = credentialProvider({ type: "aws_static", ...KEYS }, { orgId: ORG, region: "us-east-1" });
    assert.deepEqual(await provider(), {
      accessKeyId: KEYS.access_key_id,
      secretAccessKey: KEYS.secret_access_key,
    });
    const view = JSON.stringify(publicCredentialView({ type: "aws_role", ...KEYS, role_arn: ROLE }));
    assert.ok(!view.includes(KEYS.secret_access_key));
    assert.match(view, /"access_key_id_suffix":"MPLE"/);
  });
});
