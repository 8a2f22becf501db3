/**
 * Case statistics on both engines. Figures come from two sources that count alike: the
 * roll-up `case_stats` (kept by triggers; whole China-time years, months and days, by unit and
 * by every combination of top-level category, department and channel) and direct aggregates
 * over `cases` (for parts of a day, child categories and deputies' scopes, which the roll-up
 * does not key). Filters mirror the case list's, so a figure always equals the `total` of
 * `GET /api/v1/cases` with the same filters.
 */
import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { DB } from '../database';
import type { CaseVisibility } from './case.repository';
import { OPEN_STATUS_SQL } from './case-worklists';
import {
  dimsOf,
  measureSql,
  postgresTime,
  sqliteTime,
  workdayJoins,
  STATS_AXES,
  STATS_MEASURES,
  type StatsAxis,
  type StatsGrain,
  type StatsMeasure,
} from './stats-measures';
import { netPieces } from './stats-pieces';
import { chinaDayStart, firstChangedDay, RESYNC_BY_TRIGGER_SHARE, rollupRebuildStatements } from './stats-recalc';

/** Filters of a statistics query (the case list's, minus text search). */
export interface StatsFilter {
  visibility: CaseVisibility;
  /** Cases of exactly this unit. */
  unitId?: string | undefined;
  /** Cases of units whose path starts with this (a unit and everything under it). */
  underPath?: string | undefined;
  /** A category or its children. */
  categoryId?: string | undefined;
  departmentId?: string | undefined;
  channel?: string | undefined;
}

/** Instants bounding the creation time: `from` inclusive, `to` exclusive. */
export interface StatsRange {
  from?: string | undefined;
  to?: string | undefined;
}

/** Summed figures of a set of cases. */
export interface StatsFigures {
  received: number;
  accepted: number;
  closed: number;
  replied: number;
  onTime: number;
  rated: number;
  satisfied: number;
  supervised: number;
  handled: number;
  handleDays: number;
}

/** Figures of one combination of unit, category, department and channel. */
export interface StatsGroup extends StatsFigures {
  unitId: string | null;
  unitPath: string | null;
  categoryId: string | null;
  departmentId: string | null;
  channel: string;
}

/** Figures of one day (`YYYY-MM-DD`) or month (`YYYY-MM`), China time. */
export interface StatsBucket extends StatsFigures {
  bucket: string;
}

const FIELD: Record<StatsMeasure, keyof StatsFigures> = {
  received: 'received',
  accepted: 'accepted',
  closed: 'closed',
  replied: 'replied',
  on_time: 'onTime',
  rated: 'rated',
  satisfied: 'satisfied',
  supervised: 'supervised',
  handled: 'handled',
  handle_days: 'handleDays',
};

/** Unit conditions the roll-up can apply: every path prefix must match, and the exact unit. */
export interface RollupScope {
  unitPaths: string[];
  unitId?: string | undefined;
}

/** Which roll-up rows stand for the cases: those with the given keys on each pinned axis (filters); other axes are free. */
export interface RollupBase {
  pins: Partial<Record<StatsAxis, string[]>>;
}

const columnOf = (axis: StatsAxis) => STATS_AXES.find((a) => a.axis === axis)!.column;

/** Inclusive range of roll-up periods of one grain (`2026`, `2026-02`, `2026-02-14`). */
export interface StatsPiece {
  grain: StatsGrain;
  from: string;
  to: string;
}

const GROUP_KEYS = ['unit_id', 'unit_path', 'category_id', 'department_id', 'channel'] as const;

type Row = Record<string, unknown>;

function figures(row: Row): StatsFigures {
  const out = {} as StatsFigures;
  for (const m of STATS_MEASURES) out[FIELD[m]] = Number(row[m] ?? 0);
  return out;
}

const orNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

/** Reads case statistics. */
export class StatsRepository {
  constructor(private readonly db: DB) {}

  private get time() {
    return this.db.getExecutor().adapter instanceof PostgresAdapter ? postgresTime : sqliteTime;
  }

  /**
   * WHERE conditions of a direct query over `cases` (the roll-up applies its own). A category
   * filter becomes the category and its children as a list of ids, read first: with a subquery
   * (or an OR) in its place, neither engine could tell how few cases it keeps — PostgreSQL scanned
   * every case (1.5 s at a million), SQLite walked a department's year instead of a category's.
   */
  private async caseConditions(filter: StatsFilter): Promise<RawBuilder<unknown>[]> {
    const { categoryId, ...rest } = filter;
    if (!categoryId) return this.conditions('c', rest);
    const categories = await this.db
      .selectFrom('categories')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', categoryId), eb('parent_id', '=', categoryId)]))
      .execute();
    const ids = categories.length ? categories.map((c) => c.id) : [categoryId];
    return [...this.conditions('c', rest), sql`c.category_id in (${sql.join(ids)})`];
  }

  /** WHERE conditions but the category's (caseConditions), over the table alias `t`. */
  private conditions(t: string, filter: Omit<StatsFilter, 'categoryId'>): RawBuilder<unknown>[] {
    const col = (c: string) => sql.ref(`${t}.${c}`);
    const parts: RawBuilder<unknown>[] = [];
    const v = filter.visibility;
    if (!v.all) {
      const any: RawBuilder<unknown>[] = [];
      if (v.unitPath) any.push(sql`${col('unit_path')} like ${`${v.unitPath}%`}`);
      if (v.departmentId) any.push(sql`${col('department_id')} = ${v.departmentId}`);
      if (v.deputyId) any.push(sql`(${col('deputy_id')} = ${v.deputyId} or ${col('target_deputy_id')} = ${v.deputyId})`);
      parts.push(any.length ? sql`(${sql.join(any, sql` or `)})` : sql`1 = 0`);
    }
    if (filter.unitId) parts.push(sql`${col('unit_id')} = ${filter.unitId}`);
    if (filter.underPath) parts.push(sql`${col('unit_path')} like ${`${filter.underPath}%`}`);
    if (filter.departmentId) parts.push(sql`${col('department_id')} = ${filter.departmentId}`);
    if (filter.channel) parts.push(sql`${col('channel')} = ${filter.channel}`);
    return parts;
  }

  private where(parts: RawBuilder<unknown>[]): RawBuilder<unknown> {
    return parts.length ? sql`where ${sql.join(parts, sql` and `)}` : sql``;
  }

  private rangeConditions(range: StatsRange): RawBuilder<unknown>[] {
    const parts: RawBuilder<unknown>[] = [];
    if (range.from) parts.push(sql`c.created_at >= ${range.from}`);
    if (range.to) parts.push(sql`c.created_at < ${range.to}`);
    return parts;
  }

  /** `cases c` with the working days of its creation and reply (the measures' handling times). */
  private get directFrom(): RawBuilder<unknown> {
    return sql.raw(`cases c ${workdayJoins(this.time.day).sql}`);
  }

  private directSums(): RawBuilder<unknown> {
    const m = measureSql('c', this.time.day, workdayJoins(this.time.day).ordinals);
    return sql.raw(STATS_MEASURES.map((name) => `sum(${m[name]}) as ${name}`).join(', '));
  }

  private rollupSums(): RawBuilder<unknown> {
    return sql.raw(STATS_MEASURES.map((name) => `sum(s.${name}) as ${name}`).join(', '));
  }

  /**
   * The roll-up rows of `pieces` read as fewer periods (stats-pieces.ts) with `columns` and the
   * measures, those of periods taken away negated: one select per piece (each one range of the
   * key, no per-row test of which piece a row came from), as table `s`.
   */
  private rollupRows(scope: RollupScope, base: RollupBase, breakdown: StatsAxis | null, pieces: StatsPiece[], columns: string[]): RawBuilder<unknown> {
    const net = netPieces(pieces);
    const selects = (net.length ? net : [null]).map((p) => {
      const measures = STATS_MEASURES.map((name) => (p?.sign === -1 ? `-s.${name} as ${name}` : `s.${name}`));
      return sql`select ${sql.raw([...columns.map((c) => `s.${c}`), ...measures].join(', '))} from case_stats s ${this.rollupWhere(scope, base, breakdown, p ? [p] : [])}`;
    });
    return sql`(${sql.join(selects, sql` union all `)}) s`;
  }

  private toGroups(rows: Row[]): StatsGroup[] {
    return rows.map((r) => ({
      unitId: orNull(r.unit_id),
      unitPath: orNull(r.unit_path),
      categoryId: orNull(r.category_id),
      departmentId: orNull(r.department_id),
      channel: String(r.channel),
      ...figures(r),
    }));
  }

  /** Groups of cases created in `range`, straight from `cases`. */
  async directGroups(filter: StatsFilter, range: StatsRange): Promise<StatsGroup[]> {
    const keys = sql.raw(GROUP_KEYS.map((k) => `c.${k}`).join(', '));
    const where = this.where([...(await this.caseConditions(filter)), ...this.rangeConditions(range)]);
    const result = await sql<Row>`select ${keys}, ${this.directSums()} from ${this.directFrom} ${where} group by ${keys}`.execute(this.db);
    return this.toGroups(result.rows);
  }

  /** Day or month buckets of cases created in `range`, straight from `cases`. */
  async directTrend(filter: StatsFilter, range: StatsRange, granularity: 'day' | 'month'): Promise<StatsBucket[]> {
    const bucket = sql.raw(granularity === 'day' ? this.time.day('c.created_at') : this.time.month('c.created_at'));
    const where = this.where([...(await this.caseConditions(filter)), ...this.rangeConditions(range)]);
    const result = await sql<Row>`select ${bucket} as bucket, ${this.directSums()} from ${this.directFrom} ${where} group by 1 order by 1`.execute(this.db);
    return result.rows.map((r) => ({ bucket: String(r.bucket), ...figures(r) }));
  }

  /** Figures by unit from the roll-up (totals and the unit breakdown). */
  async rollupByUnit(
    scope: RollupScope,
    base: RollupBase,
    pieces: StatsPiece[],
  ): Promise<Array<StatsFigures & { unitId: string | null; unitPath: string | null }>> {
    const rows = this.rollupRows(scope, base, null, pieces, ['unit_id', 'unit_path']);
    const result = await sql<Row>`select s.unit_id, s.unit_path, ${this.rollupSums()} from ${rows} group by s.unit_id, s.unit_path`.execute(this.db);
    return result.rows.map((r) => ({ unitId: orNull(r.unit_id), unitPath: orNull(r.unit_path), ...figures(r) }));
  }

  /** Figures by the key of `axis` (category, department or channel) from the roll-up. */
  async rollupByKey(scope: RollupScope, base: RollupBase, axis: StatsAxis, pieces: StatsPiece[]): Promise<Array<StatsFigures & { key: string | null }>> {
    const rows = this.rollupRows(scope, base, axis, pieces, [columnOf(axis)]);
    const column = sql.ref(`s.${columnOf(axis)}`);
    const result = await sql<Row>`select ${column} as key, ${this.rollupSums()} from ${rows} group by ${column}`.execute(this.db);
    return result.rows.map((r) => ({ key: orNull(r.key), ...figures(r) }));
  }

  /** Buckets by day or month from the roll-up (`pieces` of months and days only). */
  async rollupTrend(scope: RollupScope, base: RollupBase, pieces: StatsPiece[], granularity: 'day' | 'month'): Promise<StatsBucket[]> {
    const where = this.rollupWhere(scope, base, null, pieces);
    const bucket = granularity === 'day' ? sql`s.period` : sql`substr(s.period, 1, 7)`;
    const result = await sql<Row>`select ${bucket} as bucket, ${this.rollupSums()} from case_stats s ${where} group by 1 order by 1`.execute(this.db);
    return result.rows.map((r) => ({ bucket: String(r.bucket), ...figures(r) }));
  }

  /** Rows keeping the pinned axes and `breakdown` (each case counted once), restricted to the pinned keys. */
  private rollupWhere(scope: RollupScope, base: RollupBase, breakdown: StatsAxis | null, pieces: StatsPiece[]): RawBuilder<unknown> {
    const pinned = Object.keys(base.pins) as StatsAxis[];
    const parts: RawBuilder<unknown>[] = [sql`s.dims = ${dimsOf(breakdown ? [...pinned, breakdown] : pinned)}`];
    for (const axis of pinned) {
      const keys = base.pins[axis] ?? [];
      parts.push(keys.length ? sql`${sql.ref(`s.${columnOf(axis)}`)} in (${sql.join(keys)})` : sql`1 = 0`);
    }
    for (const prefix of scope.unitPaths) parts.push(sql`s.unit_path like ${`${prefix}%`}`);
    if (scope.unitId) parts.push(sql`s.unit_id = ${scope.unitId}`);
    const ranges = pieces.map((p) => sql`(s.grain = ${p.grain} and s.period >= ${p.from} and s.period <= ${p.to})`);
    parts.push(ranges.length ? sql`(${sql.join(ranges, sql` or `)})` : sql`1 = 0`);
    return this.where(parts);
  }

  /** Figures by one column (category, department or channel) straight from `cases`. */
  async directByKey(filter: StatsFilter, range: StatsRange, axis: StatsAxis): Promise<Array<StatsFigures & { key: string | null }>> {
    const column = sql.ref(`c.${axis === 'channel' ? 'channel' : `${axis}_id`}`);
    const where = this.where([...(await this.caseConditions(filter)), ...this.rangeConditions(range)]);
    const result = await sql<Row>`select ${column} as key, ${this.directSums()} from ${this.directFrom} ${where} group by ${column}`.execute(this.db);
    return result.rows.map((r) => ({ key: orNull(r.key), ...figures(r) }));
  }

  /**
   * Cases created in `range` that are overdue at `now` on any running clock, with the
   * case list's `overdue` predicate.
   */
  async overdueCount(filter: StatsFilter, range: StatsRange, now: string): Promise<number> {
    // Only open cases can be overdue: the literal open-status condition lets both engines count
    // over the partial covering index of open cases (migration 0017) — a few percent of the
    // cases, read without their rows — instead of every case created in the range.
    const overdue = sql`${sql.raw(OPEN_STATUS_SQL)} and c.status in ('submitted', 'assigned', 'in_progress')
      and ((c.status = 'submitted' and c.accept_due_at < ${now})
      or (c.status = 'assigned' and c.sign_due_at < ${now})
      or (c.status in ('assigned', 'in_progress') and c.reply_due_at < ${now}))`;
    const where = this.where([...(await this.caseConditions(filter)), ...this.rangeConditions(range), overdue]);
    const result = await sql<{ n: number }>`select count(*) as n from cases c ${where}`.execute(this.db);
    return Number(result.rows[0]?.n ?? 0);
  }

  /** How many cases are open and how many of them overdue at `now` (whole database, for metrics). */
  async openAndOverdue(now: string): Promise<{ open: number; overdue: number }> {
    const result = await sql<{ open: number; overdue: number }>`select
        sum(case when status in ('submitted', 'accepted', 'assigned', 'in_progress', 'replied', 'reopened') then 1 else 0 end) as open,
        sum(case when (status = 'submitted' and accept_due_at < ${now}) or (status = 'assigned' and sign_due_at < ${now})
          or (status in ('assigned', 'in_progress') and reply_due_at < ${now}) then 1 else 0 end) as overdue
      from cases where status in ('submitted', 'accepted', 'assigned', 'in_progress', 'replied', 'reopened')`.execute(this.db);
    return { open: Number(result.rows[0]?.open ?? 0), overdue: Number(result.rows[0]?.overdue ?? 0) };
  }

  /**
   * Cases whose reporters agreed to publish them (transparency page), newest first: not
   * rejected, merged or still waiting for acceptance, optionally of one unit subtree or
   * (top-level) category.
   */
  async consentedCases(options: { underPath?: string | undefined; categoryId?: string | undefined; page: number; pageSize: number }): Promise<{
    items: Array<{
      id: string;
      title: string;
      content: string;
      status: string;
      categoryId: string | null;
      unitId: string | null;
      createdAt: string;
      repliedAt: string | null;
      replyContent: string | null;
      rating: string | null;
    }>;
    total: number;
  }> {
    let query = this.db.selectFrom('cases').where('consent_public', '=', 1).where('status', 'not in', ['submitted', 'rejected', 'merged']);
    if (options.underPath) query = query.where('unit_path', 'like', `${options.underPath}%`);
    if (options.categoryId) {
      const id = options.categoryId;
      query = query.where((eb) =>
        eb.or([eb('category_id', '=', id), eb('category_id', 'in', eb.selectFrom('categories').select('id').where('parent_id', '=', id))]),
      );
    }
    const [rows, count] = await Promise.all([
      query
        .select(['id', 'title', 'content', 'status', 'category_id', 'unit_id', 'created_at', 'replied_at', 'reply_content', 'rating'])
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.pageSize)
        .offset((options.page - 1) * options.pageSize)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        content: r.content,
        status: r.status,
        categoryId: r.category_id,
        unitId: r.unit_id,
        createdAt: r.created_at,
        repliedAt: r.replied_at,
        replyContent: r.reply_content,
        rating: r.rating,
      })),
      total: Number(count.n),
    };
  }

  /**
   * Rewrites the working-day ordinals after the calendar changed (only rows that differ are
   * written) and moves the roll-up's handling times to the new ordinals, in one transaction.
   * Few affected cases (a fifth of all at most, or `rebuildAbove`): their replies are taken
   * out (the triggers count them under the old ordinals) and put back once the ordinals
   * changed (counted under the new ones), leaving the cases as they were. Many: the roll-up
   * is rebuilt with the migration's backfill, which is set-based and far cheaper per case
   * than two trigger runs. Either way the roll-up's own SQL does the counting, whatever its
   * layout. Returns how many days changed.
   */
  async syncWorkdays(rows: Array<{ day: string; ordinal: number }>, options: { rebuildAbove?: number } = {}): Promise<number> {
    const postgres = this.db.getExecutor().adapter instanceof PostgresAdapter;
    const time = this.time;
    return this.db.transaction().execute(async (trx) => {
      // Two instances syncing at once would both take the old figures out: one at a time.
      if (postgres) await sql`LOCK TABLE stats_workdays IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
      const current = await trx.selectFrom('stats_workdays').select(['day', 'ordinal']).execute();
      const known = new Map(current.map((r) => [r.day, Number(r.ordinal)]));
      const first = firstChangedDay(known, rows);
      if (!first) return 0;
      const changed = rows.filter((r) => known.get(r.day) !== r.ordinal);
      const writeOrdinals = async () => {
        for (let i = 0; i < changed.length; i += 500) {
          await trx
            .insertInto('stats_workdays')
            .values(changed.slice(i, i + 500))
            .onConflict((oc) => oc.column('day').doUpdateSet((eb) => ({ ordinal: eb.ref('excluded.ordinal') })))
            .execute();
        }
      };
      const since = chinaDayStart(first);
      const counts = await trx
        .selectFrom('cases')
        .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('replied_at').filterWhere('replied_at', '>=', since).as('affected')])
        .executeTakeFirstOrThrow();
      if (Number(counts.affected) > (options.rebuildAbove ?? Number(counts.total) * RESYNC_BY_TRIGGER_SHARE)) {
        // No case may change under the rebuild (readers still see the old roll-up until commit).
        if (postgres) await sql`LOCK TABLE cases IN SHARE MODE`.execute(trx);
        await writeOrdinals();
        await sql`DELETE FROM case_stats`.execute(trx);
        for (const statement of rollupRebuildStatements(time)) await sql.raw(statement).execute(trx);
        return changed.length;
      }
      await sql`CREATE TEMP TABLE stats_resync AS SELECT id, replied_at FROM cases WHERE replied_at >= ${since}`.execute(trx);
      await sql`CREATE INDEX stats_resync_id ON stats_resync (id)`.execute(trx);
      await sql`UPDATE cases SET replied_at = NULL WHERE id IN (SELECT id FROM stats_resync)`.execute(trx);
      await writeOrdinals();
      await sql`UPDATE cases SET replied_at = (SELECT r.replied_at FROM stats_resync r WHERE r.id = cases.id) WHERE id IN (SELECT id FROM stats_resync)`.execute(
        trx,
      );
      await sql`DROP TABLE stats_resync`.execute(trx);
      return changed.length;
    });
  }
}
