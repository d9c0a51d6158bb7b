/**
 * Compressed files as partners send them: gzip and zstd (Node's zlib) and bzip2 (unbzip2-stream, pure JS),
 * told by their magic bytes or their extension, decompressed as they stream. The decompressed size is
 * bounded: past the limit decompression stops (a decompression bomb never fills memory or disk), and the
 * input is fed in small slices so one compressed chunk cannot expand unchecked before the count sees it.
 */
import { createGunzip, createZstdDecompress } from "node:zlib";
import unbzip2 from "unbzip2-stream";

export const COMPRESSIONS = ["gzip", "zstd", "bzip2"] as const;
export type Compression = (typeof COMPRESSIONS)[number];

const SUFFIXES: Record<string, Compression> = {
  gz: "gzip",
  gzip: "gzip",
  zst: "zstd",
  zstd: "zstd",
  bz2: "bzip2",
  bzip2: "bzip2",
};

/** The compression a file's first bytes announce. */
export function compressionFromMagic(head: Uint8Array): Compression | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return "zstd";
  // "BZh" then the block size 1-9, then the block magic (pi: 31 41 59 26 53 59) or end of stream
  if (
    head[0] === 0x42 &&
    head[1] === 0x5a &&
    head[2] === 0x68 &&
    (head[3] ?? 0) >= 0x31 &&
    (head[3] ?? 0) <= 0x39
  )
    return "bzip2";
  return undefined;
}

/** The compression a key's last extension names, and the key without it (`orders.json.gz` → `orders.json`). */
export function compressionFromKey(key: string): { compression: Compression; inner: string } | undefined {
  const match = /\.([A-Za-z0-9]+)$/.exec(key);
  const compression = match ? SUFFIXES[match[1]!.toLowerCase()] : undefined;
  if (compression === undefined || match === null) return undefined;
  return { compression, inner: key.slice(0, match.index) };
}

/** Decompression went past the size limit: the file is treated as too large. */
export class DecompressedTooLargeSignal extends Error {
  readonly code = "file.decompressed_too_large";
  readonly limit: number;
  constructor(limit: number) {
    super(`decompressed data is larger than the limit of ${limit} bytes`);
    this.name = "DecompressedTooLargeSignal";
    this.limit = limit;
  }
}

/** The compressed data is damaged or cut off. */
export class CorruptCompressionError extends Error {
  readonly code = "file.compression_corrupt";
}

/** Input slice per write: bounds what one write can expand to before the output count sees it. */
const SLICE: Record<Compression, number> = { gzip: 16 * 1024, zstd: 4 * 1024, bzip2: 64 * 1024 };

interface Decoder {
  write(chunk: Uint8Array): Promise<void>;
  end(): Promise<void>;
  destroy(): void;
}

/**
 * The decompressed bytes of `chunks`, streaming. Throws DecompressedTooLargeSignal past `limit` bytes of
 * output, CorruptCompressionError when the data does not decompress.
 */
export async function* decompress(
  chunks: AsyncIterable<Uint8Array>,
  compression: Compression,
  limit: number,
): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let produced = 0;
  let failure: Error | undefined;
  const decoder = open(
    compression,
    (piece) => {
      produced += piece.length;
      if (produced > limit) failure ??= new DecompressedTooLargeSignal(limit);
      else out.push(piece);
    },
    (err) => {
      failure ??= new CorruptCompressionError(`the ${compression} data is damaged: ${err.message}`);
    },
  );
  try {
    for await (const chunk of chunks) {
      for (let at = 0; at < chunk.length; at += SLICE[compression]) {
        await decoder.write(chunk.subarray(at, Math.min(chunk.length, at + SLICE[compression])));
        if (failure !== undefined) throw failure;
        while (out.length > 0) yield out.shift()!;
      }
    }
    await decoder.end();
    if (failure !== undefined) throw failure;
    while (out.length > 0) yield out.shift()!;
  } finally {
    decoder.destroy();
  }
}

function open(
  compression: Compression,
  onData: (piece: Uint8Array) => void,
  onError: (err: Error) => void,
): Decoder {
  if (compression === "bzip2") {
    const stream = unbzip2();
    let ended: (() => void) | undefined;
    stream.on("data", (d: Buffer) => onData(d));
    stream.on("error", (e: Error) => {
      onError(e);
      ended?.();
    });
    stream.on("end", () => ended?.());
    return {
      write: async (chunk) => {
        stream.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      },
      end: () =>
        new Promise<void>((resolve) => {
          ended = resolve;
          stream.end();
        }),
      destroy: () => stream.destroy(),
    };
  }
  const z = compression === "gzip" ? createGunzip() : createZstdDecompress();
  let closed = false;
  z.on("data", (d: Buffer) => onData(d));
  z.on("error", (e: Error) => {
    closed = true;
    onError(e);
  });
  return {
    write: (chunk) =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        z.write(chunk, () => resolve());
      }),
    end: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        z.once("end", resolve);
        z.once("error", () => resolve());
        z.end();
      }),
    destroy: () => {
      closed = true;
      z.destroy();
    },
  };
}
