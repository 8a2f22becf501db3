/**
 * Worklist counts of the console (badges): every worklist's count for one visibility in one
 * statement over the partial covering index of open cases (migration 0017_worklists), without
 * fetching a page (the badges show only counts). Each count repeats the
 * predicate of the case list's worklist filter (`worklistFilter` in the server's case service);
 * the worklist tests hold every count equal to the list's `total` for the same worklist.
 */
import { CASE_STATUSES, OPEN_CASE_STATUSES } from '@lianxin/core';
import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../database';
import type { CaseVisibility } from './case.repository';

/** The statuses a case can be worked on in: the partial index covers exactly these. */
export const OPEN_STATUS_SQL = `status IN (${OPEN_CASE_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** The case list's supervised worklist condition on status: not in a final state. */
const NOT_FINAL_STATUS_SQL = `status NOT IN (${CASE_STATUSES.filter((s) => !OPEN_CASE_STATUSES.includes(s))
  .map((s) => `'${s}'`)
  .join(', ')})`;

/**
 * Supervised cases still being worked on: the list's supervised worklist and its badge. Supervision
 * stays on a case after it is closed, so the supervised cases of the years (3% of a million) far
 * outnumber the open ones; the partial index of 0019 holds only the open ones.
 */
export const SUPERVISED_OPEN_SQL = `supervised = 1 AND ${NOT_FINAL_STATUS_SQL}`;

/*
 * The partial indexes these predicates must repeat word for word are frozen in
 * migrations/shared/0017_worklists.ts (`cases_open_cover_idx`, 0017; `cases_supervised_open_idx`,
 * 0019); schema-drift.test.ts fails when the predicates here and the indexes there part ways.
 */

/** Counts per worklist key. */
export interface WorklistCounts {
  to_accept: number;
  to_sign: number;
  in_progress: number;
  due_soon: number;
  overdue: number;
  awaiting_rating: number;
  supervised: number;
  flagged: number;
}

/** The case list's visibility condition (the parts OR-ed), as SQL. */
export function visibilitySql(v: CaseVisibility): RawBuilder<unknown> {
  if (v.all) return sql`1 = 1`;
  const any: RawBuilder<unknown>[] = [];
  if (v.unitPath) any.push(sql`unit_path like ${`${v.unitPath}%`}`);
  if (v.departmentId) any.push(sql`department_id = ${v.departmentId}`);
  if (v.deputyId) any.push(sql`(deputy_id = ${v.deputyId} or target_deputy_id = ${v.deputyId})`);
  return any.length ? sql`(${sql.join(any, sql` or `)})` : sql`1 = 0`;
}

/** The worklists' conditions on an open case (each the list's worklist filter; see the file's comment). */
function conditions(now: string, soon: string): Record<keyof WorklistCounts, RawBuilder<unknown>> {
  return {
    to_accept: sql`status = 'submitted'`,
    to_sign: sql`status = 'assigned'`,
    in_progress: sql`status in ('in_progress', 'reopened')`,
    due_soon: sql`status in ('assigned', 'in_progress') and reply_due_at >= ${now} and reply_due_at < ${soon}`,
    // Overdue on any running clock (the list's `overdueAt`).
    overdue: sql`((status = 'submitted' and accept_due_at < ${now}) or (status = 'assigned' and sign_due_at < ${now})
      or (status in ('assigned', 'in_progress') and reply_due_at < ${now}))`,
    awaiting_rating: sql`status = 'replied'`,
    // The list's `status not in (closed, rejected, merged, converted)`: the open statuses.
    supervised: sql`supervised = 1`,
    flagged: sql`status in ('submitted', 'accepted') and spam_score > 0`,
  };
}

/**
 * Every worklist's count for `visibility` at `now`; `soon` ends the due-soon window. The
 * statuses are literals and every count repeats the index's own condition: SQLite uses a
 * partial index only for a query whose WHERE visibly contains the index's condition.
 * Two shapes, by what is cheaper: seeing every case, a count per worklist, each walking only
 * its statuses in the index (one pass testing eight conditions on every open case cost five
 * times more); within a scope, one pass over the open cases of the scope, testing the scope
 * once per case rather than once per worklist (a unit-path prefix test is the costly part).
 */
export async function worklistCounts(db: DB, visibility: CaseVisibility, now: string, soon: string): Promise<WorklistCounts> {
  const open = sql.raw(OPEN_STATUS_SQL);
  const where = conditions(now, soon);
  const keys = Object.keys(where) as Array<keyof WorklistCounts>;
  let query: RawBuilder<Record<keyof WorklistCounts, number | string>>;
  if (visibility.all) {
    const count = (condition: RawBuilder<unknown>) => sql`(select count(*) from cases where ${open} and ${condition})`;
    // Overdue as three counts of disjoint statuses, each walking a single status of the index.
    where.overdue = sql`${count(sql`status = 'submitted' and accept_due_at < ${now}`)}
      + ${count(sql`status = 'assigned' and (sign_due_at < ${now} or reply_due_at < ${now})`)}
      + ${count(sql`status = 'in_progress' and reply_due_at < ${now}`)}`;
    // Counted from the partial index of open supervised cases, in the list's own words.
    const supervised = sql`(select count(*) from cases where ${sql.raw(SUPERVISED_OPEN_SQL)})`;
    const columns = keys.map((k) =>
      k === 'overdue' || k === 'supervised' ? sql`${k === 'overdue' ? where.overdue : supervised} as ${sql.ref(k)}` : sql`${count(where[k])} as ${sql.ref(k)}`,
    );
    query = sql`select ${sql.join(columns)}`;
  } else {
    const columns = keys.map((k) => sql`count(*) filter (where ${where[k]}) as ${sql.ref(k)}`);
    query = sql`select ${sql.join(columns)} from cases where ${open} and ${visibilitySql(visibility)}`;
  }
  const result = await query.execute(db);
  const row = result.rows[0];
  return {
    to_accept: Number(row.to_accept),
    to_sign: Number(row.to_sign),
    in_progress: Number(row.in_progress),
    due_soon: Number(row.due_soon),
    overdue: Number(row.overdue),
    awaiting_rating: Number(row.awaiting_rating),
    supervised: Number(row.supervised),
    flagged: Number(row.flagged),
  };
}
