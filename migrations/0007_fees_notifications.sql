-- Dossier codes are {agency code}-{YYMMDD}-{NNNN} and unique everywhere, so two centers can never
-- share an agency code (mã định danh của cơ quan, QĐ 20/2020/QĐ-TTg): refuse it at the source
-- instead of failing a reception later.
CREATE UNIQUE INDEX centers_agency_code ON centers (agency_code);

-- Fees and payments of a dossier, the center's bank account for VietQR transfers, and e-mail as
-- a second channel for messages to applicants.

-- The account citizens transfer fees to (shown as a VietQR code with the amount and the dossier
-- code as purpose). All three are set together or not at all.
ALTER TABLE centers ADD COLUMN bank_bin text CHECK (bank_bin ~ '^[0-9]{6}$');
ALTER TABLE centers ADD COLUMN bank_account text CHECK (bank_account ~ '^[0-9A-Za-z]{1,19}$');
ALTER TABLE centers ADD COLUMN bank_account_name text CHECK (length(bank_account_name) BETWEEN 2 AND 100);
ALTER TABLE centers ADD CONSTRAINT centers_bank_all_or_none
  CHECK ((bank_bin IS NULL) = (bank_account IS NULL) AND (bank_bin IS NULL) = (bank_account_name IS NULL));

-- Applicants who gave an e-mail address also get dossier messages by e-mail when this is on
-- (the text channel for phones stays message_channel).
ALTER TABLE centers ADD COLUMN notify_email boolean NOT NULL DEFAULT false;

-- The fee is set at reception from the catalog; a later change needs a reason (the latest is kept
-- here; every change is a dossier event and an audit row).
ALTER TABLE dossiers ADD COLUMN fee_reason text;

-- One row per payment received; a dossier is paid when the sum covers its fee.
CREATE TABLE dossier_payments (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  center_id      uuid NOT NULL,
  dossier_id     uuid NOT NULL,
  receipt_number text NOT NULL,
  amount_vnd     integer NOT NULL CHECK (amount_vnd > 0),
  method         text NOT NULL CHECK (method IN ('cash', 'transfer')),
  reference      text,
  received_by    uuid REFERENCES users(id),
  received_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (center_id, receipt_number),
  FOREIGN KEY (center_id, dossier_id) REFERENCES dossiers(center_id, id) ON DELETE CASCADE
);
CREATE INDEX dossier_payments_dossier ON dossier_payments (dossier_id);

-- Receipt numbers per center and year: BL-2026-000001 (gapless, like dossier codes).
CREATE TABLE payment_sequences (
  center_id   uuid NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
  year        integer NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (center_id, year)
);
