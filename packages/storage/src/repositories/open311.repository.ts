/**
 * Open311 GeoReport v2 over cases: which API key filed which case (and the token it got),
 * and the public reads of requests and their updates. A request is visible to Open311
 * readers when its reporter consented to publication, or when the caller's own key filed
 * it; personal data never leaves this query (no reporter columns are selected).
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../database';
import { parseJson } from '../sql-helpers';

/** A case filed through Open311. */
export interface Open311RequestRecord {
  caseId: string;
  token: string;
  apiKeyId: string | null;
  serviceCode: string;
  attributes: Record<string, unknown>;
  createdAt: string;
}

/** The public columns of a case that Open311 shows. */
export interface Open311CaseRow {
  id: string;
  status: string;
  categoryId: string | null;
  departmentId: string | null;
  title: string;
  content: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  replyContent: string | null;
  replyDueAt: string | null;
  createdAt: string;
  updatedAt: string;
  token: string | null;
}

/** One public event of a visible case (the updates feed). */
export interface Open311UpdateRow {
  eventId: string;
  caseId: string;
  type: string;
  toStatus: string | null;
  caseStatus: string;
  reason: string | null;
  at: string;
}

/** Filters of `GET requests` (already mapped to internal values). */
export interface Open311Query {
  ids?: string[] | undefined;
  categoryIds?: string[] | undefined;
  statuses?: string[] | undefined;
  start?: string | undefined;
  end?: string | undefined;
  /** The caller's key: its own requests are visible without publication consent. */
  apiKeyId?: string | null | undefined;
  limit: number;
}

/** Published cases, plus those the caller's own key filed (tables aliased `c` and `o`). */
function visibleTo(apiKeyId: string | null | undefined): RawBuilder<SqlBool> {
  return apiKeyId ? sql<SqlBool>`(c.consent_public = 1 OR o.api_key_id = ${apiKeyId})` : sql<SqlBool>`c.consent_public = 1`;
}

/** Reads and writes Open311's view of cases. */
export class Open311Repository {
  constructor(private readonly db: DB) {}

  /** Links a new case to the key that filed it. */
  async insert(r: Open311RequestRecord): Promise<void> {
    await this.db
      .insertInto('open311_requests')
      .values({
        case_id: r.caseId,
        token: r.token,
        api_key_id: r.apiKeyId,
        service_code: r.serviceCode,
        attributes: JSON.stringify(r.attributes),
        created_at: r.createdAt,
      })
      .execute();
  }

  /** The request a case was filed as, or undefined (a case from another channel). */
  async findByCase(caseId: string): Promise<Open311RequestRecord | undefined> {
    const row = await this.db.selectFrom('open311_requests').select('token').where('case_id', '=', caseId).executeTakeFirst();
    return row ? this.findByToken(row.token) : undefined;
  }

  /** The request behind a token, or undefined. */
  async findByToken(token: string): Promise<Open311RequestRecord | undefined> {
    const row = await this.db.selectFrom('open311_requests').selectAll().where('token', '=', token).executeTakeFirst();
    return row
      ? {
          caseId: row.case_id,
          token: row.token,
          apiKeyId: row.api_key_id,
          serviceCode: row.service_code,
          attributes: parseJson<Record<string, unknown>>(row.attributes, {}),
          createdAt: row.created_at,
        }
      : undefined;
  }

  /** Visible requests matching the filters, newest first. */
  async listRequests(query: Open311Query): Promise<Open311CaseRow[]> {
    let q = this.db.selectFrom('cases as c').leftJoin('open311_requests as o', 'o.case_id', 'c.id').where(visibleTo(query.apiKeyId));
    if (query.ids) q = q.where('c.id', 'in', query.ids.length ? query.ids : ['']);
    if (query.categoryIds) q = q.where('c.category_id', 'in', query.categoryIds.length ? query.categoryIds : ['']);
    if (query.statuses) q = q.where('c.status', 'in', query.statuses.length ? query.statuses : ['']);
    if (query.start) q = q.where('c.created_at', '>=', query.start);
    if (query.end) q = q.where('c.created_at', '<=', query.end);
    const rows = await q
      .select([
        'c.id',
        'c.status',
        'c.category_id',
        'c.department_id',
        'c.title',
        'c.content',
        'c.address',
        'c.lat',
        'c.lng',
        'c.reply_content',
        'c.reply_due_at',
        'c.created_at',
        'c.updated_at',
        'o.token',
      ])
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(query.limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      categoryId: r.category_id,
      departmentId: r.department_id,
      title: r.title,
      content: r.content,
      address: r.address,
      lat: r.lat === null ? null : Number(r.lat),
      lng: r.lng === null ? null : Number(r.lng),
      replyContent: r.reply_content,
      replyDueAt: r.reply_due_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      token: r.token ?? null,
    }));
  }

  /** Public events of visible cases between `start` and `end`, oldest first. */
  async listUpdates(query: { start: string; end: string; apiKeyId?: string | null | undefined; limit: number }): Promise<Open311UpdateRow[]> {
    const rows = await this.db
      .selectFrom('case_events as e')
      .innerJoin('cases as c', 'c.id', 'e.case_id')
      .leftJoin('open311_requests as o', 'o.case_id', 'c.id')
      .where(visibleTo(query.apiKeyId))
      .where('e.public', '=', 1)
      .where('e.at', '>=', query.start)
      .where('e.at', '<=', query.end)
      .select(['e.id', 'e.case_id', 'e.type', 'e.to_status', 'c.status', 'e.reason', 'e.at'])
      .orderBy('e.at', 'asc')
      .orderBy('e.seq', 'asc')
      .limit(query.limit)
      .execute();
    return rows.map((r) => ({ eventId: r.id, caseId: r.case_id, type: r.type, toStatus: r.to_status, caseStatus: r.status, reason: r.reason, at: r.at }));
  }
}
