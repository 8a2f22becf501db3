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
}
