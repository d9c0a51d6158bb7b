/** Polls of a connection (runs with their counts) and its ledger of files. */
import { type Static, Type } from "typebox";
import {
  CursorQuery,
  IdParams,
  ListOf,
  NullableString,
  NullableTimestamp,
  named,
  OneOf,
  PageOf,
  Timestamp,
  Uuid,
} from "./common.api.ts";
import { LastError } from "./connections.api.ts";
import { NOT_FOUND, operation, ref, STANDARD_ERRORS } from "./operation.ts";

export const POLL_TRIGGERS = ["manual", "schedule", "backlog"] as const;
export type PollTrigger = (typeof POLL_TRIGGERS)[number];
export const POLL_RUN_STATUSES = ["queued", "running", "completed", "failed"] as const;
export type PollRunStatus = (typeof POLL_RUN_STATUSES)[number];
export const FILE_STATUSES = ["pending", "processed", "duplicate", "failed", "too_large", "skipped"] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

export const PollCounts = Type.Object({
  listed: Type.Integer(),
  matched: Type.Integer(),
  new: Type.Integer(),
  processed: Type.Integer(),
  duplicate: Type.Integer(),
  failed: Type.Integer(),
  too_large: Type.Integer(),
  skipped: Type.Integer(),
  events: Type.Integer(),
});
export type PollCounts = Static<typeof PollCounts>;

export const PollRun = named(
  "PollRun",
  Type.Object({
    id: Uuid,
    connection_id: Uuid,
    status: OneOf(POLL_RUN_STATUSES),
    trigger: OneOf(POLL_TRIGGERS),
    counts: PollCounts,
    more_pending: Type.Boolean({
      description: "More new files than one cycle takes: the next cycle starts at once.",
    }),
    watermark: Type.Union([Timestamp, Type.Null()], {
      description: "Where the watermark stood after this cycle.",
    }),
    error: Type.Union([LastError, Type.Null()]),
    created_at: Timestamp,
    started_at: NullableTimestamp,
    finished_at: NullableTimestamp,
  }),
);
export type PollRun = Static<typeof PollRun>;

/** Why a file failed; kept as it was recorded, so every field but the message may be absent. */
export const FileError = Type.Object(
  {
    code: Type.Optional(Type.String()),
    aws_code: Type.Optional(NullableString),
    message: Type.Optional(Type.String()),
    hint: Type.Optional(Type.String()),
    at: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

export const WatchedFile = named(
  "WatchedFile",
  Type.Object({
    id: Type.String(),
    key: Type.String(),
    etag: Type.String(),
    size: Type.Integer(),
    last_modified: Timestamp,
    storage_class: NullableString,
    sha256: NullableString,
    status: OneOf(FILE_STATUSES),
    format: NullableString,
    records: Type.Union([Type.Integer(), Type.Null()]),
    events: Type.Integer(),
    attempts: Type.Integer(),
    next_attempt_at: NullableTimestamp,
    error: Type.Union([FileError, Type.Null()]),
    duplicate_of_key: NullableString,
    first_seen_at: Timestamp,
    processed_at: NullableTimestamp,
  }),
);
export type WatchedFile = Static<typeof WatchedFile>;

export const FilesQuery = Type.Object(
  {
    ...CursorQuery,
    status: Type.Optional(Type.Unsafe<FileStatus>({ type: "string", enum: [...FILE_STATUSES] })),
  },
  { additionalProperties: false },
);
export type FilesQuery = Static<typeof FilesQuery>;

const tags = ["connections"];

export const pollOperations = {
  pollConnection: operation({
    operationId: "pollConnection",
    method: "POST",
    path: "/api/v1/connections/:id/poll",
    tags,
    summary:
      "Poll now. 202 with the queued run; with ?wait=true, 200 with the finished run (or 202 if it is still running at the timeout).",
    params: IdParams,
    querystring: Type.Object(
      {
        wait: Type.Optional(Type.Boolean()),
        timeout_seconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 600, default: 120 })),
      },
      { additionalProperties: false },
    ),
    response: {
      200: Type.Object({ poll_run: ref(PollRun) }, { description: "The run finished (with ?wait=true)." }),
      202: Type.Object({ poll_run: ref(PollRun) }, { description: "The run is queued or still running." }),
    },
    errors: {
      ...STANDARD_ERRORS,
      ...NOT_FOUND,
      409: "The connection is paused: resume it first.",
    },
  }),
  listPollRuns: operation({
    operationId: "listPollRuns",
    method: "GET",
    path: "/api/v1/connections/:id/poll-runs",
    tags,
    summary: "Recent poll runs of a connection, newest first.",
    params: IdParams,
    querystring: Type.Object(
      { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })) },
      { additionalProperties: false },
    ),
    response: { 200: ListOf(ref(PollRun)) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
  getPollRun: operation({
    operationId: "getPollRun",
    method: "GET",
    path: "/api/v1/poll-runs/:id",
    tags,
    summary: "A poll run: status and counts.",
    params: IdParams,
    response: { 200: ref(PollRun) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
  listConnectionFiles: operation({
    operationId: "listConnectionFiles",
    method: "GET",
    path: "/api/v1/connections/:id/files",
    tags,
    summary: "The ledger: every file the connection has seen, newest first.",
    params: IdParams,
    querystring: FilesQuery,
    response: { 200: PageOf(ref(WatchedFile)) },
    errors: { ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
};
