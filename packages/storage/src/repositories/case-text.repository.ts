/**
 * The text side of cases: full-text tokens, and the narrow reads the text intelligence needs
 * (open cases for near-duplicate lookup, labelled cases for routing, a window of cases for hot
 * issues, notes for the search index). Separate from the case repository, which owns the
 * version-guarded writes: `search_tokens` is derived data and changes without a new version.
 */
import type { Expression, SqlBool } from 'kysely';
import type { DB } from '../database';
import { parseJson, toBool } from '../sql-helpers';
import type { CaseVisibility } from './case.repository';

/** A case's text as the search index and the clustering read it. */
export interface CaseTextRow {
  id: string;
  title: string;
  content: string;
  replyContent: string | null;
  status: string;
  unitId: string | null;
  createdAt: string;
  /** The reporter agreed to publication (such cases may be suggested to other citizens). */
  consentPublic: boolean;
}

/** Just enough of a case to show it as "similar" (and to decide who may see it). */
export interface CaseBrief {
  id: string;
  trackingCode: string;
  title: string;
  status: string;
  consentPublic: boolean;
  unitId: string | null;
  unitPath: string | null;
  departmentId: string | null;
  deputyId: string | null;
  targetDeputyId: string | null;
  categoryId: string | null;
}

/** A case labelled by staff (for routing). */
export interface LabelledCaseRow {
  id: string;
  title: string;
  content: string;
  categoryId: string;
  departmentId: string | null;
  unitId: string | null;
}

/** Statuses of cases still being handled (near-duplicate candidates). */
export const OPEN_CASE_STATUSES = ['submitted', 'accepted', 'assigned', 'in_progress', 'reopened', 'replied'];

const TEXT_COLUMNS = ['id', 'title', 'content', 'reply_content', 'status', 'unit_id', 'created_at', 'consent_public'] as const;

/** Reads and writes the text side of cases. */
export class CaseTextRepository {
  constructor(private readonly db: DB) {}

  /** Stores the full-text tokens of a case (the database index follows). */
  async setSearchTokens(id: string, tokens: string): Promise<void> {
    await this.db.updateTable('cases').set({ search_tokens: tokens }).where('id', '=', id).execute();
  }

  /** One case's text, or undefined. */
  async text(id: string): Promise<CaseTextRow | undefined> {
    const row = await this.db.selectFrom('cases').select(TEXT_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? toTextRow(row) : undefined;
  }

  /** A batch of cases after `afterId` (by id), for a full reindex. */
  async batchAfter(afterId: string, limit: number): Promise<CaseTextRow[]> {
    const rows = await this.db.selectFrom('cases').select(TEXT_COLUMNS).where('id', '>', afterId).orderBy('id').limit(limit).execute();
    return rows.map(toTextRow);
  }

  /** Contents of the staff notes of the given cases, by case id. */
  async notes(caseIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!caseIds.length) return out;
    const rows = await this.db
      .selectFrom('case_events')
      .select(['case_id', 'payload'])
      .where('type', '=', 'note')
      .where('case_id', 'in', [...caseIds])
      .orderBy('seq')
      .execute();
    for (const row of rows) {
      const content = parseJson<{ content?: unknown }>(row.payload, {}).content;
      if (typeof content === 'string' && content) out.set(row.case_id, [...(out.get(row.case_id) ?? []), content]);
    }
    return out;
  }

  /** The most recent open cases (optionally only those created at or after `since`), newest first. */
  async open(limit: number, since?: string): Promise<CaseTextRow[]> {
    let query = this.db.selectFrom('cases').select(TEXT_COLUMNS).where('status', 'in', OPEN_CASE_STATUSES);
    if (since) query = query.where('created_at', '>=', since);
    const rows = await query.orderBy('created_at', 'desc').limit(limit).execute();
    return rows.map(toTextRow);
  }

  /** Brief records of the given cases. */
  async briefs(ids: readonly string[]): Promise<CaseBrief[]> {
    if (!ids.length) return [];
    const rows = await this.db
      .selectFrom('cases')
      .select([
        'id',
        'tracking_code',
        'title',
        'status',
        'consent_public',
        'unit_id',
        'unit_path',
        'department_id',
        'deputy_id',
        'target_deputy_id',
        'category_id',
      ])
      .where('id', 'in', [...ids])
      .execute();
    return rows.map((r) => ({
      id: r.id,
      trackingCode: r.tracking_code,
      title: r.title,
      status: r.status,
      consentPublic: toBool(r.consent_public),
      unitId: r.unit_id,
      unitPath: r.unit_path,
      departmentId: r.department_id,
      deputyId: r.deputy_id,
      targetDeputyId: r.target_deputy_id,
      categoryId: r.category_id,
    }));
  }

  /**
   * Cases staff have labelled: a category is set and staff took the case in (accepted or later;
   * rejected cases are left out). Most recent first.
   */
  async labelled(limit: number): Promise<LabelledCaseRow[]> {
    const rows = await this.db
      .selectFrom('cases')
      .select(['id', 'title', 'content', 'category_id', 'department_id', 'unit_id'])
      .where('category_id', 'is not', null)
      .where('status', 'not in', ['submitted', 'rejected'])
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, title: r.title, content: r.content, categoryId: r.category_id!, departmentId: r.department_id, unitId: r.unit_id }));
  }

  /** Cases of a time window within a visibility (newest first, at most `limit`), for hot issues and hot words. */
  async window(visibility: CaseVisibility, options: { from: string; to: string; unitId?: string | undefined; limit: number }): Promise<CaseTextRow[]> {
    let query = this.db
      .selectFrom('cases')
      .select(TEXT_COLUMNS)
      .where((eb) => {
        if (visibility.all) return eb.lit(true);
        const parts: Array<Expression<SqlBool>> = [];
        if (visibility.unitPath) parts.push(eb('unit_path', 'like', `${visibility.unitPath}%`));
        if (visibility.departmentId) parts.push(eb('department_id', '=', visibility.departmentId));
        if (visibility.deputyId) parts.push(eb.or([eb('deputy_id', '=', visibility.deputyId), eb('target_deputy_id', '=', visibility.deputyId)]));
        return parts.length ? eb.or(parts) : eb.lit(false);
      })
      .where('created_at', '>=', options.from)
      .where('created_at', '<', options.to)
      .where('status', 'not in', ['rejected', 'merged']);
    if (options.unitId) query = query.where('unit_id', '=', options.unitId);
    const rows = await query.orderBy('created_at', 'desc').limit(options.limit).execute();
    return rows.map(toTextRow);
  }
}

function toTextRow(row: {
  id: string;
  title: string;
  content: string;
  reply_content: string | null;
  status: string;
  unit_id: string | null;
  created_at: string;
  consent_public: number;
}): CaseTextRow {
  return {
    consentPublic: toBool(row.consent_public),
    id: row.id,
    title: row.title,
    content: row.content,
    replyContent: row.reply_content,
    status: row.status,
    unitId: row.unit_id,
    createdAt: row.created_at,
  };
}
