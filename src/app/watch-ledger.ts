import type { CheckResult } from "../domain/contracts/index.ts";
import type { DriftEvent } from "../domain/drift/drift-event.ts";
import { boundedText } from "../domain/drift/stored-text.ts";
import type { LedgerEntry, ListedObject } from "../domain/watch/poll-plan.ts";
import { ledgerKey } from "../domain/watch/poll-plan.ts";
import type { Db, Queryable } from "../infra/db/engine.ts";
import {
  findLedgerRow,
  insertDriftEvents,
  insertSkipped,
  ledgerRowKey,
  ledgerWindow,
  processedByHash,
  upsertAttempt,
  upsertLedgerRows,
} from "../infra/db/repos/ledger.repo.ts";
import type { LastError } from "./connection.model.ts";

/**
 * The ledger of files a connection has seen, and the drift events of each, written together: a file's
 * ledger entry and its events commit in one transaction, so a crash never leaves one without the other, and
 * the unique keys (connection + key + ETag; one processed file per content hash; one event per file × path
 * × rule) make a replay record nothing twice.
 */
export interface FileContext {
  orgId: string;
  connectionId: string;
  pollRunId: string;
  contractVersionId: string | null;
}

export type RecordOutcome = "processed" | "duplicate" | "too_large" | "already" | "unprocessable";

export async function loadLedgerWindow(
  q: Queryable,
  connectionId: string,
  floor: Date | null,
): Promise<Map<string, LedgerEntry>> {
  const rows = await ledgerWindow(q, connectionId, floor);
  return new Map(
    rows.map((r) => [ledgerKey(r.key, r.etag), { status: r.status, nextAttemptAt: r.next_attempt_at }]),
  );
}

export type CheckedResult = Pick<
  CheckResult,
  "sha256" | "size" | "records" | "events" | "tooLarge" | "format"
>;
export interface CheckedFile {
  obj: ListedObject;
  result: CheckedResult;
}

/**
 * Records checked files and their events, several in one transaction. Content already processed under any
 * key of this connection (before, or earlier in the same batch) → `duplicate`, no events. A key + ETag that
 * another worker already finished → `already`, nothing written. When a concurrent cycle commits the same
 * content first, the batch is replayed one file at a time, each seeing what the other committed.
 */
export async function recordCheckedFiles(
  db: Db,
  ctx: FileContext,
  files: CheckedFile[],
  replay = false,
): Promise<Array<{ outcome: RecordOutcome; events: number }>> {
  try {
    return await db.transaction(async (tx) => {
      const hashes = [...new Set(files.filter((f) => !f.result.tooLarge).map((f) => f.result.sha256))];
      const before = await processedByHash(tx, ctx.connectionId, hashes);
      const firstOfContent = new Set<string>();
      const statusOf = files.map((f) => {
        if (f.result.tooLarge) return "too_large";
        if (before.has(f.result.sha256) || firstOfContent.has(f.result.sha256)) return "duplicate";
        firstOfContent.add(f.result.sha256);
        return "processed";
      });
      const row = (
        f: CheckedFile,
        status: "processed" | "duplicate" | "too_large",
        dupOf: string | null,
      ) => ({
        obj: f.obj,
        status,
        size: f.result.size,
        sha256: f.result.sha256 || null,
        format: f.result.format ?? null,
        records: f.result.records,
        events: status === "duplicate" ? 0 : f.result.events.length,
        duplicateOf: dupOf,
      });
      const primary = files.flatMap((f, i) => {
        const s = statusOf[i]!;
        return s === "duplicate" ? [] : [{ file: f, row: row(f, s, null) }];
      });
      const ids = await upsertLedgerRows(
        tx,
        ctx,
        primary.map((p) => p.row),
      );
      // duplicates point at the processed file of their content, whichever cycle wrote it
      const dupHashes = files.filter((_, i) => statusOf[i] === "duplicate").map((f) => f.result.sha256);
      const owners = await processedByHash(tx, ctx.connectionId, [...new Set(dupHashes)]);
      const dups = files
        .filter((_, i) => statusOf[i] === "duplicate")
        .map((f) => row(f, "duplicate", owners.get(f.result.sha256) ?? null));
      for (const [k, id] of await upsertLedgerRows(tx, ctx, dups)) ids.set(k, id);
      await insertDriftEvents(
        tx,
        ctx,
        primary.flatMap(({ file }) => {
          const id = ids.get(ledgerRowKey(file.obj.key, file.obj.etag));
          return id ? [{ fileId: id, events: file.result.events }] : [];
        }),
      );
      return files.map((f, i) => {
        if (!ids.has(ledgerRowKey(f.obj.key, f.obj.etag))) return { outcome: "already" as const, events: 0 };
        const status = statusOf[i] as "processed" | "duplicate" | "too_large";
        return { outcome: status, events: status === "duplicate" ? 0 : f.result.events.length };
      });
    });
  } catch (err) {
    // the same content committed by a concurrent cycle at the same moment: replay one by one
    if ((err as { code?: string }).code !== "23505" || replay) throw err;
    const out = [];
    for (const f of files) out.push(...(await recordCheckedFiles(db, ctx, [f], true)));
    return out;
  }
}

/** The reason a file could not be stored, as kept in its ledger entry and `file_unprocessable` event. */
export function unprocessableReason(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e?.message === "string" ? e.message : String(err);
  const code = typeof e?.code === "string" ? ` (${e.code})` : "";
  return boundedText(`${message}${code}`, 500);
}

/**
 * The last line of defence: a checked file whose events the database refuses is recorded as `failed`, with
 * one `file_unprocessable` event keeping the reason, so the rest of the batch (and the watermark) goes on.
 */
export async function recordUnprocessable(
  db: Db,
  ctx: FileContext,
  file: CheckedFile,
  reason: string,
  now: Date,
): Promise<{ outcome: RecordOutcome; events: number; error: LastError }> {
  const error: LastError = {
    code: "file.unprocessable",
    aws_code: null,
    message: boundedText(`${file.obj.key} was checked but its drift could not be stored: ${reason}`),
    hint: "Nothing is retried for this version of the file; fix or replace the file (a new version is checked again).",
    at: now.toISOString(),
  };
  const contract = file.result.events[0]?.contract ?? { id: "none", version: "0" };
  const event: DriftEvent = {
    type: "file_unprocessable",
    severity: "critical",
    path: "$",
    rule: "file.unprocessable",
    expected: "drift the database can store",
    actual: reason,
    count: 1,
    percent: null,
    samples: [],
    file: { key: file.obj.key, sha256: file.result.sha256, size: file.result.size },
    contract,
    detail: { events_found: file.result.events.length },
  };
  return db.transaction(async (tx) => {
    const ids = await upsertLedgerRows(tx, ctx, [
      {
        obj: file.obj,
        status: "failed",
        size: file.result.size,
        sha256: file.result.sha256 || null,
        format: file.result.format ?? null,
        records: file.result.records,
        events: 1,
        duplicateOf: null,
        error: { ...error },
      },
    ]);
    const id = ids.get(ledgerRowKey(file.obj.key, file.obj.etag));
    if (!id) return { outcome: "already" as const, events: 0, error };
    await insertDriftEvents(tx, ctx, [{ fileId: id, events: [event] }]);
    return { outcome: "unprocessable" as const, events: 1, error };
  });
}

/** An archived object: recorded once as skipped (never downloaded, never retried). */
export async function recordSkipped(
  q: Queryable,
  ctx: FileContext,
  obj: ListedObject,
  reason: LastError,
): Promise<void> {
  await insertSkipped(q, ctx, obj, { ...reason });
}

/**
 * A failed attempt at a file (download or read): `pending` with the next attempt's time, or `failed` once
 * the attempts are used up. Returns the resulting status.
 */
export async function recordFileFailure(
  q: Queryable,
  ctx: FileContext,
  obj: ListedObject,
  error: LastError,
  opts: { maxAttempts: number; retryInSeconds: (attempt: number) => number; now: Date },
): Promise<"pending" | "failed" | "already"> {
  const prior = await findLedgerRow(q, ctx.connectionId, obj);
  if (prior && prior.status !== "pending") return "already";
  const attempts = (prior?.attempts ?? 0) + 1;
  const status = attempts >= opts.maxAttempts ? "failed" : "pending";
  return upsertAttempt(q, ctx, obj, {
    status,
    attempts,
    // on the watch's clock, the one each cycle compares it with
    nextAttemptAt:
      status === "pending" ? new Date(opts.now.getTime() + opts.retryInSeconds(attempts) * 1000) : null,
    error: { ...error },
  });
}
