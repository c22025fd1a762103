-- Citizen assistant (#5): conversations and their turns, kept so that a citizen can hand a
-- conversation to staff with its history. Only what the citizen typed and what the assistant
-- answered is stored: no name, phone, IP address or device id (docs/assistant.md, retention).

CREATE TABLE assistant_conversations (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id    text NOT NULL UNIQUE CHECK (session_id ~ '^[A-Za-z0-9_-]{16,64}$'),
  center_id     uuid REFERENCES centers(id) ON DELETE CASCADE,   -- null when no center was named
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handed_off', 'closed')),
  handed_off_at timestamptz,
  closed_at     timestamptz,
  closed_by     uuid REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assistant_conversations_center_status ON assistant_conversations (center_id, status, handed_off_at);
CREATE INDEX assistant_conversations_updated ON assistant_conversations (updated_at);

CREATE TABLE assistant_turns (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES assistant_conversations(id) ON DELETE CASCADE,
  at              timestamptz NOT NULL DEFAULT now(),
  question        text NOT NULL CHECK (length(question) BETWEEN 1 AND 1000),
  answer          text NOT NULL,
  procedure_codes text[] NOT NULL DEFAULT '{}',
  aspect          text,
  out_of_scope    boolean NOT NULL DEFAULT false,
  clarifying      boolean NOT NULL DEFAULT false
);
CREATE INDEX assistant_turns_conversation ON assistant_turns (conversation_id, id);
