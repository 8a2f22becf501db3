/**
 * Exports that run as jobs (`export.run`): one row per requested file, with its progress, the
 * stored file (by SHA-256 in the data directory's `exports` store) and when it expires. Only the
 * user who asked for it may download it; the worker removes expired files.
 */
import { defineSharedMigration } from './shared-migration';

export default defineSharedMigration({
  statements: (t) => [
    `CREATE TABLE exports (
      id ${t.id} PRIMARY KEY,
      kind ${t.text} NOT NULL,
      format ${t.text} NOT NULL,
      status ${t.text} NOT NULL,
      include_contact ${t.bool} NOT NULL DEFAULT 0,
      filters ${t.json} NOT NULL DEFAULT '{}',
      total ${t.bigint},
      processed ${t.bigint} NOT NULL DEFAULT 0,
      file_name ${t.text},
      file_sha256 ${t.text},
      file_size ${t.bigint},
      error ${t.text},
      created_by ${t.id} NOT NULL,
      created_at ${t.time} NOT NULL,
      updated_at ${t.time} NOT NULL,
      finished_at ${t.time},
      expires_at ${t.time}
    )`,
    'CREATE INDEX exports_owner_idx ON exports(created_by, created_at)',
    'CREATE INDEX exports_expires_idx ON exports(expires_at)',
  ],
});
