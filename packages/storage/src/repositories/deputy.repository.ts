/**
 * Deputies: public profile plus private contact kept encrypted (the service encrypts;
 * this repository only stores ciphertext and the keyed lookup hash).
 */
import type { DeputyLevel } from '@lianxin/core';
import type { Selectable } from 'kysely';
import type { DB } from '../database';
import type { DeputiesTable } from '../schema';
import { containsText, fromBool, guardWrite, pageWindow, parseJson, toBool, type ListOptions, type Page } from '../sql-helpers';
import { required, updateVersioned } from './versioned';

/** A deputy as the application sees it; contact fields are ciphertext. */
export interface DeputyRecord {
  id: string;
  name: string;
  gender: 'male' | 'female' | null;
  levels: DeputyLevel[];
  homeUnitId: string | null;
  sector: string | null;
  position: string | null;
  profile: string | null;
  phoneEnc: string | null;
  phoneHash: string | null;
  emailEnc: string | null;
  emailHash: string | null;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Editable fields of a deputy. */
export type DeputyFields = Partial<Omit<DeputyRecord, 'id' | 'version' | 'createdAt' | 'updatedAt'>>;

/** Filters of the deputy list. */
export interface DeputyListOptions extends ListOptions {
  homeUnitId?: string | undefined;
  level?: DeputyLevel | undefined;
  /** Only deputies whose home unit lies in this subtree. */
  underPath?: string | undefined;
}

function toRecord(row: Selectable<DeputiesTable>): DeputyRecord {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender as DeputyRecord['gender'],
    levels: parseJson<DeputyLevel[]>(row.levels, []),
    homeUnitId: row.home_unit_id,
    sector: row.sector,
    position: row.position,
    profile: row.profile,
    phoneEnc: row.phone_enc,
    phoneHash: row.phone_hash,
    emailEnc: row.email_enc,
    emailHash: row.email_hash,
    active: toBool(row.active),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toColumns(f: DeputyFields) {
  return {
    name: f.name,
    gender: f.gender,
    levels: f.levels === undefined ? undefined : JSON.stringify(f.levels),
    home_unit_id: f.homeUnitId,
    sector: f.sector,
    position: f.position,
    profile: f.profile,
    phone_enc: f.phoneEnc,
    phone_hash: f.phoneHash,
    email_enc: f.emailEnc,
    email_hash: f.emailHash,
    active: f.active === undefined ? undefined : fromBool(f.active),
  };
}

/** Reads and writes deputies. */
export class DeputyRepository {
  constructor(private readonly db: DB) {}

  /** A page of deputies, by name. */
  async list(options: DeputyListOptions = {}): Promise<Page<DeputyRecord>> {
    let query = this.db.selectFrom('deputies');
    if (!options.includeInactive) query = query.where('deputies.active', '=', 1);
    if (options.homeUnitId) query = query.where('deputies.home_unit_id', '=', options.homeUnitId);
    if (options.level) query = query.where('deputies.levels', 'like', `%"${options.level}"%`);
    if (options.underPath) {
      const underPath = options.underPath;
      query = query.where('deputies.home_unit_id', 'in', (eb) => eb.selectFrom('units').select('units.id').where('units.path', 'like', `${underPath}%`));
    }
    if (options.q) {
      const q = options.q;
      query = query.where((eb) => eb.or([containsText('deputies.name', q), containsText('deputies.sector', q), containsText('deputies.position', q)]));
    }
    const { limit, offset } = pageWindow(options);
    const [rows, count] = await Promise.all([
      query.selectAll('deputies').orderBy('deputies.name').orderBy('deputies.id').limit(limit).offset(offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toRecord), total: Number(count.n) };
  }

  /** One deputy, or undefined. */
  async find(id: string): Promise<DeputyRecord | undefined> {
    const row = await this.db.selectFrom('deputies').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** One deputy, or 404. */
  async get(id: string): Promise<DeputyRecord> {
    return required(await this.find(id), 'Deputy');
  }

  /** Creates a deputy. */
  async create(input: { id: string; now: string; name: string; levels: DeputyLevel[] } & DeputyFields): Promise<DeputyRecord> {
    await guardWrite(
      () =>
        this.db
          .insertInto('deputies')
          .values({
            ...toColumns({ active: true, ...input }),
            id: input.id,
            name: input.name,
            levels: JSON.stringify(input.levels),
            active: 1,
            version: 1,
            created_at: input.now,
            updated_at: input.now,
          })
          .execute(),
      'Deputy',
    );
    return this.get(input.id);
  }

  /** Updates fields with optimistic locking. */
  async update(id: string, fields: DeputyFields, options: { expectedVersion?: number | undefined; now: string }): Promise<DeputyRecord> {
    await updateVersioned(this.db, 'deputies', id, toColumns(fields), { ...options, what: 'Deputy' });
    return this.get(id);
  }
}
