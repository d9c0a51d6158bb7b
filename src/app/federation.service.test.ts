import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, afterEach, beforeEach, describe, test } from "node:test";
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JWK, jwtVerify } from "jose";
import { closeTestDatabases, createTestDatabase, type TestDatabase } from "../../test/support/db.ts";
import { loadKeyRing } from "../infra/crypto/key-ring.ts";
import { SecretVault } from "../infra/crypto/sealed-secrets.ts";
import { type FederationOptions, FederationService } from "./federation.service.ts";

after(closeTestDatabases);

const DAY = 86_400_000;
const ISSUER = "https://dw.example.com";
const AUD = "https://dw.example.com/federation";

describe("FederationService", () => {
  let database: TestDatabase;
  let vault: SecretVault;
  let orgId: string;
  const clock = { now: Date.parse("2025-03-01T00:00:00Z") };

  beforeEach(async () => {
    database = await createTestDatabase();
    vault = new SecretVault(
      loadKeyRing({
        dataDir: "/nonexistent",
        masterKey: randomBytes(32).toString("base64"),
        previousMasterKeys: [],
      }),
    );
    const { rows } = await database.db.query<{ id: string }>(
      "INSERT INTO orgs (name, external_id) VALUES ('acme', 'dw-acme') RETURNING id",
    );
    orgId = rows[0]!.id;
    clock.now = Date.parse("2025-03-01T00:00:00Z");
  });
  afterEach(async () => database.close());

  const service = (overrides: Partial<FederationOptions> = {}) =>
    new FederationService(database.db, vault, {
      issuer: ISSUER,
      audience: AUD,
      tokenTtlSeconds: 300,
      keyMaxAgeSeconds: 10 * 86_400,
      keyPrepublishSeconds: 86_400,
      clock: () => new Date(clock.now),
      ...overrides,
    });

  const kids = async (f: FederationService) => (await f.jwks()).keys.map((k) => k.kid);
  const kidOf = (token: string) => decodeProtectedHeader(token).kid;
  const verify = async (f: FederationService, token: string) =>
    jwtVerify(token, createLocalJWKSet(await f.jwks()), {
      issuer: ISSUER,
      audience: AUD,
      currentDate: new Date(clock.now),
    });

  test("the first token creates the key; the token carries every claim AWS and the trust policy check", async () => {
    const f = service();
    assert.equal((await database.db.query("SELECT 1 FROM federation_signing_keys")).rows.length, 0);
    const token = await f.mint(orgId);
    const header = decodeProtectedHeader(token);
    assert.equal(header.alg, "RS256");
    assert.equal(header.typ, "JWT");
    assert.deepEqual(await kids(f), [header.kid]);
    const { payload } = await verify(f, token);
    assert.equal(payload.iss, ISSUER);
    assert.equal(payload.sub, `org-${orgId}`);
    assert.equal(payload.aud, AUD);
    assert.equal(payload.dw_org_id, orgId);
    assert.deepEqual(payload["https://aws.amazon.com/tags"], { principal_tags: { dw_org_id: [orgId] } });
    assert.equal(payload.iat, Math.floor(clock.now / 1000));
    assert.equal(payload.exp, payload.iat! + 300);
    assert.notEqual(decodeJwt(await f.mint(orgId)).jti, payload.jti, "every token has its own jti");
  });

  test("the private key is sealed: no private JWK member in any table, and it opens through the vault", async () => {
    const f = service();
    await f.mint(orgId);
    const { rows } = await database.db.query<{ public_jwk: JWK; secret_id: string; secret_org_id: string }>(
      "SELECT * FROM federation_signing_keys",
    );
    const row = rows[0]!;
    assert.equal(row.public_jwk.d, undefined, "the public JWK has no private exponent");
    const privateJwk = JSON.parse(await vault.openText(database.db, row.secret_org_id, row.secret_id)) as JWK;
    assert.ok(privateJwk.d && privateJwk.d.length > 100);
    const dump = JSON.stringify(
      (await database.db.query("SELECT * FROM sealed_secrets")).rows.map((r) =>
        Object.values(r).map((v) =>
          v instanceof Uint8Array ? Buffer.from(v).toString("latin1") : String(v),
        ),
      ),
    );
    for (const secret of [privateJwk.d, privateJwk.p, privateJwk.q]) {
      assert.ok(!dump.includes(secret!), "no private component is stored in the clear");
      assert.ok(!dump.includes(Buffer.from(secret!, "base64url").toString("latin1")));
    }
  });

  test("another process (another instance on the same database) signs with the same key", async () => {
    const a = service();
    const b = service();
    const [t1, t2] = await Promise.all([a.mint(orgId), b.mint(orgId)]);
    assert.equal(kidOf(t1), kidOf(t2));
    assert.equal((await kids(a)).length, 1, "concurrent first use created one key");
  });

  test("manual rotation: new tokens use the new kid; old tokens verify until they expire, then the old key leaves", async () => {
    const f = service();
    const before = await f.mint(orgId);
    const oldKid = kidOf(before);
    const rotated = await f.rotateSigningKey();
    assert.notEqual(rotated.kid, oldKid);
    assert.deepEqual(
      rotated.previous.map((k) => k.kid),
      [oldKid],
    );
    const afterToken = await f.mint(orgId);
    assert.equal(kidOf(afterToken), rotated.kid);
    assert.deepEqual((await kids(f)).sort(), [oldKid, rotated.kid].sort());
    await verify(f, before); // signed before the rotation, still valid
    const { rows } = await database.db.query(
      "SELECT 1 FROM sealed_secrets WHERE purpose = 'federation-signing-key'",
    );
    assert.equal(rows.length, 1, "the old private key is deleted as soon as it stops signing");

    clock.now += 300_000 + 60_000 + 1;
    assert.deepEqual(await kids(f), [rotated.kid], "gone once every token it signed has expired");
    await assert.rejects(verify(f, before));
  });

  test("revoke_previous removes the old key from the JWKS at once", async () => {
    const f = service();
    const before = await f.mint(orgId);
    const { kid } = await f.rotateSigningKey({ revokePrevious: true });
    assert.deepEqual(await kids(f), [kid]);
    await assert.rejects(verify(f, before), /no applicable key|matching key/i);
  });

  test("automatic rotation: the next key is published a day early and signs from the configured age", async () => {
    const f = service();
    const first = kidOf(await f.mint(orgId));
    clock.now += 9 * DAY - 1;
    assert.equal(kidOf(await f.mint(orgId)), first);
    assert.equal((await kids(f)).length, 1, "not due yet");
    clock.now += 2;
    assert.equal(kidOf(await f.mint(orgId)), first, "still signing with the first key");
    const published = await kids(f);
    assert.equal(published.length, 2, "the next key is in the JWKS before it signs");
    const next = published.find((k) => k !== first)!;
    const views = await f.signingKeys();
    assert.deepEqual(
      views.map((v) => [v.kid, v.state]),
      [
        [next, "pending"],
        [first, "active"],
      ],
    );
    clock.now += 1 * DAY;
    assert.equal(kidOf(await f.mint(orgId)), next, "the pre-published key signs from day 10");
    clock.now += 361_000;
    assert.deepEqual(await kids(f), [next]);
  });

  test("a signing key whose sealed secret is gone is replaced; its tokens stay verifiable until they expire", async () => {
    const f = service();
    const before = await f.mint(orgId);
    await database.db.query("DELETE FROM sealed_secrets WHERE purpose = 'federation-signing-key'");
    const fresh = service(); // a process without the key cached
    const afterToken = await fresh.mint(orgId);
    assert.notEqual(kidOf(afterToken), kidOf(before));
    await verify(fresh, before);
    clock.now += 361_000;
    assert.deepEqual(await kids(fresh), [kidOf(afterToken)]);
  });

  test("federation info: provider ARN, the trust policy for the org and account, and warnings for local issuers", () => {
    const info = service().federationInfo(orgId, { accountId: "123456789012" });
    assert.equal(info.oidc_provider_arn, "arn:aws:iam::123456789012:oidc-provider/dw.example.com");
    assert.equal(info.subject, `org-${orgId}`);
    assert.deepEqual(info.condition_keys, {
      subject: "dw.example.com:sub",
      audience: "dw.example.com:aud",
      org_id: "aws:RequestTag/dw_org_id",
    });
    assert.deepEqual(info.trust_policy!.Statement[0]!.Condition, {
      StringEquals: {
        "dw.example.com:sub": `org-${orgId}`,
        "dw.example.com:aud": AUD,
        "aws:RequestTag/dw_org_id": orgId,
      },
    });
    assert.match(
      info.commands!.create_provider,
      /--url https:\/\/dw\.example\.com --client-id-list https:\/\/dw\.example\.com\/federation$/,
    );
    assert.deepEqual(info.warnings, []);
    const local = service({ issuer: "http://localhost:8080" }).federationInfo(orgId);
    assert.equal(local.warnings.length, 2);
    assert.equal(local.trust_policy, undefined, "no account, no policy");
    assert.throws(() => service().federationInfo(orgId, { accountId: "42" }), /not an AWS account id/);
  });
});
