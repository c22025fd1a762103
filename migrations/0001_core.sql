-- motcua core schema: centers (tenants), fields, counters, accounts, devices, audit log.
-- Forward-only: never edit a migration that has shipped; add a new file.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE centers (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug         text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name         text NOT NULL CHECK (length(name) BETWEEN 3 AND 200),
  address      text NOT NULL DEFAULT '',
  phone        text,
  email        text,
  -- Mã định danh điện tử of the settling body (QĐ 20/2020/QĐ-TTg: ≤ 35 chars, dots, digits, capitals)
  agency_code  text NOT NULL CHECK (agency_code ~ '^[A-Z0-9]+(\.[A-Z0-9]+)*$' AND length(agency_code) <= 35),
  -- ISO weekday ("1".."7") → [{start:"07:30", end:"11:30"}, …]
  working_week jsonb NOT NULL,
  late_cutoff  text NOT NULL DEFAULT '15:00' CHECK (late_cutoff ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Lĩnh vực as organised at one center (service groups shown on the kiosk).
CREATE TABLE fields (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  center_id     uuid NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
  name          text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  name_en       text,
  ticket_prefix text NOT NULL CHECK (ticket_prefix ~ '^[A-Z]{1,2}$'),
  sort_order    integer NOT NULL DEFAULT 0,
  active        boolean NOT NULL DEFAULT true,
  -- National field codes (procedures.field_code) this center field receives by default;
  -- center_procedures.field_id overrides it for one procedure.
  national_fields text[] NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (center_id, ticket_prefix),
  UNIQUE (center_id, id)
);
CREATE UNIQUE INDEX fields_center_name ON fields (center_id, lower(name));

CREATE TABLE counters (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  center_id   uuid NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
  number      integer NOT NULL CHECK (number BETWEEN 1 AND 999),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (center_id, number),
  UNIQUE (center_id, id)
);

-- Which fields a counter serves. The composite keys make a cross-center link impossible.
CREATE TABLE counter_fields (
  center_id  uuid NOT NULL,
  counter_id uuid NOT NULL,
  field_id   uuid NOT NULL,
  PRIMARY KEY (counter_id, field_id),
  FOREIGN KEY (center_id, counter_id) REFERENCES counters(center_id, id) ON DELETE CASCADE,
  FOREIGN KEY (center_id, field_id) REFERENCES fields(center_id, id) ON DELETE CASCADE
);

CREATE TABLE users (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  center_id            uuid NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
  username             text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  full_name            text NOT NULL CHECK (length(full_name) BETWEEN 2 AND 200),
  role                 text NOT NULL CHECK (role IN ('admin', 'leader', 'receptionist', 'specialist')),
  password_hash        text NOT NULL,
  active               boolean NOT NULL DEFAULT true,
  must_change_password boolean NOT NULL DEFAULT false,
  failed_logins        integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (center_id, id)
);

CREATE TABLE sessions (
  id           text PRIMARY KEY,            -- sha256 of the cookie token; the token itself is never stored
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  center_id    uuid NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  ip           text,
  user_agent   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Kiosk, display board, rating tablet: each authenticates with its own revocable token.
CREATE TABLE devices (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  center_id    uuid NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('kiosk', 'display', 'rating')),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  counter_id   uuid,
  token_hash   text NOT NULL UNIQUE,
  token_hint   text NOT NULL,               -- first characters, to recognise a token in a list
  revoked_at   timestamptz,
  last_seen_at timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (center_id, counter_id) REFERENCES counters(center_id, id) ON DELETE SET NULL (counter_id)
);

-- Append-only audit trail: written in the same transaction as the change it records.
CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  center_id   uuid REFERENCES centers(id) ON DELETE RESTRICT,
  actor_type  text NOT NULL CHECK (actor_type IN ('user', 'device', 'system', 'cli', 'public')),
  actor_id    text,
  actor_name  text,
  actor_role  text,
  action      text NOT NULL,
  target_type text,
  target_id   text,
  before      jsonb,
  after       jsonb,
  ip          text,
  request_id  text
);
CREATE INDEX audit_log_center_at ON audit_log (center_id, at DESC);
CREATE INDEX audit_log_action ON audit_log (center_id, action);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
