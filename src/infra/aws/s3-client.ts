import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { ListedObject } from "../../domain/watch/poll-plan.ts";

/** Where a bucket lives: AWS by region, or any S3-compatible store (MinIO, Ceph, R2) by endpoint URL. */
export interface S3Target {
  region: string;
  bucket: string;
  endpointUrl?: string | null;
  forcePathStyle?: boolean;
}

export interface S3ClientOptions {
  /** SDK attempts per call, including throttling (SlowDown/503) retries; default 3. */
  maxAttempts?: number;
  connectionTimeoutMs?: number;
  /** Idle socket time before a request fails; default 60 s. */
  requestTimeoutMs?: number;
  maxSockets?: number;
}

/**
 * The real AWS SDK client for a connection. Checksums are computed and validated only when an operation
 * requires them: since SDK 3.729 the defaults break S3-compatible stores (R2, MinIO, Ceph), and a user of
 * those needs exactly this setting, so it is the connection's, not only the tests'.
 */
export function createS3Client(
  target: S3Target,
  credentials: AwsCredentialIdentityProvider,
  opts: S3ClientOptions = {},
): S3Client {
  const agentOptions = { keepAlive: true, maxSockets: opts.maxSockets ?? 32 };
  return new S3Client({
    region: target.region,
    credentials,
    ...(target.endpointUrl ? { endpoint: target.endpointUrl } : {}),
    forcePathStyle: target.forcePathStyle ?? false,
    followRegionRedirects: false,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: opts.maxAttempts ?? 3,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: opts.connectionTimeoutMs ?? 5_000,
      requestTimeout: opts.requestTimeoutMs ?? 60_000,
      httpAgent: new HttpAgent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
    }),
  });
}

export function unquoteEtag(etag: string | undefined): string {
  return (etag ?? "").replace(/^W\//, "").replace(/^"|"$/g, "");
}

export class ListingBudgetExceeded extends Error {
  readonly code = "connection.listing_budget_exceeded";
}

/** Lists every page under a prefix (ListObjectsV2), at most `pageBudget` pages. */
export async function* listAllObjects(
  client: S3Client,
  bucket: string,
  prefix: string,
  opts: { pageBudget?: number; signal?: AbortSignal; pageSize?: number } = {},
): AsyncGenerator<ListedObject[]> {
  let token: string | undefined;
  const budget = opts.pageBudget ?? 2_000;
  for (let page = 0; ; page++) {
    if (page >= budget) {
      throw new ListingBudgetExceeded(
        `listing stopped after ${budget} pages (${budget * 1000} keys): narrow the prefix or the pattern`,
      );
    }
    const out = await client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix || undefined,
        ContinuationToken: token,
        MaxKeys: opts.pageSize ?? 1000,
      }),
      { abortSignal: opts.signal },
    );
    const items: ListedObject[] = [];
    for (const o of out.Contents ?? []) {
      if (o.Key === undefined) continue;
      items.push({
        key: o.Key,
        etag: unquoteEtag(o.ETag),
        size: o.Size ?? 0,
        lastModified: o.LastModified ?? new Date(0),
        storageClass: o.StorageClass,
      });
    }
    yield items;
    if (!out.IsTruncated || !out.NextContinuationToken) return;
    token = out.NextContinuationToken;
  }
}

/** Streams an object's body; with `etag`, only that version (a rewrite in between is a 412). */
export async function getObjectStream(
  client: S3Client,
  bucket: string,
  key: string,
  opts: { etag?: string; signal?: AbortSignal; range?: string } = {},
): Promise<AsyncIterable<Uint8Array>> {
  const out = await client.send(
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ...(opts.etag ? { IfMatch: `"${opts.etag}"` } : {}),
      ...(opts.range ? { Range: opts.range } : {}),
    }),
    { abortSignal: opts.signal },
  );
  if (!out.Body) return (async function* () {})();
  return out.Body as unknown as AsyncIterable<Uint8Array>;
}
