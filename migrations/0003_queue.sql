-- On-site queue: priority groups, tickets with gapless per-day numbering, counter state,
-- queue events (written in the same transaction, pushed after commit) and ratings.

CREATE TABLE priority_groups (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  center_id      uuid NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
  code           text NOT NULL CHECK (code ~ '^[a-z0-9-]{2,40}$'),
  name           text NOT NULL,
  name_en        text,
  -- minutes subtracted from the issue time when ordering (docs/queue.md)
  credit_minutes integer NOT NULL DEFAULT 20 CHECK (credit_minutes BETWEEN 0 AND 240),
  sort_order     integer NOT NULL DEFAULT 0,
  active         boolean NOT NULL DEFAULT true,
  UNIQUE (center_id, code),
  UNIQUE (center_id, id)
);

-- Per center, field and service day: the last number issued. Incremented in the ticket's own
-- transaction, so a rolled-back issuance gives its number back (gapless).
CREATE TABLE ticket_sequences (
  center_id   uuid NOT NULL,
  field_id    uuid NOT NULL,
  service_day date NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (center_id, field_id, service_day),
  FOREIGN KEY (center_id, field_id) REFERENCES fields(center_id, id) ON DELETE CASCADE
);

CREATE TABLE tickets (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  center_id           uuid NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
  field_id            uuid NOT NULL,
  service_day         date NOT NULL,
  number              integer NOT NULL CHECK (number > 0),
  display_number      text NOT NULL,
  priority_group_id   uuid,
  procedure_code      text,
  phone               text,
  status              text NOT NULL DEFAULT 'waiting'
                      CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'closed')),
  issued_at           timestamptz NOT NULL DEFAULT now(),
  called_at           timestamptz,
  serving_started_at  timestamptz,
  finished_at         timestamptz,
  counter_id          uuid,
  staff_id            uuid,
  target_counter_id   uuid,
  call_count          integer NOT NULL DEFAULT 0,
  outcome             text CHECK (outcome IN ('dossier_received', 'information_only', 'referred')),
  close_reason        text,
  predicted_wait_s    integer,
  idempotency_key     text,
  public_token        text NOT NULL UNIQUE,
  source              text NOT NULL DEFAULT 'kiosk' CHECK (source IN ('kiosk', 'counter', 'online')),
  device_id           uuid,
  UNIQUE (center_id, field_id, service_day, number),
  UNIQUE (center_id, id),
  FOREIGN KEY (center_id, field_id) REFERENCES fields(center_id, id),
  FOREIGN KEY (center_id, priority_group_id) REFERENCES priority_groups(center_id, id),
  FOREIGN KEY (center_id, counter_id) REFERENCES counters(center_id, id),
  FOREIGN KEY (center_id, target_counter_id) REFERENCES counters(center_id, id)
);
CREATE UNIQUE INDEX tickets_idempotency ON tickets (center_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX tickets_waiting ON tickets (center_id, service_day, status) WHERE status IN ('waiting', 'called', 'serving');
CREATE INDEX tickets_day ON tickets (center_id, service_day);

-- What each counter is doing now (one row per counter, created on first open).
CREATE TABLE counter_states (
  counter_id        uuid PRIMARY KEY,
  center_id         uuid NOT NULL,
  status            text NOT NULL CHECK (status IN ('open', 'paused', 'closed')),
  staff_id          uuid REFERENCES users(id),
  pause_reason      text,
  since             timestamptz NOT NULL DEFAULT now(),
  current_ticket_id uuid,
  FOREIGN KEY (center_id, counter_id) REFERENCES counters(center_id, id) ON DELETE CASCADE
);

-- Every queue change, in the transaction of the change; also the source of statistics.
CREATE TABLE queue_events (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  center_id  uuid NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
  at         timestamptz NOT NULL DEFAULT now(),
  type       text NOT NULL,
  ticket_id  uuid,
  counter_id uuid,
  staff_id   uuid,
  data       jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX queue_events_center ON queue_events (center_id, id);

CREATE TABLE ratings (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  center_id  uuid NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
  ticket_id  uuid NOT NULL UNIQUE,
  counter_id uuid,
  staff_id   uuid,
  field_id   uuid,
  device_id  uuid,
  level      text NOT NULL CHECK (level IN ('very_satisfied', 'satisfied', 'unsatisfied')),
  reasons    text[] NOT NULL DEFAULT '{}',
  comment    text CHECK (length(comment) <= 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (center_id, ticket_id) REFERENCES tickets(center_id, id)
);

-- Center-level queue settings.
ALTER TABLE centers ADD COLUMN wait_alert_minutes integer NOT NULL DEFAULT 30 CHECK (wait_alert_minutes BETWEEN 1 AND 600);
