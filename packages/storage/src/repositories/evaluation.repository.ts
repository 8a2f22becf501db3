/**
 * Evaluation schemes, admin-entered inputs, published snapshots, and the raw material the
 * scores are computed from: the cases of a period with their event chains.
 */
import type { Selectable } from 'kysely';
import { AppError } from '@lianxin/core';
import type { DB } from '../database';
import type { EvaluationSchemesTable } from '../schema';
import { fromBool, guardWrite, parseJson, toBool } from '../sql-helpers';
import { required } from './versioned';

/** A stored scheme (the definition is validated by the service against core's types). */
export interface EvaluationSchemeRecord {
  id: string;
  name: string;
  subject: 'unit' | 'deputy' | 'department';
  definition: unknown;
  active: boolean;
  version: number;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One admin-entered value. */
export interface EvaluationInputRecord {
  schemeId: string;
  period: string;
  subjectId: string;
  key: string;
  value: number;
  note: string | null;
  updatedBy: string | null;
  updatedAt: string;
}

/** Published results. */
export interface EvaluationSnapshotRecord {
  schemeId: string;
  period: string;
  schemeVersion: number;
  results: unknown;
  publishedBy: string | null;
  publishedAt: string;
}

/** A case of a period with what the evaluation needs (no contact data, only the phone's keyed hash). */
export interface EvaluationCaseRow {
  id: string;
  trackingCode: string;
  title: string;
  status: string;
  unitPath: string | null;
  categoryId: string | null;
  targetDeputyId: string | null;
  receptionId: string | null;
  phoneHash: string | null;
  createdAt: string;
  events: Array<{ type: string; toStatus: string | null; at: string; actorKind: string; payload: Record<string, unknown> }>;
}

function schemeRecord(r: Selectable<EvaluationSchemesTable>): EvaluationSchemeRecord {
  return {
    id: r.id,
    name: r.name,
    subject: r.subject as EvaluationSchemeRecord['subject'],
    definition: parseJson<unknown>(r.definition, null),
    active: toBool(Number(r.active)),
    version: Number(r.version),
    updatedBy: r.updated_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Reads and writes evaluation data. */
export class EvaluationRepository {
  constructor(private readonly db: DB) {}

  /** Creates a scheme unless one with the id exists; true when created. */
  async createScheme(input: { id: string; name: string; subject: string; definition: unknown; updatedBy: string | null; now: string }): Promise<boolean> {
    const result = await this.db
      .insertInto('evaluation_schemes')
      .values({
        id: input.id,
        name: input.name,
        subject: input.subject,
        definition: JSON.stringify(input.definition),
        updated_by: input.updatedBy,
        created_at: input.now,
        updated_at: input.now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Replaces name, definition and active flag (optimistic lock). */
  async updateScheme(
    id: string,
    fields: { name: string; definition: unknown; active: boolean },
    expectedVersion: number | undefined,
    updatedBy: string | null,
    now: string,
  ): Promise<EvaluationSchemeRecord> {
    let query = this.db
      .updateTable('evaluation_schemes')
      .set((eb) => ({
        name: fields.name,
        definition: JSON.stringify(fields.definition),
        active: fromBool(fields.active),
        updated_by: updatedBy,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id);
    if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
    const result = await guardWrite(() => query.executeTakeFirst(), 'Scheme');
    if (Number(result.numUpdatedRows) === 0) {
      if (!(await this.findScheme(id))) throw new AppError('RESOURCE_NOT_FOUND', { message: 'Scheme not found.' });
      throw new AppError('VERSION_CONFLICT');
    }
    return this.getScheme(id);
  }

  /** A scheme, or undefined. */
  async findScheme(id: string): Promise<EvaluationSchemeRecord | undefined> {
    const row = await this.db.selectFrom('evaluation_schemes').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? schemeRecord(row) : undefined;
  }

  /** A scheme that must exist. */
  async getScheme(id: string): Promise<EvaluationSchemeRecord> {
    return required(await this.findScheme(id), 'Scheme');
  }

  /** All schemes. */
  async listSchemes(): Promise<EvaluationSchemeRecord[]> {
    const rows = await this.db.selectFrom('evaluation_schemes').selectAll().orderBy('subject').orderBy('created_at').orderBy('id').execute();
    return rows.map(schemeRecord);
  }

  /** Sets (or with `value` null, removes) an input. */
  async setInput(input: Omit<EvaluationInputRecord, 'value'> & { value: number | null }): Promise<void> {
    if (input.value === null) {
      await this.db
        .deleteFrom('evaluation_inputs')
        .where('scheme_id', '=', input.schemeId)
        .where('period', '=', input.period)
        .where('subject_id', '=', input.subjectId)
        .where('key', '=', input.key)
        .execute();
      return;
    }
    const value = input.value;
    await this.db
      .insertInto('evaluation_inputs')
      .values({
        scheme_id: input.schemeId,
        period: input.period,
        subject_id: input.subjectId,
        key: input.key,
        value,
        note: input.note,
        updated_by: input.updatedBy,
        updated_at: input.updatedAt,
      })
      .onConflict((oc) =>
        oc
          .columns(['scheme_id', 'period', 'subject_id', 'key'])
          .doUpdateSet({ value, note: input.note, updated_by: input.updatedBy, updated_at: input.updatedAt }),
      )
      .execute();
  }

  /** Inputs of a scheme for a period. */
  async inputs(schemeId: string, period: string): Promise<EvaluationInputRecord[]> {
    const rows = await this.db.selectFrom('evaluation_inputs').selectAll().where('scheme_id', '=', schemeId).where('period', '=', period).execute();
    return rows.map((r) => ({
      schemeId: r.scheme_id,
      period: r.period,
      subjectId: r.subject_id,
      key: r.key,
      value: Number(r.value),
      note: r.note,
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    }));
  }

  /** Stores (replaces) the published results of a period. */
  async publish(s: EvaluationSnapshotRecord): Promise<void> {
    const results = JSON.stringify(s.results);
    await this.db
      .insertInto('evaluation_snapshots')
      .values({ scheme_id: s.schemeId, period: s.period, scheme_version: s.schemeVersion, results, published_by: s.publishedBy, published_at: s.publishedAt })
      .onConflict((oc) =>
        oc.columns(['scheme_id', 'period']).doUpdateSet({ scheme_version: s.schemeVersion, results, published_by: s.publishedBy, published_at: s.publishedAt }),
      )
      .execute();
  }

  /** The published results of a period, or undefined. */
  async snapshot(schemeId: string, period: string): Promise<EvaluationSnapshotRecord | undefined> {
    const r = await this.db.selectFrom('evaluation_snapshots').selectAll().where('scheme_id', '=', schemeId).where('period', '=', period).executeTakeFirst();
    return r
      ? {
          schemeId: r.scheme_id,
          period: r.period,
          schemeVersion: Number(r.scheme_version),
          results: parseJson<unknown>(r.results, []),
          publishedBy: r.published_by,
          publishedAt: r.published_at,
        }
      : undefined;
  }

  /**
   * Cases created between `from` and `to` (ISO instants, inclusive) with their events, one slice
   * at a time: up to `limit` cases in creation order (then id) after the case `after`. A month at
   * a million cases holds tens of thousands of cases and hundreds of thousands of events; read
   * in slices, no statement runs long and the caller can give the event loop a turn between them.
   */
  async casesWithEvents(
    from: string,
    to: string,
    slice: { after?: { createdAt: string; id: string } | undefined; limit: number },
  ): Promise<EvaluationCaseRow[]> {
    const { after } = slice;
    let query = this.db
      .selectFrom('cases')
      .select(['id', 'tracking_code', 'title', 'status', 'unit_path', 'category_id', 'target_deputy_id', 'reception_id', 'reporter_phone_hash', 'created_at'])
      .where('created_at', '>=', after ? after.createdAt : from)
      .where('created_at', '<=', to);
    if (after) query = query.where((eb) => eb.or([eb('created_at', '>', after.createdAt), eb('id', '>', after.id)]));
    const cases = await query
      .orderBy('created_at')
      .orderBy('id')
      .limit(Math.max(1, Math.floor(slice.limit)))
      .execute();
    const byCase = new Map<string, EvaluationCaseRow['events']>();
    for (let i = 0; i < cases.length; i += 500) {
      const ids = cases.slice(i, i + 500).map((c) => c.id);
      const events = await this.db
        .selectFrom('case_events')
        .select(['case_id', 'type', 'to_status', 'at', 'actor_kind', 'payload'])
        .where('case_id', 'in', ids)
        .orderBy('seq')
        .execute();
      for (const e of events) {
        const list = byCase.get(e.case_id) ?? [];
        list.push({ type: e.type, toStatus: e.to_status, at: e.at, actorKind: e.actor_kind, payload: parseJson<Record<string, unknown>>(e.payload, {}) });
        byCase.set(e.case_id, list);
      }
    }
    return cases.map((c) => ({
      id: c.id,
      trackingCode: c.tracking_code,
      title: c.title,
      status: c.status,
      unitPath: c.unit_path,
      categoryId: c.category_id,
      targetDeputyId: c.target_deputy_id,
      receptionId: c.reception_id,
      phoneHash: c.reporter_phone_hash,
      createdAt: c.created_at,
      events: byCase.get(c.id) ?? [],
    }));
  }
}
