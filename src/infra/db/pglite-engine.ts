import { PGlite, type PGliteInterface, type Transaction } from "@electric-sql/pglite";
import type { Db, Queryable, QueryResult } from "./engine.ts";

function wrap(target: PGliteInterface | Transaction): Queryable {
  return {
    async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
      const result = await target.query<T>(sql, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  };
}

/**
 * The embedded database. PGlite is PostgreSQL compiled to WebAssembly, one session per process: queries are
 * serialised, and a transaction holds the session until it ends (so code inside `transaction` must use its
 * `tx`, never the outer `db`). Only one process may open a data directory (the CLI takes a lock file).
 */
export async function openPglite(dataDir: string | undefined): Promise<PGliteInterface> {
  const instance = dataDir ? new PGlite(dataDir) : new PGlite();
  await instance.waitReady;
  return instance;
}

export function createPgliteDb(instance: PGliteInterface): Db {
  const root = wrap(instance);
  return {
    engine: "pglite",
    query: root.query,
    async exec(sql) {
      await instance.exec(sql);
    },
    async transaction(fn) {
      return instance.transaction(async (tx) => fn(wrap(tx)));
    },
    async withAdvisoryLock(key, fn) {
      await instance.query("SELECT pg_advisory_lock(hashtext($1))", [key]);
      try {
        return await fn({
          query: root.query,
          exec: async (sql) => {
            await instance.exec(sql);
          },
        });
      } finally {
        await instance.query("SELECT pg_advisory_unlock(hashtext($1))", [key]).catch(() => {});
      }
    },
    async close() {
      if (!instance.closed) await instance.close();
    },
  };
}
