/**
 * What AWS checks in an AssumeRoleWithWebIdentity token before the trust policy: a JWT; an OIDC provider
 * for its `iss` in the role's account; an `aud` in the provider's client-id list; a signature by a key of
 * the issuer's JWKS (found through `/.well-known/openid-configuration`); not expired. Returns the
 * trust-policy request: `<provider>:sub`, `<provider>:aud` (azp when present, as IAM does) and
 * `aws:RequestTag/<k>` for each session tag in the token.
 */
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  type JWTPayload,
  errors as joseErrors,
  jwtVerify,
} from "jose";
import { oidcProviderName } from "../../src/domain/iam-policy.ts";
import type { TrustRequest } from "./sts-emulator.trust.ts";
import type { StsOidcProvider } from "./sts-emulator.ts";
import { StsFailure } from "./sts-emulator.wire.ts";

export interface WebIdentity {
  claims: JWTPayload;
  providerName: string;
  audiences: string[];
  request: TrustRequest;
}

export async function checkWebIdentity(
  token: string,
  roleArn: string,
  providers: StsOidcProvider[],
  deps: { clock: () => Date; fetchJson: (url: string) => Promise<Record<string, unknown>> },
): Promise<WebIdentity> {
  const { clock, fetchJson } = deps;
  const account = roleArn.split(":")[4] ?? "";
  let claims: JWTPayload;
  try {
    decodeProtectedHeader(token);
    claims = decodeJwt(token);
  } catch {
    throw new StsFailure(400, "InvalidIdentityToken", "The ID Token provided is not a valid JWT.");
  }
  const iss = String(claims.iss ?? "");
  let providerName: string;
  try {
    providerName = oidcProviderName(iss);
  } catch {
    throw new StsFailure(
      400,
      "InvalidIdentityToken",
      `No OpenIDConnect provider found in your account for ${iss}`,
    );
  }
  const provider = providers.find((p) => p.account === account && oidcProviderName(p.url) === providerName);
  if (!provider)
    throw new StsFailure(
      400,
      "InvalidIdentityToken",
      `No OpenIDConnect provider found in your account for ${iss}`,
    );
  const audiences = [claims.aud ?? []].flat();
  if (!audiences.some((a) => provider.clientIds.includes(a))) {
    throw new StsFailure(400, "InvalidIdentityToken", "Incorrect token audience");
  }
  let jwks: Parameters<typeof createLocalJWKSet>[0];
  try {
    const discovery = await fetchJson(`${iss}/.well-known/openid-configuration`);
    if (discovery.issuer !== iss) throw new Error("issuer mismatch");
    jwks = (await fetchJson(String(discovery.jwks_uri))) as unknown as typeof jwks;
  } catch {
    throw new StsFailure(
      400,
      "IDPCommunicationError",
      "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
    );
  }
  try {
    await jwtVerify(token, createLocalJWKSet(jwks), {
      issuer: iss,
      currentDate: clock(),
      algorithms: ["RS256"],
    });
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) {
      throw new StsFailure(
        400,
        "ExpiredTokenException",
        `Token expired: current date/time ${Math.floor(clock().getTime() / 1000)} must be before the expiration date/time ${claims.exp}`,
      );
    }
    throw new StsFailure(
      400,
      "InvalidIdentityToken",
      "The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.",
    );
  }
  const tags = (
    claims["https://aws.amazon.com/tags"] as { principal_tags?: Record<string, string[]> } | undefined
  )?.principal_tags;
  const context: TrustRequest["context"] = {
    [`${providerName}:sub`]: String(claims.sub ?? ""),
    [`${providerName}:aud`]: typeof claims.azp === "string" ? claims.azp : audiences,
  };
  for (const [k, v] of Object.entries(tags ?? {})) context[`aws:RequestTag/${k}`] = v;
  const request: TrustRequest = {
    actions: tags ? ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"] : ["sts:AssumeRoleWithWebIdentity"],
    federated: `arn:aws:iam::${account}:oidc-provider/${providerName}`,
    context,
  };
  return { claims, providerName, audiences, request };
}
