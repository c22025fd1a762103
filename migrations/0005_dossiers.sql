-- Dossiers (hồ sơ): reception, the legal deadline, every hand-over, the result and its return.
-- Statuses map onto the codes one-stop systems exchange with the National Public Service Portal
-- (shared/domain REFERENCE §d.1) through dvcqg_status.

-- Per center and receipt day: the last sequence number used in dossier codes
-- {agency code}-{YYMMDD}-{NNNN} (TT 03/2025 Art. 13; Thanh Hóa implementation, REFERENCE §c).
CREATE TABLE dossier_sequences (
  center_id   uuid NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
  receipt_day date NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (center_id, receipt_day)
);

CREATE TABLE dossiers (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  center_id            uuid NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
  code                 text UNIQUE,                 -- set when the dossier is accepted
  procedure_code       text NOT NULL REFERENCES procedures(code),
  procedure_name       text NOT NULL,               -- as it was at receipt
  channel              text NOT NULL CHECK (channel IN ('counter', 'online', 'post')),
  status               text NOT NULL CHECK (status IN (
                         'submitted', 'incomplete', 'received', 'processing', 'awaiting_approval',
                         'supplement_requested', 'result_ready', 'returned', 'refused', 'withdrawn', 'stopped')),
  dvcqg_status         integer NOT NULL CHECK (dvcqg_status BETWEEN 1 AND 10),
  applicant_name       text NOT NULL,
  applicant_id_number  text NOT NULL CHECK (applicant_id_number ~ '^[0-9]{12}$'),
  applicant_birth_date date,
  applicant_phone      text,
  applicant_address    text NOT NULL DEFAULT '',
  applicant_email      text,
  representative       jsonb,                       -- {name, idNumber, relation, authorization}
  ticket_id            uuid,
  received_at          timestamptz,
  received_by          uuid REFERENCES users(id),
  working_days         numeric,
  late_cutoff_rule     boolean NOT NULL DEFAULT false,
  due_at               timestamptz,                 -- the legal due date/time (moves only with pauses)
  original_due_at      timestamptz,
  new_due_at           timestamptz,                 -- set once, by the apology slip
  paused_at            timestamptz,
  supplement_count     integer NOT NULL DEFAULT 0,
  assignee_id          uuid REFERENCES users(id),
  result_ready_at      timestamptz,
  returned_at          timestamptz,
  fee_vnd              integer NOT NULL DEFAULT 0 CHECK (fee_vnd >= 0),
  payment_status       text NOT NULL DEFAULT 'not_required' CHECK (payment_status IN ('not_required', 'unpaid', 'paid')),
  public_token         text NOT NULL UNIQUE,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (center_id, id)
);
CREATE INDEX dossiers_center_status ON dossiers (center_id, status);
CREATE INDEX dossiers_center_due ON dossiers (center_id, due_at) WHERE status IN ('received', 'processing', 'awaiting_approval');

-- The procedure's required documents as handed in (checklist at reception).
CREATE TABLE dossier_documents (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  center_id       uuid NOT NULL,
  dossier_id      uuid NOT NULL,
  position        integer NOT NULL,
  name            text NOT NULL,
  condition       text,
  copy_type       text NOT NULL CHECK (copy_type IN ('original', 'certified_copy', 'copy')),
  copies_required integer NOT NULL DEFAULT 1,
  copies_received integer NOT NULL DEFAULT 0 CHECK (copies_received >= 0),
  status          text NOT NULL CHECK (status IN ('received', 'missing', 'invalid', 'not_applicable')),
  note            text,
  FOREIGN KEY (center_id, dossier_id) REFERENCES dossiers(center_id, id) ON DELETE CASCADE
);
CREATE INDEX dossier_documents_dossier ON dossier_documents (dossier_id, position);

-- Every step of the dossier's life: the process-control slip and the public timeline come from here.
CREATE TABLE dossier_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  center_id   uuid NOT NULL,
  dossier_id  uuid NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  action      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  actor_id    uuid,
  actor_name  text,
  actor_role  text,
  comment     text,
  data        jsonb NOT NULL DEFAULT '{}',
  FOREIGN KEY (center_id, dossier_id) REFERENCES dossiers(center_id, id) ON DELETE CASCADE
);
CREATE INDEX dossier_events_dossier ON dossier_events (dossier_id, id);

-- Deadline warnings already given (one per dossier and kind: the job is idempotent).
CREATE TABLE dossier_warnings (
  center_id  uuid NOT NULL,
  dossier_id uuid NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dossier_id, kind),
  FOREIGN KEY (center_id, dossier_id) REFERENCES dossiers(center_id, id) ON DELETE CASCADE
);

-- Scheduled jobs as data: one row per job and time slot; the process that inserts it runs it,
-- so two processes never run the same slot twice.
CREATE TABLE job_runs (
  name        text NOT NULL,
  slot        text NOT NULL,
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  result      jsonb,
  PRIMARY KEY (name, slot)
);
