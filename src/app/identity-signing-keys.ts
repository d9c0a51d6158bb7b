/**
 * The RS256 keys driftwatch signs its federation tokens with, kept in `federation_signing_keys`.
 *
 * - Generated on first use; the private key (a JWK) is sealed through SecretVault, the public key is plain.
 * - Automatic rotation: when the signing key is older than `maxAgeSeconds - prepublishSeconds`, the next key
 *   is created and published in the JWKS straight away, but only starts signing when the current one
 *   reaches `maxAgeSeconds`; AWS (which caches JWKS) has seen it by then.
 * - Manual rotation (`rotate`) activates the pre-published key if there is one, else a new key, at once.
 * - A key that stops signing stays in the JWKS until every token it signed has expired (token lifetime plus
 *   a minute of clock skew), or at once with `revokePrevious` (a leaked key). Its private half is deleted
 *   as soon as it no longer signs.
 *
 * Several processes may share the database: every change happens in one transaction under an advisory
 * lock and re-reads the state first, so concurrent callers agree on one key.
 */

import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from "jose";
import type { Logger } from "pino";
import type { SigningKey } from "../api/federation.api.ts";
import type { SecretVault } from "../infra/crypto/sealed-secrets.ts";
import type { Db, Queryable } from "../infra/db/engine.ts";

export const SIGNING_ALG = "RS256";
const LOCK = "driftwatch.federation.signing_keys";
const SKEW_MS = 60_000;

export interface SigningKeyOptions {
  tokenTtlSeconds: number;
  maxAgeSeconds: number;
  /** How long before activation the next key is published. Default min(1 day, maxAge / 4). */
  prepublishSeconds?: number;
  clock: () => Date;
  logger?: Logger;
}

interface KeyRow {
  kid: string;
  alg: string;
  public_jwk: JWK;
  secret_org_id: string | null;
  secret_id: string | null;
  created_at: Date;
  activates_at: Date;
  publish_until: Date | null;
}

export type SigningKeyView = SigningKey;

export interface ActiveSigningKey {
  kid: string;
  privateKey: CryptoKey;
}

export class NoOrganisationError extends Error {
  readonly code = "federation.no_organisation";
}

export class SigningKeyStore {
  readonly #db: Db;
  readonly #vault: SecretVault;
  readonly #opts: SigningKeyOptions;
  readonly #privateKeys = new Map<string, CryptoKey>();
  #pending: Promise<KeyRow> | undefined;

  constructor(db: Db, vault: SecretVault, opts: SigningKeyOptions) {
    this.#db = db;
    this.#vault = vault;
    this.#opts = opts;
  }

  get #ttlMs(): number {
    return this.#opts.tokenTtlSeconds * 1000;
  }
  get #maxAgeMs(): number {
    return this.#opts.maxAgeSeconds * 1000;
  }
  get #prepublishMs(): number {
    return (this.#opts.prepublishSeconds ?? Math.min(86_400, this.#opts.maxAgeSeconds / 4)) * 1000;
  }

  /** The key to sign with now (created or rotated first when due). */
  async signingKey(): Promise<ActiveSigningKey> {
    let failed: string | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = await this.#ensure();
      try {
        return { kid: row.kid, privateKey: await this.#privateKey(row) };
      } catch (err) {
        // Another process may have rotated and pruned this key a moment ago: look again first. When the
        // same key fails twice, its sealed private key is gone (org deleted) or unreadable (master key
        // lost): replace it. Tokens it already signed still verify until they expire.
        if (failed === row.kid) {
          this.#opts.logger?.warn(
            { kid: row.kid, err: (err as Error).message },
            "federation signing key cannot be opened; rotating",
          );
          await this.rotate({ revokePrevious: false });
        }
        failed = row.kid;
      }
    }
    throw new Error("no usable federation signing key after rotation");
  }

  /** Public keys to publish now: the signing key, a pre-published next key, and retired keys still needed. */
  async publicKeys(): Promise<JWK[]> {
    try {
      await this.#ensure();
    } catch (err) {
      if (!(err instanceof NoOrganisationError)) throw err;
    }
    const { rows } = await this.#db.query<KeyRow>(
      "SELECT * FROM federation_signing_keys WHERE publish_until IS NULL OR publish_until > $1 ORDER BY activates_at, seq",
      [this.#now()],
    );
    return rows.map((r) => r.public_jwk);
  }

  async list(): Promise<SigningKeyView[]> {
    const now = this.#now();
    const { rows } = await this.#db.query<KeyRow>(
      "SELECT * FROM federation_signing_keys ORDER BY activates_at DESC, seq DESC",
    );
    const current = await this.#current(this.#db, now);
    return rows.map((r) => ({
      kid: r.kid,
      alg: r.alg,
      state: r.kid === current?.kid ? "active" : r.activates_at > now ? "pending" : "retired",
      created_at: r.created_at.toISOString(),
      activates_at: r.activates_at.toISOString(),
      published_until: r.publish_until ? r.publish_until.toISOString() : null,
    }));
  }

  /**
   * Makes a new key the signing key now: the pre-published one when there is one, else a fresh key.
   * Earlier keys leave the JWKS once their last token expired, or at once with `revokePrevious`.
   */
  async rotate(
    opts: { revokePrevious?: boolean } = {},
  ): Promise<{ kid: string; previous: SigningKeyView[] }> {
    const fresh = await this.#generate();
    const kid = await this.#db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [LOCK]);
      const now = this.#now();
      const pending = await this.#pendingKey(tx, now);
      let kid: string;
      if (pending?.secret_id) {
        kid = pending.kid;
        await tx.query("UPDATE federation_signing_keys SET activates_at = $2 WHERE kid = $1", [kid, now]);
      } else {
        kid = await this.#insert(tx, fresh, now, now);
      }
      const until = opts.revokePrevious ? now : new Date(now.getTime() + this.#ttlMs + SKEW_MS);
      await tx.query(
        "UPDATE federation_signing_keys SET publish_until = LEAST(COALESCE(publish_until, $2), $2) WHERE kid <> $1 AND activates_at <= $3",
        [kid, until, now],
      );
      await this.#prune(tx, now);
      return kid;
    });
    const previous = (await this.list()).filter((k) => k.kid !== kid && k.state === "retired");
    return { kid, previous };
  }

  #now(): Date {
    return this.#opts.clock();
  }

  async #current(q: Queryable, now: Date): Promise<KeyRow | undefined> {
    const { rows } = await q.query<KeyRow>(
      `SELECT * FROM federation_signing_keys
        WHERE activates_at <= $1 AND secret_id IS NOT NULL AND (publish_until IS NULL OR publish_until > $2)
        ORDER BY activates_at DESC, seq DESC LIMIT 1`,
      [now, new Date(now.getTime() + this.#ttlMs)],
    );
    return rows[0];
  }

  async #pendingKey(q: Queryable, now: Date): Promise<KeyRow | undefined> {
    const { rows } = await q.query<KeyRow>(
      "SELECT * FROM federation_signing_keys WHERE activates_at > $1 ORDER BY activates_at DESC, seq DESC LIMIT 1",
      [now],
    );
    return rows[0];
  }

  /** What is due: nothing, a key now (none usable, or the current one too old), or the next key pre-published. */
  #due(current: KeyRow | undefined, pending: KeyRow | undefined, now: Date): "none" | "now" | "next" {
    if (!current) return "now";
    const age = now.getTime() - current.activates_at.getTime();
    if (age >= this.#maxAgeMs) return "now";
    if (age >= this.#maxAgeMs - this.#prepublishMs && !pending) return "next";
    return "none";
  }

  async #ensure(): Promise<KeyRow> {
    const now = this.#now();
    const current = await this.#current(this.#db, now);
    if (current && this.#due(current, await this.#pendingKey(this.#db, now), now) === "none") return current;
    // One change at a time in this process; other processes are held off by the advisory lock.
    this.#pending ??= this.#change().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #change(): Promise<KeyRow> {
    const fresh = await this.#generate();
    return this.#db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [LOCK]);
      const now = this.#now();
      const current = await this.#current(tx, now);
      const pending = await this.#pendingKey(tx, now);
      const due = this.#due(current, pending, now);
      if (due === "now") {
        const kid = await this.#insert(tx, fresh, now, now);
        await tx.query(
          "UPDATE federation_signing_keys SET publish_until = LEAST(COALESCE(publish_until, $2), $2) WHERE kid <> $1 AND activates_at <= $3",
          [kid, new Date(now.getTime() + this.#ttlMs + SKEW_MS), now],
        );
      } else if (due === "next") {
        const activates = new Date(current!.activates_at.getTime() + this.#maxAgeMs);
        await this.#insert(tx, fresh, activates, now);
        await tx.query("UPDATE federation_signing_keys SET publish_until = $2 WHERE kid = $1", [
          current!.kid,
          new Date(activates.getTime() + this.#ttlMs + SKEW_MS),
        ]);
      }
      await this.#prune(tx, now);
      const row = await this.#current(tx, now);
      if (!row) throw new Error("federation signing key missing after creation");
      return row;
    });
  }

  async #generate(): Promise<{ kid: string; publicJwk: JWK; privateJwk: JWK }> {
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, {
      extractable: true,
      modulusLength: 2048,
    });
    const pub = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(pub);
    return {
      kid,
      publicJwk: { ...pub, kid, alg: SIGNING_ALG, use: "sig" },
      privateJwk: { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALG },
    };
  }

  async #insert(
    tx: Queryable,
    key: { kid: string; publicJwk: JWK; privateJwk: JWK },
    activatesAt: Date,
    now: Date,
  ): Promise<string> {
    const { rows } = await tx.query<{ id: string }>("SELECT id FROM orgs ORDER BY created_at, id LIMIT 1");
    const owner = rows[0]?.id;
    if (!owner) throw new NoOrganisationError("there is no organisation yet to hold the signing key");
    const secretId = await this.#vault.seal(
      tx,
      owner,
      "federation-signing-key",
      JSON.stringify(key.privateJwk),
    );
    await tx.query(
      `INSERT INTO federation_signing_keys (kid, alg, public_jwk, secret_org_id, secret_id, created_at, activates_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [key.kid, SIGNING_ALG, JSON.stringify(key.publicJwk), owner, secretId, now, activatesAt],
    );
    return key.kid;
  }

  /** Drops private keys that no longer sign, and public keys whose last token has expired. */
  async #prune(tx: Queryable, now: Date): Promise<void> {
    const { rows } = await tx.query<KeyRow>(
      `SELECT k.* FROM federation_signing_keys k
        WHERE k.secret_id IS NOT NULL
          AND EXISTS (SELECT 1 FROM federation_signing_keys n
                       WHERE (n.activates_at, n.seq) > (k.activates_at, k.seq) AND n.activates_at <= $1)`,
      [now],
    );
    for (const row of rows) {
      await tx.query("UPDATE federation_signing_keys SET secret_id = NULL WHERE kid = $1", [row.kid]);
      await this.#vault.delete(tx, row.secret_org_id!, row.secret_id!);
      this.#privateKeys.delete(row.kid);
    }
    await tx.query(
      "DELETE FROM federation_signing_keys WHERE publish_until IS NOT NULL AND publish_until <= $1",
      [now],
    );
  }

  async #privateKey(row: KeyRow): Promise<CryptoKey> {
    const cached = this.#privateKeys.get(row.kid);
    if (cached) return cached;
    if (!row.secret_id || !row.secret_org_id) throw new Error(`signing key ${row.kid} has no private key`);
    const jwk = JSON.parse(await this.#vault.openText(this.#db, row.secret_org_id, row.secret_id)) as JWK;
    const key = (await importJWK(jwk, SIGNING_ALG)) as CryptoKey;
    this.#privateKeys.set(row.kid, key);
    return key;
  }
}
