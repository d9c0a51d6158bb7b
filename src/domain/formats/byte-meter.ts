/**
 * Reads a byte stream once, hashing (SHA-256) and counting every byte as it passes, and stops at a
 * size limit. Readers pull chunks from it; whatever they leave unread can be drained so the hash
 * and the size cover the whole file (the S3 poll uses this hash to skip content it has seen).
 */
import { createHash, type Hash } from "node:crypto";

/** Thrown by ByteMeter when the source goes past its limit; checkFile turns it into `file_too_large`. */
export class FileTooLargeSignal extends Error {
  readonly code = "file.too_large";
  readonly limit: number;
  constructor(limit: number) {
    super(`file is larger than the limit of ${limit} bytes`);
    this.name = "FileTooLargeSignal";
    this.limit = limit;
  }
}

/** The source itself failed (network, disk): not drift, the caller should retry the file. */
export class SourceReadError extends Error {
  readonly code = "file.read_failed";
  constructor(cause: unknown) {
    super(`reading the file failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "SourceReadError";
  }
}

export class ByteMeter {
  readonly maxBytes: number;
  #iterator: AsyncIterator<Uint8Array | string> | undefined;
  readonly #source: AsyncIterable<Uint8Array | string>;
  readonly #hash: Hash = createHash("sha256");
  #digest: string | undefined;
  #size = 0;
  #ended = false;
  #tooLarge = false;

  constructor(source: AsyncIterable<Uint8Array>, maxBytes: number) {
    this.#source = source;
    this.maxBytes = maxBytes;
  }

  get size(): number {
    return this.#size;
  }

  get tooLarge(): boolean {
    return this.#tooLarge;
  }

  /** True once the source reported its end (or was cut at the limit). */
  get ended(): boolean {
    return this.#ended;
  }

  /** The next chunk, or undefined at the end. Throws FileTooLargeSignal past the limit, SourceReadError on I/O errors. */
  async next(): Promise<Uint8Array | undefined> {
    if (this.#tooLarge) throw new FileTooLargeSignal(this.maxBytes);
    if (this.#ended) return undefined;
    this.#iterator ??= this.#source[Symbol.asyncIterator]();
    let result: IteratorResult<Uint8Array | string>;
    try {
      result = await this.#iterator.next();
    } catch (err) {
      this.#ended = true;
      throw new SourceReadError(err);
    }
    if (result.done) {
      this.#ended = true;
      return undefined;
    }
    const chunk = typeof result.value === "string" ? new TextEncoder().encode(result.value) : result.value;
    this.#size += chunk.byteLength;
    this.#hash.update(chunk);
    if (this.#size > this.maxBytes) {
      this.#tooLarge = true;
      await this.close();
      throw new FileTooLargeSignal(this.maxBytes);
    }
    return chunk;
  }

  /** The chunks as an iterable; leaving the loop early does not close the source (drain() can go on). */
  chunks(): AsyncIterable<Uint8Array> {
    return {
      [Symbol.asyncIterator]: () => ({
        next: async (): Promise<IteratorResult<Uint8Array>> => {
          const chunk = await this.next();
          return chunk === undefined ? { done: true, value: undefined } : { done: false, value: chunk };
        },
        return: async (): Promise<IteratorResult<Uint8Array>> => ({ done: true, value: undefined }),
      }),
    };
  }

  /** Reads (hashes, counts) whatever the readers left, up to the limit. */
  async drain(): Promise<void> {
    while ((await this.next()) !== undefined) {
      // hashed and counted by next()
    }
  }

  /** Every chunk up to the end, concatenated (for formats that need the whole file). */
  async readAll(): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let chunk = await this.next(); chunk !== undefined; chunk = await this.next()) {
      parts.push(chunk);
      total += chunk.byteLength;
    }
    if (parts.length === 1) return parts[0]!;
    const out = new Uint8Array(total);
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.byteLength;
    }
    return out;
  }

  /** Stops the source early (releases the download). Safe to call more than once. */
  async close(): Promise<void> {
    if (this.#iterator === undefined) {
      this.#ended = true;
      return;
    }
    const iterator = this.#iterator;
    this.#iterator = undefined;
    const wasEnded = this.#ended;
    this.#ended = true;
    if (!wasEnded) {
      try {
        await iterator.return?.();
      } catch {
        // closing a source that already failed is not an error worth reporting
      }
    }
  }

  /** Hex SHA-256 of every byte read so far; final once the meter has ended. */
  sha256(): string {
    this.#digest ??= this.#hash.digest("hex");
    return this.#digest;
  }
}
