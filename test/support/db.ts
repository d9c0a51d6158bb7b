import { randomBytes } from "node:crypto";
import type { PGliteInterface } from "@electric-sql/pglite";
import type { Db } from "../../src/infra/db/engine.ts";
import { migrate } from "../../src/infra/db/migrate.ts";
import { createPgliteDb, openPglite } from "../../src/infra/db/pglite-engine.ts";
import { createPostgresDb } from "../../src/infra/db/postgres-engine.ts";

/**
 * A migrated, empty database for one test. On PGlite (the default) each call clones a migrated template
 * instance (fast, isolated). When TEST_DATABASE_URL is set, each call gets its own schema on that server,
 * dropped by `close()`.
 */
export interface TestDatabase {
  db: Db;
  engine: "pglite" | "postgres";
  /** For PostgreSQL: the URL and schema, so a child process can open the same database. */
  url?: string;
  schema?: string;
  /** Opens another connection pool on the same database (PostgreSQL only), e.g. a second worker. */
  connect(): Db;
  close(): Promise<void>;
}

export const testEngine: "pglite" | "postgres" = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

let template: Promise<PGliteInterface> | undefined;

async function pgliteTemplate(): Promise<PGliteInterface> {
  template ??= (async () => {
    const instance = await openPglite(undefined);
    await migrate(createPgliteDb(instance));
    return instance;
  })();
  return template;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const schema = `t_${randomBytes(6).toString("hex")}`;
    const admin = createPostgresDb({ url, max: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    await admin.close();
    const pools: Db[] = [];
    const connect = () => {
      const db = createPostgresDb({ url, schema, max: 10, applicationName: `driftwatch-test-${schema}` });
      pools.push(db);
      return db;
    };
    const db = connect();
    await migrate(db);
    return {
      db,
      engine: "postgres",
      url,
      schema,
      connect,
      async close() {
        for (const p of pools) await p.close().catch(() => {});
        const cleanup = createPostgresDb({ url, max: 1 });
        await cleanup.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await cleanup.close();
      },
    };
  }
  const instance = await (await pgliteTemplate()).clone();
  const db = createPgliteDb(instance);
  return {
    db,
    engine: "pglite",
    connect() {
      throw new Error("PGlite is one session per process; connect() needs TEST_DATABASE_URL");
    },
    async close() {
      await db.close();
    },
  };
}

/** Closes the per-process PGlite template; call from a top-level `after()` so the test process exits. */
export async function closeTestDatabases(): Promise<void> {
  if (template) {
    const t = await template;
    template = undefined;
    if (!t.closed) await t.close();
  }
}
