-- driftwatch as an OIDC identity provider: the keys that sign its federation tokens.
--
-- One key set for the whole installation (one issuer). The public key is stored in the clear (it is
-- published in the JWKS); the private key is sealed through sealed_secrets (envelope encryption) and its
-- row removed once a newer key has taken over, so only the signing key and a pre-published next key have
-- private material at rest.
--
-- A key signs from activates_at until a newer key activates. publish_until is when it leaves the JWKS:
-- NULL while it is (or will be) the signing key, otherwise the moment every token it signed has expired.
CREATE TABLE federation_signing_keys (
  kid           text PRIMARY KEY,
  -- Insertion order: breaks ties between keys activated at the same instant (the later one wins).
  seq           bigserial NOT NULL,
  alg           text NOT NULL,
  public_jwk    jsonb NOT NULL,
  -- sealed_secrets rows belong to an organisation: the key is sealed under the installation's first org.
  secret_org_id uuid,
  secret_id     uuid REFERENCES sealed_secrets(id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL,
  activates_at  timestamptz NOT NULL,
  publish_until timestamptz
);
CREATE INDEX federation_signing_keys_active_idx ON federation_signing_keys (activates_at DESC, seq DESC);
