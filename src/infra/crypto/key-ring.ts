import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Key-encryption keys (KEKs). Each key has a non-secret id derived from it (a hash prefix), stored beside
 * every data key it wraps, so a rotation can tell which secrets still need re-wrapping.
 *
 * Source: DRIFTWATCH_MASTER_KEY (+ DRIFTWATCH_PREVIOUS_MASTER_KEYS during a rotation), or, when unset, a key
 * file `master.key` in the data dir, created with mode 0600 on first start. Several processes sharing a
 * PostgreSQL database must share the key: set DRIFTWATCH_MASTER_KEY on all of them.
 */
export interface KeyRing {
  activeId: string;
  keys: Map<string, Buffer>;
  source: "env" | "file";
  /** The key file path, when the source is a file. */
  file?: string;
}

export class KeyRingError extends Error {
  readonly code = "crypto.key_ring_invalid";
}

export function keyId(key: Buffer): string {
  return `kek-${createHash("sha256").update(key).digest("hex").slice(0, 16)}`;
}

function decodeKey(b64: string, what: string): Buffer {
  const key = Buffer.from(b64, "base64");
  if (key.length !== 32) {
    throw new KeyRingError(
      `${what} must be 32 random bytes in base64 (44 characters); it decodes to ${key.length} bytes. Generate one with: openssl rand -base64 32`,
    );
  }
  return key;
}

interface KeyFile {
  active: string;
  keys: Record<string, string>;
}

export function keyFilePath(dataDir: string): string {
  return join(dataDir, "master.key");
}

function writeKeyFile(file: string, content: KeyFile): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(content, null, 2) + "\n", { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

function readKeyFile(file: string): KeyRing {
  let parsed: KeyFile;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8")) as KeyFile;
  } catch (err) {
    throw new KeyRingError(`The key file ${file} cannot be read: ${(err as Error).message}`);
  }
  const keys = new Map<string, Buffer>();
  for (const [id, b64] of Object.entries(parsed.keys ?? {}))
    keys.set(id, decodeKey(b64, `key ${id} in ${file}`));
  if (!keys.has(parsed.active))
    throw new KeyRingError(`The key file ${file} names an active key it does not hold.`);
  return { activeId: parsed.active, keys, source: "file", file };
}

export interface KeyRingSource {
  dataDir: string;
  masterKey: string | undefined;
  previousMasterKeys: string[];
}

/** Loads the key ring; creates the key file on first start when no key is configured. */
export function loadKeyRing(source: KeyRingSource): KeyRing {
  if (source.masterKey) {
    const active = decodeKey(source.masterKey, "DRIFTWATCH_MASTER_KEY");
    const keys = new Map<string, Buffer>([[keyId(active), active]]);
    for (const prev of source.previousMasterKeys) {
      const key = decodeKey(prev, "each of DRIFTWATCH_PREVIOUS_MASTER_KEYS");
      keys.set(keyId(key), key);
    }
    return { activeId: keyId(active), keys, source: "env" };
  }
  const file = keyFilePath(source.dataDir);
  if (!existsSync(file)) {
    const key = randomBytes(32);
    writeKeyFile(file, { active: keyId(key), keys: { [keyId(key)]: key.toString("base64") } });
  }
  return readKeyFile(file);
}

/** Adds a new random key to a file key ring and makes it active. Old keys stay until nothing uses them. */
export function addKeyToFile(ring: KeyRing): KeyRing {
  if (ring.source !== "file" || !ring.file) {
    throw new KeyRingError(
      "The master key comes from DRIFTWATCH_MASTER_KEY. To rotate: put the current key in DRIFTWATCH_PREVIOUS_MASTER_KEYS, a new one (openssl rand -base64 32) in DRIFTWATCH_MASTER_KEY, and run `driftwatch keys rotate` again.",
    );
  }
  const key = randomBytes(32);
  const keys = new Map(ring.keys);
  keys.set(keyId(key), key);
  const next: KeyRing = { ...ring, activeId: keyId(key), keys };
  saveKeyFile(next);
  return next;
}

/** Writes a file key ring back, keeping only the given key ids (and the active one). */
export function saveKeyFile(ring: KeyRing, keep?: Set<string>): void {
  if (!ring.file) return;
  const keys: Record<string, string> = {};
  for (const [id, key] of ring.keys) {
    if (!keep || keep.has(id) || id === ring.activeId) keys[id] = key.toString("base64");
  }
  writeKeyFile(ring.file, { active: ring.activeId, keys });
}
