/**
 * The two-level category tree, each with a default department and time limit.
 */
import type { Selectable } from 'kysely';
import type { DB } from '../database';
import type { CategoriesTable } from '../schema';
import { containsText, fromBool, guardWrite, pageWindow, parseJson, toBool, type ListOptions, type Page } from '../sql-helpers';
import { required, updateVersioned } from './versioned';

/** An Open311 attribute a category asks of requests filed under it (GeoReport v2 service definition). */
export interface CategoryAttribute {
  code: string;
  description: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatypeDescription: string;
  order: number;
  values: Array<{ key: string; name: string }>;
}

/** A category. */
export interface CategoryRecord {
  id: string;
  parentId: string | null;
  name: string;
  defaultDepartmentId: string | null;
  timeLimitWorkdays: number | null;
  sortOrder: number;
  attributes: CategoryAttribute[];
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Editable fields of a category. */
export type CategoryFields = Partial<Pick<CategoryRecord, 'name' | 'defaultDepartmentId' | 'timeLimitWorkdays' | 'sortOrder' | 'attributes' | 'active'>>;

function toRecord(row: Selectable<CategoriesTable>): CategoryRecord {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    defaultDepartmentId: row.default_department_id,
    timeLimitWorkdays: row.time_limit_workdays,
    sortOrder: row.sort_order,
    attributes: parseJson<CategoryAttribute[]>(row.attributes, []),
    active: toBool(row.active),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toColumns(f: CategoryFields) {
  return {
    name: f.name,
    default_department_id: f.defaultDepartmentId,
    time_limit_workdays: f.timeLimitWorkdays,
    sort_order: f.sortOrder,
    attributes: f.attributes === undefined ? undefined : f.attributes.length ? JSON.stringify(f.attributes) : null,
    active: f.active === undefined ? undefined : fromBool(f.active),
  };
}

/** Reads and writes categories. */
export class CategoryRepository {
  constructor(private readonly db: DB) {}

  /** A page of categories, parents before children. */
  async list(options: ListOptions & { parentId?: string | undefined } = {}): Promise<Page<CategoryRecord>> {
    let query = this.db.selectFrom('categories');
    if (!options.includeInactive) query = query.where('active', '=', 1);
    if (options.parentId) query = query.where('parent_id', '=', options.parentId);
    if (options.q) query = query.where(containsText('name', options.q));
    const { limit, offset } = pageWindow(options);
    const [rows, count] = await Promise.all([
      query
        .selectAll()
        .orderBy((eb) => eb.fn.coalesce('parent_id', 'id'))
        .orderBy((eb) => eb.case().when('parent_id', 'is', null).then(0).else(1).end())
        .orderBy('sort_order')
        .orderBy('name')
        .limit(limit)
        .offset(offset)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toRecord), total: Number(count.n) };
  }

  /** Every active category; for the public tree. */
  async listActive(): Promise<CategoryRecord[]> {
    const rows = await this.db.selectFrom('categories').selectAll().where('active', '=', 1).orderBy('sort_order').orderBy('name').execute();
    return rows.map(toRecord);
  }

  /** One category, or undefined. */
  async find(id: string): Promise<CategoryRecord | undefined> {
    const row = await this.db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** One category, or 404. */
  async get(id: string): Promise<CategoryRecord> {
    return required(await this.find(id), 'Category');
  }

  /** Creates a category (the service checks the two-level rule). */
  async create(input: { id: string; now: string; name: string; parentId: string | null } & CategoryFields): Promise<CategoryRecord> {
    await guardWrite(
      () =>
        this.db
          .insertInto('categories')
          .values({ ...toColumns(input), id: input.id, name: input.name, parent_id: input.parentId, created_at: input.now, updated_at: input.now })
          .execute(),
      'Category',
    );
    return this.get(input.id);
  }

  /** Updates fields with optimistic locking. */
  async update(id: string, fields: CategoryFields, options: { expectedVersion?: number | undefined; now: string }): Promise<CategoryRecord> {
    await updateVersioned(this.db, 'categories', id, toColumns(fields), { ...options, what: 'Category' });
    return this.get(id);
  }
}
