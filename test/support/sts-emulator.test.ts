/** The STS emulator against the real @aws-sdk/client-sts, each answer as AWS gives it. */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
} from "@aws-sdk/client-sts";
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from "jose";
import { trustOidcPolicy, trustRolePolicy } from "../../src/domain/iam-policy.ts";
import { type StsEmulator, startStsEmulator } from "./sts-emulator.ts";

const USER = {
  accessKeyId: "EXAMPLEUSERKEY02",
  secretAccessKey: "userSecretKeyEXAMPLEuserSecretKeyEXAMPLE",
  arn: "arn:aws:iam::444455556666:user/driftwatch",
};
const ROLE = "arn:aws:iam::123456789012:role/DriftwatchReader";
const OIDC_ROLE = "arn:aws:iam::123456789012:role/DriftwatchFederated";
const ORG = "0b3c1f9e-2a4d-4c7b-9e5f-6a7b8c9d0e1f";
const ISSUER = "https://idp.test";
const AUD = "https://idp.test/federation";

type SdkError = Error & { Code?: string; $metadata: { httpStatusCode?: number } };

describe("STS emulator", () => {
  const clock = { now: Date.now() };
  let sts: StsEmulator;
  let idp: Server;
  let idpUrl: string;
  let signingKey: CryptoKey;
  const registered: string[] = [];

  before(async () => {
    const pair = await generateKeyPair("RS256");
    signingKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    idp = createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      if (req.url === "/.well-known/openid-configuration")
        res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${ISSUER}/.well-known/jwks.json` }));
      else if (req.url === "/.well-known/jwks.json") res.end(JSON.stringify({ keys: [jwk] }));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => idp.listen(0, "127.0.0.1", r));
    idpUrl = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    sts = await startStsEmulator({
      clock: () => new Date(clock.now),
      users: [USER],
      roles: [
        {
          arn: ROLE,
          trustPolicy: trustRolePolicy({ principalArn: USER.arn, externalId: "dw-ext-1" }).policy,
        },
        {
          arn: OIDC_ROLE,
          trustPolicy: trustOidcPolicy({
            accountId: "123456789012",
            issuer: ISSUER,
            audience: AUD,
            orgId: ORG,
          }).policy,
        },
      ],
      oidcProviders: [{ account: "123456789012", url: ISSUER, clientIds: [AUD] }],
      regions: ["us-east-1", "eu-west-1", "ap-east-1"],
      disabledRegions: ["ap-east-1"],
      s3: [{ addCredentials: (c) => registered.push(c.accessKeyId) }],
      resolveUrl: (u) => u.replace(ISSUER, idpUrl),
    });
  });
  after(async () => {
    await sts.close();
    idp.closeAllConnections();
    idp.close();
  });

  const client = (
    creds?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
    region = "us-east-1",
  ) =>
    new STSClient({
      endpoint: sts.endpoint,
      region,
      maxAttempts: 1,
      credentials: creds ?? { accessKeyId: "", secretAccessKey: "" },
    });

  async function rejects(p: Promise<unknown>, code: string, status: number, message?: RegExp): Promise<void> {
    await assert.rejects(p, (e: SdkError) => {
      assert.equal(e.Code, code);
      assert.equal(e.$metadata.httpStatusCode, status);
      if (message) assert.match(e.message, message);
      return true;
    });
  }

  const token = (claims: Record<string, unknown>, expSeconds = 300) =>
    new SignJWT({
      iss: ISSUER,
      aud: AUD,
      sub: `org-${ORG}`,
      iat: Math.floor(clock.now / 1000),
      exp: Math.floor(clock.now / 1000) + expSeconds,
      "https://aws.amazon.com/tags": { principal_tags: { dw_org_id: [ORG] } },
      ...claims,
    })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .sign(signingKey);

  test("GetCallerIdentity: the right key gets its identity; unknown key and wrong secret get STS's codes", async () => {
    const id = await client(USER).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Arn, USER.arn);
    assert.equal(id.Account, "444455556666");
    await rejects(
      client({ ...USER, accessKeyId: "EXAMPLEUNKNOWNKEY2" }).send(new GetCallerIdentityCommand({})),
      "InvalidClientTokenId",
      403,
    );
    await rejects(
      client({ ...USER, secretAccessKey: "x".repeat(40) }).send(new GetCallerIdentityCommand({})),
      "SignatureDoesNotMatch",
      403,
    );
  });

  test("a region outside the list is refused; a disabled region is RegionDisabledException", async () => {
    await rejects(
      client(USER, "xx-nowhere-9").send(new GetCallerIdentityCommand({})),
      "SignatureDoesNotMatch",
      403,
      /valid region/,
    );
    await rejects(
      client(USER, "ap-east-1").send(new GetCallerIdentityCommand({})),
      "RegionDisabledException",
      403,
    );
  });

  test("AssumeRole: trust policy and external id decide; the session works, is registered with S3, expires", async () => {
    const assume = (ExternalId?: string) =>
      client(USER).send(
        new AssumeRoleCommand({
          RoleArn: ROLE,
          RoleSessionName: "driftwatch-test",
          ...(ExternalId ? { ExternalId } : {}),
        }),
      );
    await rejects(assume("dw-wrong"), "AccessDenied", 403, /not authorized to perform: sts:AssumeRole/);
    await rejects(assume(), "AccessDenied", 403);
    const out = await assume("dw-ext-1");
    assert.equal(
      out.AssumedRoleUser?.Arn,
      "arn:aws:sts::123456789012:assumed-role/DriftwatchReader/driftwatch-test",
    );
    assert.ok(out.Credentials?.Expiration instanceof Date);
    assert.ok(registered.includes(out.Credentials!.AccessKeyId!));
    const session = {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken!,
    };
    const who = await client(session).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, out.AssumedRoleUser?.Arn);
    assert.equal(who.Account, "123456789012");
    clock.now += 3601_000;
    try {
      // Two attempts: the first is refused as skewed, the SDK takes the emulator's Date and signs again.
      const late = new STSClient({
        endpoint: sts.endpoint,
        region: "us-east-1",
        maxAttempts: 2,
        credentials: session,
      });
      await rejects(late.send(new GetCallerIdentityCommand({})), "ExpiredToken", 400);
    } finally {
      clock.now -= 3601_000;
    }
  });

  test("AssumeRoleWithWebIdentity: a good token works; audience, subject, issuer and expiry are each refused", async () => {
    const assume = async (jwt: string) =>
      client().send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: OIDC_ROLE,
          RoleSessionName: "driftwatch-oidc",
          WebIdentityToken: jwt,
        }),
      );
    const ok = await assume(await token({}));
    assert.equal(ok.SubjectFromWebIdentityToken, `org-${ORG}`);
    assert.equal(sts.calls.at(-1)!.signed, false, "the SDK sends AssumeRoleWithWebIdentity unsigned");
    assert.ok(ok.Credentials?.SessionToken);

    await rejects(assume(await token({ aud: "sts.amazonaws.com" })), "InvalidIdentityToken", 400, /audience/);
    await rejects(assume(await token({ sub: "org-someone-else" })), "AccessDenied", 403);
    await rejects(
      assume(await token({ "https://aws.amazon.com/tags": { principal_tags: { dw_org_id: ["other"] } } })),
      "AccessDenied",
      403,
    );
    await rejects(
      assume(await token({ iss: "https://elsewhere.test" })),
      "InvalidIdentityToken",
      400,
      /No OpenIDConnect provider/,
    );
    await rejects(assume(await token({}, -10)), "ExpiredTokenException", 400);
    await rejects(assume("not-a-jwt"), "InvalidIdentityToken", 400);
  });
});
