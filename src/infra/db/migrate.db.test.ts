import assert from "node:assert/strict";
import { after, test } from "node:test";
import { closeTestDatabases, createTestDatabase } from "../../../test/support/db.ts";
import { loadMigrations, migrate } from "./migrate.ts";

after(closeTestDatabases);

test("migrations apply once; a second run applies nothing", async () => {
  const t = await createTestDatabase();
  try {
    const again = await migrate(t.db);
    assert.deepEqual(again, []);
    const { rows } = await t.db.query<{ version: number }>(
      "SELECT version FROM schema_migrations ORDER BY version",
    );
    assert.deepEqual(
      rows.map((r) => r.version),
      loadMigrations().map((m) => m.version),
    );
  } finally {
    await t.close();
  }
});

test("a failing migration rolls back and leaves nothing half-applied", async () => {
  const t = await createTestDatabase();
  try {
    const bad = [
      { version: 9999, name: "9999_bad", sql: "CREATE TABLE half_done (id int); SELECT no_such_function();" },
    ];
    await assert.rejects(migrate(t.db, bad), /9999_bad failed/);
    const { rows } = await t.db.query("SELECT to_regclass('half_done') AS t");
    assert.equal((rows[0] as { t: unknown }).t, null);
    const { rows: versions } = await t.db.query("SELECT 1 FROM schema_migrations WHERE version = 9999");
    assert.equal(versions.length, 0);
    // the session is usable afterwards
    assert.equal((await t.db.query<{ one: number }>("SELECT 1 AS one")).rows[0]?.one, 1);
  } finally {
    await t.close();
  }
});
