/**
 * The database schema as Kysely sees it. Column conventions (DESIGN §5): text ids made
 * in the app, ISO-8601 UTC timestamps as text (timestamptz on PostgreSQL, parsed back to
 * strings), JSON as text, booleans as 0/1 integers.
 */
import type { Generated } from 'kysely';
import type { ProposalDatabase } from './schema-proposals';

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
  /** JSON list of Open311 attributes, or null for none (migration 0014). */
  attributes: string | null;
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
  /** Hash chain (0026): the previous entry's hash, this entry's hash and its place in the chain. */
  prev_hash: string | null;
  hash: string | null;
  chain_index: number | null;
}

/** The end of the audit chain: one row (id 1), locked by every append (0026). */
export interface AuditChainHeadTable {
  id: number;
  entries: number;
  hash: string;
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
  /** Set when the file is a photo of an activity record (0007_duty). */
  activity_id?: string | null;
  /** Set when the file is evidence of an issue item (0020_attachment_owners). */
  issue_id?: string | null;
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

/** A public submission acknowledged but not yet opened as a case (see intake-inbox.repository.ts). */
export interface IntakeInboxTable {
  id: string;
  tracking_code: string;
  payload: string;
  created_at: string;
  attempts: Generated<number>;
  last_error: string | null;
  /** Version of the payload's shape (0050); a worker opens only the versions it knows. */
  payload_version: Generated<number>;
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

/** Copies of the mail and text messages a demo install sent (recipient masked; migration 0040). */
export interface DemoOutboxTable {
  id: string;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  sent_at: string;
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

/** Exports run as jobs (0060): progress, the stored file and its expiry; only `created_by` may download it. */
export interface ExportsTable {
  id: string;
  kind: string;
  format: string;
  status: string;
  include_contact: Generated<number>;
  filters: Generated<string>;
  total: number | null;
  processed: Generated<number>;
  file_name: string | null;
  file_sha256: string | null;
  file_size: number | null;
  error: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  expires_at: string | null;
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

/** Keys of outside systems (Open311 clients); only the key's SHA-256 is stored. */
export interface ApiKeysTable {
  id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  scopes: Generated<string>;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

/** Cases filed through Open311: the key that filed them and the token handed back. */
export interface Open311RequestsTable {
  case_id: string;
  token: string;
  api_key_id: string | null;
  service_code: string;
  attributes: Generated<string>;
  created_at: string;
}

/** Outside systems subscribed to case events; the secret (encrypted) signs each delivery. */
export interface WebhookSubscriptionsTable {
  id: string;
  name: string;
  url: string;
  event_types: Generated<string>;
  secret_enc: string;
  active: Generated<number>;
  version: Generated<number>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One event for one subscription: the delivery log (attempts, last status, latency). */
export interface WebhookDeliveriesTable {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  case_id: string | null;
  payload: string;
  status: string;
  attempts: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  last_latency_ms: number | null;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
}

/** Reception rota rules (0007_duty): weekly or one-off, deputies at a unit. */
export interface ReceptionRulesTable {
  id: string;
  unit_id: string;
  kind: string;
  weekday: number | null;
  date: string | null;
  start_time: string;
  end_time: string;
  capacity: Generated<number>;
  deputy_ids: Generated<string>;
  valid_from: string;
  valid_to: string | null;
  note: string | null;
  active: Generated<number>;
  version: Generated<number>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Dated receptions materialized from the rules inside the publication window. */
export interface ReceptionsTable {
  id: string;
  rule_id: string;
  unit_id: string;
  unit_path: string;
  date: string;
  start_time: string;
  end_time: string;
  capacity: Generated<number>;
  booked: Generated<number>;
  deputy_ids: Generated<string>;
  status: Generated<string>;
  cancel_reason: string | null;
  reminded_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** Who came to a reception. */
export interface ReceptionAttendanceTable {
  reception_id: string;
  deputy_id: string;
  status: string;
  note: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

/** Citizens' bookings of a reception slot (contact encrypted). */
export interface ReceptionBookingsTable {
  id: string;
  reception_id: string;
  code: string;
  name_enc: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  topic: string | null;
  status: Generated<string>;
  /** Keyed hash of the address the booking came from (0021_booking_address). */
  address_hash?: string | null;
  created_at: string;
  updated_at: string;
}

/** Activity records (接待选民, 调研, 视察, 座谈, 培训, 主题活动). */
export interface ActivitiesTable {
  id: string;
  unit_id: string;
  unit_path: string;
  kind: string;
  title: string;
  date: string;
  location: string | null;
  summary: Generated<string>;
  case_ids: Generated<string>;
  created_by: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** Deputies present at an activity. */
export interface ActivityDeputiesTable {
  activity_id: string;
  deputy_id: string;
}

/** Evaluation schemes (definition as JSON). */
export interface EvaluationSchemesTable {
  id: string;
  name: string;
  subject: string;
  definition: string;
  active: Generated<number>;
  version: Generated<number>;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Admin-entered evaluation values (inspection scores, bonus items, false reports). */
export interface EvaluationInputsTable {
  scheme_id: string;
  period: string;
  subject_id: string;
  key: string;
  value: number;
  note: string | null;
  updated_by: string | null;
  updated_at: string;
}

/** Published results of a scheme for a period (the official 红黑榜). */
export interface EvaluationSnapshotsTable {
  scheme_id: string;
  period: string;
  scheme_version: number;
  results: string;
  published_by: string | null;
  published_at: string;
}

/** Every table Lianxin stores. */
export interface Database extends ProposalDatabase {
  reception_rules: ReceptionRulesTable;
  receptions: ReceptionsTable;
  reception_attendance: ReceptionAttendanceTable;
  reception_bookings: ReceptionBookingsTable;
  activities: ActivitiesTable;
  activity_deputies: ActivityDeputiesTable;
  evaluation_schemes: EvaluationSchemesTable;
  evaluation_inputs: EvaluationInputsTable;
  evaluation_snapshots: EvaluationSnapshotsTable;
  units: UnitsTable;
  deputies: DeputiesTable;
  departments: DepartmentsTable;
  categories: CategoriesTable;
  appeal_kinds: AppealKindsTable;
  topics: TopicsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  settings: SettingsTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  attachments: AttachmentsTable;
  idempotency_keys: IdempotencyKeysTable;
  intake_inbox: IntakeInboxTable;
  rate_counters: RateCountersTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
  deliveries: DeliveriesTable;
  demo_outbox: DemoOutboxTable;
  imports: ImportsTable;
  exports: ExportsTable;
  models: ModelsTable;
  case_stats: CaseStatsTable;
  stats_workdays: StatsWorkdaysTable;
  api_keys: ApiKeysTable;
  open311_requests: Open311RequestsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  health_probe: HealthProbeTable;
}

/** The one row `/readyz` rewrites to prove the database takes writes (0027). */
export interface HealthProbeTable {
  id: number;
  checked_at: string;
}

/**
 * Roll-up of case figures by grain (`y`/`m`/`d`, China time) × unit × `dims` (which of top-level
 * category, department and channel the row keeps; the others are '') and those keys, kept by
 * triggers on `cases` (migrations 0009_stats, 0013_read_paths). Empty keys are ''.
 */
export interface CaseStatsTable {
  grain: string;
  dims: string;
  period: string;
  unit_path: string;
  unit_id: string;
  category_id: string;
  department_id: string;
  channel: string;
  received: number;
  accepted: number;
  closed: number;
  replied: number;
  on_time: number;
  rated: number;
  satisfied: number;
  supervised: number;
  handled: number;
  handle_days: number;
}

/** Working-day ordinal of each China-time day (handling time = difference of ordinals). */
export interface StatsWorkdaysTable {
  day: string;
  ordinal: number;
}
