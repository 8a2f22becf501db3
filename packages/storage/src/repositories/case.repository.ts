/**
 * Opinion cases and their append-only event chain. A case row changes only together
 * with the events that explain the change, in one statement pair guarded by the case's
 * version: a stale writer changes nothing and gets VERSION_CONFLICT.
 */
import { AppError, OPEN_CASE_STATUSES } from '@lianxin/core';
import { PostgresAdapter, sql, type Expression, type Selectable, type SqlBool } from 'kysely';
import type { DB } from '../database';
import type { CaseEventsTable, CasesTable } from '../schema';
import { containsText, fromBool, guardWrite, pageWindow, parseJson, toBool, type Page } from '../sql-helpers';
import { required } from './versioned';
import { allOf, anyOf, facetPhrase, monthFacets, unitPrefixPhrase } from './case-facets';
import { caseTextSearch } from './case-search';
import { encodeCaseCursor, type CaseCursor } from './case-cursor';
import { SUPERVISED_OPEN_SQL, worklistCounts, type WorklistCounts } from './case-worklists';

/** A case as the application sees it (contact fields are ciphertext). */
export interface CaseRecord {
  id: string;
  trackingCode: string;
  verifySecretHash: string | null;
  channel: string;
  status: string;
  version: number;
  kind: string;
  categoryId: string | null;
  unitId: string | null;
  unitPath: string | null;
  departmentId: string | null;
  deputyId: string | null;
  targetDeputyId: string | null;
  title: string;
  content: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  reporterNameEnc: string | null;
  reporterPhoneEnc: string | null;
  reporterPhoneHash: string | null;
  reporterPhoneLast4Hash: string | null;
  reporterEmailEnc: string | null;
  reporterEmailHash: string | null;
  anonymous: boolean;
  consentPublic: boolean;
  enteredBy: string | null;
  receptionId: string | null;
  sourceKey: string | null;
  spamScore: number;
  spamFlags: string[];
  acceptDueAt: string | null;
  signDueAt: string | null;
  replyDueAt: string | null;
  extension: Record<string, unknown>;
  replyContent: string | null;
  rating: string | null;
  ratingComment: string | null;
  ratedAt: string | null;
  reopenCount: number;
  escalationLevel: number;
  supervised: boolean;
  mergedInto: string | null;
  suggestionId: string | null;
  workflow: Record<string, unknown>;
  lastEventHash: string | null;
  eventCount: number;
  createdAt: string;
  updatedAt: string;
  acceptedAt: string | null;
  assignedAt: string | null;
  signedAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
}

/** Fields a new case starts with (defaults fill the rest). */
export type NewCase = Pick<CaseRecord, 'id' | 'trackingCode' | 'channel' | 'status' | 'kind' | 'title' | 'content' | 'createdAt'> &
  Partial<Omit<CaseRecord, 'version' | 'eventCount' | 'lastEventHash' | 'updatedAt'>>;

/** Fields an action may change. */
export type CaseChanges = Partial<Omit<CaseRecord, 'id' | 'trackingCode' | 'version' | 'eventCount' | 'lastEventHash' | 'createdAt'>>;

/** One event in a case's chain. */
export interface CaseEventRecord {
  seq?: number;
  id: string;
  caseId: string;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  actorId: string | null;
  actorKind: string;
  actorName: string | null;
  at: string;
  reason: string | null;
  payload: Record<string, unknown>;
  /** Shown on the citizen's tracking page. */
  public: boolean;
  prevHash: string;
  hash: string;
}

/** Who may see which cases; the parts are OR-ed. `all` sees everything. */
export interface CaseVisibility {
  all?: boolean;
  unitPath?: string | null;
  departmentId?: string | null;
  deputyId?: string | null;
}

/** A page of the case list. */
export interface CasePage extends Page<CaseRecord> {
  /** True when a full-text search counted only its newest SEARCH_CANDIDATES matches: `total` is then a lower bound. */
  totalCapped: boolean;
  /** The cursor of the page after this one (`after`), or null at the end or for a search ranked by relevance. */
  nextCursor: string | null;
  /** The cursor of the page before this one (`before`), or null on the first page or for a search ranked by relevance. */
  prevCursor: string | null;
}

/** Filters of the case list (API.md). */
export interface CaseListOptions {
  status?: string[] | undefined;
  unitId?: string | undefined;
  underPath?: string | undefined;
  categoryId?: string | undefined;
  departmentId?: string | undefined;
  deputyId?: string | undefined;
  channel?: string | undefined;
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Only cases whose reply deadline passed before this instant while still open. */
  overdueAt?: string | undefined;
  flagged?: boolean | undefined;
  supervised?: boolean | undefined;
  /** Open cases whose reply deadline falls in [dueAfter, dueBefore). */
  dueBefore?: string | undefined;
  dueAfter?: string | undefined;
  /** Full-text tokens of `q` (`tokensForQuery`); without them `q` is matched with LIKE. */
  searchTokens?: string[] | undefined;
  /** Order: by relevance (default when searching by tokens) or newest first. */
  sort?: 'relevance' | 'newest' | undefined;
  /** The total when the caller already knows it exactly (from the statistics roll-up): the list skips counting. */
  knownTotal?: number | undefined;
  /**
   * Keyset pagination ("search after", case-cursor.ts): the page of rows just after this one in
   * the newest-first order (`page` is then ignored). Not with a text search (its matches are
   * capped and reached by page).
   */
  after?: CaseCursor | undefined;
  /** The page of rows just before this one (the previous page), still newest first. */
  before?: CaseCursor | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

const COLUMNS: Record<keyof CaseRecord, keyof CasesTable> = {
  id: 'id',
  trackingCode: 'tracking_code',
  verifySecretHash: 'verify_secret_hash',
  channel: 'channel',
  status: 'status',
  version: 'version',
  kind: 'kind',
  categoryId: 'category_id',
  unitId: 'unit_id',
  unitPath: 'unit_path',
  departmentId: 'department_id',
  deputyId: 'deputy_id',
  targetDeputyId: 'target_deputy_id',
  title: 'title',
  content: 'content',
  address: 'address',
  lat: 'lat',
  lng: 'lng',
  reporterNameEnc: 'reporter_name_enc',
  reporterPhoneEnc: 'reporter_phone_enc',
  reporterPhoneHash: 'reporter_phone_hash',
  reporterPhoneLast4Hash: 'reporter_phone_last4_hash',
  reporterEmailEnc: 'reporter_email_enc',
  reporterEmailHash: 'reporter_email_hash',
  anonymous: 'anonymous',
  consentPublic: 'consent_public',
  enteredBy: 'entered_by',
  receptionId: 'reception_id',
  sourceKey: 'source_key',
  spamScore: 'spam_score',
  spamFlags: 'spam_flags',
  acceptDueAt: 'accept_due_at',
  signDueAt: 'sign_due_at',
  replyDueAt: 'reply_due_at',
  extension: 'extension',
  replyContent: 'reply_content',
  rating: 'rating',
  ratingComment: 'rating_comment',
  ratedAt: 'rated_at',
  reopenCount: 'reopen_count',
  escalationLevel: 'escalation_level',
  supervised: 'supervised',
  mergedInto: 'merged_into',
  suggestionId: 'suggestion_id',
  workflow: 'workflow',
  lastEventHash: 'last_event_hash',
  eventCount: 'event_count',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  acceptedAt: 'accepted_at',
  assignedAt: 'assigned_at',
  signedAt: 'signed_at',
  repliedAt: 'replied_at',
  closedAt: 'closed_at',
};

const LIST_COLUMNS = Object.values(COLUMNS).map((c) => `cases.${c}` as const);

/**
 * Lists of at most this many rows are read whole (by their filters' best index) and sorted, not
 * found by walking the newest-first index (see `list`).
 */
const FEW_ROWS = 500;

/** Rows per multi-row statement: far below SQLite's 32,766 bound parameters even for cases' ~55 columns. */
const INSERT_CHUNK = 200;

const BOOLEAN_FIELDS = new Set<keyof CaseRecord>(['anonymous', 'consentPublic', 'supervised']);
const JSON_FIELDS = new Set<keyof CaseRecord>(['spamFlags', 'extension', 'workflow']);

function toRecord(row: Selectable<CasesTable>): CaseRecord {
  const record: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(COLUMNS) as Array<[keyof CaseRecord, keyof CasesTable]>) {
    const value = row[column];
    if (BOOLEAN_FIELDS.has(field)) record[field] = toBool(value as number);
    else if (field === 'spamFlags') record[field] = parseJson<string[]>(value as string, []);
    else if (field === 'extension' || field === 'workflow') record[field] = parseJson<Record<string, unknown>>(value as string, {});
    else record[field] = value;
  }
  return record as unknown as CaseRecord;
}

function toColumns(fields: Partial<CaseRecord>): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields) as Array<[keyof CaseRecord, unknown]>) {
    if (value === undefined) continue;
    const column = COLUMNS[field];
    if (!column) continue;
    if (BOOLEAN_FIELDS.has(field)) columns[column] = fromBool(value as boolean);
    else if (JSON_FIELDS.has(field)) columns[column] = JSON.stringify(value);
    else columns[column] = value;
  }
  return columns;
}

function toEvent(row: Selectable<CaseEventsTable>): CaseEventRecord {
  return {
    seq: Number(row.seq),
    id: row.id,
    caseId: row.case_id,
    type: row.type,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    actorId: row.actor_id,
    actorKind: row.actor_kind,
    actorName: row.actor_name,
    at: row.at,
    reason: row.reason,
    payload: parseJson<Record<string, unknown>>(row.payload, {}),
    public: toBool(row.public),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** States in which a clock can run out (`overdueAt`). */
const OVERDUE_STATUSES = ['submitted', 'assigned', 'in_progress'];

/**
 * The facet tokens (`case-facets.ts`) implied by the list's scope and filters, or null when none
 * apply. Each group is implied by its filter, which the list still applies itself.
 */
function facetsOf(visibility: CaseVisibility, options: CaseListOptions, leafCategory: boolean): string | null {
  let scope: string | null = null;
  if (!visibility.all) {
    const parts: Array<string | null> = [];
    if (visibility.unitPath) parts.push(unitPrefixPhrase(visibility.unitPath));
    if (visibility.departmentId) parts.push(facetPhrase('department', visibility.departmentId));
    if (visibility.deputyId) parts.push(facetPhrase('deputy', visibility.deputyId));
    scope = anyOf(parts);
  }
  // Overdue and supervised cases are open, in these states: as status facets they let a search
  // intersect its text with the few open cases instead of walking every match.
  const implied = options.overdueAt ? OVERDUE_STATUSES : options.supervised ? OPEN_CASE_STATUSES : null;
  return allOf([
    scope,
    options.status?.length ? anyOf(options.status.map((s) => facetPhrase('status', s))) : null,
    implied ? anyOf(implied.map((s) => facetPhrase('status', s))) : null,
    monthFacets(options.from, options.to),
    options.underPath ? unitPrefixPhrase(options.underPath) : null,
    options.categoryId && leafCategory ? facetPhrase('category', options.categoryId) : null,
    options.departmentId ? facetPhrase('department', options.departmentId) : null,
    options.deputyId ? facetPhrase('deputy', options.deputyId) : null,
    options.channel ? facetPhrase('channel', options.channel) : null,
  ]);
}

/** Reads and writes cases and their events. Call writes inside one transaction. */
export class CaseRepository {
  constructor(private readonly db: DB) {}

  /**
   * Stores many new cases with their first events in two statements (intake's group commit);
   * `searchTokens` fills the full-text index in the same write. Returns the stored records in
   * the order given. Every record must set the same fields (one column list per statement).
   */
  async insertMany(items: ReadonlyArray<{ record: NewCase; events: CaseEventRecord[]; searchTokens?: string | null }>): Promise<CaseRecord[]> {
    if (!items.length) return [];
    for (let start = 0; start < items.length; start += INSERT_CHUNK) {
      const chunk = items.slice(start, start + INSERT_CHUNK);
      await guardWrite(
        () =>
          this.db
            .insertInto('cases')
            .values(
              chunk.map(({ record, events, searchTokens }) => ({
                ...toColumns(record),
                updated_at: record.createdAt,
                last_event_hash: events.at(-1)?.hash ?? null,
                event_count: events.length,
                search_tokens: searchTokens ?? null,
              })) as never,
            )
            .execute(),
        'Case',
      );
    }
    await this.appendEvents(items.flatMap((i) => i.events));
    const stored = new Map((await this.findMany(items.map((i) => i.record.id))).map((r) => [r.id, r]));
    return items.map((i) => required(stored.get(i.record.id), 'Case'));
  }

  /** The given cases (any order; missing ids are left out). */
  async findMany(ids: readonly string[]): Promise<CaseRecord[]> {
    const out: CaseRecord[] = [];
    for (let start = 0; start < ids.length; start += INSERT_CHUNK) {
      const rows = await this.db
        .selectFrom('cases')
        .select(LIST_COLUMNS)
        .where('id', 'in', ids.slice(start, start + INSERT_CHUNK))
        .execute();
      out.push(...rows.map((r) => toRecord(r)));
    }
    return out;
  }

  /** Stores a new case with its first events. */
  async insert(record: NewCase, events: CaseEventRecord[]): Promise<CaseRecord> {
    const last = events.at(-1);
    await guardWrite(
      () =>
        this.db
          .insertInto('cases')
          .values({
            ...toColumns(record),
            updated_at: record.createdAt,
            last_event_hash: last?.hash ?? null,
            event_count: events.length,
          } as never)
          .execute(),
      'Case',
    );
    await this.appendEvents(events);
    return this.get(record.id);
  }

  /**
   * Applies `changes` and appends `events` if the case is still at `expectedVersion`;
   * otherwise nothing changes and VERSION_CONFLICT is thrown.
   */
  async update(id: string, expectedVersion: number, changes: CaseChanges, events: CaseEventRecord[], now: string): Promise<CaseRecord> {
    const last = events.at(-1);
    const result = await this.db
      .updateTable('cases')
      .set((eb) => ({
        ...(toColumns(changes) as object),
        updated_at: now,
        version: eb('version', '+', 1),
        event_count: eb('event_count', '+', events.length),
        ...(last ? { last_event_hash: last.hash } : {}),
      }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      const exists = await this.db.selectFrom('cases').select('id').where('id', '=', id).executeTakeFirst();
      if (!exists) throw new AppError('RESOURCE_NOT_FOUND', { message: 'Case not found.' });
      throw new AppError('VERSION_CONFLICT', { message: 'Someone else changed this case; reload and try again.' });
    }
    await this.appendEvents(events);
    return this.get(id);
  }

  private async appendEvents(events: CaseEventRecord[]): Promise<void> {
    for (let start = 0; start < events.length; start += INSERT_CHUNK) {
      await this.db
        .insertInto('case_events')
        .values(
          events.slice(start, start + INSERT_CHUNK).map((e) => ({
            id: e.id,
            case_id: e.caseId,
            type: e.type,
            from_status: e.fromStatus,
            to_status: e.toStatus,
            actor_id: e.actorId,
            actor_kind: e.actorKind,
            actor_name: e.actorName,
            at: e.at,
            reason: e.reason,
            payload: JSON.stringify(e.payload),
            public: fromBool(e.public),
            prev_hash: e.prevHash,
            hash: e.hash,
          })),
        )
        .execute();
    }
  }

  /** One case, or undefined. */
  async find(id: string): Promise<CaseRecord | undefined> {
    const row = await this.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** One case, or 404. */
  async get(id: string): Promise<CaseRecord> {
    return required(await this.find(id), 'Case');
  }

  /** A case by its tracking code, or undefined. */
  async findByTrackingCode(code: string): Promise<CaseRecord | undefined> {
    const row = await this.db.selectFrom('cases').selectAll().where('tracking_code', '=', code).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** A case by the idempotency key of an imported row, or undefined. */
  async findBySourceKey(key: string): Promise<CaseRecord | undefined> {
    const row = await this.db.selectFrom('cases').selectAll().where('source_key', '=', key).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** Events of a case in order. */
  async events(caseId: string): Promise<CaseEventRecord[]> {
    const rows = await this.db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
    return rows.map(toEvent);
  }

  /**
   * The list's statement before its order and window: scope, every filter and the text search
   * (prepared). Shared by the list and the export's keyset slices.
   */
  private async filtered(visibility: CaseVisibility, options: CaseListOptions) {
    let query = this.db.selectFrom('cases').where((eb) => {
      if (visibility.all) return eb.lit(true);
      const parts: Array<Expression<SqlBool>> = [];
      if (visibility.unitPath) parts.push(eb('unit_path', 'like', `${visibility.unitPath}%`));
      if (visibility.departmentId) parts.push(eb('department_id', '=', visibility.departmentId));
      if (visibility.deputyId) parts.push(eb.or([eb('deputy_id', '=', visibility.deputyId), eb('target_deputy_id', '=', visibility.deputyId)]));
      return parts.length ? eb.or(parts) : eb.lit(false);
    });
    if (options.status?.length) query = query.where('status', 'in', options.status);
    if (options.unitId) query = query.where('unit_id', '=', options.unitId);
    if (options.underPath) query = query.where('unit_path', 'like', `${options.underPath}%`);
    let leafCategory = false;
    if (options.categoryId) {
      // A category without children is a plain equality, which walks its index newest first (the OR
      // with a subquery made SQLite read and sort all its cases); a parent keeps the OR, for which
      // SQLite walks the cases newest first and stops after a page (an IN list of ids made it sort).
      const id = options.categoryId;
      const parent = await this.db.selectFrom('categories').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst();
      leafCategory = !parent;
      query = parent
        ? query.where((eb) =>
            eb.or([eb('category_id', '=', id), eb('category_id', 'in', eb.selectFrom('categories').select('id').where('parent_id', '=', id))]),
          )
        : query.where('category_id', '=', id);
    }
    if (options.departmentId) query = query.where('department_id', '=', options.departmentId);
    if (options.deputyId) query = query.where((eb) => eb.or([eb('deputy_id', '=', options.deputyId!), eb('target_deputy_id', '=', options.deputyId!)]));
    if (options.channel) query = query.where('channel', '=', options.channel);
    if (options.from) query = query.where('created_at', '>=', options.from);
    if (options.to) query = query.where('created_at', '<', options.to);
    if (options.overdueAt) {
      // Overdue on any running clock: accept (submitted), sign (assigned) or reply (assigned, in progress).
      const at = options.overdueAt;
      query = query.where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'submitted'), eb('accept_due_at', '<', at)]),
          eb.and([eb('status', '=', 'assigned'), eb('sign_due_at', '<', at)]),
          eb.and([eb('status', 'in', ['assigned', 'in_progress']), eb('reply_due_at', '<', at)]),
        ]),
      );
    }
    // Literals, not parameters: the partial indexes on these flags (migration 0013) apply only to a
    // condition the planner can see implies theirs.
    if (options.flagged) query = query.where(sql<SqlBool>`spam_score > 0`);
    if (options.supervised) query = query.where(sql<SqlBool>`${sql.raw(SUPERVISED_OPEN_SQL)}`);
    if (options.dueBefore) query = query.where('reply_due_at', '<', options.dueBefore);
    if (options.dueAfter) query = query.where('reply_due_at', '>=', options.dueAfter);
    const search = options.q ? caseTextSearch(this.db, options.q, options.searchTokens, facetsOf(visibility, options, leafCategory), { to: options.to }) : null;
    if (search) {
      await search.prepare?.(query);
      query = search.filter(query);
    } else if (options.q) {
      const q = options.q;
      query = query.where((eb) => eb.or([containsText('title', q), containsText('content', q), containsText('tracking_code', q)]));
    }
    return { query, search };
  }

  /**
   * One slice of an export: up to `limit` cases of the list (same scope and filters) in its
   * newest-first order (`created_at`, then `id`, descending) strictly after the case `after`,
   * and not created before `notBefore` when given. Keyset, never OFFSET: each slice costs the
   * same however deep it starts, and a caller reads a million cases slice by slice without a
   * statement that runs long (`notBefore` bounds the range one statement walks when the filters
   * match rarely).
   */
  async exportSlice(
    visibility: CaseVisibility,
    options: CaseListOptions,
    slice: { after?: { createdAt: string; id: string } | undefined; notBefore?: string | undefined; limit: number },
  ): Promise<CaseRecord[]> {
    let { query } = await this.filtered(visibility, options);
    const { after, notBefore } = slice;
    if (after) {
      // `created_at <= c` bounds the index range; the rest breaks ties by id.
      query = query.where((eb) =>
        eb.and([eb('cases.created_at', '<=', after.createdAt), eb.or([eb('cases.created_at', '<', after.createdAt), eb('cases.id', '<', after.id)])]),
      );
    }
    if (notBefore) query = query.where('cases.created_at', '>=', notBefore);
    const rows = await query
      .select(LIST_COLUMNS)
      .orderBy('cases.created_at', 'desc')
      .orderBy('cases.id', 'desc')
      .limit(Math.max(1, Math.floor(slice.limit)))
      .execute();
    return rows.map(toRecord);
  }

  /**
   * Counts an export's cases slice by slice (same order and bounds as {@link exportSlice}): how
   * many of the next `limit` there are, and the key of the last of them (where the next count
   * starts). A million rows are counted in statements that each stay short.
   */
  async exportCount(
    visibility: CaseVisibility,
    options: CaseListOptions,
    slice: { after?: { createdAt: string; id: string } | undefined; notBefore?: string | undefined; limit: number },
  ): Promise<{ count: number; last: { createdAt: string; id: string } | null }> {
    let { query } = await this.filtered(visibility, options);
    const { after, notBefore } = slice;
    if (after) {
      query = query.where((eb) =>
        eb.and([eb('cases.created_at', '<=', after.createdAt), eb.or([eb('cases.created_at', '<', after.createdAt), eb('cases.id', '<', after.id)])]),
      );
    }
    if (notBefore) query = query.where('cases.created_at', '>=', notBefore);
    const keys = query
      .select(['cases.created_at as created_at', 'cases.id as id'])
      .orderBy('cases.created_at', 'desc')
      .orderBy('cases.id', 'desc')
      .limit(Math.max(1, Math.floor(slice.limit)));
    // The window counts every row of the slice; the row kept is its last (oldest).
    const row = await this.db
      .selectFrom(keys.as('s'))
      .select([sql<number>`count(*) over ()`.as('n'), 's.created_at', 's.id'])
      .orderBy('s.created_at', 'asc')
      .orderBy('s.id', 'asc')
      .limit(1)
      .executeTakeFirst();
    return row ? { count: Number(row.n), last: { createdAt: row.created_at, id: row.id } } : { count: 0, last: null };
  }

  /** When the first and the last case were created (null when there is none): the range an export walks. */
  async createdSpan(): Promise<{ first: string; last: string } | null> {
    // Two statements: each walks one end of the index (SQLite reads the whole table for min and max in one).
    const end = (direction: 'asc' | 'desc') => this.db.selectFrom('cases').select('created_at').orderBy('created_at', direction).limit(1).executeTakeFirst();
    const [first, last] = await Promise.all([end('asc'), end('desc')]);
    return first && last ? { first: first.created_at, last: last.created_at } : null;
  }

  /** A page of cases visible to `visibility`, newest first. */
  async list(visibility: CaseVisibility, options: CaseListOptions = {}): Promise<CasePage> {
    const { query, search } = await this.filtered(visibility, options);
    const { limit, offset } = pageWindow(options);
    // Named columns: the derived search columns (tokens, tsvector) stay in the database.
    const select = query.select(LIST_COLUMNS);
    const counted = () => query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const total = async () => (options.knownTotal !== undefined ? options.knownTotal : Number((await counted()).n));
    if (search) {
      const ranked = options.sort !== 'newest' ? search.orderByRank(select) : select;
      if (search.countInPage && options.knownTotal === undefined) {
        // The window counts the same rows the count statement would (same FROM and WHERE, before LIMIT).
        const rows = await ranked
          .select(sql<number>`count(*) over ()`.as('search_total'))
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit)
          .offset(offset)
          .execute();
        // A page past the end has no row to carry the count.
        const n = rows.length ? Number(rows[0].search_total) : offset === 0 ? 0 : Number((await counted()).n);
        return { items: rows.map(toRecord), total: n, totalCapped: search.bound != null && n >= search.bound, nextCursor: null, prevCursor: null };
      }
      const [rows, n] = await Promise.all([ranked.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(), total()]);
      return { items: rows.map(toRecord), total: n, totalCapped: search.bound != null && n >= search.bound, nextCursor: null, prevCursor: null };
    }
    // Newest first, by page number or by cursor; one row more than the page tells whether another follows.
    const cursor = options.after ?? options.before;
    const backwards = !options.after && !!options.before;
    let paged = select;
    if (cursor) {
      // `created_at <= c` bounds the index range; the rest breaks ties by id.
      const { createdAt: at, id } = cursor;
      paged = backwards
        ? paged.where((eb) => eb.and([eb('created_at', '>=', at), eb.or([eb('created_at', '>', at), eb('id', '>', id)])]))
        : paged.where((eb) => eb.and([eb('created_at', '<=', at), eb.or([eb('created_at', '<', at), eb('id', '<', id)])]));
    }
    const direction = backwards ? 'asc' : 'desc';
    // The total first: a list of few rows is read whole and sorted. Walking the creation-time index
    // newest first stops after a page when matches are common, but for a rare combination (a
    // station's overdue cases of one category: 2 of a million) it read every case — the planner
    // cannot tell from the filters how rare they are (PostgreSQL: 0.6 s); the count can.
    const n = await total();
    // The inner query is fenced (PostgreSQL: OFFSET 0; SQLite: LIMIT -1) so neither engine merges
    // it back into the ordered walk; without a LIMIT PostgreSQL plans it for all its rows (bitmap).
    const fenced = this.db.getExecutor().adapter instanceof PostgresAdapter ? paged.offset(0) : paged.limit(-1);
    const source = n <= FEW_ROWS ? this.db.selectFrom(fenced.as('cases')).selectAll() : paged;
    const fetched = await source
      .orderBy('created_at', direction)
      .orderBy('id', direction)
      .limit(limit + 1)
      .offset(cursor ? 0 : offset)
      .execute();
    const more = fetched.length > limit;
    const rows = more ? fetched.slice(0, limit) : fetched;
    if (backwards) rows.reverse();
    const first = rows[0];
    const last = rows.at(-1);
    const cursorOf = (row: { created_at: string; id: string } | undefined) => (row ? encodeCaseCursor({ createdAt: row.created_at, id: row.id }) : null);
    return {
      items: rows.map(toRecord),
      total: n,
      totalCapped: false,
      // Rows follow the page when one more was read, or when it was read backwards from a cursor (the cursor's row follows).
      nextCursor: more && !backwards ? cursorOf(last) : backwards ? cursorOf(last) : null,
      // Rows precede it when it was read by cursor forwards or from a later page number, or when backwards found one more.
      prevCursor: backwards ? (more ? cursorOf(first) : null) : cursor || offset > 0 ? cursorOf(first) : null,
    };
  }

  /** Every worklist's count for `visibility` at `now` (due soon: reply deadline before `soon`), in one statement. */
  worklistCounts(visibility: CaseVisibility, now: string, soon: string): Promise<WorklistCounts> {
    return worklistCounts(this.db, visibility, now, soon);
  }

  /** How many cases a phone (by keyed hash) submitted since `since` (abuse signals). */
  async countByPhoneSince(phoneHash: string, since: string): Promise<number> {
    const row = await this.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('reporter_phone_hash', '=', phoneHash)
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Erases reporters' contact data of cases closed before `before` (retention); returns how many. */
  async eraseContactsClosedBefore(before: string): Promise<number> {
    const result = await this.db
      .updateTable('cases')
      .set({ reporter_name_enc: null, reporter_phone_enc: null, reporter_email_enc: null, reporter_email_hash: null })
      .where('closed_at', '<', before)
      .where((eb) => eb.or([eb('reporter_name_enc', 'is not', null), eb('reporter_phone_enc', 'is not', null), eb('reporter_email_enc', 'is not', null)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
