/**
 * Accounts: roles, scope, password hash and the counters behind login lockout.
 */
import type { Role } from '@lianxin/core';
import { sql, type Selectable } from 'kysely';
import type { DB } from '../database';
import type { UsersTable } from '../schema';
import { containsText, fromBool, guardWrite, pageWindow, parseJson, toBool, type ListOptions, type Page } from '../sql-helpers';
import { required, updateVersioned } from './versioned';

/** An account. */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  unitId: string | null;
  departmentId: string | null;
  deputyId: string | null;
  email: string | null;
  active: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Editable fields of an account. */
export type UserFields = Partial<
  Pick<UserRecord, 'displayName' | 'passwordHash' | 'roles' | 'unitId' | 'departmentId' | 'deputyId' | 'email' | 'active' | 'failedLogins' | 'lockedUntil'>
>;

function toRecord(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    roles: parseJson<Role[]>(row.roles, []),
    unitId: row.unit_id,
    departmentId: row.department_id,
    deputyId: row.deputy_id,
    email: row.email,
    active: toBool(row.active),
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    lastLoginAt: row.last_login_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toColumns(f: UserFields) {
  return {
    display_name: f.displayName,
    password_hash: f.passwordHash,
    roles: f.roles === undefined ? undefined : JSON.stringify(f.roles),
    unit_id: f.unitId,
    department_id: f.departmentId,
    deputy_id: f.deputyId,
    email: f.email,
    active: f.active === undefined ? undefined : fromBool(f.active),
    failed_logins: f.failedLogins,
    locked_until: f.lockedUntil,
  };
}

/** Reads and writes accounts. */
export class UserRepository {
  constructor(private readonly db: DB) {}

  /** A page of accounts by username. */
  async list(options: ListOptions & { role?: Role | undefined } = {}): Promise<Page<UserRecord>> {
    let query = this.db.selectFrom('users');
    if (!options.includeInactive) query = query.where('active', '=', 1);
    if (options.role) query = query.where('roles', 'like', `%"${options.role}"%`);
    if (options.q) {
      const q = options.q;
      query = query.where((eb) => eb.or([containsText('username', q), containsText('display_name', q)]));
    }
    const { limit, offset } = pageWindow(options);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('username').limit(limit).offset(offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toRecord), total: Number(count.n) };
  }

  /** One account, or undefined. */
  async find(id: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** One account by username, or undefined. */
  async findByUsername(username: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** One account, or 404. */
  async get(id: string): Promise<UserRecord> {
    return required(await this.find(id), 'User');
  }

  /** Creates an account; usernames are unique. */
  async create(
    input: { id: string; now: string; username: string; displayName: string; passwordHash: string; roles: Role[] } & UserFields,
  ): Promise<UserRecord> {
    await guardWrite(
      () =>
        this.db
          .insertInto('users')
          .values({
            ...toColumns(input),
            id: input.id,
            username: input.username,
            display_name: input.displayName,
            password_hash: input.passwordHash,
            created_at: input.now,
            updated_at: input.now,
          })
          .execute(),
      'Username',
    );
    return this.get(input.id);
  }

  /** Updates fields with optimistic locking. */
  async update(id: string, fields: UserFields, options: { expectedVersion?: number | undefined; now: string }): Promise<UserRecord> {
    await updateVersioned(this.db, 'users', id, toColumns(fields), { ...options, what: 'User' });
    return this.get(id);
  }

  /**
   * Claims one login attempt before the password is checked: counts it as a failure up front, in
   * one statement that also requires the account to be unlocked, and the claim that reaches
   * `maxFailures` locks the account until `lockedUntil` right away (a right password then unlocks
   * it with `recordLoginSuccess`). So parallel attempts can never get more than `maxFailures`
   * passwords checked per lock, on either database — counting after the check let a burst
   * through — and a process that dies mid-check leaves nothing stuck: an expired lock starts the
   * count afresh. Returns the attempt's number (`maxFailures` or more: it locked), or null while locked.
   */
  async claimLoginAttempt(id: string, options: { maxFailures: number; now: string; lockedUntil: string }): Promise<number | null> {
    const expired = sql<boolean>`locked_until IS NOT NULL AND locked_until <= ${options.now}`;
    const next = sql<number>`CASE WHEN ${expired} THEN 1 ELSE failed_logins + 1 END`;
    const row = await this.db
      .updateTable('users')
      .set({
        failed_logins: next,
        locked_until: sql<
          string | null
        >`CASE WHEN ${next} >= ${options.maxFailures} THEN ${options.lockedUntil} WHEN ${expired} THEN NULL ELSE locked_until END`,
      })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', options.now)]))
      .returning(['failed_logins'])
      .executeTakeFirst();
    return row ? Number(row.failed_logins) : null;
  }

  /** Clears failure counters and stamps the login time. */
  async recordLoginSuccess(id: string, now: string): Promise<void> {
    await this.db.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: now }).where('id', '=', id).execute();
  }

  /** Active accounts to notify: by department, deputy record, or role (optionally only those whose unit subtree contains `unitPath`). */
  async recipients(filter: { departmentId?: string | null; deputyId?: string | null; role?: Role; containingUnitPath?: string | null }): Promise<UserRecord[]> {
    let query = this.db
      .selectFrom('users')
      .leftJoin('units', 'units.id', 'users.unit_id')
      .selectAll('users')
      .select('units.path as unit_path')
      .where('users.active', '=', 1);
    if (filter.departmentId) query = query.where('users.department_id', '=', filter.departmentId);
    if (filter.deputyId) query = query.where('users.deputy_id', '=', filter.deputyId);
    if (filter.role) query = query.where('users.roles', 'like', `%"${filter.role}"%`);
    const rows = await query.execute();
    const users = rows.filter((r) => !filter.containingUnitPath || !r.unit_path || filter.containingUnitPath.startsWith(r.unit_path));
    return users.map((r) => toRecord(r));
  }

  /** Number of accounts (to decide whether a fresh install needs seeding). */
  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
