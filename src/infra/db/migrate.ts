import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "./engine.ts";

const MIGRATIONS_DIR = join(import.meta.dirname, "migrations");

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ""),
      sql: readFileSync(join(dir, file), "utf8"),
    }));
}

/**
 * Applies the numbered SQL migrations that are not applied yet, each in its own transaction, under an
 * advisory lock so that several processes starting at once apply each migration exactly once.
 * Returns the names applied by this call.
 */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<string[]> {
  return db.withAdvisoryLock("driftwatch.migrations", async (session) => {
    await session.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await session.query<{ version: number }>("SELECT version FROM schema_migrations");
    const done = new Set(rows.map((r) => r.version));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      try {
        await session.exec(
          `BEGIN;\n${m.sql}\n;INSERT INTO schema_migrations (version, name) VALUES (${m.version}, '${m.name}');\nCOMMIT;`,
        );
      } catch (err) {
        await session.exec("ROLLBACK").catch(() => {});
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.name);
    }
    return applied;
  });
}
