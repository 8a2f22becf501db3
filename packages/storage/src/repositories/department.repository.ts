/**
 * Departments (承办单位) that handle assigned opinions.
 */
import type { Selectable } from 'kysely';
import type { DB } from '../database';
import type { DepartmentsTable } from '../schema';
import { containsText, fromBool, guardWrite, pageWindow, toBool, type ListOptions, type Page } from '../sql-helpers';
import { required, updateVersioned } from './versioned';

/** A department; the liaison phone is ciphertext. */
export interface DepartmentRecord {
  id: string;
  name: string;
  shortName: string | null;
  liaisonName: string | null;
  liaisonPhoneEnc: string | null;
  sortOrder: number;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Editable fields of a department. */
export type DepartmentFields = Partial<Pick<DepartmentRecord, 'name' | 'shortName' | 'liaisonName' | 'liaisonPhoneEnc' | 'sortOrder' | 'active'>>;

function toRecord(row: Selectable<DepartmentsTable>): DepartmentRecord {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    liaisonName: row.liaison_name,
    liaisonPhoneEnc: row.liaison_phone_enc,
    sortOrder: row.sort_order,
    active: toBool(row.active),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toColumns(f: DepartmentFields) {
  return {
    name: f.name,
    short_name: f.shortName,
    liaison_name: f.liaisonName,
    liaison_phone_enc: f.liaisonPhoneEnc,
    sort_order: f.sortOrder,
    active: f.active === undefined ? undefined : fromBool(f.active),
  };
}

/** Reads and writes departments. */
export class DepartmentRepository {
  constructor(private readonly db: DB) {}

  /** A page of departments in display order. */
  async list(options: ListOptions = {}): Promise<Page<DepartmentRecord>> {
    let query = this.db.selectFrom('departments');
    if (!options.includeInactive) query = query.where('active', '=', 1);
    if (options.q) {
      const q = options.q;
      query = query.where((eb) => eb.or([containsText('name', q), containsText('short_name', q)]));
    }
    const { limit, offset } = pageWindow(options);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('sort_order').orderBy('name').limit(limit).offset(offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toRecord), total: Number(count.n) };
  }

  /** One department, or undefined. */
  async find(id: string): Promise<DepartmentRecord | undefined> {
    const row = await this.db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** One department by exact name, or undefined. */
  async findByName(name: string): Promise<DepartmentRecord | undefined> {
    const row = await this.db.selectFrom('departments').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** One department, or 404. */
  async get(id: string): Promise<DepartmentRecord> {
    return required(await this.find(id), 'Department');
  }

  /** Creates a department; names are unique. */
  async create(input: { id: string; now: string; name: string } & DepartmentFields): Promise<DepartmentRecord> {
    await guardWrite(
      () =>
        this.db
          .insertInto('departments')
          .values({
            ...toColumns({ sortOrder: 0, active: true, ...input }),
            id: input.id,
            name: input.name,
            version: 1,
            created_at: input.now,
            updated_at: input.now,
          })
          .execute(),
      'Department',
    );
    return this.get(input.id);
  }

  /** Updates fields with optimistic locking. */
  async update(id: string, fields: DepartmentFields, options: { expectedVersion?: number | undefined; now: string }): Promise<DepartmentRecord> {
    await updateVersioned(this.db, 'departments', id, toColumns(fields), { ...options, what: 'Department' });
    return this.get(id);
  }
}
