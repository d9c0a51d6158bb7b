import pg from "pg";
import type { Db, Queryable, QueryResult } from "./engine.ts";

/** int8 (counts, bigserial ids) as a JS number, as PGlite returns it; ids stay far below 2^53. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
      const result = await client.query(sql, params as unknown[]);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
    },
  };
}

export interface PostgresOptions {
  url: string;
  /** Schema to use (search_path); tests give each test its own. */
  schema?: string;
  max?: number;
  applicationName?: string;
}

export function createPostgresDb(options: PostgresOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    types,
    application_name: options.applicationName ?? "driftwatch",
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    connectionTimeoutMillis: 10_000,
  });
  // An idle client that loses its server emits here; without a listener the process would crash.
  pool.on("error", () => {});
  const root = wrap(pool);
  return {
    engine: "postgres",
    query: root.query,
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(wrap(client));
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async withAdvisoryLock(key, fn) {
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock(hashtext($1))", [key]);
        try {
          const session = wrap(client);
          return await fn({
            query: session.query,
            exec: async (sql) => {
              await client.query(sql);
            },
          });
        } finally {
          await client.query("SELECT pg_advisory_unlock(hashtext($1))", [key]).catch(() => {});
        }
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
