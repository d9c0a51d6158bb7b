import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ChunkedBodyError, computeChecksum, decodeAwsChunked } from "./aws-chunked.ts";

describe("decodeAwsChunked", () => {
  test("joins the chunks and reads the trailers", () => {
    const raw = Buffer.from(
      "5\r\nhello\r\n6;chunk-signature=abc\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n",
    );
    const { body, trailers } = decodeAwsChunked(raw);
    assert.equal(body.toString(), "hello world");
    assert.equal(trailers.get("x-amz-checksum-crc32"), "DUoRhQ==");
    assert.equal(computeChecksum("crc32", body), "DUoRhQ==");
  });

  test("accepts a final chunk without trailers", () => {
    assert.equal(decodeAwsChunked(Buffer.from("3\r\nabc\r\n0\r\n")).body.toString(), "abc");
  });

  test("refuses truncated or oversized chunks", () => {
    assert.throws(() => decodeAwsChunked(Buffer.from("a\r\nshort\r\n")), ChunkedBodyError);
    assert.throws(() => decodeAwsChunked(Buffer.from("2\r\nabc\r\n0\r\n")), ChunkedBodyError);
    assert.throws(() => decodeAwsChunked(Buffer.from("zz\r\n")), ChunkedBodyError);
  });
});
