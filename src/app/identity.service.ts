/**
 * The one place the rest of driftwatch gets AWS credentials from: it fills the credential context (the
 * organisation's external id, driftwatch's own token source for OIDC, the STS endpoint, a per-process
 * session cache) so that callers only name the org, the spec and the region.
 *
 *   const provider = await services.identity.provider(orgId, spec, region);
 *   new S3Client({ region, credentials: provider, ... });
 *   await services.identity.validate(orgId, spec, { region, expectedAccountId });
 */
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { TemporaryCredentialCache } from "../infra/aws/credentials.cache.ts";
import {
  type CredentialContext,
  type CredentialSpec,
  credentialProvider,
  validateCredentials,
} from "../infra/aws/credentials.ts";
import type { CallerIdentity } from "../infra/aws/sts.ts";
import type { Db } from "../infra/db/engine.ts";
import { notFound } from "./errors.ts";
import type { FederationService } from "./federation.service.ts";

export interface IdentityOptions {
  stsEndpoint?: string;
  clock?: () => Date;
  /** SDK attempts per STS call. Default 3. */
  stsMaxAttempts?: number;
}

export class IdentityService {
  readonly #db: Db;
  readonly #federation: FederationService;
  readonly #opts: IdentityOptions;
  readonly #cache: TemporaryCredentialCache;
  readonly #externalIds = new Map<string, string>();

  constructor(db: Db, federation: FederationService, opts: IdentityOptions = {}) {
    this.#db = db;
    this.#federation = federation;
    this.#opts = opts;
    this.#cache = new TemporaryCredentialCache(opts.clock ? { clock: opts.clock } : {});
  }

  /** The organisation's external id (generated with the org, never changes). */
  async externalId(orgId: string): Promise<string> {
    const known = this.#externalIds.get(orgId);
    if (known) return known;
    const { rows } = await this.#db.query<{ external_id: string }>(
      "SELECT external_id FROM orgs WHERE id = $1",
      [orgId],
    );
    const value = rows[0]?.external_id;
    if (!value) throw notFound("Organisation", orgId);
    this.#externalIds.set(orgId, value);
    return value;
  }

  /** The full context for `credentialProvider` / `validateCredentials`. */
  async context(orgId: string, region: string): Promise<CredentialContext> {
    return {
      orgId,
      region,
      orgExternalId: await this.externalId(orgId),
      identityTokens: this.#federation,
      cache: this.#cache,
      ...(this.#opts.stsEndpoint ? { stsEndpoint: this.#opts.stsEndpoint } : {}),
      ...(this.#opts.clock ? { clock: this.#opts.clock } : {}),
      ...(this.#opts.stsMaxAttempts ? { stsMaxAttempts: this.#opts.stsMaxAttempts } : {}),
    };
  }

  /** A credential provider for an SDK client; role and OIDC sessions are shared and refreshed early. */
  async provider(
    orgId: string,
    spec: CredentialSpec,
    region: string,
  ): Promise<AwsCredentialIdentityProvider> {
    return credentialProvider(spec, await this.context(orgId, region));
  }

  /** Checks credentials through the whole chain before they are saved; see validateCredentials. */
  async validate(
    orgId: string,
    spec: CredentialSpec,
    opts: { region: string; expectedAccountId?: string },
  ): Promise<CallerIdentity> {
    const ctx = await this.context(orgId, opts.region);
    return validateCredentials(spec, {
      ...ctx,
      ...(opts.expectedAccountId === undefined ? {} : { expectedAccountId: opts.expectedAccountId }),
    });
  }
}
