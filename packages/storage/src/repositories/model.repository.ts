/**
 * Stored text models (the routing classifiers): every trained model is kept with its metrics;
 * at most one per kind is active.
 */
import type { DB } from '../database';
import { parseJson, toBool } from '../sql-helpers';

/** A stored model. */
export interface ModelRecord {
  id: string;
  kind: string;
  createdAt: string;
  metrics: Record<string, unknown>;
  active: boolean;
}

/** A stored model with its serialised form. */
export interface ModelWithData extends ModelRecord {
  model: string;
}

/** Reads and writes stored models. */
export class ModelRepository {
  constructor(private readonly db: DB) {}

  /** Stores a model (inactive unless `active`); activating deactivates the others of its kind. */
  async insert(record: { id: string; kind: string; createdAt: string; metrics: Record<string, unknown>; model: string; active: boolean }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (record.active) await trx.updateTable('models').set({ active: 0 }).where('kind', '=', record.kind).execute();
      await trx
        .insertInto('models')
        .values({
          id: record.id,
          kind: record.kind,
          created_at: record.createdAt,
          metrics: JSON.stringify(record.metrics),
          model: record.model,
          active: record.active ? 1 : 0,
        })
        .execute();
    });
  }

  /** The active model of a kind, with its data. */
  async active(kind: string): Promise<ModelWithData | undefined> {
    const row = await this.db
      .selectFrom('models')
      .selectAll()
      .where('kind', '=', kind)
      .where('active', '=', 1)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return row ? { ...toModel(row), model: row.model } : undefined;
  }

  /** Model history of a kind, newest first (without the data). */
  async list(kind: string, limit = 50): Promise<ModelRecord[]> {
    const rows = await this.db
      .selectFrom('models')
      .select(['id', 'kind', 'created_at', 'metrics', 'active'])
      .where('kind', '=', kind)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toModel);
  }
}

function toModel(row: { id: string; kind: string; created_at: string; metrics: string; active: number }): ModelRecord {
  return { id: row.id, kind: row.kind, createdAt: row.created_at, metrics: parseJson<Record<string, unknown>>(row.metrics, {}), active: toBool(row.active) };
}
