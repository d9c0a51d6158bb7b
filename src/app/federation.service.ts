/**
 * driftwatch as an OpenID Connect identity provider that AWS trusts. It publishes a discovery document and
 * a JWKS at its public URL (the issuer) and signs short-lived tokens for an organisation:
 *
 *   header  { alg: RS256, kid, typ: JWT }
 *   claims  { iss, sub: "org-<org uuid>", aud, dw_org_id, iat, exp, jti,
 *             "https://aws.amazon.com/tags": { principal_tags: { dw_org_id: [<org uuid>] } } }
 *
 * IAM exposes only `sub`, `aud` and a few standard claims of a generic OIDC token as trust-policy condition
 * keys, so the org id also travels as a session tag (`aws:RequestTag/dw_org_id`), which a trust policy can
 * pin with StringEquals like `sub` and `aud`.
 */

import { randomUUID } from "node:crypto";
import { type JWK, SignJWT } from "jose";
import type { Logger } from "pino";
import type {
  FederationInfo as ApiFederationInfo,
  OpenIdConfiguration as ApiOpenIdConfiguration,
} from "../api/federation.api.ts";
import {
  checkAccountId,
  checkPartition,
  ORG_CLAIM,
  oidcProviderArn,
  oidcProviderName,
  PolicyInputError,
  trustOidcPolicy,
} from "../domain/iam-policy.ts";
import type { Config } from "../infra/config.ts";
import type { SecretVault } from "../infra/crypto/sealed-secrets.ts";
import type { Db } from "../infra/db/engine.ts";
import { AppError, badRequest } from "./errors.ts";
import { SIGNING_ALG, SigningKeyStore, type SigningKeyView } from "./identity-signing-keys.ts";

export const SESSION_TAGS_CLAIM = "https://aws.amazon.com/tags";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface FederationOptions {
  /** The issuer: driftwatch's public URL, exactly (no trailing slash). */
  issuer: string;
  audience: string;
  tokenTtlSeconds: number;
  keyMaxAgeSeconds: number;
  keyPrepublishSeconds?: number;
  clock?: () => Date;
  logger?: Logger;
}

export function federationOptions(config: Config, logger?: Logger): FederationOptions {
  return {
    issuer: config.publicUrl,
    audience: config.federation.audience,
    tokenTtlSeconds: config.federation.tokenTtlSeconds,
    keyMaxAgeSeconds: config.federation.keyMaxAgeDays * 86_400,
    ...(logger ? { logger } : {}),
  };
}

export type OpenIdConfiguration = ApiOpenIdConfiguration;

export type FederationInfo = ApiFederationInfo;

export class FederationService {
  readonly issuer: string;
  readonly audience: string;
  readonly #opts: FederationOptions;
  readonly #clock: () => Date;
  readonly #keys: SigningKeyStore;

  constructor(db: Db, vault: SecretVault, opts: FederationOptions) {
    this.issuer = opts.issuer.replace(/\/+$/, "");
    this.audience = opts.audience;
    this.#opts = opts;
    this.#clock = opts.clock ?? (() => new Date());
    this.#keys = new SigningKeyStore(db, vault, {
      tokenTtlSeconds: opts.tokenTtlSeconds,
      maxAgeSeconds: opts.keyMaxAgeSeconds,
      ...(opts.keyPrepublishSeconds === undefined ? {} : { prepublishSeconds: opts.keyPrepublishSeconds }),
      clock: this.#clock,
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
  }

  get jwksUri(): string {
    return `${this.issuer}/.well-known/jwks.json`;
  }

  openIdConfiguration(): OpenIdConfiguration {
    return {
      issuer: this.issuer,
      jwks_uri: this.jwksUri,
      response_types_supported: ["id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: [SIGNING_ALG],
      claims_supported: ["iss", "sub", "aud", "iat", "exp", "jti", ORG_CLAIM, SESSION_TAGS_CLAIM],
      scopes_supported: ["openid"],
    };
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: await this.#keys.publicKeys() };
  }

  /** A fresh token for the organisation, signed with the current key (`kid` in the header). */
  async mint(orgId: string): Promise<string> {
    if (!UUID.test(orgId)) throw new Error(`not an organisation id: ${orgId}`);
    const key = await this.#keys.signingKey();
    const iat = Math.floor(this.#clock().getTime() / 1000);
    return new SignJWT({
      [ORG_CLAIM]: orgId,
      [SESSION_TAGS_CLAIM]: { principal_tags: { [ORG_CLAIM]: [orgId] } },
    })
      .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: "JWT" })
      .setIssuer(this.issuer)
      .setSubject(`org-${orgId}`)
      .setAudience(this.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.#opts.tokenTtlSeconds)
      .setJti(randomUUID())
      .sign(key.privateKey);
  }

  async rotateSigningKey(
    opts: { revokePrevious?: boolean } = {},
  ): Promise<{ kid: string; previous: SigningKeyView[] }> {
    return this.#keys.rotate(opts);
  }

  async signingKeys(): Promise<SigningKeyView[]> {
    return this.#keys.list();
  }

  /** What a user needs to trust driftwatch from an AWS account, rendered for their organisation. */
  federationInfo(orgId: string, opts: { accountId?: string; partition?: string } = {}): FederationInfo {
    const name = oidcProviderName(this.issuer);
    const info: FederationInfo = {
      issuer: this.issuer,
      discovery_url: `${this.issuer}/.well-known/openid-configuration`,
      jwks_uri: this.jwksUri,
      audience: this.audience,
      provider_name: name,
      subject: `org-${orgId}`,
      org_id: orgId,
      claims: { subject: "sub", audience: "aud", org_id: ORG_CLAIM },
      condition_keys: {
        subject: `${name}:sub`,
        audience: `${name}:aud`,
        org_id: `aws:RequestTag/${ORG_CLAIM}`,
      },
      token_lifetime_seconds: this.#opts.tokenTtlSeconds,
      signing_algorithm: SIGNING_ALG,
      warnings: this.#warnings(),
    };
    if (opts.accountId === undefined) return info;
    try {
      const partition = checkPartition(opts.partition) ?? "aws";
      const account = checkAccountId(opts.accountId);
      const built = trustOidcPolicy({
        accountId: account,
        issuer: this.issuer,
        audience: this.audience,
        orgId,
        partition,
      });
      const arn = oidcProviderArn(account, this.issuer, partition);
      return {
        ...info,
        oidc_provider_arn: arn,
        trust_policy: built.policy,
        notes: built.notes.filter((n) => !n.includes("only trusts https")),
        commands: {
          create_provider: `aws iam create-open-id-connect-provider --url ${this.issuer} --client-id-list ${this.audience}`,
          add_audience: `aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${arn} --client-id ${this.audience}`,
          create_role:
            "aws iam create-role --role-name DriftwatchReader --assume-role-policy-document file://trust-policy.json",
        },
      };
    } catch (err) {
      if (err instanceof PolicyInputError)
        throw badRequest(err.code, err.message, err.hint, { field: err.field });
      throw err;
    }
  }

  #warnings(): string[] {
    const url = new URL(this.issuer);
    const local = /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[::1\]|0\.0\.0\.0)/.test(
      url.hostname,
    );
    const warnings: string[] = [];
    if (url.protocol !== "https:") {
      warnings.push(
        `The issuer ${this.issuer} is not https: AWS only trusts OIDC providers served over https. Set DRIFTWATCH_PUBLIC_URL to driftwatch's public https URL.`,
      );
    }
    if (local) {
      warnings.push(
        `The issuer host ${url.hostname} is not reachable from AWS: AWS fetches ${this.jwksUri} over the internet to check every token.`,
      );
    }
    return warnings;
  }
}

/** 403 unless the principal is an admin (rotation changes what every organisation's tokens are signed with). */
export function requireAdminRole(role: string): void {
  if (role !== "admin") {
    throw new AppError({
      code: "auth.forbidden",
      status: 403,
      message: "Only admin keys can rotate the federation signing key.",
      hint: "Use an admin API key.",
    });
  }
}
