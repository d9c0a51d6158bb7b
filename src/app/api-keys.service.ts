import { createHash, randomBytes } from "node:crypto";
import type { ApiKey, Role as ApiRole, OrgInfo } from "../api/api-keys.api.ts";
import type { Db } from "../infra/db/engine.ts";
import { AppError, badRequest, forbidden, notFound, unauthorized } from "./errors.ts";

/**
 * Organisations and API keys. A key is `dwk_` + 43 base64url characters (256 random bits). Only its SHA-256
 * is stored, with a short prefix to tell keys apart in lists. Every API call is made as the key's org.
 */
export type Role = ApiRole;

export interface Principal {
  orgId: string;
  keyId: string;
  role: Role;
}

export type ApiKeyView = ApiKey;

export type OrgView = OrgInfo;

const KEY_PATTERN = /^dwk_[A-Za-z0-9_-]{32,128}$/;

export function generateApiKey(): string {
  return `dwk_${randomBytes(32).toString("base64url")}`;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function generateExternalId(): string {
  return `dw-${randomBytes(15).toString("base64url")}`;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

interface KeyRow {
  id: string;
  org_id: string;
  name: string;
  role: Role;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

function toView(row: KeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    created_at: row.created_at.toISOString(),
    last_used_at: iso(row.last_used_at),
    revoked_at: iso(row.revoked_at),
  };
}

export class ApiKeyService {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * First start: when there is no organisation, create one with an admin key. The key is returned once
   * (to print) unless it was supplied. When a bootstrap key is supplied and orgs exist, it is added to the
   * first org if missing, so a deployment can pin its admin key.
   */
  async bootstrap(
    suppliedKey: string | undefined,
  ): Promise<{ org: OrgView; createdKey: string | undefined } | undefined> {
    if (suppliedKey !== undefined && !KEY_PATTERN.test(suppliedKey)) {
      throw new AppError({
        code: "config.bootstrap_key_invalid",
        status: 500,
        message: "DRIFTWATCH_BOOTSTRAP_API_KEY is not a driftwatch API key.",
        hint: "Use `dwk_` followed by at least 32 characters of A-Z, a-z, 0-9, _ or - (e.g. dwk_$(openssl rand -hex 24)).",
      });
    }
    return this.#db.withAdvisoryLock("driftwatch.bootstrap", async (session) => {
      const { rows } = await session.query<OrgView & { created_at: Date }>(
        "SELECT * FROM orgs ORDER BY created_at, id LIMIT 1",
      );
      let org = rows[0];
      let createdKey: string | undefined;
      if (!org) {
        const inserted = await session.query<OrgView & { created_at: Date }>(
          "INSERT INTO orgs (name, external_id) VALUES ('default', $1) RETURNING *",
          [generateExternalId()],
        );
        org = inserted.rows[0]!;
        const key = suppliedKey ?? generateApiKey();
        await this.#insertKey(session, org.id, "admin (bootstrap)", "admin", key);
        createdKey = suppliedKey ? undefined : key;
      } else if (suppliedKey) {
        const exists = await session.query("SELECT 1 FROM api_keys WHERE key_hash = $1", [
          hashApiKey(suppliedKey),
        ]);
        if (exists.rows.length === 0)
          await this.#insertKey(session, org.id, "admin (bootstrap)", "admin", suppliedKey);
      }
      return { org: { ...org, created_at: new Date(org.created_at).toISOString() }, createdKey };
    });
  }

  async #insertKey(
    q: { query: Db["query"] },
    orgId: string,
    name: string,
    role: Role,
    key: string,
  ): Promise<KeyRow> {
    const { rows } = await q.query<KeyRow>(
      "INSERT INTO api_keys (org_id, name, role, prefix, key_hash) VALUES ($1, $2, $3, $4, $5) RETURNING *",
      [orgId, name, role, key.slice(0, 12), hashApiKey(key)],
    );
    return rows[0]!;
  }

  /** Resolves a bearer key to its principal; 401 when unknown or revoked. */
  async authenticate(key: string | undefined): Promise<Principal> {
    if (!key) throw unauthorized("This request has no API key.");
    if (!KEY_PATTERN.test(key)) throw unauthorized("The API key is not valid.");
    const { rows } = await this.#db.query<KeyRow>("SELECT * FROM api_keys WHERE key_hash = $1", [
      hashApiKey(key),
    ]);
    const row = rows[0];
    if (!row) throw unauthorized("The API key is not valid.");
    if (row.revoked_at) throw unauthorized("The API key was revoked.");
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
      await this.#db.query("UPDATE api_keys SET last_used_at = now() WHERE id = $1", [row.id]);
    }
    return { orgId: row.org_id, keyId: row.id, role: row.role };
  }

  async getOrg(orgId: string): Promise<OrgView> {
    const { rows } = await this.#db.query<OrgView & { created_at: Date }>(
      "SELECT * FROM orgs WHERE id = $1",
      [orgId],
    );
    const row = rows[0];
    if (!row) throw notFound("Organisation", orgId);
    return {
      id: row.id,
      name: row.name,
      external_id: row.external_id,
      created_at: row.created_at.toISOString(),
    };
  }

  async create(
    principal: Principal,
    input: { name: string; role?: Role },
  ): Promise<{ key: string; api_key: ApiKeyView }> {
    requireAdmin(principal);
    const name = input.name.trim();
    if (!name)
      throw badRequest(
        "request.invalid",
        "name must not be blank.",
        "Give the key a name that says who uses it.",
      );
    const key = generateApiKey();
    const row = await this.#insertKey(this.#db, principal.orgId, name, input.role ?? "member", key);
    return { key, api_key: toView(row) };
  }

  async list(principal: Principal): Promise<ApiKeyView[]> {
    const { rows } = await this.#db.query<KeyRow>(
      "SELECT * FROM api_keys WHERE org_id = $1 ORDER BY created_at DESC, id",
      [principal.orgId],
    );
    return rows.map(toView);
  }

  async revoke(principal: Principal, id: string): Promise<ApiKeyView> {
    requireAdmin(principal);
    const { rows } = await this.#db.query<KeyRow>(
      "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 AND org_id = $2 RETURNING *",
      [id, principal.orgId],
    );
    const row = rows[0];
    if (!row) throw notFound("API key", id);
    return toView(row);
  }
}

function requireAdmin(principal: Principal): void {
  if (principal.role !== "admin") {
    throw forbidden(
      "Only admin keys can manage API keys.",
      "Ask an admin of your organisation, or use an admin key.",
    );
  }
}
