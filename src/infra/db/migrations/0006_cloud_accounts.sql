-- Infrastructure drift, part 1: the AWS accounts driftwatch scans, and the Terraform states it compares them with.

-- An AWS account registered for scans (or only for reading Terraform state: the seed's "Option 2", a dedicated
-- least-privilege state reader, is a second row). The credential is sealed whole through sealed_secrets (even an
-- aws_oidc one, which holds no key: one code path); credential_public is the non-secret view responses show.
CREATE TABLE cloud_accounts (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id               uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  provider             text NOT NULL DEFAULT 'aws' CHECK (provider IN ('aws')),
  display_name         text NOT NULL,
  -- the account the credential must reach (STS GetCallerIdentity is checked against it before saving)
  external_account_id  text NOT NULL CHECK (external_account_id ~ '^[0-9]{12}$'),
  -- where scans start and Resource Explorer's aggregator is asked; NULL = the credential's region
  default_region       text,
  credential_type      text NOT NULL CHECK (credential_type IN ('aws_static', 'aws_role', 'aws_oidc')),
  credential_public    jsonb NOT NULL,
  credential_secret_id uuid NOT NULL REFERENCES sealed_secrets(id),
  -- the region STS is dialled in for this credential (the seed's credential "region")
  credential_region    text NOT NULL,
  -- who the credential is, as STS last said (the IAM user or assumed-role ARN): the principal to name in a
  -- cross-account bucket or key policy
  caller_arn           text,
  health               text NOT NULL DEFAULT 'unknown' CHECK (health IN ('healthy', 'warning', 'critical', 'unknown')),
  last_error           jsonb,
  last_validated_at    timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, display_name)
);
CREATE INDEX cloud_accounts_org_idx ON cloud_accounts (org_id, display_name, id);

-- A Terraform state object in S3. Two accounts are named: cloud_account_id is the principal that READS the
-- object (its credential signs the GetObject); scan_account_id is the account whose scans compare against this
-- state (unmanaged = live in that account and in none of its states). They are the same row unless a dedicated
-- state reader is used.
CREATE TABLE state_sources (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id               uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  -- a reader still used by another account's state source cannot be deleted (the service says which)
  cloud_account_id     uuid NOT NULL REFERENCES cloud_accounts(id) ON DELETE RESTRICT,
  scan_account_id      uuid NOT NULL REFERENCES cloud_accounts(id) ON DELETE CASCADE,
  bucket               text NOT NULL,
  key                  text NOT NULL,
  region               text NOT NULL,
  -- non-default workspace: the object is <workspace_key_prefix>/<workspace>/<key>, as the S3 backend stores it
  workspace            text,
  workspace_key_prefix text NOT NULL DEFAULT 'env:',
  -- pin one object version (NULL = the current one)
  version_id           text,
  endpoint_url         text,
  force_path_style     boolean NOT NULL DEFAULT false,
  -- the last read (create or POST .../test): 'ok' with serial, lineage, terraform_version, resource_count;
  -- 'failed' with the stable code, AWS's code, message and fix
  last_test_status     text CHECK (last_test_status IN ('ok', 'failed')),
  last_test            jsonb,
  last_tested_at       timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
-- the same object linked twice to one scanned account would count its resources twice
CREATE UNIQUE INDEX state_sources_object_idx ON state_sources (
  scan_account_id, bucket, key, coalesce(workspace, ''), workspace_key_prefix, coalesce(version_id, ''),
  coalesce(endpoint_url, '')
);
CREATE INDEX state_sources_org_idx ON state_sources (org_id, bucket, key, id);
CREATE INDEX state_sources_reader_idx ON state_sources (cloud_account_id);
