-- Messages to citizens (SMS, Zalo, e-mail, or the default "log" channel that only records them),
-- written in the transaction of the change that causes them and sent after commit by a
-- dispatcher. The dedupe key makes "nothing is sent twice" a database guarantee.
CREATE TABLE outbox_messages (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  center_id       uuid NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
  channel         text NOT NULL CHECK (channel IN ('log', 'sms', 'zalo', 'email')),
  recipient       text NOT NULL,
  subject         text,
  body            text NOT NULL CHECK (length(body) <= 2000),
  dedupe_key      text NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  UNIQUE (center_id, dedupe_key)
);
CREATE INDEX outbox_pending ON outbox_messages (next_attempt_at) WHERE status IN ('pending', 'sending');

-- Which channel a center uses for text messages ('log' records them for the admin to read).
ALTER TABLE centers ADD COLUMN message_channel text NOT NULL DEFAULT 'log' CHECK (message_channel IN ('log', 'sms', 'zalo'));
