-- Data contracts, S3 connections, the file ledger, drift events and poll runs.

CREATE TABLE contracts (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id          uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  name            text NOT NULL,
  current_version integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, name)
);

CREATE TABLE contract_versions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id        uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  contract_id   uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
  version       integer NOT NULL,
  -- the document's own id and version (ODCS `id` / `version`), as drift events name them
  contract_key  text NOT NULL,
  odcs_version  text NOT NULL,
  format        text,
  document      text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contract_id, version)
);

CREATE TABLE connections (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id                uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  name                  text NOT NULL,
  provider              text NOT NULL CHECK (provider IN ('aws_s3')),
  region                text NOT NULL,
  bucket                text NOT NULL,
  prefix                text NOT NULL DEFAULT '',
  file_pattern          text NOT NULL DEFAULT '*',
  contract_id           uuid REFERENCES contracts(id) ON DELETE RESTRICT,
  poll_interval_minutes integer NOT NULL DEFAULT 60 CHECK (poll_interval_minutes BETWEEN 1 AND 10080),
  endpoint_url          text,
  force_path_style      boolean NOT NULL DEFAULT false,
  backfill              boolean NOT NULL DEFAULT false,
  paused                boolean NOT NULL DEFAULT false,
  credentials_type      text NOT NULL,
  credentials_public    jsonb NOT NULL,
  credentials_secret_id uuid NOT NULL REFERENCES sealed_secrets(id),
  -- the watch: objects modified before watch_since are not new (unless backfill); the watermark never
  -- passes a file that is not done, and objects down to watermark − look-back are listed again
  watch_since           timestamptz NOT NULL,
  watermark             timestamptz,
  health                text NOT NULL DEFAULT 'unknown' CHECK (health IN ('healthy', 'warning', 'critical', 'unknown')),
  last_error            jsonb,
  consecutive_failures  integer NOT NULL DEFAULT 0,
  last_poll_at          timestamptz,
  last_success_at       timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, name)
);
CREATE INDEX connections_org_idx ON connections (org_id, created_at, id);
CREATE INDEX connections_contract_idx ON connections (contract_id);

-- The ledger: one row per object version (key + ETag) seen by a connection.
CREATE TABLE watched_files (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id              uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  connection_id       uuid NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  key                 text NOT NULL,
  etag                text NOT NULL,
  size                bigint NOT NULL,
  last_modified       timestamptz NOT NULL,
  storage_class       text,
  sha256              text,
  status              text NOT NULL CHECK (status IN ('pending', 'processed', 'duplicate', 'failed', 'too_large', 'skipped')),
  format              text,
  records             integer,
  events              integer NOT NULL DEFAULT 0,
  attempts            integer NOT NULL DEFAULT 0,
  next_attempt_at     timestamptz,
  error               jsonb,
  duplicate_of        uuid REFERENCES watched_files(id) ON DELETE SET NULL,
  contract_version_id uuid REFERENCES contract_versions(id) ON DELETE SET NULL,
  poll_run_id         uuid,
  first_seen_at       timestamptz NOT NULL DEFAULT now(),
  processed_at        timestamptz,
  UNIQUE (connection_id, key, etag)
);
-- Content dedupe across keys: one processed file per content hash and connection, enforced by the database.
CREATE UNIQUE INDEX watched_files_content_idx ON watched_files (connection_id, sha256) WHERE status = 'processed';
CREATE INDEX watched_files_window_idx ON watched_files (connection_id, last_modified);
CREATE INDEX watched_files_list_idx ON watched_files (connection_id, first_seen_at DESC, id);

CREATE TABLE drift_events (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id           uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  connection_id    uuid REFERENCES connections(id) ON DELETE CASCADE,
  file_id          uuid REFERENCES watched_files(id) ON DELETE CASCADE,
  contract_key     text NOT NULL,
  contract_version text NOT NULL,
  type             text NOT NULL,
  severity         text NOT NULL CHECK (severity IN ('info', 'warning', 'error', 'critical')),
  path             text NOT NULL,
  rule             text NOT NULL,
  expected         text NOT NULL,
  actual           text NOT NULL,
  count            integer NOT NULL,
  percent          double precision,
  samples          jsonb NOT NULL DEFAULT '[]'::jsonb,
  file             jsonb NOT NULL,
  detail           jsonb,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged')),
  acknowledged_at  timestamptz,
  acknowledged_by  uuid,
  created_at       timestamptz NOT NULL DEFAULT now(),
  -- one event per file × path × rule: a replayed file can never record its drift twice
  UNIQUE (file_id, path, rule)
);
CREATE INDEX drift_events_org_idx ON drift_events (org_id, created_at DESC, id DESC);
CREATE INDEX drift_events_connection_idx ON drift_events (connection_id, created_at DESC, id DESC);

CREATE TABLE poll_runs (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id         uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  connection_id  uuid NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  job_id         bigint,
  trigger        text NOT NULL CHECK (trigger IN ('manual', 'schedule', 'backlog')),
  status         text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
  counts         jsonb NOT NULL DEFAULT '{}'::jsonb,
  more_pending   boolean NOT NULL DEFAULT false,
  -- where the watermark stood after this cycle (it never passes a file that is not done)
  watermark      timestamptz,
  error          jsonb,
  created_at     timestamptz NOT NULL DEFAULT now(),
  started_at     timestamptz,
  finished_at    timestamptz
);
CREATE INDEX poll_runs_connection_idx ON poll_runs (connection_id, created_at DESC, id DESC);
