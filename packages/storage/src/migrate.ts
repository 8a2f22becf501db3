/**
 * Schema migrations. Each dialect has its own folder with the same migration names, so
 * both databases always stand at the same named version. On PostgreSQL a session-level
 * advisory lock serializes instances that start at the same moment: the first migrates,
 * the others wait and then find nothing to do.
 */
import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Storage } from './database';
import * as sqlite0001 from './migrations/sqlite/0001_foundation';
import * as pg0001 from './migrations/postgres/0001_foundation';
import * as sqlite0002 from './migrations/sqlite/0002_cases';
import * as pg0002 from './migrations/postgres/0002_cases';
import * as sqlite0003 from './migrations/sqlite/0003_jobs';
import * as pg0003 from './migrations/postgres/0003_jobs';
import * as sqlite0004 from './migrations/sqlite/0004_user_email';
import * as pg0004 from './migrations/postgres/0004_user_email';
import * as sqlite0005 from './migrations/sqlite/0005_search';
import * as pg0005 from './migrations/postgres/0005_search';
import * as sqlite0007 from './migrations/sqlite/0007_duty';
import * as pg0007 from './migrations/postgres/0007_duty';
import * as sqlite0008 from './migrations/sqlite/0008_proposals';
import * as pg0008 from './migrations/postgres/0008_proposals';
import * as sqlite0009 from './migrations/sqlite/0009_stats';
import * as pg0009 from './migrations/postgres/0009_stats';
import * as sqlite0010 from './migrations/sqlite/0010_integrations';
import * as pg0010 from './migrations/postgres/0010_integrations';
import * as sqlite0013 from './migrations/sqlite/0013_read_paths';
import * as pg0013 from './migrations/postgres/0013_read_paths';
import * as sqlite0014 from './migrations/sqlite/0014_service_attributes';
import * as pg0014 from './migrations/postgres/0014_service_attributes';
import * as sqlite0012 from './migrations/sqlite/0012_issue_escalation';
import * as pg0012 from './migrations/postgres/0012_issue_escalation';
import * as sqlite0015 from './migrations/sqlite/0015_intake_inbox';
import * as pg0015 from './migrations/postgres/0015_intake_inbox';
import * as sqlite0016 from './migrations/sqlite/0016_filtered_search';
import * as pg0016 from './migrations/postgres/0016_filtered_search';
import * as sqlite0017 from './migrations/sqlite/0017_worklists';
import * as pg0017 from './migrations/postgres/0017_worklists';
import * as sqlite0018 from './migrations/sqlite/0018_search_facets';
import * as pg0018 from './migrations/postgres/0018_search_facets';
import * as sqlite0019 from './migrations/sqlite/0019_supervised_open';
import * as pg0019 from './migrations/postgres/0019_supervised_open';
import * as sqlite0020 from './migrations/sqlite/0020_attachment_owners';
import * as pg0020 from './migrations/postgres/0020_attachment_owners';
import * as sqlite0021 from './migrations/sqlite/0021_booking_address';
import * as pg0021 from './migrations/postgres/0021_booking_address';
import * as sqlite0025 from './migrations/sqlite/0025_ballot_secrecy';
import * as pg0025 from './migrations/postgres/0025_ballot_secrecy';
import * as sqlite0026 from './migrations/sqlite/0026_audit_chain';
import * as pg0026 from './migrations/postgres/0026_audit_chain';
import * as sqlite0027 from './migrations/sqlite/0027_health_probe';
import * as pg0027 from './migrations/postgres/0027_health_probe';
import * as sqlite0040 from './migrations/sqlite/0040_demo_outbox';
import * as pg0040 from './migrations/postgres/0040_demo_outbox';

const MIGRATIONS: Record<Storage['dialect'], Record<string, Migration>> = {
  sqlite: {
    '0001_foundation': sqlite0001,
    '0002_cases': sqlite0002,
    '0003_jobs': sqlite0003,
    '0004_user_email': sqlite0004,
    '0005_search': sqlite0005,
    '0007_duty': sqlite0007,
    '0008_proposals': sqlite0008,
    '0009_stats': sqlite0009,
    '0010_integrations': sqlite0010,
    '0013_read_paths': sqlite0013,
    '0014_service_attributes': sqlite0014,
    '0012_issue_escalation': sqlite0012,
    '0015_intake_inbox': sqlite0015,
    '0016_filtered_search': sqlite0016,
    '0017_worklists': sqlite0017,
    '0018_search_facets': sqlite0018,
    '0019_supervised_open': sqlite0019,
    '0020_attachment_owners': sqlite0020,
    '0021_booking_address': sqlite0021,
    '0025_ballot_secrecy': sqlite0025,
    '0026_audit_chain': sqlite0026,
    '0027_health_probe': sqlite0027,
    '0040_demo_outbox': sqlite0040,
  },
  postgres: {
    '0001_foundation': pg0001,
    '0002_cases': pg0002,
    '0003_jobs': pg0003,
    '0004_user_email': pg0004,
    '0005_search': pg0005,
    '0007_duty': pg0007,
    '0008_proposals': pg0008,
    '0009_stats': pg0009,
    '0010_integrations': pg0010,
    '0013_read_paths': pg0013,
    '0014_service_attributes': pg0014,
    '0012_issue_escalation': pg0012,
    '0015_intake_inbox': pg0015,
    '0016_filtered_search': pg0016,
    '0017_worklists': pg0017,
    '0018_search_facets': pg0018,
    '0019_supervised_open': pg0019,
    '0020_attachment_owners': pg0020,
    '0021_booking_address': pg0021,
    '0025_ballot_secrecy': pg0025,
    '0026_audit_chain': pg0026,
    '0027_health_probe': pg0027,
    '0040_demo_outbox': pg0040,
  },
};

/** Arbitrary but fixed key of the advisory lock that guards migrations. */
const MIGRATION_LOCK_KEY = 7_420_250_001;

/** Names of every migration this build knows, in order. */
export function knownMigrations(dialect: Storage['dialect']): string[] {
  return Object.keys(MIGRATIONS[dialect]).sort();
}

function provider(dialect: Storage['dialect']): MigrationProvider {
  return { getMigrations: () => Promise.resolve(MIGRATIONS[dialect]) };
}

/** Result of a migration run. */
export interface MigrateResult {
  applied: string[];
}

async function runMigrator(db: Storage['db'], dialect: Storage['dialect']): Promise<MigrateResult> {
  // Numbers are handed out to work done side by side, so a database may have run a later number
  // before an earlier one arrives; each migration stands alone, so the earlier one still runs.
  const { error, results } = await new Migrator({ db, provider: provider(dialect), allowUnorderedMigrations: true }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/** Brings the schema up to date; safe to call from several processes at once. */
export async function migrateToLatest(storage: Storage): Promise<MigrateResult> {
  if (storage.dialect !== 'postgres') return runMigrator(storage.db, storage.dialect);
  // Hold one connection for the whole run so the lock and the work share a session.
  return storage.db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      return await runMigrator(conn, storage.dialect);
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}

/** Names of migrations not yet applied; empty when the schema is current. */
export async function pendingMigrations(storage: Storage): Promise<string[]> {
  const migrator = new Migrator({ db: storage.db, provider: provider(storage.dialect), allowUnorderedMigrations: true });
  const all = await migrator.getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

/** Runs the migrations up to and including `name` (tests of a migration over data written before it). */
export async function migrateTo(storage: Storage, name: string): Promise<void> {
  const { error } = await new Migrator({ db: storage.db, provider: provider(storage.dialect), allowUnorderedMigrations: true }).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
}
