/**
 * Appeal kinds (咨询/求助/投诉/建议/表扬) and their handling limits.
 */
import type { AppealKindCode } from '@lianxin/core';
import type { Selectable } from 'kysely';
import type { DB } from '../database';
import type { AppealKindsTable } from '../schema';
import { fromBool, toBool } from '../sql-helpers';
import { required } from './versioned';

/** An appeal kind. */
export interface AppealKindRecord {
  code: AppealKindCode;
  name: string;
  nameEn: string;
  handleWorkdays: number;
  sortOrder: number;
  active: boolean;
}

function toRecord(row: Selectable<AppealKindsTable>): AppealKindRecord {
  return {
    code: row.code as AppealKindCode,
    name: row.name,
    nameEn: row.name_en,
    handleWorkdays: row.handle_workdays,
    sortOrder: row.sort_order,
    active: toBool(row.active),
  };
}

/** Reads and writes appeal kinds. */
export class AppealKindRepository {
  constructor(private readonly db: DB) {}

  /** All appeal kinds in display order. */
  async list(): Promise<AppealKindRecord[]> {
    const rows = await this.db.selectFrom('appeal_kinds').selectAll().orderBy('sort_order').execute();
    return rows.map(toRecord);
  }

  /** One appeal kind, or 404. */
  async get(code: string): Promise<AppealKindRecord> {
    const row = await this.db.selectFrom('appeal_kinds').selectAll().where('code', '=', code).executeTakeFirst();
    return required(row ? toRecord(row) : undefined, 'Appeal kind');
  }

  /** Inserts or replaces an appeal kind (seeding). */
  async upsert(record: AppealKindRecord): Promise<void> {
    const values = {
      code: record.code,
      name: record.name,
      name_en: record.nameEn,
      handle_workdays: record.handleWorkdays,
      sort_order: record.sortOrder,
      active: fromBool(record.active),
    };
    await this.db
      .insertInto('appeal_kinds')
      .values(values)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({
          name: values.name,
          name_en: values.name_en,
          handle_workdays: values.handle_workdays,
          sort_order: values.sort_order,
          active: values.active,
        }),
      )
      .execute();
  }

  /** Updates fields of one appeal kind. */
  async update(code: string, fields: Partial<Pick<AppealKindRecord, 'name' | 'nameEn' | 'handleWorkdays' | 'active'>>): Promise<AppealKindRecord> {
    await this.get(code);
    const set = Object.fromEntries(
      Object.entries({
        name: fields.name,
        name_en: fields.nameEn,
        handle_workdays: fields.handleWorkdays,
        active: fields.active === undefined ? undefined : fromBool(fields.active),
      }).filter(([, v]) => v !== undefined),
    );
    if (Object.keys(set).length > 0) await this.db.updateTable('appeal_kinds').set(set).where('code', '=', code).execute();
    return this.get(code);
  }
}
