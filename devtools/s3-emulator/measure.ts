/**
 * Throughput of the emulator as the real SDK sees it:
 *   node devtools/s3-emulator/measure.ts [--keys 100000] [--objects 40] [--gets 200] [--concurrency 8]
 * Prints keys/s for a full ListObjectsV2 pagination and MB/s for concurrent 5 MB GetObject calls.
 */
import { performance } from "node:perf_hooks";
import type { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { GetObjectCommand, paginateListObjectsV2, S3Client } from "@aws-sdk/client-s3";
import { startS3Emulator } from "./s3-emulator.server.ts";

const { values } = parseArgs({
  options: {
    keys: { type: "string", default: "100000" },
    objects: { type: "string", default: "40" },
    gets: { type: "string", default: "200" },
    concurrency: { type: "string", default: "8" },
    rounds: { type: "string", default: "3" },
  },
});
const KEYS = Number(values.keys);
const OBJECTS = Number(values.objects);
const GETS = Number(values.gets);
const CONCURRENCY = Number(values.concurrency);
const ROUNDS = Number(values.rounds);
const OBJECT_SIZE = 5 * 1024 * 1024;

const creds = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const emulator = await startS3Emulator({ credentials: [creds] });
const client = new S3Client({
  endpoint: emulator.endpoint,
  region: emulator.region,
  credentials: creds,
  forcePathStyle: true,
  requestChecksumCalculation: "WHEN_REQUIRED",
  responseChecksumValidation: "WHEN_REQUIRED",
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  emulator.createBucket("listing");
  // Shuffled so the emulator sorts; realistic partner-drop keys.
  const order = Array.from({ length: KEYS }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (const i of order) {
    emulator.putObject(
      "listing",
      `incoming/partner-${i % 50}/2024/05/file-${String(i).padStart(6, "0")}.json`,
      "{}",
    );
  }
  const listRates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    let n = 0;
    let pages = 0;
    for await (const page of paginateListObjectsV2({ client, pageSize: 1000 }, { Bucket: "listing" })) {
      n += page.KeyCount ?? 0;
      pages++;
    }
    const s = (performance.now() - t0) / 1000;
    if (n !== KEYS) throw new Error(`listed ${n} keys, expected ${KEYS}`);
    listRates.push(n / s);
    process.stdout.write(
      `list round ${r + 1}: ${n} keys in ${pages} pages, ${s.toFixed(2)} s, ${Math.round(n / s)} keys/s\n`,
    );
  }

  emulator.createBucket("objects");
  for (let i = 0; i < OBJECTS; i++) {
    const body = Buffer.alloc(OBJECT_SIZE, i % 256);
    emulator.putObject("objects", `big/${i}.bin`, body);
  }
  const getRates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let next = 0;
    let bytes = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < GETS) {
          const i = next++;
          const got = await client.send(
            new GetObjectCommand({ Bucket: "objects", Key: `big/${i % OBJECTS}.bin` }),
          );
          for await (const chunk of got.Body as Readable) bytes += (chunk as Buffer).length;
        }
      }),
    );
    const s = (performance.now() - t0) / 1000;
    if (bytes !== GETS * OBJECT_SIZE) throw new Error(`read ${bytes} bytes, expected ${GETS * OBJECT_SIZE}`);
    const mb = bytes / (1024 * 1024);
    getRates.push(mb / s);
    process.stdout.write(
      `get round ${r + 1}: ${GETS} × 5 MiB with ${CONCURRENCY} concurrent, ${s.toFixed(2)} s, ${Math.round(mb / s)} MiB/s\n`,
    );
  }
  process.stdout.write(
    `median: ListObjectsV2 ${Math.round(median(listRates))} keys/s over ${KEYS} keys; ` +
      `GetObject ${Math.round(median(getRates))} MiB/s (5 MiB objects, ${CONCURRENCY} concurrent)\n`,
  );
} finally {
  client.destroy();
  await emulator.close();
}
