/**
 * Activity records (接待选民, 调研, 视察, 座谈, 培训, 主题活动): station staff record what
 * happened, who took part, the opinions that came out of it and photos. They feed the duty
 * records and the evaluation.
 */
import type { ActivityKind } from '@lianxin/contracts';
import { AppError, caseScopeTarget, chinaDateOf, isCalendarDate, reaches, stationRecordScopeTarget, visibility } from '@lianxin/core';
import { inTransaction, type ActivityFields, type ActivityListOptions, type ActivityRecord } from '@lianxin/storage';
import type { ServiceDeps } from '../platform/deps';
import { newId } from '../platform/adapters/ids';
import { authorize, type RequestActor } from '../auth/actor';
import { stationRecordFilter } from '../platform/scope-filters';

/** Kinds of activity, with zh/en labels. */
export const ACTIVITY_KINDS = {
  reception: { zh: '接待选民', en: 'Meeting constituents' },
  research: { zh: '调研', en: 'Research' },
  inspection: { zh: '视察', en: 'Inspection' },
  forum: { zh: '座谈', en: 'Forum' },
  training: { zh: '培训', en: 'Training' },
  theme: { zh: '主题活动', en: 'Themed activity' },
} as const satisfies Record<ActivityKind, { zh: string; en: string }>;
export type { ActivityKind };

/** An activity as staff submit it. */
export interface ActivityInput {
  unitId: string;
  kind: ActivityKind;
  title: string;
  date: string;
  location?: string | null | undefined;
  summary?: string | undefined;
  deputyIds: string[];
  caseIds?: string[] | undefined;
  photoIds?: string[] | undefined;
}

/** Activity records. */
export class ActivityService {
  constructor(private readonly deps: Pick<ServiceDeps, 'audit' | 'clock' | 'config' | 'repos' | 'storage'>) {}

  /**
   * Checked fields of an activity. Cases newly linked must be ones the caller may see (a
   * station links the opinions it collected, not other stations'); links already stored stay.
   */
  private async fields(actor: RequestActor, input: ActivityInput, activityId: string | null, linked: readonly string[] = []): Promise<ActivityFields> {
    const { repos } = this.deps;
    const problems: Array<{ path: string; code: string; message: string }> = [];
    const unit = await repos.units.find(input.unitId);
    if (!unit || !unit.active) problems.push({ path: 'unitId', code: 'not_found', message: 'Unknown unit.' });
    if (!isCalendarDate(input.date)) problems.push({ path: 'date', code: 'invalid_date', message: 'YYYY-MM-DD' });
    else if (input.date > chinaDateOf(this.deps.clock.now())) problems.push({ path: 'date', code: 'in_future', message: 'Record activities that took place.' });
    const deputyIds = [...new Set(input.deputyIds)];
    for (const [i, id] of deputyIds.entries())
      if (!(await repos.deputies.find(id))) problems.push({ path: `deputyIds.${i}`, code: 'not_found', message: 'Unknown deputy.' });
    const caseIds = [...new Set(input.caseIds ?? [])];
    for (const [i, id] of caseIds.entries()) {
      const found = await repos.cases.find(id);
      // Out-of-scope cases answer like unknown ones, so ids cannot be probed through activities.
      if (!found || (!linked.includes(id) && !reaches(actor, 'case', caseScopeTarget(found))))
        problems.push({ path: `caseIds.${i}`, code: 'not_found', message: 'Unknown case.' });
    }
    const photoIds = [...new Set(input.photoIds ?? [])];
    if (photoIds.length > this.deps.config.uploadMaxFiles)
      problems.push({ path: 'photoIds', code: 'too_big', message: `At most ${this.deps.config.uploadMaxFiles} photos.` });
    // New photos are the recorder's own uploads; someone else's file or one in use answers like an unknown one.
    const usable = new Set(await repos.activities.usablePhotos(photoIds, activityId, actor.userId));
    photoIds.forEach((id, i) => {
      if (!usable.has(id)) problems.push({ path: `photoIds.${i}`, code: 'not_found', message: 'Not a photo you uploaded, or already used.' });
    });
    if (problems.length || !unit) throw new AppError('VALIDATION_FAILED', { details: problems });
    return {
      unitId: unit.id,
      unitPath: unit.path,
      kind: input.kind,
      title: input.title.trim(),
      date: input.date,
      location: input.location?.trim() || null,
      summary: input.summary?.trim() ?? '',
      deputyIds,
      caseIds,
      photoIds,
    };
  }

  /**
   * Activities the caller may see (core's activity visibility): within their unit subtree (admins
   * and the office all); a deputy those they took part in (and their station's, when the account
   * serves one); a department account none (activities are the stations' records).
   */
  async list(actor: RequestActor, options: ActivityListOptions & { unitId?: string | undefined }) {
    authorize(actor, 'org.view');
    const unit = options.unitId ? await this.deps.repos.units.find(options.unitId) : undefined;
    if (options.unitId && !unit) return { items: [], total: 0 };
    const filter = stationRecordFilter(visibility('activity', actor), { underPath: unit?.path, deputyId: options.deputyId });
    if (!filter) return { items: [], total: 0 };
    return this.deps.repos.activities.list({ ...options, ...filter });
  }

  /** One activity the caller may see (404 otherwise, as for a missing one). */
  async get(actor: RequestActor, id: string): Promise<ActivityRecord> {
    authorize(actor, 'org.view');
    const activity = await this.deps.repos.activities.find(id);
    if (!activity || !reaches(actor, 'activity', stationRecordScopeTarget(activity)))
      throw new AppError('RESOURCE_NOT_FOUND', { message: 'Activity not found.' });
    return activity;
  }

  /** Records an activity. */
  async create(actor: RequestActor, input: ActivityInput): Promise<ActivityRecord> {
    const fields = await this.fields(actor, input, null);
    authorize(actor, 'activity.manage', { unitPath: fields.unitPath });
    const now = this.deps.clock.now().toISOString();
    return inTransaction(this.deps.storage.db, async (repos) => {
      const created = await repos.activities.create({ ...fields, id: newId(), createdBy: actor.userId, now });
      await this.deps.audit.record(actor, { action: 'activity.create', entity: 'activity', entityId: created.id, summary: created.title }, repos);
      return created;
    });
  }

  /** Changes an activity. */
  async update(actor: RequestActor, id: string, input: ActivityInput, expectedVersion?: number): Promise<ActivityRecord> {
    const before = await this.get(actor, id);
    authorize(actor, 'activity.manage', { unitPath: before.unitPath });
    const fields = await this.fields(actor, input, id, before.caseIds);
    authorize(actor, 'activity.manage', { unitPath: fields.unitPath });
    const now = this.deps.clock.now().toISOString();
    return inTransaction(this.deps.storage.db, async (repos) => {
      const updated = await repos.activities.update(id, fields, expectedVersion, now);
      await this.deps.audit.record(
        actor,
        { action: 'activity.update', entity: 'activity', entityId: id, summary: updated.title, payload: { before: { ...before }, after: { ...fields } } },
        repos,
      );
      return updated;
    });
  }
}
