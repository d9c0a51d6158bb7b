/**
 * X12 checker throughput: a generated 850 with many PO1 lines (each with a PID and a PO4 every fourth line),
 * checked against the 004010/850 guide in 64 KiB chunks, the way an S3 stream arrives.
 * Run: ./node_modules/.bin/node bench/x12.bench.ts [megabytes=100]
 * The input is generated before timing; the figure is the checker alone (tokenize + envelope + guide).
 */
import { checkX12, tokenizeX12 } from "../src/domain/formats/x12/index.ts";

const targetMb = Number(process.argv[2] ?? 100);
const CHUNK = 64 * 1024;
const encoder = new TextEncoder();

function generate(targetBytes: number): { chunks: Uint8Array[]; bytes: number; lines: number } {
  const isa =
    "ISA*00*          *00*          *ZZ*BUYERCO        *ZZ*SELLERCO       *240315*1130*U*00401*000000101*0*T*>~\r\n";
  const head = `${isa}GS*PO*BUYERCO*SELLERCO*20240315*1130*101*X*004010~\r\n`;
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let buf = head;
  let lines = 0;
  let sets = 0;
  const flush = (force: boolean) => {
    if (buf.length >= CHUNK || force) {
      const b = encoder.encode(buf);
      chunks.push(b);
      bytes += b.length;
      buf = "";
    }
  };
  // 1,000 lines a transaction set, sets until the target size.
  while (bytes + buf.length < targetBytes) {
    sets++;
    const control = String(sets).padStart(4, "0");
    let segs = 0;
    buf += `ST*850*${control}~\r\nBEG*00*SA*PO-${control}**20240315~\r\nDTM*002*20240401~\r\nN1*ST*MAIN WAREHOUSE*92*0001~\r\n`;
    segs += 4;
    for (let i = 1; i <= 1000; i++) {
      const n = String(++lines).padStart(8, "0");
      buf += `PO1*${i}*10*EA*12.50*PE*BP*ITEM-${n}*VP*V-${n}~\r\nPID*F****WIDGET NUMBER ${n}~\r\n`;
      segs += 2;
      if (i % 4 === 0) {
        buf += "PO4*12*1*EA~\r\n";
        segs++;
      }
      flush(false);
    }
    buf += `CTT*1000~\r\nSE*${segs + 2}*${control}~\r\n`;
  }
  buf += `GE*${sets}*101~\r\nIEA*1*000000101~\r\n`;
  flush(true);
  return { chunks, bytes, lines };
}

async function* stream(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

const { chunks, bytes, lines } = generate(targetMb * 1024 * 1024);
const mb = bytes / (1024 * 1024);
console.log(
  `input: ${mb.toFixed(1)} MiB, ${lines.toLocaleString("en")} PO1 lines, ${chunks.length} chunks of 64 KiB`,
);

// Warm-up on a slice, then three timed runs of the full check; the best and the median are printed.
await checkX12(stream(chunks.slice(0, 20).concat(chunks.slice(-1))), {
  guide: "004010/850",
  fileKey: "warmup",
  contract: { id: "bench", version: "1" },
}).catch(() => undefined);

const runs: number[] = [];
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  const { events, records } = await checkX12(stream(chunks), {
    guide: "004010/850",
    fileKey: "bench.edi",
    contract: { id: "bench", version: "1" },
  });
  const ms = performance.now() - t0;
  runs.push(ms);
  if (events.length !== 0) throw new Error(`expected a clean file, got ${JSON.stringify(events[0])}`);
  if (r === 0) console.log(`transaction sets: ${records}`);
}
runs.sort((a, b) => a - b);
const best = runs[0]!;
const median = runs[1]!;
console.log(
  `checkX12: best ${(mb / (best / 1000)).toFixed(1)} MiB/s, median ${(mb / (median / 1000)).toFixed(1)} MiB/s`,
);

let segments = 0;
const t1 = performance.now();
for await (const _ of tokenizeX12(stream(chunks))) segments++;
const tokMs = performance.now() - t1;
console.log(
  `tokenizeX12 alone (async iterator): ${(mb / (tokMs / 1000)).toFixed(1)} MiB/s, ${segments.toLocaleString("en")} segments`,
);
console.log(
  `heap used after: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB (the input itself is held in memory)`,
);
