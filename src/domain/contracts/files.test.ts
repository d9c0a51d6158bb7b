/** Files as partners send them: compressed, in other encodings, under contracts with many servers. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { gzipSync, zstdCompressSync } from "node:zlib";
import type { DriftEvent } from "../drift/drift-event.ts";
import { checkFile } from "./check.ts";
import { compileContract } from "./contract.compile.ts";
import { analyzeContract, loadContract } from "./contract.load.ts";

const files = join(import.meta.dirname, "../../../test/fixtures/files");
async function* source(bytes: Uint8Array, size = 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
const enc = (s: string) => new TextEncoder().encode(s);
const brief = (events: DriftEvent[]) => events.map((e) => `${e.type} ${e.path}`).sort();

const HEAD = "apiVersion: v3.1.0\nkind: DataContract\nid: cities\nversion: 1.0.0\nstatus: active\n";
const CITIES = `schema:
  - name: cities
    properties:
      - name: id
        logicalType: string
        required: true
      - name: population
        logicalType: integer
        required: true
`;
const compiled = (servers = "", extra = "") => compileContract(loadContract(HEAD + servers + extra + CITIES));
const NDJSON = '{"id":"a","population":5}\n{"id":"b","population":7}\n';

describe("compressed files", () => {
  it("reads gzip, zstd and bzip2 by their magic bytes, whatever the name", async () => {
    const c = compiled();
    const packed: Array<[string, Uint8Array]> = [
      ["gzip", gzipSync(NDJSON)],
      ["zstd", zstdCompressSync(NDJSON)],
      ["bzip2", readFileSync(join(files, "cities.ndjson.bz2"))],
    ];
    for (const [name, bytes] of packed) {
      for (const key of [
        `cities.ndjson.${name === "gzip" ? "gz" : name === "zstd" ? "zst" : "bz2"}`,
        "cities.ndjson",
      ]) {
        const r = await checkFile(c, source(bytes, 7), { key, maxBytes: 1e6 });
        assert.deepEqual(brief(r.events), [], `${name} as ${key}`);
        assert.equal(r.records, 2, `${name} as ${key}`);
        assert.equal(r.compression, name);
        assert.equal(r.format, "ndjson");
        assert.equal(r.size, bytes.length, "the size and hash are the compressed file's");
      }
    }
  });

  it("stops a decompression bomb at the size limit with one file_too_large event", async () => {
    const c = compiled();
    const bombs: Array<[string, Uint8Array]> = [
      ["gzip", gzipSync(Buffer.alloc(8 * 1024 * 1024, "a"))],
      ["zstd", zstdCompressSync(Buffer.alloc(8 * 1024 * 1024, "a"))],
      ["bzip2", readFileSync(join(files, "bomb-3mb.txt.bz2"))],
    ];
    for (const [name, bytes] of bombs) {
      assert.ok(bytes.length < 64 * 1024, `${name} bomb is small (${bytes.length} bytes)`);
      const r = await checkFile(c, source(bytes), { key: "bomb.csv", maxBytes: 1024 * 1024 });
      assert.equal(r.tooLarge, true, name);
      assert.deepEqual(brief(r.events), ["file_too_large $"], name);
      assert.match(r.events[0]!.actual, new RegExp(`more than 1048576 bytes once decompressed \\(${name};`));
      assert.deepEqual(r.events[0]!.detail, { limit: 1048576, decompressed: true, compression: name });
    }
  });

  it("reports damaged compressed data as unparseable", async () => {
    const broken = gzipSync(NDJSON).subarray(0, 20);
    const r = await checkFile(compiled(), source(broken), { key: "c.ndjson.gz", maxBytes: 1e6 });
    assert.deepEqual(brief(r.events), ["file_unparseable $"]);
    assert.match(r.events[0]!.actual, /the gzip data is damaged/);
  });
});

describe("text encodings", () => {
  const CSV = "id;population\nZürich;5\nMálaga;7\n";
  const utf16 = (text: string, bom: "le" | "be") => {
    const le = Buffer.from(text, "utf16le");
    if (bom === "le") return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
    const be = Buffer.from(le);
    be.swap16();
    return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
  };
  it("reads UTF-8 with and without BOM, and UTF-16 (LE and BE) with BOM", async () => {
    const c = compiled();
    const inputs: Array<[string, Uint8Array]> = [
      ["utf-8", enc(CSV)],
      ["utf-8 bom", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), enc(CSV)])],
      ["utf-16le", utf16(CSV, "le")],
      ["utf-16be", utf16(CSV, "be")],
    ];
    for (const [name, bytes] of inputs) {
      const r = await checkFile(c, source(bytes, 5), { key: "c.csv", maxBytes: 1e6 });
      assert.deepEqual(brief(r.events), [], name);
      assert.equal(r.records, 2, name);
    }
  });

  it("reads Windows-1252 / ISO-8859-1 when the contract or the caller declares it, and says how to when not", async () => {
    const latin1 = Buffer.from(CSV, "latin1");
    const plain = await checkFile(compiled(), source(latin1), { key: "c.csv", maxBytes: 1e6 });
    assert.deepEqual(brief(plain.events), ["file_unparseable $"]);
    assert.match(plain.events[0]!.actual, /declare its encoding/);
    assert.doesNotMatch(plain.events[0]!.actual, /latin-1\?/);
    const declared = compiled("", "customProperties:\n  - property: encoding\n    value: windows-1252\n");
    const r = await checkFile(declared, source(latin1, 3), { key: "c.csv", maxBytes: 1e6 });
    assert.deepEqual(brief(r.events), []);
    const byCaller = await checkFile(compiled(), source(latin1), {
      key: "c.csv",
      maxBytes: 1e6,
      encoding: "iso-8859-1",
    });
    assert.deepEqual(brief(byCaller.events), []);
  });

  it("calls binary data binary, not a text in another encoding", async () => {
    const bytes = new Uint8Array(256).map((_, i) => (i * 37) % 256);
    const r = await checkFile(compiled(), source(bytes), { key: "c.csv", maxBytes: 1e6 });
    assert.deepEqual(brief(r.events), ["file_unparseable $"]);
    assert.match(r.events[0]!.actual, /the file holds binary data, not CSV text/);
  });
});

describe("servers are not file formats", () => {
  const SERVERS = `servers:
  - server: events
    type: kafka
    host: broker:9092
    format: avro
  - server: warehouse
    type: postgres
    host: db
    port: 5432
    database: dw
    schema: public
  - server: csv-drops
    type: s3
    location: s3://drops/cities/csv/*
    format: csv
  - server: json-drops
    type: s3
    location: s3://drops/cities/json/*
    format: json
    delimiter: new_line
  - server: parquet-drops
    type: local
    path: ./exports/*.parquet
    format: parquet
`;
  const csv = enc("id,population\na,5\n");

  it("takes each file's format from the server whose location matches it, with no --format", async () => {
    const c = compiled(SERVERS);
    const asCsv = await checkFile(c, source(csv), { key: "cities/csv/2024-05-01", maxBytes: 1e6 });
    assert.equal(asCsv.format, "csv");
    assert.equal(asCsv.formatFrom, 'server "csv-drops"');
    assert.deepEqual(brief(asCsv.events), []);
    const asNdjson = await checkFile(c, source(enc(NDJSON)), {
      key: "cities/json/2024-05-01",
      maxBytes: 1e6,
    });
    assert.equal(asNdjson.format, "ndjson");
    assert.deepEqual(brief(asNdjson.events), []);
    const byName = await checkFile(c, source(csv), { key: "elsewhere/cities.csv", maxBytes: 1e6 });
    assert.equal(byName.formatFrom, "the .csv extension");
  });

  it("never reads a file as the wrong format silently", async () => {
    const c = compiled(SERVERS);
    const parquet = readFileSync(join(files, "orders.parquet"));
    const r = await checkFile(c, source(parquet), { key: "cities/csv/2024-05-01", maxBytes: 1e6 });
    assert.deepEqual(brief(r.events), ["file_unparseable $"]);
    assert.match(r.events[0]!.actual, /the file is Parquet .*, not CSV: server "csv-drops" says csv/);
    const forced = await checkFile(c, source(csv), { key: "x.parquet", maxBytes: 1e6, format: "parquet" });
    assert.match(forced.events[0]!.actual, /not Parquet \(no PAR1 magic number/);
  });

  it("a contract whose only servers are Kafka and a database still checks files by their extension and content", async () => {
    const analysis = analyzeContract(HEAD + SERVERS.split("  - server: csv-drops")[0] + CITIES);
    assert.deepEqual(analysis.issues, []);
    const c = compileContract(analysis.contract!);
    const r = await checkFile(c, source(enc(NDJSON)), { key: "drop-1", maxBytes: 1e6 });
    assert.equal(r.format, "ndjson"); // JSON by its first byte, one document a line
    assert.equal(r.formatFrom, "the content");
    assert.deepEqual(brief(r.events), []);
  });
});
