/**
 * The connection test of a destination: write one small object under the path prefix (conditionally, as
 * every export is written), then delete it. Either step failing is an AwsCallError (HTTP 422) whose code
 * names what is missing: `destination.s3.put_denied` (s3:PutObject), `destination.s3.delete_denied`
 * (s3:DeleteObject, needed for this test only), `destination.s3.kms_access_denied`,
 * `destination.s3.no_such_bucket`, `destination.s3.wrong_region`, the credential and network codes, each
 * with the fix.
 */
import { randomBytes } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import { type CompiledTemplate, compactStamp, objectKey } from "../../domain/path-template.ts";
import { awsCallError } from "./aws-errors.ts";
import { deleteObject, writeNewObject } from "./s3-writer.ts";

export interface DestinationTestTarget {
  bucket: string;
  region: string;
  endpointUrl?: string | null;
  kmsKeyArn?: string | null;
}

export interface DestinationTestResult {
  ok: true;
  /** The key written and deleted. */
  key: string;
  bytes: number;
  steps: Array<{ action: "s3:PutObject" | "s3:DeleteObject"; ms: number }>;
}

/** Where the test object goes: the template rendered for now with stand-ins for what only an export knows. */
export function connectionTestKey(template: CompiledTemplate, org: string, at: Date, nonce: string): string {
  return objectKey(
    template,
    {
      at,
      org,
      connection: "connection-test",
      contract: "connection-test",
      account: "000000000000",
      kind: "events",
      job_id: "connection-test",
      env: "connection-test",
      source_key: "",
    },
    `driftwatch-connection-test-${compactStamp(at)}-${nonce}.txt`,
  );
}

export async function testDestination(
  client: S3Client,
  target: DestinationTestTarget,
  template: CompiledTemplate,
  org: string,
  opts: { now?: Date; signal?: AbortSignal } = {},
): Promise<DestinationTestResult> {
  const at = opts.now ?? new Date();
  const key = connectionTestKey(template, org, at, randomBytes(6).toString("hex"));
  const body = new TextEncoder().encode(
    `driftwatch connection test, ${at.toISOString()}. driftwatch deletes this object right after writing it; if it is still here, the delete was denied and it is safe to remove.\n`,
  );
  const op = {
    region: target.region,
    prefix: template.literalPrefix,
    codePrefix: "destination",
    subject: "destination" as const,
    ...(target.endpointUrl ? { endpoint: target.endpointUrl } : {}),
  };
  const steps: DestinationTestResult["steps"] = [];
  let t0 = performance.now();
  const written = await writeNewObject(
    client,
    {
      bucket: target.bucket,
      key,
      body,
      contentType: "text/plain; charset=utf-8",
      kmsKeyArn: target.kmsKeyArn ?? null,
    },
    { op, ...(opts.signal ? { signal: opts.signal } : {}) },
  );
  if (written.status === "exists") {
    // A random key already there means something else writes the same names: refuse rather than guess.
    const refused = { name: "PreconditionFailed", $metadata: { httpStatusCode: 412 } };
    throw awsCallError(refused, { ...op, service: "s3", action: "PutObject", bucket: target.bucket, key });
  }
  steps.push({ action: "s3:PutObject", ms: Math.round(performance.now() - t0) });
  t0 = performance.now();
  await deleteObject(client, target.bucket, key, { op, ...(opts.signal ? { signal: opts.signal } : {}) });
  steps.push({ action: "s3:DeleteObject", ms: Math.round(performance.now() - t0) });
  return { ok: true, key, bytes: body.length, steps };
}
