/**
 * The organisation: units, deputies, departments, categories, appeal kinds and topics.
 * Every change is authorized by the policy, checked for consistency, written together
 * with its audit entry in one transaction.
 */
import { ALLOWED_PARENT_KIND, AppError, type AppealKindCode, type DeputyLevel, type UnitKind } from '@lianxin/core';
import {
  inTransaction,
  type CategoryFields,
  type CategoryRecord,
  type DepartmentRecord,
  type DeputyFields,
  type DeputyListOptions,
  type DeputyRecord,
  type ListOptions,
  type Page,
  type Repositories,
  type TopicRecord,
  type UnitFields,
  type UnitListOptions,
  type UnitRecord,
} from '@lianxin/storage';
import type { ServiceDeps } from '../platform/deps';
import { newId } from '../platform/adapters/ids';
import { authorize, type RequestActor } from '../auth/actor';

/** Deputy input as the API accepts it (plain contact, encrypted here). */
export interface DeputyInput {
  name?: string | undefined;
  gender?: 'male' | 'female' | null | undefined;
  levels?: DeputyLevel[] | undefined;
  homeUnitId?: string | null | undefined;
  sector?: string | null | undefined;
  position?: string | null | undefined;
  profile?: string | null | undefined;
  contact?: { phone?: string | null | undefined; email?: string | null | undefined } | undefined;
  active?: boolean | undefined;
}

/** Department input as the API accepts it (plain liaison phone, encrypted here). */
export interface DepartmentInput {
  name?: string | undefined;
  shortName?: string | null | undefined;
  liaisonName?: string | null | undefined;
  liaisonPhone?: string | null | undefined;
  sortOrder?: number | undefined;
  active?: boolean | undefined;
}

type Versioned = { expectedVersion?: number | undefined };

/** Manages the organisation. */
export class OrgService {
  constructor(private readonly deps: Pick<ServiceDeps, 'audit' | 'cipher' | 'clock' | 'repos' | 'storage'>) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  // ── units ────────────────────────────────────────────────────────────────

  /** A page of units. */
  listUnits(actor: RequestActor, options: UnitListOptions): Promise<Page<UnitRecord>> {
    authorize(actor, 'org.view');
    return this.deps.repos.units.list(options);
  }

  /** One unit. */
  getUnit(actor: RequestActor, id: string): Promise<UnitRecord> {
    authorize(actor, 'org.view');
    return this.deps.repos.units.get(id);
  }

  /**
   * Creates a unit. Kinds nest hub → station → point; there is one hub. Admins create
   * anything; station staff create points under their own station.
   */
  async createUnit(actor: RequestActor, input: UnitFields & { name: string; kind: UnitKind; parentId: string | null }): Promise<UnitRecord> {
    return inTransaction(this.deps.storage.db, async (repos) => {
      const parent = input.parentId ? ((await repos.units.find(input.parentId)) ?? null) : null;
      if (input.parentId && !parent)
        throw new AppError('UNIT_INVALID_PARENT', { message: 'The parent unit does not exist.', details: [{ path: 'parentId', code: 'not_found' }] });
      if (input.kind === 'point') authorize(actor, 'point.manage', { unitPath: parent?.path ?? null });
      else authorize(actor, 'unit.manage');
      const expectedParentKind = ALLOWED_PARENT_KIND[input.kind];
      if ((parent?.kind ?? null) !== expectedParentKind) {
        throw new AppError('UNIT_INVALID_PARENT', {
          message: expectedParentKind ? `A ${input.kind} must be placed under a ${expectedParentKind}.` : 'The general station has no parent.',
          details: [{ path: 'parentId', code: 'invalid_parent' }],
        });
      }
      if (parent && !parent.active)
        throw new AppError('UNIT_INVALID_PARENT', { message: 'The parent unit is deactivated.', details: [{ path: 'parentId', code: 'inactive' }] });
      if (input.kind === 'hub' && (await repos.units.list({ kind: 'hub', includeInactive: true, pageSize: 1 })).total > 0) {
        throw new AppError('UNIT_INVALID_PARENT', { message: 'There is already a general station.' });
      }
      const { parentId: _parentId, ...fields } = input;
      const unit = await repos.units.create({ ...fields, id: newId(), parent, now: this.now() });
      await this.deps.audit.record(
        actor,
        { action: 'unit.create', entity: 'unit', entityId: unit.id, summary: unit.name, payload: { kind: unit.kind, parentId: unit.parentId } },
        repos,
      );
      return unit;
    });
  }

  /** Updates or (de)activates a unit. A unit with active children cannot be deactivated. */
  async updateUnit(actor: RequestActor, id: string, input: UnitFields & Versioned): Promise<UnitRecord> {
    return inTransaction(this.deps.storage.db, async (repos) => {
      const unit = await repos.units.get(id);
      if (unit.kind === 'point') authorize(actor, 'point.manage', { unitPath: unit.path });
      else authorize(actor, 'unit.manage');
      if (input.active === false && unit.active) {
        const children = await repos.units.list({ parentId: id, pageSize: 1 });
        if (children.total > 0)
          throw new AppError('ACTION_NOT_ALLOWED', {
            message: 'Deactivate the units under it first.',
            details: [{ path: 'active', code: 'has_active_children' }],
          });
      }
      if (input.active === true && !unit.active && unit.parentId) {
        const parent = await repos.units.get(unit.parentId);
        if (!parent.active) throw new AppError('UNIT_INVALID_PARENT', { message: 'Reactivate the parent unit first.' });
      }
      const { expectedVersion, ...fields } = input;
      const updated = await repos.units.update(id, fields, { expectedVersion, now: this.now() });
      await this.deps.audit.record(
        actor,
        { action: 'unit.update', entity: 'unit', entityId: id, summary: updated.name, payload: { fields: Object.keys(fields) } },
        repos,
      );
      return updated;
    });
  }

  // ── deputies ─────────────────────────────────────────────────────────────

  /** A page of deputies. */
  listDeputies(actor: RequestActor, options: DeputyListOptions): Promise<Page<DeputyRecord>> {
    authorize(actor, 'org.view');
    return this.deps.repos.deputies.list(options);
  }

  /** One deputy. */
  getDeputy(actor: RequestActor, id: string): Promise<DeputyRecord> {
    authorize(actor, 'org.view');
    return this.deps.repos.deputies.get(id);
  }

  private async deputyFields(repos: Repositories, input: DeputyInput): Promise<DeputyFields> {
    if (input.homeUnitId) await this.requireActiveUnit(repos, input.homeUnitId, 'homeUnitId');
    const { contact, ...rest } = input;
    const fields: DeputyFields = { ...rest };
    if (contact?.phone !== undefined) {
      fields.phoneEnc = this.deps.cipher.encrypt(contact.phone);
      fields.phoneHash = this.deps.cipher.hash(contact.phone);
    }
    if (contact?.email !== undefined) {
      fields.emailEnc = this.deps.cipher.encrypt(contact.email);
      fields.emailHash = this.deps.cipher.hash(contact.email);
    }
    return fields;
  }

  /** Creates a deputy; contact data is encrypted at rest. */
  async createDeputy(actor: RequestActor, input: DeputyInput & { name: string; levels: DeputyLevel[] }): Promise<DeputyRecord> {
    authorize(actor, 'deputy.manage');
    return inTransaction(this.deps.storage.db, async (repos) => {
      const fields = await this.deputyFields(repos, input);
      const deputy = await repos.deputies.create({ ...fields, id: newId(), name: input.name, levels: input.levels, now: this.now() });
      await this.deps.audit.record(actor, { action: 'deputy.create', entity: 'deputy', entityId: deputy.id, summary: deputy.name }, repos);
      return deputy;
    });
  }

  /** Updates or (de)activates a deputy. */
  async updateDeputy(actor: RequestActor, id: string, input: DeputyInput & Versioned): Promise<DeputyRecord> {
    authorize(actor, 'deputy.manage');
    return inTransaction(this.deps.storage.db, async (repos) => {
      const { expectedVersion, ...rest } = input;
      const fields = await this.deputyFields(repos, rest);
      const deputy = await repos.deputies.update(id, fields, { expectedVersion, now: this.now() });
      await this.deps.audit.record(
        actor,
        { action: 'deputy.update', entity: 'deputy', entityId: id, summary: deputy.name, payload: { fields: Object.keys(rest) } },
        repos,
      );
      return deputy;
    });
  }

  /** Decrypts a deputy's contact for an allowed viewer; every reveal is audited. */
  async revealDeputyContact(actor: RequestActor, id: string): Promise<{ phone: string | null; email: string | null }> {
    const deputy = await this.deps.repos.deputies.get(id);
    const home = deputy.homeUnitId ? await this.deps.repos.units.find(deputy.homeUnitId) : undefined;
    authorize(actor, 'deputy.contact.reveal', { unitPath: home?.path ?? null, deputyId: deputy.id });
    await this.deps.audit.record(actor, { action: 'deputy.contact.reveal', entity: 'deputy', entityId: id, summary: deputy.name });
    return { phone: this.deps.cipher.decrypt(deputy.phoneEnc), email: this.deps.cipher.decrypt(deputy.emailEnc) };
  }

  // ── departments ──────────────────────────────────────────────────────────

  /** A page of departments. */
  listDepartments(actor: RequestActor, options: ListOptions): Promise<Page<DepartmentRecord>> {
    authorize(actor, 'org.view');
    return this.deps.repos.departments.list(options);
  }

  /** One department. */
  getDepartment(actor: RequestActor, id: string): Promise<DepartmentRecord> {
    authorize(actor, 'org.view');
    return this.deps.repos.departments.get(id);
  }

  private departmentFields(input: DepartmentInput) {
    const { liaisonPhone, ...rest } = input;
    return liaisonPhone === undefined ? rest : { ...rest, liaisonPhoneEnc: this.deps.cipher.encrypt(liaisonPhone) };
  }

  /** Creates a department. */
  async createDepartment(actor: RequestActor, input: DepartmentInput & { name: string }): Promise<DepartmentRecord> {
    authorize(actor, 'department.manage');
    return inTransaction(this.deps.storage.db, async (repos) => {
      const department = await repos.departments.create({ ...this.departmentFields(input), id: newId(), name: input.name, now: this.now() });
      await this.deps.audit.record(actor, { action: 'department.create', entity: 'department', entityId: department.id, summary: department.name }, repos);
      return department;
    });
  }

  /** Updates or (de)activates a department. */
  async updateDepartment(actor: RequestActor, id: string, input: DepartmentInput & Versioned): Promise<DepartmentRecord> {
    authorize(actor, 'department.manage');
    return inTransaction(this.deps.storage.db, async (repos) => {
      const { expectedVersion, ...rest } = input;
      const department = await repos.departments.update(id, this.departmentFields(rest), { expectedVersion, now: this.now() });
      await this.deps.audit.record(
        actor,
        { action: 'department.update', entity: 'department', entityId: id, summary: department.name, payload: { fields: Object.keys(rest) } },
        repos,
      );
      return department;
    });
  }

  // ── categories ───────────────────────────────────────────────────────────

  /** A page of categories. */
  listCategories(actor: RequestActor, options: ListOptions & { parentId?: string | undefined }): Promise<Page<CategoryRecord>> {
    authorize(actor, 'org.view');
    return this.deps.repos.categories.list(options);
  }

  /** One category. */
  getCategory(actor: RequestActor, id: string): Promise<CategoryRecord> {
    authorize(actor, 'org.view');
    return this.deps.repos.categories.get(id);
  }

  /** Creates a category; the tree has two levels. */
  async createCategory(actor: RequestActor, input: CategoryFields & { name: string; parentId?: string | null | undefined }): Promise<CategoryRecord> {
    authorize(actor, 'category.manage');
    return inTransaction(this.deps.storage.db, async (repos) => {
      if (input.parentId) {
        const parent = await repos.categories.find(input.parentId);
        if (!parent || !parent.active) throw new AppError('CATEGORY_INVALID_PARENT', { details: [{ path: 'parentId', code: 'not_found' }] });
        if (parent.parentId) throw new AppError('CATEGORY_INVALID_PARENT', { details: [{ path: 'parentId', code: 'too_deep' }] });
      }
      if (input.defaultDepartmentId) await this.requireActiveDepartment(repos, input.defaultDepartmentId);
      const category = await repos.categories.create({ ...input, id: newId(), parentId: input.parentId ?? null, now: this.now() });
      await this.deps.audit.record(actor, { action: 'category.create', entity: 'category', entityId: category.id, summary: category.name }, repos);
      return category;
    });
  }

  /** Updates or (de)activates a category. */
  async updateCategory(actor: RequestActor, id: string, input: CategoryFields & Versioned): Promise<CategoryRecord> {
    authorize(actor, 'category.manage');
    return inTransaction(this.deps.storage.db, async (repos) => {
      if (input.defaultDepartmentId) await this.requireActiveDepartment(repos, input.defaultDepartmentId);
      const { expectedVersion, ...fields } = input;
      const category = await repos.categories.update(id, fields, { expectedVersion, now: this.now() });
      await this.deps.audit.record(
        actor,
        { action: 'category.update', entity: 'category', entityId: id, summary: category.name, payload: { fields: Object.keys(fields) } },
        repos,
      );
      return category;
    });
  }

  // ── appeal kinds and topics ──────────────────────────────────────────────

  /** All appeal kinds. */
  listAppealKinds(actor: RequestActor) {
    authorize(actor, 'org.view');
    return this.deps.repos.appealKinds.list();
  }

  /** Updates an appeal kind's names or handling limit. */
  async updateAppealKind(
    actor: RequestActor,
    code: AppealKindCode,
    input: { name?: string | undefined; nameEn?: string | undefined; handleWorkdays?: number | undefined; active?: boolean | undefined },
  ) {
    authorize(actor, 'appealKind.manage');
    return inTransaction(this.deps.storage.db, async (repos) => {
      const kind = await repos.appealKinds.update(code, input);
      await this.deps.audit.record(actor, { action: 'appealKind.update', entity: 'appeal_kind', entityId: code, payload: { ...input } }, repos);
      return kind;
    });
  }

  /** A page of topics. */
  listTopics(actor: RequestActor, options: ListOptions): Promise<Page<TopicRecord>> {
    authorize(actor, 'org.view');
    return this.deps.repos.topics.list(options);
  }

  /** One topic. */
  getTopic(actor: RequestActor, id: string): Promise<TopicRecord> {
    authorize(actor, 'org.view');
    return this.deps.repos.topics.get(id);
  }

  /** Creates a topic. */
  async createTopic(
    actor: RequestActor,
    input: { name: string; description?: string | null | undefined; sortOrder?: number | undefined },
  ): Promise<TopicRecord> {
    authorize(actor, 'topic.manage');
    return inTransaction(this.deps.storage.db, async (repos) => {
      const topic = await repos.topics.create({ ...input, id: newId(), now: this.now() });
      await this.deps.audit.record(actor, { action: 'topic.create', entity: 'topic', entityId: topic.id, summary: topic.name }, repos);
      return topic;
    });
  }

  /** Updates or (de)activates a topic. */
  async updateTopic(
    actor: RequestActor,
    id: string,
    input: Partial<Pick<TopicRecord, 'name' | 'description' | 'sortOrder' | 'active'>> & Versioned,
  ): Promise<TopicRecord> {
    authorize(actor, 'topic.manage');
    return inTransaction(this.deps.storage.db, async (repos) => {
      const { expectedVersion, ...fields } = input;
      const topic = await repos.topics.update(id, fields, { expectedVersion, now: this.now() });
      await this.deps.audit.record(
        actor,
        { action: 'topic.update', entity: 'topic', entityId: id, summary: topic.name, payload: { fields: Object.keys(fields) } },
        repos,
      );
      return topic;
    });
  }

  // ── references ───────────────────────────────────────────────────────────

  private async requireActiveUnit(repos: Repositories, id: string, path: string): Promise<UnitRecord> {
    const unit = await repos.units.find(id);
    if (!unit || !unit.active) throw new AppError('REFERENCE_INVALID', { details: [{ path, code: 'not_found' }] });
    return unit;
  }

  private async requireActiveDepartment(repos: Repositories, id: string): Promise<DepartmentRecord> {
    const department = await repos.departments.find(id);
    if (!department || !department.active) throw new AppError('REFERENCE_INVALID', { details: [{ path: 'defaultDepartmentId', code: 'not_found' }] });
    return department;
  }
}
