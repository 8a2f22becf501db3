/**
 * Units of the liaison network: the hub, stations and liaison points, as a tree with a
 * materialized path for subtree scope queries.
 */
import type { UnitKind } from '@lianxin/core';
import type { Selectable } from 'kysely';
import type { DB } from '../database';
import type { UnitsTable } from '../schema';
import { containsText, fromBool, guardWrite, pageWindow, parseJson, toBool, type ListOptions, type Page } from '../sql-helpers';
import { required, updateVersioned } from './versioned';

/** A unit as the application sees it. */
export interface UnitRecord {
  id: string;
  parentId: string | null;
  kind: UnitKind;
  name: string;
  path: string;
  region: string | null;
  regionType: string | null;
  pointKind: string | null;
  address: string | null;
  phone: string | null;
  openingHours: string | null;
  brands: string[];
  lat: number | null;
  lng: number | null;
  sortOrder: number;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Editable fields of a unit. */
export type UnitFields = Partial<
  Pick<UnitRecord, 'name' | 'region' | 'regionType' | 'pointKind' | 'address' | 'phone' | 'openingHours' | 'brands' | 'lat' | 'lng' | 'sortOrder' | 'active'>
>;

/** Filters of the unit list. */
export interface UnitListOptions extends ListOptions {
  kind?: UnitKind | undefined;
  parentId?: string | undefined;
  /** Only units inside this subtree. */
  underPath?: string | undefined;
}

function toRecord(row: Selectable<UnitsTable>): UnitRecord {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind as UnitKind,
    name: row.name,
    path: row.path,
    region: row.region,
    regionType: row.region_type,
    pointKind: row.point_kind,
    address: row.address,
    phone: row.phone,
    openingHours: row.opening_hours,
    brands: parseJson<string[]>(row.brands, []),
    lat: row.lat,
    lng: row.lng,
    sortOrder: row.sort_order,
    active: toBool(row.active),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toColumns(fields: UnitFields) {
  return {
    name: fields.name,
    region: fields.region,
    region_type: fields.regionType,
    point_kind: fields.pointKind,
    address: fields.address,
    phone: fields.phone,
    opening_hours: fields.openingHours,
    brands: fields.brands === undefined ? undefined : JSON.stringify(fields.brands),
    lat: fields.lat,
    lng: fields.lng,
    sort_order: fields.sortOrder,
    active: fields.active === undefined ? undefined : fromBool(fields.active),
  };
}

/** Reads and writes units. */
export class UnitRepository {
  constructor(private readonly db: DB) {}

  /** A page of units in tree order (by path, then sort order). */
  async list(options: UnitListOptions = {}): Promise<Page<UnitRecord>> {
    let query = this.db.selectFrom('units');
    if (!options.includeInactive) query = query.where('active', '=', 1);
    if (options.kind) query = query.where('kind', '=', options.kind);
    if (options.parentId) query = query.where('parent_id', '=', options.parentId);
    if (options.underPath) query = query.where('path', 'like', `${options.underPath}%`);
    if (options.q) {
      const q = options.q;
      query = query.where((eb) => eb.or([containsText('name', q), containsText('region', q), containsText('address', q)]));
    }
    const { limit, offset } = pageWindow(options);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('path').orderBy('sort_order').limit(limit).offset(offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toRecord), total: Number(count.n) };
  }

  /** Every active unit, tree order; for the public list and pickers. */
  async listActive(): Promise<UnitRecord[]> {
    const rows = await this.db.selectFrom('units').selectAll().where('active', '=', 1).orderBy('sort_order').orderBy('path').execute();
    return rows.map(toRecord);
  }

  /** One unit, or undefined. */
  async find(id: string): Promise<UnitRecord | undefined> {
    const row = await this.db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** One unit, or 404. */
  async get(id: string): Promise<UnitRecord> {
    return required(await this.find(id), 'Unit');
  }

  /** Creates a unit under `parent` (null for the hub); its path extends the parent's. */
  async create(input: { id: string; kind: UnitKind; parent: UnitRecord | null; now: string } & UnitFields & { name: string }): Promise<UnitRecord> {
    const path = `${input.parent?.path ?? '/'}${input.id}/`;
    await guardWrite(
      () =>
        this.db
          .insertInto('units')
          .values({
            id: input.id,
            parent_id: input.parent?.id ?? null,
            kind: input.kind,
            path,
            ...toColumns({ brands: [], sortOrder: 0, active: true, ...input }),
            name: input.name,
            version: 1,
            created_at: input.now,
            updated_at: input.now,
          })
          .execute(),
      'Unit',
    );
    return this.get(input.id);
  }

  /** Updates fields; `expectedVersion` guards against lost updates. */
  async update(id: string, fields: UnitFields, options: { expectedVersion?: number | undefined; now: string }): Promise<UnitRecord> {
    await updateVersioned(this.db, 'units', id, toColumns(fields), { ...options, what: 'Unit' });
    return this.get(id);
  }

  /** Counts of active units per kind. */
  async countByKind(): Promise<Record<UnitKind, number>> {
    const rows = await this.db
      .selectFrom('units')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('active', '=', 1)
      .groupBy('kind')
      .execute();
    const counts: Record<UnitKind, number> = { hub: 0, station: 0, point: 0 };
    for (const row of rows) counts[row.kind as UnitKind] = Number(row.n);
    return counts;
  }
}
