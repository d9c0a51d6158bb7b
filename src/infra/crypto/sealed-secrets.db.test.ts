import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { closeTestDatabases, createTestDatabase } from "../../../test/support/db.ts";
import { addKeyToFile, keyId, loadKeyRing, saveKeyFile } from "./key-ring.ts";
import { SecretUnavailableError, SecretVault } from "./sealed-secrets.ts";

after(closeTestDatabases);

const PLAINTEXT = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY-sealed-test";

async function withOrg() {
  const t = await createTestDatabase();
  const { rows } = await t.db.query<{ id: string }>(
    "INSERT INTO orgs (name, external_id) VALUES ('acme', $1) RETURNING id",
    [randomBytes(8).toString("hex")],
  );
  return { t, orgId: rows[0]!.id };
}

test("a sealed secret opens to its plaintext, and the plaintext is nowhere in the database", async () => {
  const { t, orgId } = await withOrg();
  try {
    const ring = loadKeyRing({
      dataDir: "unused",
      masterKey: randomBytes(32).toString("base64"),
      previousMasterKeys: [],
    });
    const vault = new SecretVault(ring);
    const id = await vault.seal(t.db, orgId, "test", PLAINTEXT);
    assert.equal(await vault.openText(t.db, orgId, id), PLAINTEXT);
    const { rows } = await t.db.query<{ dump: string }>(
      "SELECT row_to_json(s)::text || encode(wrapped_key, 'escape') || encode(ciphertext, 'escape') AS dump FROM sealed_secrets s",
    );
    assert.equal(rows.length, 1);
    assert.ok(!rows[0]!.dump.includes(PLAINTEXT.slice(0, 12)), "plaintext must not be stored");
    assert.ok(!rows[0]!.dump.includes(Buffer.from(PLAINTEXT).toString("hex").slice(0, 24)));
  } finally {
    await t.close();
  }
});

test("a tampered ciphertext, a tampered wrapped key, another org or a wrong key all fail to open", async () => {
  const { t, orgId } = await withOrg();
  try {
    const ring = loadKeyRing({
      dataDir: "unused",
      masterKey: randomBytes(32).toString("base64"),
      previousMasterKeys: [],
    });
    const vault = new SecretVault(ring);
    const id = await vault.seal(t.db, orgId, "test", PLAINTEXT);

    // flip one bit in the last byte of the ciphertext
    await t.db.query(
      "UPDATE sealed_secrets SET ciphertext = overlay(ciphertext placing set_byte('\\x00'::bytea, 0, get_byte(ciphertext, length(ciphertext) - 1) # 1) from length(ciphertext)) WHERE id = $1",
      [id],
    );
    await assert.rejects(vault.open(t.db, orgId, id), SecretUnavailableError);

    const id2 = await vault.seal(t.db, orgId, "test", PLAINTEXT);
    await t.db.query(
      "UPDATE sealed_secrets SET wrapped_key = overlay(wrapped_key placing set_byte('\\x00'::bytea, 0, get_byte(wrapped_key, 20) # 1) from 21) WHERE id = $1",
      [id2],
    );
    await assert.rejects(vault.open(t.db, orgId, id2), SecretUnavailableError);

    // a sealed value copied onto another row does not open there (bound to its id)
    const id3 = await vault.seal(t.db, orgId, "test", PLAINTEXT);
    const id4 = await vault.seal(t.db, orgId, "test", "other");
    await t.db.query(
      "UPDATE sealed_secrets d SET ciphertext = s.ciphertext, wrapped_key = s.wrapped_key FROM sealed_secrets s WHERE s.id = $1 AND d.id = $2",
      [id3, id4],
    );
    await assert.rejects(vault.open(t.db, orgId, id4), SecretUnavailableError);

    // another org cannot open it
    const { rows } = await t.db.query<{ id: string }>(
      "INSERT INTO orgs (name, external_id) VALUES ('other', 'x-other') RETURNING id",
    );
    await assert.rejects(vault.open(t.db, rows[0]!.id, id3), SecretUnavailableError);

    // a vault with a different master key cannot open it
    const other = new SecretVault(
      loadKeyRing({
        dataDir: "unused",
        masterKey: randomBytes(32).toString("base64"),
        previousMasterKeys: [],
      }),
    );
    await assert.rejects(other.open(t.db, orgId, id3), /does not hold/);
  } finally {
    await t.close();
  }
});

test("rotation re-wraps every data key under the new key; old key can then be dropped", async () => {
  const { t, orgId } = await withOrg();
  try {
    const dir = mkdtempSync(join(tmpdir(), "dw-keys-"));
    const ring1 = loadKeyRing({ dataDir: dir, masterKey: undefined, previousMasterKeys: [] });
    assert.equal(statSync(join(dir, "master.key")).mode & 0o777, 0o600);
    const v1 = new SecretVault(ring1);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await v1.seal(t.db, orgId, "test", `secret-${i}`));

    const ring2 = addKeyToFile(ring1);
    assert.notEqual(ring2.activeId, ring1.activeId);
    const v2 = new SecretVault(ring2);
    const result = await v2.rotate(t.db, 2);
    assert.equal(result.rewrapped, 5);
    assert.deepEqual(result.keyIdsInUse, [ring2.activeId]);
    saveKeyFile(ring2, new Set(result.keyIdsInUse));
    const onDisk = JSON.parse(readFileSync(join(dir, "master.key"), "utf8"));
    assert.deepEqual(Object.keys(onDisk.keys), [ring2.activeId]);

    const ring3 = loadKeyRing({ dataDir: dir, masterKey: undefined, previousMasterKeys: [] });
    const v3 = new SecretVault(ring3);
    for (let i = 0; i < 5; i++) assert.equal(await v3.openText(t.db, orgId, ids[i]!), `secret-${i}`);
    // the old key alone no longer opens anything
    await assert.rejects(new SecretVault(ring1).open(t.db, orgId, ids[0]!), /does not hold/);
    assert.equal((await v3.rotate(t.db)).rewrapped, 0);
  } finally {
    await t.close();
  }
});

test("env keys: a previous key still unwraps during a rotation; a malformed key is refused with the fix", () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const ring = loadKeyRing({
    dataDir: "unused",
    masterKey: newKey.toString("base64"),
    previousMasterKeys: [oldKey.toString("base64")],
  });
  assert.equal(ring.activeId, keyId(newKey));
  assert.ok(ring.keys.has(keyId(oldKey)));
  assert.throws(
    () => loadKeyRing({ dataDir: "unused", masterKey: "c2hvcnQ=", previousMasterKeys: [] }),
    /32 random bytes.*openssl rand -base64 32/,
  );
});
