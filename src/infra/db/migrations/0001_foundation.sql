-- Organisations, API keys, sealed secrets, jobs and schedules: the ground every feature stands on.

CREATE TABLE orgs (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  -- Generated per organisation; users pin it in their IAM role trust policies (confused-deputy protection).
  external_id text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id       uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  name         text NOT NULL,
  role         text NOT NULL CHECK (role IN ('admin', 'member')),
  -- The first characters of the key, shown in lists so a user can tell keys apart. Not enough to use it.
  prefix       text NOT NULL,
  -- SHA-256 of the whole key (hex). Keys are 256-bit random, so a fast hash is enough: there is nothing to brute-force.
  key_hash     text NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_keys_org_idx ON api_keys (org_id, created_at);

-- Envelope encryption: each secret has its own random data key (AES-256-GCM), wrapped by a key-encryption
-- key named by kek_id. The plaintext never reaches this table.
CREATE TABLE sealed_secrets (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id      uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  purpose     text NOT NULL,
  kek_id      text NOT NULL,
  wrapped_key bytea NOT NULL,
  ciphertext  bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  rewrapped_at timestamptz
);
CREATE INDEX sealed_secrets_kek_idx ON sealed_secrets (kek_id);

CREATE TABLE jobs (
  id               bigserial PRIMARY KEY,
  org_id           uuid REFERENCES orgs(id) ON DELETE CASCADE,
  task             text NOT NULL,
  payload          jsonb NOT NULL DEFAULT '{}'::jsonb,
  status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'active', 'completed', 'failed', 'cancelled')),
  priority         integer NOT NULL DEFAULT 0,
  run_at           timestamptz NOT NULL DEFAULT now(),
  attempts         integer NOT NULL DEFAULT 0,
  max_attempts     integer NOT NULL DEFAULT 5,
  -- At most one queued job per singleton key (a second enqueue is a no-op).
  singleton_key    text,
  -- At most one active job per concurrency key (e.g. one poll per connection at a time).
  concurrency_key  text,
  locked_by        text,
  locked_until     timestamptz,
  last_error       text,
  result           jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  started_at       timestamptz,
  finished_at      timestamptz
);
CREATE INDEX jobs_ready_idx ON jobs (priority DESC, run_at, id) WHERE status = 'queued';
CREATE INDEX jobs_lease_idx ON jobs (locked_until) WHERE status = 'active';
CREATE UNIQUE INDEX jobs_singleton_idx ON jobs (singleton_key) WHERE status = 'queued';
CREATE UNIQUE INDEX jobs_concurrency_idx ON jobs (concurrency_key) WHERE status = 'active';

-- Recurring work. A tick fires a schedule once across any number of processes: the row is advanced with a
-- conditional update, and the job it queues carries a singleton key.
CREATE TABLE schedules (
  key              text PRIMARY KEY,
  org_id           uuid REFERENCES orgs(id) ON DELETE CASCADE,
  task             text NOT NULL,
  payload          jsonb NOT NULL DEFAULT '{}'::jsonb,
  concurrency_key  text,
  interval_seconds integer NOT NULL CHECK (interval_seconds > 0),
  next_run_at      timestamptz NOT NULL,
  last_run_at      timestamptz,
  enabled          boolean NOT NULL DEFAULT true,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX schedules_due_idx ON schedules (next_run_at) WHERE enabled;
