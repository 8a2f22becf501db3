/**
 * The partial covering index of open cases (migration 0017) and of open supervised cases (0019),
 * as `repositories/case-worklists.ts` spelled them when those migrations were written, with the
 * statuses of `@lianxin/core` written out: a migration never imports live code. SQLite uses a
 * partial index only for a query whose WHERE repeats the index's condition, so the live worklist
 * queries must keep these conditions; the schema drift tests compare them with a migrated database.
 * Frozen: a later change is a new migration.
 */

/** Migration 0017_worklists. */
export const OPEN_CASES_INDEX = `CREATE INDEX cases_open_cover_idx ON cases(status, created_at, reply_due_at, accept_due_at, sign_due_at, supervised, spam_score,
  unit_path, unit_id, category_id, department_id, channel, deputy_id, target_deputy_id) WHERE status IN ('submitted', 'accepted', 'assigned', 'in_progress', 'replied', 'reopened')`;

/** Migration 0019_supervised_open. */
export const SUPERVISED_OPEN_INDEX = `CREATE INDEX cases_supervised_open_idx ON cases(created_at) WHERE supervised = 1 AND status NOT IN ('closed', 'rejected', 'merged', 'converted')`;
