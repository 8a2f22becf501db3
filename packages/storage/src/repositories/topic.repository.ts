/**
 * Topics (专题): cross-cutting tags such as 人居环境整治提升.
 */
import type { Selectable } from 'kysely';
import type { DB } from '../database';
import type { TopicsTable } from '../schema';
import { containsText, fromBool, guardWrite, pageWindow, toBool, type ListOptions, type Page } from '../sql-helpers';
import { required, updateVersioned } from './versioned';

/** A topic. */
export interface TopicRecord {
  id: string;
  name: string;
  description: string | null;
  sortOrder: number;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Editable fields of a topic. */
export type TopicFields = Partial<Pick<TopicRecord, 'name' | 'description' | 'sortOrder' | 'active'>>;

function toRecord(row: Selectable<TopicsTable>): TopicRecord {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    sortOrder: row.sort_order,
    active: toBool(row.active),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toColumns(f: TopicFields) {
  return {
    name: f.name,
    description: f.description,
    sort_order: f.sortOrder,
    active: f.active === undefined ? undefined : fromBool(f.active),
  };
}

/** Reads and writes topics. */
export class TopicRepository {
  constructor(private readonly db: DB) {}

  /** A page of topics in display order. */
  async list(options: ListOptions = {}): Promise<Page<TopicRecord>> {
    let query = this.db.selectFrom('topics');
    if (!options.includeInactive) query = query.where('active', '=', 1);
    if (options.q) query = query.where(containsText('name', options.q));
    const { limit, offset } = pageWindow(options);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('sort_order').orderBy('name').limit(limit).offset(offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toRecord), total: Number(count.n) };
  }

  /** One topic, or 404. */
  async get(id: string): Promise<TopicRecord> {
    const row = await this.db.selectFrom('topics').selectAll().where('id', '=', id).executeTakeFirst();
    return required(row ? toRecord(row) : undefined, 'Topic');
  }

  /** Creates a topic; names are unique. */
  async create(input: { id: string; now: string; name: string } & TopicFields): Promise<TopicRecord> {
    await guardWrite(
      () =>
        this.db
          .insertInto('topics')
          .values({ ...toColumns(input), id: input.id, name: input.name, created_at: input.now, updated_at: input.now })
          .execute(),
      'Topic',
    );
    return this.get(input.id);
  }

  /** Updates fields with optimistic locking. */
  async update(id: string, fields: TopicFields, options: { expectedVersion?: number | undefined; now: string }): Promise<TopicRecord> {
    await updateVersioned(this.db, 'topics', id, toColumns(fields), { ...options, what: 'Topic' });
    return this.get(id);
  }
}
