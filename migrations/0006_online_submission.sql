-- Online submission (nộp hồ sơ trực tuyến): a citizen submits a dossier with scans from the
-- portal; it waits as 'submitted' (DVCQG 1, no official code) until the receptionist reviews it:
-- accept (official code and due date from that moment, as at the counter), ask for more
-- ('incomplete', the citizen re-uploads) or refuse. The status values exist since 0005.

-- The submission of an online dossier: a reference shown to the citizen (not the official code,
-- which the dossier gets only when accepted) and the SHA-256 of the private status-page token
-- (the token itself is given once and never stored).
ALTER TABLE dossiers
  ADD COLUMN submission_reference  text UNIQUE,
  ADD COLUMN submission_token_hash text UNIQUE CHECK (submission_token_hash IS NULL OR submission_token_hash ~ '^[0-9a-f]{64}$'),
  ADD COLUMN submitted_at          timestamptz,
  ADD CONSTRAINT dossiers_online_submission CHECK (
    channel <> 'online' OR (submission_reference IS NOT NULL AND submission_token_hash IS NOT NULL AND submitted_at IS NOT NULL));
CREATE INDEX dossiers_center_online_review ON dossiers (center_id, submitted_at) WHERE status = 'submitted';

-- Files of a dossier: the citizen's scans (kind 'scan') and the result documents ('result').
-- The bytes live in the content-addressed store (DATA_DIR/files/ab/cd/<sha256>, docs/files.md);
-- a row is committed only after its file is durably in place, and the garbage collector removes
-- files no row references. A backup holds these rows, not the bytes: copy DATA_DIR/files too.
CREATE TABLE dossier_files (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  center_id         uuid NOT NULL,
  dossier_id        uuid NOT NULL,
  document_position integer CHECK (document_position IS NULL OR document_position >= 1),
  original_name     text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 200),
  sha256            text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size              bigint NOT NULL CHECK (size > 0),
  mime              text NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg', 'image/png')),
  kind              text NOT NULL CHECK (kind IN ('scan', 'result')),
  uploaded_by       uuid REFERENCES users(id),      -- NULL: the citizen, through the portal
  uploaded_at       timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (center_id, dossier_id) REFERENCES dossiers(center_id, id) ON DELETE CASCADE
);
CREATE INDEX dossier_files_dossier ON dossier_files (dossier_id, document_position);
CREATE INDEX dossier_files_sha256 ON dossier_files (sha256);
