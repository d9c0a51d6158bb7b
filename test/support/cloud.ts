/**
 * A scripted AWS account for discovery tests: the Resource Explorer 2 + Cloud Control emulator
 * (devtools/cloud-emulator), an STS emulator whose sessions it accepts, and a small OIDC issuer on loopback
 * (an `IdentityTokenSource` like driftwatch's FederationService, without the database) so role and OIDC
 * credential chains run through the real credential providers.
 *
 *   const stack = await startCloudStack({ resources, quotas: { cloudcontrol: 50 } });
 *   const result = await discoverAccount({ region: stack.region, credentials: stack.static(), endpoints: stack.endpoints });
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { startCloudEmulator } from "../../devtools/cloud-emulator/cloud-emulator.server.ts";
import type { CloudEmulator, ScriptedAccount } from "../../devtools/cloud-emulator/cloud-emulator.types.ts";
import { trustOidcPolicy, trustRolePolicy } from "../../src/domain/iam-policy.ts";
import {
  type CredentialSpec,
  credentialProvider,
  type IdentityTokenSource,
} from "../../src/infra/aws/credentials.ts";
import { type StsEmulator, startStsEmulator } from "./sts-emulator.ts";

export const CLOUD_ACCOUNT = "111122223333";
export const SCANNER_KEY = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
export const ISSUER = "https://oidc.driftwatch.test";
export const AUDIENCE = `${ISSUER}/federation`;
export const ROLE_ARN = `arn:aws:iam::${CLOUD_ACCOUNT}:role/DriftwatchScanner`;
export const OIDC_ROLE_ARN = `arn:aws:iam::${CLOUD_ACCOUNT}:role/DriftwatchFederated`;
export const ORG_ID = "4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
export const EXTERNAL_ID = "dw-external-id-for-tests";

export interface CloudStack {
  cloud: CloudEmulator;
  sts: StsEmulator;
  region: string;
  endpoints: { resourceExplorer: string; cloudControl: string };
  tokens: IdentityTokenSource;
  /** Credentials for a spec, through driftwatch's credential provider (STS for roles and OIDC). */
  provider(spec: CredentialSpec, orgId?: string): AwsCredentialIdentityProvider;
  /** The scanner's static key. */
  static(): AwsCredentialIdentityProvider;
  close(): Promise<void>;
}

async function startIssuer(): Promise<{ url: string; tokens: IdentityTokenSource; close(): Promise<void> }> {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const kid = randomUUID();
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const server = createServer((req, res) => {
    const body =
      req.url === "/.well-known/openid-configuration"
        ? { issuer: ISSUER, jwks_uri: `${ISSUER}/.well-known/jwks.json` }
        : req.url === "/.well-known/jwks.json"
          ? { keys: [jwk] }
          : undefined;
    res.writeHead(body ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokens: IdentityTokenSource = {
    issuer: ISSUER,
    audience: AUDIENCE,
    mint: (orgId) =>
      new SignJWT({
        dw_org_id: orgId,
        "https://aws.amazon.com/tags": { principal_tags: { dw_org_id: [orgId] } },
      })
        .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
        .setIssuer(ISSUER)
        .setSubject(`org-${orgId}`)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(privateKey),
  };
  return {
    url,
    tokens,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export async function startCloudStack(
  account: Partial<ScriptedAccount> & Pick<ScriptedAccount, "resources">,
  opts: { oidcProvider?: boolean } = {},
): Promise<CloudStack> {
  const region = account.aggregatorRegion ?? "eu-west-1";
  const cloud = await startCloudEmulator({
    account: {
      accountId: CLOUD_ACCOUNT,
      aggregatorRegion: region,
      credentials: [SCANNER_KEY],
      ...account,
    },
  });
  const issuer = await startIssuer();
  const scannerUser = `arn:aws:iam::${CLOUD_ACCOUNT}:user/driftwatch-scanner`;
  const sts = await startStsEmulator({
    users: [{ ...SCANNER_KEY, arn: scannerUser }],
    roles: [
      {
        arn: ROLE_ARN,
        trustPolicy: trustRolePolicy({ principalArn: scannerUser, externalId: EXTERNAL_ID }).policy,
      },
      {
        arn: OIDC_ROLE_ARN,
        trustPolicy: trustOidcPolicy({
          accountId: CLOUD_ACCOUNT,
          issuer: ISSUER,
          audience: AUDIENCE,
          orgId: ORG_ID,
        }).policy,
      },
    ],
    oidcProviders:
      opts.oidcProvider === false ? [] : [{ account: CLOUD_ACCOUNT, url: ISSUER, clientIds: [AUDIENCE] }],
    s3: [cloud],
    resolveUrl: (u) => (u.startsWith(ISSUER) ? issuer.url + u.slice(ISSUER.length) : u),
  });
  const provider = (spec: CredentialSpec, orgId = ORG_ID) =>
    credentialProvider(spec, {
      orgId,
      region,
      orgExternalId: EXTERNAL_ID,
      stsEndpoint: sts.endpoint,
      identityTokens: issuer.tokens,
      stsMaxAttempts: 1,
    });
  return {
    cloud,
    sts,
    region,
    endpoints: { resourceExplorer: cloud.endpoint, cloudControl: cloud.endpoint },
    tokens: issuer.tokens,
    provider,
    static: () =>
      provider({
        type: "aws_static",
        access_key_id: SCANNER_KEY.accessKeyId,
        secret_access_key: SCANNER_KEY.secretAccessKey,
      }),
    async close() {
      await sts.close();
      await cloud.close();
      await issuer.close();
    },
  };
}
