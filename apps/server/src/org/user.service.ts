/**
 * Account administration: create, edit, deactivate, unlock. Scope must fit the roles:
 * staff need a unit, department accounts a department, deputies a deputy record.
 */
import { AppError, locksOutSelf, missingScopeFields, type Role } from '@lianxin/core';
import { inTransaction, type ListOptions, type Page, type Repositories, type UserFields, type UserRecord } from '@lianxin/storage';
import type { ServiceDeps } from '../platform/deps';
import { newId } from '../platform/adapters/ids';
import { hashPassword } from '../platform/adapters/password';
import { authorize, type RequestActor } from '../auth/actor';

/** Scope input of an account. */
export interface ScopeInput {
  unitId?: string | null | undefined;
  departmentId?: string | null | undefined;
  deputyId?: string | null | undefined;
}

/** Manages accounts. */
export class UserService {
  constructor(private readonly deps: Pick<ServiceDeps, 'audit' | 'clock' | 'repos' | 'storage'>) {}

  /** A page of accounts. */
  list(actor: RequestActor, options: ListOptions & { role?: Role | undefined }): Promise<Page<UserRecord>> {
    authorize(actor, 'user.view');
    return this.deps.repos.users.list(options);
  }

  /** One account. */
  get(actor: RequestActor, id: string): Promise<UserRecord> {
    authorize(actor, 'user.view');
    return this.deps.repos.users.get(id);
  }

  /** Creates an account (also used by the CLI with `actor` null). */
  async create(
    actor: RequestActor | null,
    input: { username: string; displayName: string; password: string; roles: Role[]; scope?: ScopeInput | undefined; email?: string | null | undefined },
  ): Promise<UserRecord> {
    if (actor) authorize(actor, 'user.manage');
    const passwordHash = await hashPassword(input.password);
    return inTransaction(this.deps.storage.db, async (repos) => {
      const scope = await this.checkScope(repos, input.roles, input.scope ?? {});
      const user = await repos.users.create({
        id: newId(),
        username: input.username.toLowerCase(),
        displayName: input.displayName,
        passwordHash,
        roles: input.roles,
        email: input.email ?? null,
        ...scope,
        now: this.deps.clock.now().toISOString(),
      });
      await this.deps.audit.record(
        actor,
        { action: 'user.create', entity: 'user', entityId: user.id, summary: user.username, payload: { roles: user.roles } },
        repos,
      );
      return user;
    });
  }

  /** Edits an account; a new password or deactivation ends its sessions. */
  async update(
    actor: RequestActor,
    id: string,
    input: {
      displayName?: string | undefined;
      password?: string | undefined;
      roles?: Role[] | undefined;
      scope?: ScopeInput | undefined;
      email?: string | null | undefined;
      active?: boolean | undefined;
      unlock?: boolean | undefined;
      expectedVersion?: number | undefined;
    },
  ): Promise<UserRecord> {
    authorize(actor, 'user.manage');
    if (locksOutSelf(actor, id, input)) {
      throw new AppError('ACTION_NOT_ALLOWED', { message: 'You cannot deactivate yourself or drop your own admin role.' });
    }
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    return inTransaction(this.deps.storage.db, async (repos) => {
      const current = await repos.users.get(id);
      const roles = input.roles ?? current.roles;
      const fields: UserFields = { displayName: input.displayName, roles: input.roles, active: input.active, email: input.email, passwordHash };
      if (input.scope || input.roles) {
        const merged = { unitId: current.unitId, departmentId: current.departmentId, deputyId: current.deputyId, ...input.scope };
        Object.assign(fields, await this.checkScope(repos, roles, merged));
      }
      if (input.unlock) Object.assign(fields, { lockedUntil: null, failedLogins: 0 });
      const user = await repos.users.update(id, fields, { expectedVersion: input.expectedVersion, now: this.deps.clock.now().toISOString() });
      if (passwordHash || input.active === false) await repos.sessions.deleteForUser(id);
      const changed = Object.entries({ ...input, password: input.password ? '***' : undefined })
        .filter(([k, v]) => v !== undefined && k !== 'expectedVersion')
        .map(([k]) => k);
      await this.deps.audit.record(actor, { action: 'user.update', entity: 'user', entityId: id, summary: user.username, payload: { fields: changed } }, repos);
      return user;
    });
  }

  /** Scope references must exist, and each scoped role needs its scope. */
  private async checkScope(repos: Repositories, roles: Role[], scope: ScopeInput): Promise<Required<{ [K in keyof ScopeInput]: string | null }>> {
    const result = { unitId: scope.unitId ?? null, departmentId: scope.departmentId ?? null, deputyId: scope.deputyId ?? null };
    const missing = (path: string) =>
      new AppError('VALIDATION_FAILED', { message: `This role needs ${path}.`, details: [{ path: `scope.${path}`, code: 'required' }] });
    const [lacking] = missingScopeFields(roles, result);
    if (lacking) throw missing(lacking);
    const invalid = (path: string) => new AppError('REFERENCE_INVALID', { details: [{ path: `scope.${path}`, code: 'not_found' }] });
    if (result.unitId && !(await repos.units.find(result.unitId))) throw invalid('unitId');
    if (result.departmentId && !(await repos.departments.find(result.departmentId))) throw invalid('departmentId');
    if (result.deputyId && !(await repos.deputies.find(result.deputyId))) throw invalid('deputyId');
    return result;
  }
}
