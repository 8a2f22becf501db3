/**
 * Indexes of the case list's read paths (migration 0013_read_paths, same on both engines). The
 * list always orders by `created_at` (newest first): each filter the console offers gets an
 * index that leads with it and continues with `created_at`, so a page is read in index order
 * and stops after its rows; worklists on rare flags get partial indexes.
 */
export const READ_PATH_INDEXES: readonly string[] = [
  'CREATE INDEX cases_channel_created_idx ON cases(channel, created_at)',
  'CREATE INDEX cases_department_created_idx ON cases(department_id, created_at)',
  'CREATE INDEX cases_target_deputy_idx ON cases(target_deputy_id, created_at)',
  'CREATE INDEX cases_unit_created_idx ON cases(unit_id, created_at)',
  'CREATE INDEX cases_supervised_idx ON cases(created_at) WHERE supervised = 1',
  'CREATE INDEX cases_flagged_idx ON cases(created_at) WHERE spam_score > 0',
];
