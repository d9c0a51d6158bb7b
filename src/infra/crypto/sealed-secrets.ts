import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from "node:crypto";
import type { Db, Queryable } from "../db/engine.ts";
import type { KeyRing } from "./key-ring.ts";

/**
 * Envelope encryption for every stored secret. Each secret gets its own random 256-bit data key (DEK); the
 * secret is sealed with AES-256-GCM under the DEK, and the DEK is wrapped (AES-256-GCM again) under the active
 * key-encryption key (KEK). The row keeps the KEK id, the wrapped DEK and the ciphertext, never the plaintext.
 * The authenticated data binds each ciphertext to its row id, organisation and purpose, so a sealed value
 * copied onto another row or org does not open.
 *
 * Blob layout (both the wrapped key and the ciphertext): version byte 0x01 | 12-byte IV | 16-byte tag | data.
 */
const VERSION = 1;

export class SecretUnavailableError extends Error {
  readonly code = "secret.unavailable";
}

function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), data]);
}

function unseal(key: Buffer, blob: Buffer, aad: string): Buffer {
  if (blob.length < 29 || blob[0] !== VERSION)
    throw new SecretUnavailableError("sealed value has an unknown layout");
  const decipher = createDecipheriv("aes-256-gcm", key, blob.subarray(1, 13));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(blob.subarray(13, 29));
  try {
    return Buffer.concat([decipher.update(blob.subarray(29)), decipher.final()]);
  } catch {
    throw new SecretUnavailableError(
      "sealed value failed authentication (tampered, or sealed under another key)",
    );
  }
}

const dataAad = (id: string, orgId: string, purpose: string) =>
  `driftwatch:secret:v1:${id}:${orgId}:${purpose}`;
const keyAad = (id: string, kekId: string) => `driftwatch:dek:v1:${id}:${kekId}`;

interface SecretRow {
  id: string;
  org_id: string;
  purpose: string;
  kek_id: string;
  wrapped_key: Uint8Array;
  ciphertext: Uint8Array;
}

/** A short, non-secret fingerprint of a secret value, safe to show (e.g. to tell two credentials apart). */
export function fingerprint(value: string): string {
  return `sha256:${createHash("sha256").update(`driftwatch-fingerprint:${value}`).digest("hex").slice(0, 16)}`;
}

export class SecretVault {
  #ring: KeyRing;

  constructor(ring: KeyRing) {
    this.#ring = ring;
  }

  get activeKeyId(): string {
    return this.#ring.activeId;
  }

  /** Seals `plaintext` for an organisation and returns the new secret's id. */
  async seal(q: Queryable, orgId: string, purpose: string, plaintext: string | Buffer): Promise<string> {
    const id = randomUUID();
    const kekId = this.#ring.activeId;
    const kek = this.#ring.keys.get(kekId)!;
    const dek = randomBytes(32);
    const ciphertext = seal(dek, Buffer.from(plaintext), dataAad(id, orgId, purpose));
    const wrapped = seal(kek, dek, keyAad(id, kekId));
    dek.fill(0);
    await q.query(
      "INSERT INTO sealed_secrets (id, org_id, purpose, kek_id, wrapped_key, ciphertext) VALUES ($1, $2, $3, $4, $5, $6)",
      [id, orgId, purpose, kekId, wrapped, ciphertext],
    );
    return id;
  }

  /** Opens a secret of the given organisation. Throws SecretUnavailableError when missing or tampered. */
  async open(q: Queryable, orgId: string, secretId: string): Promise<Buffer> {
    const { rows } = await q.query<SecretRow>("SELECT * FROM sealed_secrets WHERE id = $1 AND org_id = $2", [
      secretId,
      orgId,
    ]);
    const row = rows[0];
    if (!row) throw new SecretUnavailableError(`secret ${secretId} not found`);
    const dek = this.#unwrap(row);
    try {
      return unseal(dek, Buffer.from(row.ciphertext), dataAad(row.id, row.org_id, row.purpose));
    } finally {
      dek.fill(0);
    }
  }

  async openText(q: Queryable, orgId: string, secretId: string): Promise<string> {
    return (await this.open(q, orgId, secretId)).toString("utf8");
  }

  async delete(q: Queryable, orgId: string, secretId: string): Promise<void> {
    await q.query("DELETE FROM sealed_secrets WHERE id = $1 AND org_id = $2", [secretId, orgId]);
  }

  #unwrap(row: SecretRow): Buffer {
    const kek = this.#ring.keys.get(row.kek_id);
    if (!kek) {
      throw new SecretUnavailableError(
        `secret ${row.id} is wrapped by key ${row.kek_id}, which the key ring does not hold (set it in DRIFTWATCH_PREVIOUS_MASTER_KEYS)`,
      );
    }
    return unseal(kek, Buffer.from(row.wrapped_key), keyAad(row.id, row.kek_id));
  }

  /**
   * Re-wraps every data key not under the active KEK. The secrets themselves are not re-encrypted (their
   * data keys do not change); only the small wrapped keys are rewritten, in batches, each in a transaction.
   * Returns how many were re-wrapped and which KEK ids are still referenced afterwards.
   */
  async rotate(db: Db, batchSize = 200): Promise<{ rewrapped: number; keyIdsInUse: string[] }> {
    const active = this.#ring.activeId;
    const kek = this.#ring.keys.get(active)!;
    let rewrapped = 0;
    for (;;) {
      const n = await db.transaction(async (tx) => {
        const { rows } = await tx.query<SecretRow>(
          "SELECT * FROM sealed_secrets WHERE kek_id <> $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED",
          [active, batchSize],
        );
        for (const row of rows) {
          const dek = this.#unwrap(row);
          const wrapped = seal(kek, dek, keyAad(row.id, active));
          dek.fill(0);
          await tx.query(
            "UPDATE sealed_secrets SET kek_id = $2, wrapped_key = $3, rewrapped_at = now() WHERE id = $1",
            [row.id, active, wrapped],
          );
        }
        return rows.length;
      });
      rewrapped += n;
      if (n < batchSize) break;
    }
    const { rows } = await db.query<{ kek_id: string }>("SELECT DISTINCT kek_id FROM sealed_secrets");
    return { rewrapped, keyIdsInUse: rows.map((r) => r.kek_id) };
  }
}
