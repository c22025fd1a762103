-- National procedure catalog (shared by every center), center-specific settings, working calendar.

CREATE TABLE procedures (
  code            text PRIMARY KEY CHECK (code ~ '^[0-9]\.[0-9]{6}$'),
  name            text NOT NULL,
  field_name      text NOT NULL,
  field_code      text NOT NULL,
  level           text,
  working_days    numeric,                 -- derived; NULL when it cannot be determined
  after_15h_rule  boolean NOT NULL DEFAULT false,
  fee_free        boolean,
  fee_amounts     integer[],
  online          boolean NOT NULL DEFAULT false,
  record          jsonb NOT NULL,          -- the published record, verbatim
  derived         jsonb NOT NULL,          -- derived values, each with how it was obtained
  aliases         text[] NOT NULL DEFAULT '{}',
  search_name     text NOT NULL,           -- folded (no diacritics, lower case) for matching
  search_keywords text NOT NULL,
  search_body     text NOT NULL,
  content_hash    text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX procedures_search_name_trgm ON procedures USING gin (search_name gin_trgm_ops);
CREATE INDEX procedures_search_keywords_trgm ON procedures USING gin (search_keywords gin_trgm_ops);
CREATE INDEX procedures_search_body_trgm ON procedures USING gin (search_body gin_trgm_ops);
CREATE INDEX procedures_field ON procedures (field_code);

-- What a center adds to the national record; never overwrites it.
CREATE TABLE center_procedures (
  center_id            uuid NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
  procedure_code       text NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,
  enabled              boolean NOT NULL DEFAULT true,
  field_id             uuid,
  local_working_days   numeric CHECK (local_working_days IS NULL OR local_working_days >= 0),
  local_fee_text       text,
  local_notes          text,
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (center_id, procedure_code),
  FOREIGN KEY (center_id, field_id) REFERENCES fields(center_id, id) ON DELETE SET NULL (field_id)
);

-- A center's own calendar entries: extra days off, working days, and its decision on official
-- entries whose legal status is uncertain (the official schedules ship in seed/calendar/).
CREATE TABLE calendar_days (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  center_id   uuid NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
  day         date NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('day_off', 'working_day')),
  name        text NOT NULL,
  source      text,
  uncertain   boolean NOT NULL DEFAULT false,
  enabled     boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX calendar_days_center_day ON calendar_days (center_id, day);
