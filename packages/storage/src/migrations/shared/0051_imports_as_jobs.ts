/**
 * Imports run as jobs from now on (`import.run`); earlier versions ran them inside the web
 * process, so a run still marked running when this version starts died with its process.
 */
import { defineSharedMigration } from './shared-migration';

export default defineSharedMigration({
  statements: () => [`UPDATE imports SET status = 'failed' WHERE status = 'running'`],
});
