-- Destinations: the user's own bucket, where driftwatch exports drift events, scan reports and routed files.
--
-- Exactly once rests on two things. (1) An outbox (export_batches): a batch is planned, with the keys of its
-- objects, in the same transaction that moves the destination's cursor past its events; the objects are
-- written afterwards with If-None-Match: *, so a crash or retry writes the same keys again and S3's 412
-- says "already written". (2) A cursor over drift_events that never skips a row: events are read in
-- (export_tx, export_seq) order, and only from transactions older than every transaction still running
-- (pg_snapshot_xmin), so an event committed late by a slow transaction can never fall behind the cursor.

-- The transaction that recorded each event, and its order within it. Existing events get the migration's
-- transaction; new ones fill themselves in (no writer changes).
ALTER TABLE drift_events ADD COLUMN export_tx xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE drift_events ADD COLUMN export_seq bigserial;
CREATE INDEX drift_events_export_idx ON drift_events (org_id, export_tx, export_seq);

CREATE TABLE destinations (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id                 uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  name                   text NOT NULL,
  provider               text NOT NULL DEFAULT 'aws_s3' CHECK (provider IN ('aws_s3')),
  region                 text NOT NULL,
  bucket                 text NOT NULL,
  -- a path template: `exports/{org}/{kind}/{full_date}/`
  path_prefix            text NOT NULL DEFAULT '',
  endpoint_url           text,
  force_path_style       boolean NOT NULL DEFAULT false,
  kms_key_arn            text,
  format                 text NOT NULL DEFAULT 'ndjson' CHECK (format IN ('ndjson', 'csv', 'parquet')),
  gzip                   boolean NOT NULL DEFAULT false,
  batch_max_events       integer NOT NULL DEFAULT 1000 CHECK (batch_max_events BETWEEN 1 AND 100000),
  batch_max_age_seconds  integer NOT NULL DEFAULT 300 CHECK (batch_max_age_seconds BETWEEN 1 AND 86400),
  export_events          boolean NOT NULL DEFAULT true,
  export_scan_reports    boolean NOT NULL DEFAULT false,
  paused                 boolean NOT NULL DEFAULT false,
  credentials_type       text NOT NULL,
  credentials_public     jsonb NOT NULL,
  credentials_secret_id  uuid NOT NULL REFERENCES sealed_secrets(id),
  -- the export cursor: every event at or before (cursor_tx, cursor_seq) is in a batch
  cursor_tx              xid8 NOT NULL,
  cursor_seq             bigint NOT NULL DEFAULT 0,
  next_batch_no          bigint NOT NULL DEFAULT 1,
  health                 text NOT NULL DEFAULT 'unknown' CHECK (health IN ('healthy', 'warning', 'critical', 'unknown')),
  last_error             jsonb,
  consecutive_failures   integer NOT NULL DEFAULT 0,
  last_attempt_at        timestamptz,
  last_success_at        timestamptz,
  last_tested_at         timestamptz,
  objects_written        bigint NOT NULL DEFAULT 0,
  bytes_written          bigint NOT NULL DEFAULT 0,
  events_exported        bigint NOT NULL DEFAULT 0,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, name)
);
CREATE INDEX destinations_org_idx ON destinations (org_id, name, id);

-- The outbox: one row per batch, its objects' keys fixed when it is planned.
CREATE TABLE export_batches (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id           uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  destination_id   uuid NOT NULL REFERENCES destinations(id) ON DELETE CASCADE,
  batch_no         bigint NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('events', 'scan-reports', 'files')),
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'written', 'failed')),
  -- events: the range (from, to] of the drift_events cursor
  from_tx          xid8,
  from_seq         bigint,
  to_tx            xid8,
  to_seq           bigint,
  event_count      integer NOT NULL DEFAULT 0,
  -- scan reports and routed files: what to write (a report, or the source file's coordinates)
  payload          jsonb,
  -- the instant the path template is rendered at (kept, so a retry renders the same keys)
  planned_at       timestamptz NOT NULL,
  -- [{ "key", "group", "count" }]: one object per group of the batch
  objects          jsonb NOT NULL DEFAULT '[]'::jsonb,
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       jsonb,
  bytes            bigint NOT NULL DEFAULT 0,
  -- written: objects S3 stored on this batch's attempts; already: objects found written by an earlier attempt
  written_objects  integer NOT NULL DEFAULT 0,
  already_objects  integer NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL DEFAULT now(),
  written_at       timestamptz,
  UNIQUE (destination_id, batch_no)
);
CREATE INDEX export_batches_pending_idx ON export_batches (destination_id, batch_no) WHERE status = 'pending';
CREATE INDEX export_batches_list_idx ON export_batches (destination_id, created_at DESC, id DESC);

-- File routing: after a watch connection checks a file, copy it to a destination (accepted when clean,
-- quarantine when drifted or unparseable), or mirror every new file.
CREATE TABLE connection_routes (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id          uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  connection_id   uuid NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  destination_id  uuid NOT NULL REFERENCES destinations(id) ON DELETE CASCADE,
  route           text NOT NULL CHECK (route IN ('accepted', 'quarantine', 'mirror')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (connection_id, route)
);
CREATE INDEX connection_routes_destination_idx ON connection_routes (destination_id);
