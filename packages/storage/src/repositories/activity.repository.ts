/**
 * Activity records of stations and deputies (接待选民, 调研, 视察, 座谈, 培训, 主题活动):
 * who took part (a join table, so a deputy's record is one indexed query), the opinions
 * that came out of them (case ids), and their photos (attachments marked with the activity).
 */
import type { Selectable } from 'kysely';
import { AppError } from '@lianxin/core';
import type { DB } from '../database';
import type { ActivitiesTable } from '../schema';
import { guardWrite, pageWindow, parseJson, type Page } from '../sql-helpers';
import { required } from './versioned';

/** An activity record. */
export interface ActivityRecord {
  id: string;
  unitId: string;
  unitPath: string;
  kind: string;
  title: string;
  date: string;
  location: string | null;
  summary: string;
  caseIds: string[];
  deputyIds: string[];
  photoIds: string[];
  createdBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Editable fields. */
export interface ActivityFields {
  unitId: string;
  unitPath: string;
  kind: string;
  title: string;
  date: string;
  location: string | null;
  summary: string;
  caseIds: string[];
  deputyIds: string[];
  photoIds: string[];
}

/** Filters of a listing. */
export interface ActivityListOptions {
  from?: string | undefined;
  to?: string | undefined;
  underPath?: string | undefined;
  kind?: string | undefined;
  deputyId?: string | undefined;
  /** Either suffices: under this path, or with this deputy taking part (a deputy account serving a station). */
  reach?: { underPath: string; deputyId: string } | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

/** Reads and writes activities. */
export class ActivityRepository {
  constructor(private readonly db: DB) {}

  private async hydrate(rows: Array<Selectable<ActivitiesTable>>): Promise<ActivityRecord[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const deputies = await this.db.selectFrom('activity_deputies').select(['activity_id', 'deputy_id']).where('activity_id', 'in', ids).execute();
    const photos = await this.db
      .selectFrom('attachments')
      .select(['id', 'activity_id', 'created_at'])
      .where('activity_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      unitId: r.unit_id,
      unitPath: r.unit_path,
      kind: r.kind,
      title: r.title,
      date: r.date,
      location: r.location,
      summary: r.summary,
      caseIds: parseJson<string[]>(r.case_ids, []),
      deputyIds: deputies
        .filter((d) => d.activity_id === r.id)
        .map((d) => d.deputy_id)
        .sort(),
      photoIds: photos.filter((p) => p.activity_id === r.id).map((p) => p.id),
      createdBy: r.created_by,
      version: Number(r.version),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  private async setMembers(id: string, fields: ActivityFields): Promise<void> {
    await this.db.deleteFrom('activity_deputies').where('activity_id', '=', id).execute();
    const unique = [...new Set(fields.deputyIds)];
    if (unique.length)
      await this.db
        .insertInto('activity_deputies')
        .values(unique.map((d) => ({ activity_id: id, deputy_id: d })))
        .execute();
    await this.db.updateTable('attachments').set({ activity_id: null }).where('activity_id', '=', id).execute();
    // Only free files: never a case's, another activity's or an issue item's evidence (checked in one statement).
    if (fields.photoIds.length)
      await this.db
        .updateTable('attachments')
        .set({ activity_id: id })
        .where('id', 'in', fields.photoIds)
        .where('case_id', 'is', null)
        .where('activity_id', 'is', null)
        .where('issue_id', 'is', null)
        .execute();
  }

  /** Creates an activity with its deputies and photos. */
  async create(input: ActivityFields & { id: string; createdBy: string | null; now: string }): Promise<ActivityRecord> {
    await guardWrite(async () => {
      await this.db
        .insertInto('activities')
        .values({
          id: input.id,
          unit_id: input.unitId,
          unit_path: input.unitPath,
          kind: input.kind,
          title: input.title,
          date: input.date,
          location: input.location,
          summary: input.summary,
          case_ids: JSON.stringify(input.caseIds),
          created_by: input.createdBy,
          created_at: input.now,
          updated_at: input.now,
        })
        .execute();
      await this.setMembers(input.id, input);
    }, 'Activity');
    return this.get(input.id);
  }

  /** Replaces an activity's fields (optimistic lock on `expectedVersion`). */
  async update(id: string, fields: ActivityFields, expectedVersion: number | undefined, now: string): Promise<ActivityRecord> {
    let query = this.db
      .updateTable('activities')
      .set((eb) => ({
        unit_id: fields.unitId,
        unit_path: fields.unitPath,
        kind: fields.kind,
        title: fields.title,
        date: fields.date,
        location: fields.location,
        summary: fields.summary,
        case_ids: JSON.stringify(fields.caseIds),
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id);
    if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
    const result = await guardWrite(() => query.executeTakeFirst(), 'Activity');
    if (Number(result.numUpdatedRows) === 0) {
      if (!(await this.find(id))) throw new AppError('RESOURCE_NOT_FOUND', { message: 'Activity not found.' });
      throw new AppError('VERSION_CONFLICT');
    }
    await guardWrite(() => this.setMembers(id, fields), 'Activity');
    return this.get(id);
  }

  /** An activity, or undefined. */
  async find(id: string): Promise<ActivityRecord | undefined> {
    const row = await this.db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await this.hydrate([row]))[0] : undefined;
  }

  /** An activity that must exist (404 otherwise). */
  async get(id: string): Promise<ActivityRecord> {
    return required(await this.find(id), 'Activity');
  }

  /** Activities, newest date first. */
  async list(options: ActivityListOptions = {}): Promise<Page<ActivityRecord>> {
    let query = this.db.selectFrom('activities');
    if (options.from) query = query.where('date', '>=', options.from);
    if (options.to) query = query.where('date', '<=', options.to);
    if (options.underPath) query = query.where('unit_path', 'like', `${options.underPath}%`);
    if (options.kind) query = query.where('kind', '=', options.kind);
    if (options.deputyId) {
      const deputyId = options.deputyId;
      query = query.where('id', 'in', (eb) => eb.selectFrom('activity_deputies').select('activity_id').where('deputy_id', '=', deputyId));
    }
    if (options.reach) {
      const { underPath, deputyId } = options.reach;
      query = query.where((eb) =>
        eb.or([
          eb('unit_path', 'like', `${underPath}%`),
          eb('id', 'in', eb.selectFrom('activity_deputies').select('activity_id').where('deputy_id', '=', deputyId)),
        ]),
      );
    }
    const total = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const { limit, offset } = pageWindow({ page: options.page, pageSize: options.pageSize ?? 50 });
    const rows = await query.selectAll().orderBy('date', 'desc').orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute();
    return { items: await this.hydrate(rows), total };
  }

  /**
   * Which of `ids` are photos that may be attached to `activityId`: already its own, or fresh
   * uploads of `uploaderId` (the account recording it) that nothing else uses.
   */
  async usablePhotos(ids: string[], activityId: string | null, uploaderId: string): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('attachments')
      .select(['id', 'case_id', 'activity_id', 'issue_id', 'mime', 'uploader_kind', 'uploader_id'])
      .where('id', 'in', ids)
      .execute();
    const own = (r: (typeof rows)[number]) => activityId !== null && r.activity_id === activityId;
    const fresh = (r: (typeof rows)[number]) => r.activity_id === null && r.uploader_kind === 'user' && r.uploader_id === uploaderId;
    return rows.filter((r) => r.case_id === null && !r.issue_id && (own(r) || fresh(r)) && r.mime.startsWith('image/')).map((r) => r.id);
  }
}
