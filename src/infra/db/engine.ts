/**
 * One SQL dialect (PostgreSQL) on two engines: the embedded PGlite (default, in the data dir) and a
 * PostgreSQL server through `pg` (when DATABASE_URL is set). Everything above this file sees only `Db`.
 */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

export interface Db extends Queryable {
  readonly engine: "pglite" | "postgres";
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements (no parameters); used by migrations. */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` on one session that holds a PostgreSQL advisory lock for its duration (migrations).
   * On PGlite there is one session only, so this is a plain call under the lock.
   */
  withAdvisoryLock<T>(
    key: string,
    fn: (session: Queryable & { exec(sql: string): Promise<void> }) => Promise<T>,
  ): Promise<T>;
  close(): Promise<void>;
}
