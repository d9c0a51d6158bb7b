/**
 * `Content-Encoding: aws-chunked` bodies: `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n` repeated,
 * a zero-size chunk, then trailer lines (`x-amz-checksum-crc32:<base64>`) and an empty line. The SDK
 * sends this for stream bodies when it adds a flexible checksum (STREAMING-UNSIGNED-PAYLOAD-TRAILER).
 *
 * Plus the full-object checksums S3 understands, to check a trailer or header against the bytes.
 */
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";

export class ChunkedBodyError extends Error {
  readonly code = "IncompleteBody";

  constructor(message: string) {
    super(message);
    this.name = "ChunkedBodyError";
  }
}

const CRLF = Buffer.from("\r\n");

export interface DecodedChunked {
  body: Buffer;
  /** Trailer headers, names lower-cased. */
  trailers: Map<string, string>;
}

export function decodeAwsChunked(raw: Buffer): DecodedChunked {
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const eol = raw.indexOf(CRLF, pos);
    if (eol < 0) throw new ChunkedBodyError("The aws-chunked body ended inside a chunk header.");
    const header = raw.subarray(pos, eol).toString("latin1");
    const sizeText = header.split(";", 1)[0]!.trim();
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) {
      throw new ChunkedBodyError(`Invalid aws-chunked chunk size "${sizeText.slice(0, 20)}".`);
    }
    const size = Number.parseInt(sizeText, 16);
    pos = eol + 2;
    if (size === 0) break;
    if (pos + size + 2 > raw.length) throw new ChunkedBodyError("The aws-chunked body ended inside a chunk.");
    parts.push(raw.subarray(pos, pos + size));
    pos += size;
    if (raw[pos] !== 0x0d || raw[pos + 1] !== 0x0a) {
      throw new ChunkedBodyError("An aws-chunked chunk was longer than its declared size.");
    }
    pos += 2;
  }
  const trailers = new Map<string, string>();
  while (pos < raw.length) {
    let eol = raw.indexOf(CRLF, pos);
    if (eol < 0) eol = raw.length;
    const line = raw.subarray(pos, eol).toString("utf8");
    pos = eol + 2;
    if (line === "") break;
    const colon = line.indexOf(":");
    if (colon <= 0) throw new ChunkedBodyError("Malformed aws-chunked trailer.");
    trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { body: Buffer.concat(parts), trailers };
}

/** Algorithms S3 accepts in `x-amz-checksum-<alg>`; the value is null when we cannot compute it. */
export const CHECKSUM_ALGORITHMS = ["crc32", "crc32c", "crc64nvme", "sha1", "sha256"] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** The base64 checksum of `body`, or undefined for algorithms Node has no built-in for (CRC32C, CRC64NVME). */
export function computeChecksum(alg: ChecksumAlgorithm, body: Uint8Array): string | undefined {
  switch (alg) {
    case "crc32": {
      const out = Buffer.alloc(4);
      out.writeUInt32BE(crc32(body) >>> 0);
      return out.toString("base64");
    }
    case "sha1":
    case "sha256":
      return createHash(alg).update(body).digest("base64");
    default:
      return undefined;
  }
}

export function md5Base64(body: Uint8Array): string {
  return createHash("md5").update(body).digest("base64");
}
