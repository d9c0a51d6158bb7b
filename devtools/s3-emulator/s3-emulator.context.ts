/** What an operation handler gets and gives back. */
import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import type { QueryBag, SigV4Success } from "../sigv4/sigv4.types.ts";
import { S3Error } from "./s3-emulator.errors.ts";
import type { Bucket, S3Store } from "./s3-emulator.store.ts";
import type { WriteRecord } from "./s3-emulator.types.ts";

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer | Readable;
}

export interface OpContext {
  req: IncomingMessage;
  query: QueryBag;
  store: S3Store;
  auth: SigV4Success;
  now: () => Date;
  maxKeysCap: number;
  /** The authorizer's verdict for this caller (true when no authorizer is set). */
  allowed(
    action: string,
    target: { bucket: string; key?: string | undefined; prefix?: string; kmsKeyArn?: string },
  ): boolean;
  /** Throws AccessDenied naming the KMS action and key, as S3 does, when the caller may not use the key. */
  demandKms(action: string, kmsKeyArn: string): void;
  /** Keeps a write in the emulator's `writes`. */
  recordWrite(record: Omit<WriteRecord, "at">): void;
}

export interface BucketContext extends OpContext {
  bucket: Bucket;
}

export interface ObjectContext extends BucketContext {
  key: string;
}

export function queryValue(query: QueryBag, name: string): string | undefined {
  const v = query[name];
  return Array.isArray(v) ? v[0] : v;
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

export const XML_HEADERS = { "Content-Type": "application/xml" };

/** Reads a request body, refusing more than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      throw new S3Error("EntityTooLarge", undefined, { MaxSizeAllowed: String(limit) });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
