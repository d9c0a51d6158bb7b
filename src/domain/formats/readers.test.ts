import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { guessDelimiter, readCsv } from "./csv.reader.ts";
import { readJsonBytes } from "./json.reader.ts";
import { NdjsonLineParser, readNdjson } from "./ndjson.reader.ts";
import type { ParseProblem } from "./record-sink.ts";

const enc = (s: string) => new TextEncoder().encode(s);

async function* split(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

function collector() {
  const records: Array<[number, unknown]> = [];
  const problems: ParseProblem[] = [];
  const rows: Array<[number, string[]]> = [];
  return {
    records,
    problems,
    rows,
    record: (value: unknown, n: number) => records.push([n, value]),
    row: (cells: string[], n: number) => rows.push([n, cells]),
    unparseable: (p: ParseProblem) => problems.push(p),
  };
}

describe("NDJSON reader", () => {
  const text = '\ufeff{"a":1}\r\n\n  \n{"a":"é€"}\n{"a":3,}\n[4]';
  const bytes = enc(text);

  it("gives the same records and line numbers however the bytes are chunked", async () => {
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const sink = collector();
      await readNdjson(split(bytes, size), sink);
      assert.deepEqual(
        sink.records,
        [
          [1, { a: 1 }],
          [4, { a: "é€" }],
          [6, [4]],
        ],
        `chunk size ${size}`,
      );
      assert.equal(sink.problems.length, 1);
      assert.deepEqual(sink.problems[0]?.detail, { line: 5, column: 8 });
      assert.equal(sink.problems[0]?.record, 5);
    }
  });

  it("reports a line with bytes that are not UTF-8 and goes on", () => {
    const sink = collector();
    const parser = new NdjsonLineParser(sink);
    parser.push(new Uint8Array([...enc('{"a":"'), 0xe9, ...enc('"}\n{"a":2}\n')]));
    parser.end();
    assert.deepEqual(sink.records, [[2, { a: 2 }]]);
    assert.equal(sink.problems[0]?.detail.line, 1);
    assert.equal(sink.problems[0]?.detail.column, 7);
    assert.match(sink.problems[0]?.message ?? "", /UTF-8/);
  });
});

describe("JSON reader", () => {
  it("places a trailing comma that V8's message does not place", () => {
    const sink = collector();
    readJsonBytes(enc('[\n  {"a": 1},\n  {"a": 2},\n]'), sink);
    assert.equal(sink.records.length, 0);
    assert.deepEqual(sink.problems[0]?.detail, { line: 4, column: 1 });
  });

  it("reports a truncated document at its end", () => {
    const sink = collector();
    readJsonBytes(enc('[{"a": 1}, {"a"'), sink);
    assert.equal(sink.problems.length, 1);
    assert.equal(sink.problems[0]?.detail.line, 1);
  });

  it("reads an array as records and one object as one record", () => {
    const many = collector();
    readJsonBytes(enc('[{"a":1},{"a":2}]'), many);
    assert.deepEqual(many.records, [
      [1, { a: 1 }],
      [2, { a: 2 }],
    ]);
    const one = collector();
    readJsonBytes(enc('{"a":1}'), one);
    assert.deepEqual(one.records, [[1, { a: 1 }]]);
  });

  it("reads several documents one per line as NDJSON unless told not to", () => {
    const sink = collector();
    assert.equal(readJsonBytes(enc('{"a":1}\n{"a":2}\n'), sink), "ndjson");
    assert.equal(sink.records.length, 2);
    const strict = collector();
    readJsonBytes(enc('{"a":1}\n{"a":2}\n'), strict, { ndjsonFallback: false });
    assert.equal(strict.problems.length, 1);
  });
});

describe("CSV reader", () => {
  it("handles quotes, quoted newlines, CRLF and a BOM across chunk boundaries", async () => {
    const text = '\ufeffa,b\r\n1,"x\r\ny"\r\n"q ""z""",2\r\n\r\n3,4\r\n';
    for (const size of [1, 4, 1000]) {
      const sink = collector();
      await readCsv(split(enc(text), size), sink);
      assert.deepEqual(
        sink.rows.map(([, cells]) => cells),
        [
          ["a", "b"],
          ["1", "x\r\ny"],
          ['q "z"', "2"],
          ["3", "4"],
        ],
        `chunk size ${size}`,
      );
      assert.equal(sink.problems.length, 0);
    }
  });

  it("guesses the delimiter from the header line", async () => {
    assert.equal(guessDelimiter("a;b;c"), ";");
    assert.equal(guessDelimiter("a\tb"), "\t");
    assert.equal(guessDelimiter('"x;y",b'), ",");
    const sink = collector();
    const { delimiter } = await readCsv(split(enc("a|b\n1|2\n"), 3), sink);
    assert.equal(delimiter, "|");
    assert.deepEqual(sink.rows[1]?.[1], ["1", "2"]);
  });

  it("passes ragged rows on and stops at the first parse error", async () => {
    const sink = collector();
    await readCsv(split(enc('a,b\n1\n1,2,3\n"open,4\n'), 4), sink);
    assert.deepEqual(
      sink.rows.map(([, c]) => c.length),
      [2, 1, 3],
    );
    assert.equal(sink.problems.length, 1);
    assert.equal(sink.problems[0]?.detail.line, 4);
  });

  it("refuses bytes that are not UTF-8 with their offset", async () => {
    const sink = collector();
    await readCsv(split(new Uint8Array([...enc("a,b\n1,"), 0xe9, 0x0a]), 100), sink);
    assert.equal(sink.problems[0]?.detail.offset, 6);
  });
});
