/**
 * Each credential type reaches a bucket end to end: a real S3Client whose credentials come from
 * driftwatch's credential provider, through the STS emulator (AssumeRole with external id, or
 * AssumeRoleWithWebIdentity with driftwatch's own token checked against its JWKS over HTTP), to the S3
 * emulator. Then validation before save refuses each kind of misconfiguration with a stable code and hint.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { decodeJwt } from "jose";
import { trustOidcPolicy, trustRolePolicy } from "../../src/domain/iam-policy.ts";
import type { CredentialSpec } from "../../src/infra/aws/credentials.ts";
import { closeTestDatabases } from "../support/db.ts";
import {
  ACCOUNT,
  AUDIENCE,
  type IdentityStack,
  ISSUER,
  startIdentityStack,
} from "../support/sts-emulator.stack.ts";

after(closeTestDatabases);

const USER = {
  accessKeyId: "EXAMPLEUSERKEY01",
  secretAccessKey: "dwUserSecretEXAMPLEdwUserSecretEXAMPLE00",
  arn: "arn:aws:iam::444455556666:user/driftwatch",
};
const ROLE_EXPLICIT = `arn:aws:iam::${ACCOUNT}:role/ExplicitExternalId`;
const ROLE_ORG = `arn:aws:iam::${ACCOUNT}:role/OrgExternalId`;
const ROLE_OIDC = `arn:aws:iam::${ACCOUNT}:role/DriftwatchFederated`;

describe("credential types end to end", () => {
  let t: IdentityStack;
  before(async () => {
    t = await startIdentityStack({ sts: { users: [USER], sessionSeconds: 900 } });
    t.s3.emulator.addCredentials(USER);
    t.s3.emulator.putObject(t.s3.bucket, "in/orders.json", '{"id":1}');
    t.sts.setRole({
      arn: ROLE_EXPLICIT,
      trustPolicy: trustRolePolicy({ principalArn: USER.arn, externalId: "partner-pinned-id" }).policy,
    });
    t.sts.setRole({
      arn: ROLE_ORG,
      trustPolicy: trustRolePolicy({ principalArn: USER.arn, externalId: t.org.externalId }).policy,
    });
    t.sts.setRole({
      arn: ROLE_OIDC,
      trustPolicy: trustOidcPolicy({
        accountId: ACCOUNT,
        issuer: ISSUER,
        audience: AUDIENCE,
        orgId: t.org.id,
      }).policy,
    });
    t.sts.addOidcProvider({ account: ACCOUNT, url: ISSUER, clientIds: [AUDIENCE] });
  });
  after(async () => t.close());

  const specs: Record<string, CredentialSpec> = {
    "aws_static (a key)": {
      type: "aws_static",
      access_key_id: USER.accessKeyId,
      secret_access_key: USER.secretAccessKey,
    },
    "aws_static + role_arn + external_id": {
      type: "aws_static",
      access_key_id: USER.accessKeyId,
      secret_access_key: USER.secretAccessKey,
      role_arn: ROLE_EXPLICIT,
      external_id: "partner-pinned-id",
    },
    "aws_role without external_id (the org's is sent)": {
      type: "aws_role",
      access_key_id: USER.accessKeyId,
      secret_access_key: USER.secretAccessKey,
      role_arn: ROLE_ORG,
    },
    "aws_oidc (driftwatch's own token)": { type: "aws_oidc", role_arn: ROLE_OIDC, region: "us-east-1" },
  };

  for (const [name, spec] of Object.entries(specs)) {
    test(`${name}: lists and gets from the bucket`, async () => {
      const client = await t.s3Client(t.org.id, spec);
      const listed = await client.send(new ListObjectsV2Command({ Bucket: t.s3.bucket, Prefix: "in/" }));
      assert.deepEqual(
        listed.Contents?.map((o) => o.Key),
        ["in/orders.json"],
      );
      const got = await client.send(new GetObjectCommand({ Bucket: t.s3.bucket, Key: "in/orders.json" }));
      assert.equal(await got.Body?.transformToString(), '{"id":1}');
      const used = t.s3.emulator.requests.at(-1)!.accessKeyId!;
      if (spec.type === "aws_static" && !spec.role_arn) assert.equal(used, USER.accessKeyId);
      else
        assert.ok(
          t.sts.issued.some((s) => s.accessKeyId === used),
          "S3 was called with an STS session",
        );
      if (spec.type === "aws_oidc") {
        const call = t.sts.calls.findLast((c) => c.action === "AssumeRoleWithWebIdentity")!;
        assert.deepEqual([call.status, call.signed], [200, false], "no stored key signs the federated call");
      }
      const identity = await t.identity.validate(t.org.id, spec, {
        region: "us-east-1",
        expectedAccountId: spec.type === "aws_static" && !spec.role_arn ? "444455556666" : ACCOUNT,
      });
      assert.equal(identity.account, spec.type === "aws_static" && !spec.role_arn ? "444455556666" : ACCOUNT);
      if ("role_arn" in spec && spec.role_arn) {
        assert.match(
          identity.arn,
          new RegExp(`assumed-role/${spec.role_arn.split("/")[1]}/driftwatch-${t.org.id.slice(0, 8)}$`),
        );
      }
    });
  }

  test("the OIDC token has the org's subject, the audience, the org claim and a kid of the published JWKS", async () => {
    const token = await t.federation.mint(t.org.id);
    const claims = decodeJwt(token);
    assert.equal(claims.iss, ISSUER);
    assert.equal(claims.sub, `org-${t.org.id}`);
    assert.equal(claims.aud, AUDIENCE);
    assert.equal(claims.dw_org_id, t.org.id);
    const jwks = (await (await fetch(`${t.url}/.well-known/jwks.json`)).json()) as {
      keys: Array<{ kid: string }>;
    };
    assert.ok(
      jwks.keys.some(
        (k: { kid: string }) =>
          k.kid === JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()).kid,
      ),
    );
  });

  test("sessions are shared by clients and refreshed 5 minutes before they expire (900-second sessions)", async () => {
    const spec = specs["aws_role without external_id (the org's is sent)"]!;
    const provider = await t.identity.provider(t.org.id, spec, "us-east-1");
    const assumeCalls = () =>
      t.sts.calls.filter((c) => c.action === "AssumeRole" && c.roleArn === ROLE_ORG && c.status === 200)
        .length;
    const first = await provider();
    const start = assumeCalls();
    assert.equal(
      (await (await t.identity.provider(t.org.id, spec, "us-east-1"))()).accessKeyId,
      first.accessKeyId,
    );
    t.clock.now += 9 * 60_000;
    assert.equal((await provider()).accessKeyId, first.accessKeyId, "9 minutes in: the same session");
    assert.equal(assumeCalls(), start);
    t.clock.now += 60_000 + 1;
    const second = await provider();
    assert.notEqual(second.accessKeyId, first.accessKeyId, "10 minutes in (5 before expiry): a new session");
    assert.equal(assumeCalls(), start + 1);
    const client = await t.s3Client(t.org.id, spec);
    const listed = await client.send(new ListObjectsV2Command({ Bucket: t.s3.bucket }));
    assert.equal(listed.KeyCount, 1);
    assert.equal(t.s3.emulator.requests.at(-1)!.accessKeyId, second.accessKeyId);
  });
});
