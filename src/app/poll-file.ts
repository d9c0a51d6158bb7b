import { createHash } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import { type CheckResult, checkFile, SourceReadError } from "../domain/contracts/index.ts";
import type { DriftEvent } from "../domain/drift/drift-event.ts";
import type { ListedObject } from "../domain/watch/poll-plan.ts";
import { getObjectStream } from "../infra/aws/s3-client.ts";
import type { CheckPool } from "../infra/check-pool/check-pool.ts";
import type { Db } from "../infra/db/engine.ts";
import { backoffSeconds } from "../infra/jobs/worker.ts";
import type { LastError } from "./connection.model.ts";
import { describeAwsFailure } from "./connection-errors.ts";
import type { ActiveContract } from "./contracts.service.ts";
import type { PollCounts } from "./poll-runs.ts";
import { type CheckedFile, type FileContext, recordFileFailure, recordSkipped } from "./watch-ledger.ts";

export interface FileJob {
  db: Db;
  /** Checks run on these threads when given; otherwise here. */
  checkPool?: CheckPool | undefined;
  client: S3Client;
  bucket: string;
  region: string;
  endpoint: string | null;
  contract: ActiveContract | undefined;
  ctx: FileContext;
  now: Date;
  signal: AbortSignal;
}

/** A file downloaded and checked, to be recorded (with its events) by the ledger writer. */
export interface Checked {
  checked: CheckedFile;
}

export interface FileResult {
  /** Whether the watermark may pass this object. */
  done: boolean;
  count: keyof Pick<PollCounts, "processed" | "duplicate" | "failed" | "too_large" | "skipped">;
  events: number;
  recorded: DriftEvent[];
  error?: LastError;
  retryInSeconds?: number;
}

/** Without a contract a file is still downloaded, hashed and recorded (and deduplicated), with no events. */
async function hashOnly(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<CheckResult> {
  const hash = createHash("sha256");
  let size = 0;
  try {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes)
        return {
          format: undefined,
          sha256: hash.digest("hex"),
          size,
          records: 0,
          events: [],
          tooLarge: true,
          notes: [],
        };
      hash.update(chunk);
    }
  } catch (err) {
    throw new SourceReadError(err);
  }
  return {
    format: undefined,
    sha256: hash.digest("hex"),
    size,
    records: 0,
    events: [],
    tooLarge: false,
    notes: [],
  };
}

function tooLargeEvent(obj: ListedObject, limit: number, contract: ActiveContract | undefined): DriftEvent {
  const c = contract?.compiled.contract;
  return {
    type: "file_too_large",
    severity: "critical",
    path: "$",
    rule: "file.size",
    expected: `at most ${limit} bytes`,
    actual: `${obj.size} bytes`,
    count: 1,
    percent: null,
    samples: [],
    file: { key: obj.key, sha256: "", size: obj.size },
    contract: { id: c?.id ?? "none", version: c?.version ?? "0" },
  };
}

/** Downloads one object (streaming), checks it in the same pass, and records it with its events. */
export async function downloadAndCheck(
  job: FileJob,
  obj: ListedObject,
  opts: { maxFileBytes: number; fileMaxAttempts: number; fileRetryBaseSeconds: number },
): Promise<FileResult | Checked> {
  const fail = async (error: LastError): Promise<FileResult> => {
    let retryInSeconds: number | undefined;
    const status = await recordFileFailure(job.db, job.ctx, obj, error, {
      now: job.now,
      maxAttempts: opts.fileMaxAttempts,
      retryInSeconds: (attempt) => {
        retryInSeconds = backoffSeconds(attempt, {
          baseDelaySeconds: opts.fileRetryBaseSeconds,
          maxDelaySeconds: 3600,
        });
        return retryInSeconds;
      },
    });
    return {
      done: status !== "pending",
      count: "failed",
      events: 0,
      recorded: [],
      error,
      ...(status === "pending" && retryInSeconds !== undefined ? { retryInSeconds } : {}),
    };
  };

  if (obj.size > opts.maxFileBytes) {
    const event = tooLargeEvent(obj, opts.maxFileBytes, job.contract);
    return {
      checked: {
        obj,
        result: {
          sha256: "",
          size: obj.size,
          records: 0,
          events: [event],
          tooLarge: true,
          format: undefined,
        },
      },
    };
  }

  const op = {
    action: "s3:GetObject" as const,
    bucket: job.bucket,
    key: obj.key,
    region: job.region,
    endpoint: job.endpoint,
  };
  let body: AsyncIterable<Uint8Array>;
  try {
    body = await getObjectStream(job.client, job.bucket, obj.key, { etag: obj.etag, signal: job.signal });
  } catch (err) {
    if (job.signal.aborted) return { done: false, count: "skipped", events: 0, recorded: [] };
    const failure = describeAwsFailure(err, op);
    if (failure.aws_code === "NoSuchKey" || failure.aws_code === "PreconditionFailed") {
      // deleted, or rewritten, after the listing: nothing to check now (a rewrite is listed again as new)
      return { done: true, count: "skipped", events: 0, recorded: [] };
    }
    if (failure.aws_code === "InvalidObjectState") {
      await recordSkipped(job.db, job.ctx, obj, { ...failure, at: job.now.toISOString() });
      return { done: true, count: "skipped", events: 0, recorded: [] };
    }
    return fail({
      code: failure.code,
      aws_code: failure.aws_code,
      message: failure.message,
      hint: failure.hint,
      at: job.now.toISOString(),
    });
  }

  let result: CheckResult;
  try {
    const check = { key: obj.key, maxBytes: opts.maxFileBytes };
    result = !job.contract
      ? await hashOnly(body, opts.maxFileBytes)
      : job.checkPool
        ? await job.checkPool.check(
            { versionId: job.contract.versionId, document: job.contract.document, ...check },
            body,
          )
        : await checkFile(job.contract.compiled, body, check);
  } catch (err) {
    if (job.signal.aborted) return { done: false, count: "skipped", events: 0, recorded: [] };
    if (!(err instanceof SourceReadError)) throw err;
    const failure = describeAwsFailure(err.cause ?? err, op);
    return fail({
      code: "connection.s3.download_interrupted",
      aws_code: failure.aws_code,
      message: `Reading ${obj.key} failed mid-way: ${(err.cause as Error | undefined)?.message ?? err.message}.`,
      hint: "Nothing to change: the file is downloaded again on a later cycle.",
      at: job.now.toISOString(),
    });
  }
  return { checked: { obj, result } };
}
