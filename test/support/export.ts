/** Helpers for export tests: drift events recorded in bulk, and what a destination bucket holds. */
import { gunzipSync } from "node:zlib";
import type { S3Emulator } from "../../devtools/s3-emulator/s3-emulator.types.ts";
import type { Queryable } from "../../src/infra/db/engine.ts";
import { TEST_CREDENTIALS } from "./s3.ts";

/** Records `n` drift events in one transaction (as the watch would), numbered from `start`. */
export async function insertEvents(
  db: Queryable & { transaction?: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T> },
  orgId: string,
  n: number,
  opts: { start?: number; connectionId?: string | null } = {},
): Promise<void> {
  const write = async (q: Queryable) =>
    q.query(
      `INSERT INTO drift_events (org_id, connection_id, contract_key, contract_version, type, severity, path, rule,
         expected, actual, count, samples, file)
       SELECT $1, $2, 'orders', '1.0.0', 'type_mismatch', 'error', '$.n' || g, 'orders.n' || g || '.type',
         'number', 'string', 1, '[{"record":1,"value":"x"}]'::jsonb,
         jsonb_build_object('key', 'in/' || g || '.json', 'sha256', md5(g::text), 'size', g)
       FROM generate_series($3::int, $3::int + $4::int - 1) g`,
      [orgId, opts.connectionId ?? null, opts.start ?? 1, n],
    );
  if (db.transaction) await db.transaction(write);
  else await write(db);
}

/** Static keys for the emulator, as a destination's credentials. */
export const STATIC_CREDENTIALS = {
  type: "aws_static",
  access_key_id: TEST_CREDENTIALS.accessKeyId,
  secret_access_key: TEST_CREDENTIALS.secretAccessKey,
} as const;

export interface Exported {
  /** Each event id and how many times it appears across all objects. */
  seen: Map<string, number>;
  objects: number;
  keys: string[];
}

/** Reads every NDJSON object under a prefix and counts the events in it. */
export function readExported(s3: S3Emulator, bucket: string, prefix = ""): Exported {
  const seen = new Map<string, number>();
  const keys = s3.listKeys(bucket).filter((k) => k.startsWith(prefix) && /\.ndjson(\.gz)?$/.test(k));
  for (const key of keys) {
    const stored = s3.getObject(bucket, key)!;
    const bytes = key.endsWith(".gz") ? gunzipSync(stored.body) : Buffer.from(stored.body);
    for (const line of bytes.toString("utf8").split("\n")) {
      if (!line) continue;
      const id = (JSON.parse(line) as { id: string }).id;
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
  }
  return { seen, objects: keys.length, keys };
}
