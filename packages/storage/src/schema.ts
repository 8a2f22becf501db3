/**
 * The database schema as Kysely sees it. Column conventions (DESIGN §5): text ids made
 * in the app, ISO-8601 UTC timestamps as text (timestamptz on PostgreSQL, parsed back to
 * strings), JSON as text, booleans as 0/1 integers.
 */
import type { Generated } from 'kysely';

export interface UnitsTable {
  id: string;
  parent_id: string | null;
  kind: string;
  name: string;
  /** Materialized path of ids, `/hub/station/point/`, for subtree scope checks. */
  path: string;
  region: string | null;
  region_type: string | null;
  point_kind: string | null;
  address: string | null;
  phone: string | null;
  opening_hours: string | null;
  brands: Generated<string>;
  lat: number | null;
  lng: number | null;
  sort_order: Generated<number>;
  active: Generated<number>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface DeputiesTable {
  id: string;
  name: string;
  gender: string | null;
  levels: Generated<string>;
  home_unit_id: string | null;
  sector: string | null;
  position: string | null;
  profile: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  email_enc: string | null;
  email_hash: string | null;
  active: Generated<number>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface DepartmentsTable {
  id: string;
  name: string;
  short_name: string | null;
  liaison_name: string | null;
  liaison_phone_enc: string | null;
  sort_order: Generated<number>;
  active: Generated<number>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface CategoriesTable {
  id: string;
  parent_id: string | null;
  name: string;
  default_department_id: string | null;
  time_limit_workdays: number | null;
  sort_order: Generated<number>;
  active: Generated<number>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface AppealKindsTable {
  code: string;
  name: string;
  name_en: string;
  handle_workdays: number;
  sort_order: Generated<number>;
  active: Generated<number>;
}

export interface TopicsTable {
  id: string;
  name: string;
  description: string | null;
  sort_order: Generated<number>;
  active: Generated<number>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: Generated<string>;
  unit_id: string | null;
  department_id: string | null;
  deputy_id: string | null;
  email: string | null;
  active: Generated<number>;
  failed_logins: Generated<number>;
  locked_until: string | null;
  last_login_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  seq: Generated<number>;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: string | null;
  payload: Generated<string>;
  ip: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface CasesTable {
  id: string;
  tracking_code: string;
  verify_secret_hash: string | null;
  channel: string;
  status: string;
  version: Generated<number>;
  kind: string;
  category_id: string | null;
  unit_id: string | null;
  /** Materialized path of `unit_id`, copied for subtree scope filters. */
  unit_path: string | null;
  department_id: string | null;
  deputy_id: string | null;
  target_deputy_id: string | null;
  title: string;
  content: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  reporter_name_enc: string | null;
  reporter_phone_enc: string | null;
  reporter_phone_hash: string | null;
  reporter_phone_last4_hash: string | null;
  reporter_email_enc: string | null;
  reporter_email_hash: string | null;
  anonymous: Generated<number>;
  consent_public: Generated<number>;
  entered_by: string | null;
  reception_id: string | null;
  /** Idempotency key of an imported row: the same row twice makes one case. */
  source_key: string | null;
  spam_score: Generated<number>;
  spam_flags: Generated<string>;
  accept_due_at: string | null;
  sign_due_at: string | null;
  reply_due_at: string | null;
  extension: Generated<string>;
  reply_content: string | null;
  rating: string | null;
  rating_comment: string | null;
  rated_at: string | null;
  reopen_count: Generated<number>;
  escalation_level: Generated<number>;
  supervised: Generated<number>;
  merged_into: string | null;
  suggestion_id: string | null;
  /** Workflow state without a column of its own (escalation, counters, rating deadline), as JSON. */
  workflow: Generated<string>;
  last_event_hash: string | null;
  event_count: Generated<number>;
  created_at: string;
  updated_at: string;
  accepted_at: string | null;
  assigned_at: string | null;
  signed_at: string | null;
  replied_at: string | null;
  closed_at: string | null;
  /** App-side full-text tokens (title, content, reply, notes); indexed by FTS5 / a tsvector. */
  search_tokens: Generated<string | null>;
}

export interface CaseEventsTable {
  seq: Generated<number>;
  id: string;
  case_id: string;
  type: string;
  from_status: string | null;
  to_status: string | null;
  actor_id: string | null;
  actor_kind: string;
  actor_name: string | null;
  at: string;
  reason: string | null;
  payload: Generated<string>;
  public: Generated<number>;
  prev_hash: string;
  hash: string;
}

export interface AttachmentsTable {
  id: string;
  sha256: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  original_name: string | null;
  case_id: string | null;
  event_id: string | null;
  uploader_kind: string;
  uploader_id: string | null;
  created_at: string;
}

export interface IdempotencyKeysTable {
  key: string;
  scope: string;
  request_hash: string;
  status: number | null;
  response: string | null;
  created_at: string;
}

export interface RateCountersTable {
  key: string;
  window_start: string;
  count: Generated<number>;
}

export interface JobsTable {
  /** Deterministic for cron slots (`cron:<name>:<slot>`), so instances never double a tick. */
  id: string;
  name: string;
  payload: Generated<string>;
  status: string;
  run_at: string;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  last_error: string | null;
  locked_by: string | null;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  case_id: string | null;
  read_at: string | null;
  created_at: string;
}

export interface DeliveriesTable {
  id: string;
  channel: string;
  recipient_hash: string | null;
  template: string;
  case_id: string | null;
  status: string;
  error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface ImportsTable {
  id: string;
  file_name: string;
  status: string;
  dry_run: Generated<number>;
  mapping: Generated<string>;
  total: Generated<number>;
  processed: Generated<number>;
  created: Generated<number>;
  duplicates: Generated<number>;
  failed: Generated<number>;
  errors: Generated<string>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Stored text models (routing classifiers), with their quality and which one is active. */
export interface ModelsTable {
  id: string;
  kind: string;
  created_at: string;
  metrics: string;
  model: string;
  active: Generated<number>;
}

/** Every table Lianxin stores. */
export interface Database {
  units: UnitsTable;
  deputies: DeputiesTable;
  departments: DepartmentsTable;
  categories: CategoriesTable;
  appeal_kinds: AppealKindsTable;
  topics: TopicsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  attachments: AttachmentsTable;
  idempotency_keys: IdempotencyKeysTable;
  rate_counters: RateCountersTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
  deliveries: DeliveriesTable;
  imports: ImportsTable;
  models: ModelsTable;
}
