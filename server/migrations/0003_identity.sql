-- Identity: agencies, residents, officials, sessions, API keys, data keys and the access log.
-- Personal data (national ID, phone, date of birth, TOTP secrets) is stored only encrypted
-- (columns ending in _enc, see server/modules/identity/crypto/); national IDs are found through a
-- keyed hash (national_id_hash), never by plaintext.

CREATE SCHEMA identity;

-- The city's agencies as a tree: the city People's Committee, its departments, the 168 ward
-- People's Committees and public service units. Officials and API keys belong to one agency.
CREATE TABLE identity.agencies (
  id          text PRIMARY KEY,
  parent_id   text REFERENCES identity.agencies (id),
  kind        text NOT NULL CHECK (kind IN ('city', 'department', 'ward_committee', 'service_unit')),
  name        text NOT NULL,
  name_en     text NOT NULL,
  ward_code   text REFERENCES geo.wards (code),
  search_text text NOT NULL
);
CREATE INDEX agencies_parent_idx ON identity.agencies (parent_id);

-- Data-encryption keys (envelope encryption): each key is stored wrapped (AES-256-GCM) by the
-- master key from configuration; rotating the master key re-wraps these rows only.
CREATE TABLE identity.data_keys (
  id            text PRIMARY KEY,
  purpose       text NOT NULL CHECK (purpose IN ('encrypt', 'lookup')),
  wrapped       text NOT NULL,
  master_key_id text NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now()
);
-- One active key per purpose.
CREATE UNIQUE INDEX data_keys_active_idx ON identity.data_keys (purpose) WHERE active;

CREATE TABLE identity.residents (
  id                uuid PRIMARY KEY,
  oidc_issuer       text NOT NULL,
  oidc_subject      text NOT NULL,
  full_name         text,
  national_id_enc   text,
  national_id_hash  text,
  phone_enc         text,
  birth_date_enc    text,
  assurance_level   text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at   timestamptz NOT NULL DEFAULT now(),
  -- the resident closed the account; personal data is anonymised RETENTION_DAYS later
  closed_at         timestamptz,
  anonymised_at     timestamptz,
  UNIQUE (oidc_issuer, oidc_subject)
);
CREATE INDEX residents_national_id_hash_idx ON identity.residents (national_id_hash);

CREATE TABLE identity.officials (
  id               uuid PRIMARY KEY,
  username         text NOT NULL UNIQUE CHECK (username = lower(username)),
  full_name        text NOT NULL,
  email            text,
  agency_id        text NOT NULL REFERENCES identity.agencies (id),
  roles            text[] NOT NULL,
  -- empty: the whole agency; otherwise only these wards
  ward_codes       text[] NOT NULL DEFAULT '{}',
  password_hash    text,
  totp_secret_enc  text,
  totp_enabled     boolean NOT NULL DEFAULT false,
  -- the last TOTP time step accepted: a code is never accepted twice
  totp_last_step   bigint,
  oidc_issuer      text,
  oidc_subject     text,
  failed_attempts  integer NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  disabled_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (oidc_issuer, oidc_subject)
);
CREATE INDEX officials_agency_idx ON identity.officials (agency_id);

-- Server-side sessions. The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE identity.sessions (
  token_hash    text PRIMARY KEY,
  id            uuid NOT NULL UNIQUE,
  kind          text NOT NULL CHECK (kind IN ('resident', 'official')),
  resident_id   uuid REFERENCES identity.residents (id),
  official_id   uuid REFERENCES identity.officials (id),
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  user_agent    text,
  ip            text,
  revoked_at    timestamptz,
  CHECK ((kind = 'resident') = (resident_id IS NOT NULL)),
  CHECK ((kind = 'official') = (official_id IS NOT NULL))
);
CREATE INDEX sessions_resident_idx ON identity.sessions (resident_id) WHERE revoked_at IS NULL;
CREATE INDEX sessions_official_idx ON identity.sessions (official_id) WHERE revoked_at IS NULL;

-- Sign-ins in progress: the OIDC state/nonce/PKCE verifier, or a password accepted and waiting for
-- its TOTP code. Looked up by the SHA-256 of a random token held in a short-lived cookie or body.
CREATE TABLE identity.pending_sign_ins (
  token_hash  text PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('oidc', 'totp')),
  data        jsonb NOT NULL,
  expires_at  timestamptz NOT NULL
);

CREATE TABLE identity.api_keys (
  id                    uuid PRIMARY KEY,
  -- the public part of the key (dc_<prefix>_<secret>), unique, shown in lists
  prefix                text NOT NULL UNIQUE,
  secret_hash           text NOT NULL,
  agency_id             text NOT NULL REFERENCES identity.agencies (id),
  name                  text NOT NULL,
  scopes                text[] NOT NULL,
  rate_limit_per_minute integer NOT NULL CHECK (rate_limit_per_minute > 0),
  created_by            uuid REFERENCES identity.officials (id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  last_used_at          timestamptz,
  expires_at            timestamptz,
  revoked_at            timestamptz,
  rotated_from          uuid REFERENCES identity.api_keys (id)
);
CREATE INDEX api_keys_agency_idx ON identity.api_keys (agency_id);

-- Every read of a resident's personal data by an official. Append-only (the trigger below refuses
-- UPDATE and DELETE) and hash-chained: hash = SHA-256(prev_hash + the row's canonical JSON), so
-- an edited or removed row breaks the chain (npm run audit:verify names the first broken link).
CREATE TABLE identity.access_log (
  seq          bigint PRIMARY KEY,
  at           timestamptz NOT NULL,
  official_id  uuid NOT NULL,
  agency_id    text NOT NULL,
  resident_id  uuid NOT NULL,
  action       text NOT NULL,
  fields       text[] NOT NULL,
  reason       text NOT NULL,
  request_id   text,
  prev_hash    text NOT NULL,
  hash         text NOT NULL UNIQUE
);
CREATE INDEX access_log_resident_idx ON identity.access_log (resident_id, seq);

CREATE FUNCTION identity.access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'identity.access_log is append-only';
END;
$$;
CREATE TRIGGER access_log_append_only
  BEFORE UPDATE OR DELETE ON identity.access_log
  FOR EACH ROW EXECUTE FUNCTION identity.access_log_append_only();
CREATE TRIGGER access_log_no_truncate
  BEFORE TRUNCATE ON identity.access_log
  FOR EACH STATEMENT EXECUTE FUNCTION identity.access_log_append_only();
