import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startS3Emulator } from "../../devtools/s3-emulator/s3-emulator.server.ts";
import type { S3Emulator } from "../../devtools/s3-emulator/s3-emulator.types.ts";
import { startTestApp, type TestApp, type TestAppOptions } from "./app.ts";
import { TEST_CREDENTIALS } from "./s3.ts";

export const FIXTURES = join(import.meta.dirname, "..", "fixtures");
export const fixture = (...parts: string[]) => readFileSync(join(FIXTURES, ...parts));
export const ORDERS_CONTRACT = readFileSync(join(FIXTURES, "contracts", "orders.odcs.yaml"), "utf8");

/** A settable clock: the S3 emulator and the poll cycle read the same "now". */
export class TestClock {
  #now: number;
  reads = 0;
  /** Starts at the real time (signatures are checked against it), on a whole second plus 0.5 s. */
  constructor(start?: string) {
    this.#now = start ? new Date(start).getTime() : Math.floor(Date.now() / 1000) * 1000 + 500;
  }
  now = (): Date => {
    this.reads++;
    return new Date(this.#now);
  };
  /** For the S3 emulator: reading it there does not count as the cycle's clock reading. */
  peek = (): Date => new Date(this.#now);
  set(iso: string): void {
    this.#now = new Date(iso).getTime();
  }
  advance(ms: number): void {
    this.#now += ms;
  }
}

export interface WatchHarness {
  t: TestApp;
  s3: S3Emulator;
  bucket: string;
  contractId: string;
  clock: TestClock;
  /** Creates a connection (static keys on the emulator) and returns its id. */
  connect(extra?: Record<string, unknown>): Promise<string>;
  poll(connectionId: string): Promise<any>;
  /** Polls until a cycle reports nothing more pending. */
  drain(connectionId: string): Promise<any[]>;
  close(): Promise<void>;
}

export async function startWatch(
  opts: TestAppOptions & { clock?: never; bucket?: string; worker?: boolean } = {},
): Promise<WatchHarness> {
  const clock = new TestClock();
  const bucket = opts.bucket ?? "partner-drops";
  const s3 = await startS3Emulator({ credentials: [TEST_CREDENTIALS], clock: clock.peek });
  s3.createBucket(bucket);
  const t = await startTestApp({ ...opts, clock: clock.now });
  const contract = await t.api("/api/v1/contracts", { body: { name: "orders", document: ORDERS_CONTRACT } });
  if (contract.status !== 201) throw new Error(contract.text);
  const h: WatchHarness = {
    t,
    s3,
    bucket,
    contractId: contract.body.id,
    clock,
    async connect(extra = {}) {
      const res = await t.api("/api/v1/connections", {
        body: {
          name: `c-${Math.random().toString(36).slice(2, 8)}`,
          provider: "aws_s3",
          region: "us-east-1",
          bucket,
          endpoint_url: s3.endpoint,
          force_path_style: true,
          contract_id: h.contractId,
          credentials: {
            type: "aws_static",
            access_key_id: TEST_CREDENTIALS.accessKeyId,
            secret_access_key: TEST_CREDENTIALS.secretAccessKey,
          },
          ...extra,
        },
      });
      if (res.status !== 201) throw new Error(`create connection: ${res.status} ${res.text}`);
      return res.body.id;
    },
    async poll(connectionId) {
      const res = await t.api(`/api/v1/connections/${connectionId}/poll?wait=true`, { method: "POST" });
      if (res.status !== 200) throw new Error(`poll: ${res.status} ${res.text}`);
      return res.body.poll_run;
    },
    async drain(connectionId) {
      const runs = [];
      for (let i = 0; i < 100; i++) {
        const run = await h.poll(connectionId);
        runs.push(run);
        if (!run.more_pending) return runs;
      }
      throw new Error("backlog did not drain in 100 cycles");
    },
    async close() {
      await t.close();
      await s3.close();
    },
  };
  return h;
}
