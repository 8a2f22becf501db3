/**
 * `npm run sql:snapshots`: rewrites packages/storage/queries/*.sql from the representative calls
 * of query-catalog.ts, on a fresh SQLite and a fresh PostgreSQL database (PostgreSQL as the tests
 * reach it: LIANXIN_TEST_PG_URL, or postgres://postgres@127.0.0.1:5432/postgres). Commit the
 * result with the change that caused it; the diff is the review of the SQL.
 */
import { openTestStorage } from '../testing/test-databases';
import { catalogProblems, generateSnapshots, QUERIES_DIR, repositoryClasses, writeSnapshots } from './sql-snapshots';

const classes = await repositoryClasses();
const problems = catalogProblems(classes);
if (problems.length) {
  console.error(`query-catalog.ts is incomplete:\n${problems.join('\n')}`);
  process.exit(1);
}
for (const dialect of ['sqlite', 'postgres'] as const) {
  const storage = await openTestStorage(dialect);
  try {
    const files = await generateSnapshots(storage, { classes });
    writeSnapshots(dialect, files);
    console.log(`${dialect}: ${files.size} files in ${QUERIES_DIR}`);
  } finally {
    await storage.dispose();
  }
}
