/**
 * Intake inbox rows say which version of the checked-submission payload they hold. A worker
 * opens only the versions it knows; rows of another version (written by a newer web instance
 * during a rolling upgrade) wait for a worker that knows them, counted in /metrics. The rows
 * stored before this column all hold version 1.
 */
import { defineSharedMigration } from './shared-migration';

export default defineSharedMigration({
  statements: (t) => [`ALTER TABLE intake_inbox ADD COLUMN payload_version ${t.int} NOT NULL DEFAULT 1`],
});
