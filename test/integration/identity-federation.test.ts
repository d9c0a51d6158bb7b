/**
 * driftwatch as the OIDC identity provider, over real HTTP: the public discovery document and JWKS, the
 * federation-info setup the user pastes into AWS (and which the STS emulator then accepts), signing-key
 * rotation seen from STS, and the policy API.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { decodeProtectedHeader } from "jose";
import { s3SourcePolicy } from "../../src/domain/iam-policy.ts";
import { closeTestDatabases } from "../support/db.ts";
import {
  ACCOUNT,
  AUDIENCE,
  type IdentityStack,
  ISSUER,
  startIdentityStack,
} from "../support/sts-emulator.stack.ts";

after(closeTestDatabases);

const ROLE = `arn:aws:iam::${ACCOUNT}:role/DriftwatchReader`;

describe("driftwatch as an OIDC identity provider", () => {
  let t: IdentityStack;
  let sts: STSClient;
  before(async () => {
    t = await startIdentityStack();
    sts = new STSClient({
      endpoint: t.sts.endpoint,
      region: "us-east-1",
      maxAttempts: 2,
      credentials: { accessKeyId: "", secretAccessKey: "" },
    });
    // The user follows GET /federation-info: creates the provider and the role with the rendered trust policy.
    const info = await t.api(`/api/v1/federation-info?account_id=${ACCOUNT}`);
    assert.equal(info.status, 200);
    t.sts.addOidcProvider({ account: ACCOUNT, url: info.body.issuer, clientIds: [info.body.audience] });
    t.sts.setRole({ arn: ROLE, trustPolicy: info.body.trust_policy });
  });
  after(async () => {
    sts.destroy();
    await t.close();
  });

  const assume = (token: string) =>
    sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: ROLE,
        RoleSessionName: "driftwatch-test",
        WebIdentityToken: token,
      }),
    );
  const publishedKids = async () =>
    (
      (await (await fetch(`${t.url}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> }
    ).keys.map((k) => k.kid);

  test("discovery and JWKS are public (no API key), at the root, with the issuer exactly as configured", async () => {
    const discovery = await fetch(`${t.url}/.well-known/openid-configuration`);
    assert.equal(discovery.status, 200);
    assert.match(discovery.headers.get("cache-control") ?? "", /max-age=/);
    const doc = (await discovery.json()) as Record<string, unknown>;
    assert.equal(doc.issuer, ISSUER);
    assert.equal(doc.jwks_uri, `${ISSUER}/.well-known/jwks.json`);
    assert.deepEqual(doc.id_token_signing_alg_values_supported, ["RS256"]);
    const jwks = (await (await fetch(`${t.url}/.well-known/jwks.json`)).json()) as {
      keys: Array<Record<string, unknown>>;
    };
    assert.ok(jwks.keys.length >= 1);
    for (const key of jwks.keys) {
      assert.deepEqual([key.kty, key.alg, key.use], ["RSA", "RS256", "sig"]);
      assert.equal(key.d, undefined, "never a private member");
    }
    assert.equal(
      (await t.api("/api/v1/federation-info", { key: null })).status,
      401,
      "the API itself needs a key",
    );
    const spec = (await t.api("/openapi.json", { key: null })).body;
    assert.deepEqual(spec.paths["/.well-known/jwks.json"].get.security, []);
    assert.ok(spec.paths["/api/v1/federation-info"]);
  });

  test("federation-info: issuer, audience, subject, claims, provider ARN and the org's trust policy", async () => {
    const { body } = await t.api(`/api/v1/federation-info?account_id=${ACCOUNT}`);
    assert.equal(body.issuer, ISSUER);
    assert.equal(body.audience, AUDIENCE);
    assert.equal(body.subject, `org-${t.org.id}`);
    assert.deepEqual(body.claims, { subject: "sub", audience: "aud", org_id: "dw_org_id" });
    assert.equal(body.oidc_provider_arn, `arn:aws:iam::${ACCOUNT}:oidc-provider/driftwatch.test`);
    assert.deepEqual(body.trust_policy.Statement[0].Condition.StringEquals, {
      "driftwatch.test:sub": `org-${t.org.id}`,
      "driftwatch.test:aud": AUDIENCE,
      "aws:RequestTag/dw_org_id": t.org.id,
    });
    assert.deepEqual(body.warnings, []);
    const bad = await t.api("/api/v1/federation-info?account_id=12345");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, "policy.invalid_account_id");
  });

  test("the rendered trust policy admits this org's token, and another org's token is refused", async () => {
    const ok = await assume(await t.federation.mint(t.org.id));
    assert.equal(ok.SubjectFromWebIdentityToken, `org-${t.org.id}`);
    const other = await t.newOrg("other");
    await assert.rejects(
      assume(await t.federation.mint(other.id)),
      (e: Error & { Code?: string }) => e.Code === "AccessDenied",
    );
  });

  test("rotation: old tokens still verify until they expire, new tokens carry the new kid, then the old key leaves", async () => {
    const member = await t.newOrg("members-only", "member");
    const forbidden = await t.api("/api/v1/federation/rotate-signing-key", {
      method: "POST",
      key: member.adminKey,
    });
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.body.error.code, "auth.forbidden");

    const before = await t.federation.mint(t.org.id);
    const oldKid = decodeProtectedHeader(before).kid!;
    const rotated = await t.api("/api/v1/federation/rotate-signing-key", { method: "POST" });
    assert.equal(rotated.status, 200, rotated.text);
    const newKid: string = rotated.body.kid;
    assert.notEqual(newKid, oldKid);
    assert.ok(
      rotated.body.previous.some(
        (k: { kid: string; state: string }) => k.kid === oldKid && k.state === "retired",
      ),
    );

    const afterToken = await t.federation.mint(t.org.id);
    assert.equal(decodeProtectedHeader(afterToken).kid, newKid);
    assert.deepEqual((await publishedKids()).sort(), [oldKid, newKid].sort());
    assert.ok((await assume(before)).Credentials, "a token signed before the rotation still works");
    assert.ok((await assume(afterToken)).Credentials);

    t.clock.now += 301_000; // the old token has expired; its key stays published for a minute of skew
    assert.deepEqual((await publishedKids()).sort(), [oldKid, newKid].sort());
    await assert.rejects(
      assume(before),
      (e: Error & { Code?: string }) => e.Code === "ExpiredTokenException",
    );
    t.clock.now += 60_000;
    assert.deepEqual(
      await publishedKids(),
      [newKid],
      "every token the old key signed has expired: it leaves",
    );
    await assert.rejects(assume(before), (e: Error & { Code?: string }) => e.Code === "InvalidIdentityToken");
    assert.ok((await assume(await t.federation.mint(t.org.id))).Credentials);
  });

  test("rotation with revoke_previous drops the old key at once: its unexpired tokens are refused", async () => {
    const before = await t.federation.mint(t.org.id);
    const res = await t.api("/api/v1/federation/rotate-signing-key?revoke_previous=true", { method: "POST" });
    assert.equal(res.status, 200);
    assert.deepEqual(await publishedKids(), [res.body.kid]);
    await assert.rejects(assume(before), (e: Error & { Code?: string }) => e.Code === "InvalidIdentityToken");
    const keys = await t.api("/api/v1/federation/signing-keys");
    assert.equal(keys.body.items.find((k: { state: string }) => k.state === "active").kid, res.body.kid);
  });
});

describe("policy API", () => {
  let t: IdentityStack;
  before(async () => {
    t = await startIdentityStack();
  });
  after(async () => t.close());

  test("s3-source with a prefix is the builder's document", async () => {
    const res = await t.api("/api/v1/policies/s3-source?bucket=partner-drops&prefix=in/orders/");
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.policy,
      s3SourcePolicy({ bucket: "partner-drops", prefix: "in/orders/" }).policy,
    );
    assert.equal(res.body.attach, "identity");
  });

  test("trust-role pins the organisation's external id unless another is given", async () => {
    const res = await t.api(
      "/api/v1/policies/trust-role?principal_arn=arn:aws:iam::444455556666:user/driftwatch",
    );
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.policy.Statement[0].Condition, {
      StringEquals: { "sts:ExternalId": t.org.externalId },
    });
  });

  test("trust-oidc is rendered for the caller's organisation and driftwatch's issuer", async () => {
    const res = await t.api(`/api/v1/policies/trust-oidc?account_id=${ACCOUNT}`);
    assert.equal(res.status, 200);
    assert.equal(
      res.body.policy.Statement[0].Principal.Federated,
      `arn:aws:iam::${ACCOUNT}:oidc-provider/driftwatch.test`,
    );
    assert.equal(
      res.body.policy.Statement[0].Condition.StringEquals["driftwatch.test:sub"],
      `org-${t.org.id}`,
    );
  });

  test("bad input is a 400 naming the field; an unknown kind is a 400 too", async () => {
    const res = await t.api("/api/v1/policies/state-read?bucket=My_Bucket");
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "policy.invalid_bucket");
    assert.equal(res.body.error.details.field, "bucket");
    assert.ok(res.body.error.hint);
    const kms = await t.api("/api/v1/policies/state-read?bucket=tf-state&kms_key_arn=alias/x");
    assert.equal(kms.body.error.code, "policy.invalid_kms_key_arn");
    assert.equal((await t.api("/api/v1/policies/everything?bucket=abc")).status, 400);
  });
});
