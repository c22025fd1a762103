import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely's view of the tables created by migrations/*.sql. Keep in step with the SQL. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

import type { WorkingWeek } from '../../shared/schemas/centers.js';

export type { WorkingWeek };

export interface CentersTable {
  id: Generated<string>;
  slug: string;
  name: string;
  address: Generated<string>;
  phone: string | null;
  email: string | null;
  agency_code: string;
  working_week: Json<WorkingWeek>;
  late_cutoff: Generated<string>;
  wait_alert_minutes: Generated<number>;
  message_channel: Generated<'log' | 'sms' | 'zalo'>;
  bank_bin: string | null;
  bank_account: string | null;
  bank_account_name: string | null;
  notify_email: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FieldsTable {
  id: Generated<string>;
  center_id: string;
  name: string;
  name_en: string | null;
  ticket_prefix: string;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  national_fields: Generated<string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CountersTable {
  id: Generated<string>;
  center_id: string;
  number: number;
  name: string;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CounterFieldsTable {
  center_id: string;
  counter_id: string;
  field_id: string;
}

export type Role = 'admin' | 'leader' | 'receptionist' | 'specialist';
export type DeviceKind = 'kiosk' | 'display' | 'rating';

export interface UsersTable {
  id: Generated<string>;
  center_id: string;
  username: string;
  full_name: string;
  role: Role;
  password_hash: string;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  password_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  center_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface DevicesTable {
  id: Generated<string>;
  center_id: string;
  kind: DeviceKind;
  name: string;
  counter_id: string | null;
  token_hash: string;
  token_hint: string;
  revoked_at: NullableTimestamp;
  last_seen_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ActorType = 'user' | 'device' | 'system' | 'cli' | 'public';

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  center_id: string | null;
  actor_type: ActorType;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  before: NullableJson<unknown>;
  after: NullableJson<unknown>;
  ip: string | null;
  request_id: string | null;
}

export interface ProceduresTable {
  code: string;
  name: string;
  field_name: string;
  field_code: string;
  level: string | null;
  working_days: number | null;
  after_15h_rule: Generated<boolean>;
  fee_free: boolean | null;
  fee_amounts: number[] | null;
  online: Generated<boolean>;
  record: Json<unknown>;
  derived: Json<unknown>;
  aliases: Generated<string[]>;
  search_name: string;
  search_keywords: string;
  search_body: string;
  content_hash: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CenterProceduresTable {
  center_id: string;
  procedure_code: string;
  enabled: Generated<boolean>;
  field_id: string | null;
  local_working_days: number | null;
  local_fee_text: string | null;
  local_notes: string | null;
  updated_at: Timestamp;
}

export interface CalendarDaysTable {
  id: Generated<string>;
  center_id: string;
  /** 'YYYY-MM-DD' (date columns are returned as strings). */
  day: string;
  kind: 'day_off' | 'working_day';
  name: string;
  source: string | null;
  uncertain: Generated<boolean>;
  enabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PriorityGroupsTable {
  id: Generated<string>;
  center_id: string;
  code: string;
  name: string;
  name_en: string | null;
  credit_minutes: Generated<number>;
  sort_order: Generated<number>;
  active: Generated<boolean>;
}

export interface TicketSequencesTable {
  center_id: string;
  field_id: string;
  service_day: string;
  last_number: number;
}

export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'closed';
export type TicketOutcome = 'dossier_received' | 'information_only' | 'referred';

export interface TicketsTable {
  id: Generated<string>;
  center_id: string;
  field_id: string;
  service_day: string;
  number: number;
  display_number: string;
  priority_group_id: string | null;
  procedure_code: string | null;
  phone: string | null;
  status: Generated<TicketStatus>;
  issued_at: Timestamp;
  called_at: NullableTimestamp;
  serving_started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  counter_id: string | null;
  staff_id: string | null;
  target_counter_id: string | null;
  call_count: Generated<number>;
  outcome: TicketOutcome | null;
  close_reason: string | null;
  predicted_wait_s: number | null;
  idempotency_key: string | null;
  public_token: string;
  source: Generated<'kiosk' | 'counter' | 'online'>;
  device_id: string | null;
}

export type CounterStatus = 'open' | 'paused' | 'closed';

export interface CounterStatesTable {
  counter_id: string;
  center_id: string;
  status: CounterStatus;
  staff_id: string | null;
  pause_reason: string | null;
  since: Timestamp;
  current_ticket_id: string | null;
}

export interface QueueEventsTable {
  id: Generated<number>;
  center_id: string;
  at: Timestamp;
  type: string;
  ticket_id: string | null;
  counter_id: string | null;
  staff_id: string | null;
  data: Json<Record<string, unknown>>;
}

export type RatingLevel = 'very_satisfied' | 'satisfied' | 'unsatisfied';

export interface RatingsTable {
  id: Generated<string>;
  center_id: string;
  ticket_id: string;
  counter_id: string | null;
  staff_id: string | null;
  field_id: string | null;
  device_id: string | null;
  level: RatingLevel;
  reasons: Generated<string[]>;
  comment: string | null;
  created_at: Timestamp;
}

export type MessageChannel = 'log' | 'sms' | 'zalo' | 'email';

export interface OutboxMessagesTable {
  id: Generated<string>;
  center_id: string;
  channel: MessageChannel;
  recipient: string;
  subject: string | null;
  body: string;
  dedupe_key: string;
  status: Generated<'pending' | 'sending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  next_attempt_at: Timestamp;
  sent_at: NullableTimestamp;
}

export type DossierStatus =
  | 'submitted'
  | 'incomplete'
  | 'received'
  | 'processing'
  | 'awaiting_approval'
  | 'supplement_requested'
  | 'result_ready'
  | 'returned'
  | 'refused'
  | 'withdrawn'
  | 'stopped';

export interface DossierSequencesTable {
  center_id: string;
  receipt_day: string;
  last_number: number;
}

export interface DossiersTable {
  id: Generated<string>;
  center_id: string;
  code: string | null;
  procedure_code: string;
  procedure_name: string;
  channel: 'counter' | 'online' | 'post';
  status: DossierStatus;
  dvcqg_status: number;
  applicant_name: string;
  applicant_id_number: string;
  applicant_birth_date: string | null;
  applicant_phone: string | null;
  applicant_address: Generated<string>;
  applicant_email: string | null;
  representative: NullableJson<Record<string, unknown>>;
  ticket_id: string | null;
  received_at: NullableTimestamp;
  received_by: string | null;
  working_days: number | null;
  late_cutoff_rule: Generated<boolean>;
  due_at: NullableTimestamp;
  original_due_at: NullableTimestamp;
  new_due_at: NullableTimestamp;
  paused_at: NullableTimestamp;
  supplement_count: Generated<number>;
  assignee_id: string | null;
  result_ready_at: NullableTimestamp;
  returned_at: NullableTimestamp;
  fee_vnd: Generated<number>;
  payment_status: Generated<'not_required' | 'unpaid' | 'paid'>;
  fee_reason: string | null;
  public_token: string;
  submission_reference: string | null;
  submission_token_hash: string | null;
  submitted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DossierFilesTable {
  id: Generated<string>;
  center_id: string;
  dossier_id: string;
  document_position: number | null;
  original_name: string;
  sha256: string;
  size: number;
  mime: 'application/pdf' | 'image/jpeg' | 'image/png';
  kind: 'scan' | 'result';
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

export interface DossierDocumentsTable {
  id: Generated<string>;
  center_id: string;
  dossier_id: string;
  position: number;
  name: string;
  condition: string | null;
  copy_type: 'original' | 'certified_copy' | 'copy';
  copies_required: Generated<number>;
  copies_received: Generated<number>;
  status: 'received' | 'missing' | 'invalid' | 'not_applicable';
  note: string | null;
}

export interface DossierEventsTable {
  id: Generated<number>;
  center_id: string;
  dossier_id: string;
  at: Timestamp;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  comment: string | null;
  data: Json<Record<string, unknown>>;
}

export interface DossierWarningsTable {
  center_id: string;
  dossier_id: string;
  kind: 'due_soon' | 'overdue';
  created_at: Timestamp;
}

export interface DossierPaymentsTable {
  id: Generated<string>;
  center_id: string;
  dossier_id: string;
  receipt_number: string;
  amount_vnd: number;
  method: 'cash' | 'transfer';
  reference: string | null;
  received_by: string | null;
  received_at: Timestamp;
}

export interface PaymentSequencesTable {
  center_id: string;
  year: number;
  last_number: number;
}

export interface JobRunsTable {
  name: string;
  slot: string;
  started_at: Timestamp;
  finished_at: NullableTimestamp;
  result: NullableJson<Record<string, unknown>>;
}

export interface AssistantConversationsTable {
  id: Generated<string>;
  session_id: string;
  center_id: string | null;
  status: Generated<'open' | 'handed_off' | 'closed'>;
  handed_off_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  closed_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AssistantTurnsTable {
  id: Generated<number>;
  conversation_id: string;
  at: Timestamp;
  question: string;
  answer: string;
  procedure_codes: string[];
  aspect: string | null;
  out_of_scope: Generated<boolean>;
  clarifying: Generated<boolean>;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface DB {
  centers: CentersTable;
  fields: FieldsTable;
  counters: CountersTable;
  counter_fields: CounterFieldsTable;
  users: UsersTable;
  sessions: SessionsTable;
  devices: DevicesTable;
  audit_log: AuditLogTable;
  procedures: ProceduresTable;
  center_procedures: CenterProceduresTable;
  calendar_days: CalendarDaysTable;
  priority_groups: PriorityGroupsTable;
  ticket_sequences: TicketSequencesTable;
  tickets: TicketsTable;
  counter_states: CounterStatesTable;
  queue_events: QueueEventsTable;
  ratings: RatingsTable;
  outbox_messages: OutboxMessagesTable;
  dossier_sequences: DossierSequencesTable;
  dossiers: DossiersTable;
  dossier_documents: DossierDocumentsTable;
  dossier_events: DossierEventsTable;
  dossier_warnings: DossierWarningsTable;
  dossier_files: DossierFilesTable;
  dossier_payments: DossierPaymentsTable;
  payment_sequences: PaymentSequencesTable;
  job_runs: JobRunsTable;
  schema_migrations: SchemaMigrationsTable;
  assistant_conversations: AssistantConversationsTable;
  assistant_turns: AssistantTurnsTable;
}

export type CenterRow = Selectable<CentersTable>;
export type FieldRow = Selectable<FieldsTable>;
export type CounterRow = Selectable<CountersTable>;
export type UserRow = Selectable<UsersTable>;
export type DeviceRow = Selectable<DevicesTable>;
export type ProcedureRow = Selectable<ProceduresTable>;
export type TicketRow = Selectable<TicketsTable>;
export type NewAuditRow = Insertable<AuditLogTable>;
export type UserUpdate = Updateable<UsersTable>;
