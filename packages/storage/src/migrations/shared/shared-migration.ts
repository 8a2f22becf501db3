/**
 * Writing a migration once for both engines. A new migration is one file here in shared/ whose
 * DDL names the types that differ per dialect through slots (`${t.time}`, `${t.real}`, …), and
 * two one-line wrappers with the same name in sqlite/ and postgres/ (the folders the migrator
 * discovers):
 *
 *   // shared/0040_case_note.ts
 *   export default defineSharedMigration({ statements: (t) => [`ALTER TABLE cases ADD COLUMN noted_at ${t.time}`] });
 *   // sqlite/0040_case_note.ts                       // postgres/0040_case_note.ts
 *   import m from '../shared/0040_case_note';          import m from '../shared/0040_case_note';
 *   export const { up, down } = m.sqlite;              export const { up, down } = m.postgres;
 *
 * The slots follow the column conventions of schema.ts (DESIGN §5), which the schema drift test
 * (schema-drift.test.ts) holds both engines to.
 */
import { sql, type Kysely, type Migration } from 'kysely';

/** The two engines. */
export type MigrationDialect = 'sqlite' | 'postgres';

/** Column types (and table options) as each dialect spells them. */
export interface DialectTypes {
  dialect: MigrationDialect;
  /** Text (and text ids made in the app). */
  text: 'TEXT';
  /** A text id made in the app. */
  id: 'TEXT';
  /** An instant: ISO-8601 UTC text on SQLite, `timestamptz` on PostgreSQL (both read back as ISO strings). */
  time: 'TEXT' | 'TIMESTAMPTZ';
  /** JSON, kept as text on both engines. */
  json: 'TEXT';
  /** A boolean as 0/1. */
  bool: 'INTEGER';
  /** A 32-bit integer. */
  int: 'INTEGER';
  /** A 64-bit integer (counters, sequence numbers). */
  bigint: 'INTEGER' | 'BIGINT';
  /** A floating point number. */
  real: 'REAL' | 'DOUBLE PRECISION';
  /** An auto-increment primary key column (type and constraint). */
  serial: 'INTEGER PRIMARY KEY AUTOINCREMENT' | 'BIGSERIAL PRIMARY KEY';
  /** Table option clustering a table on its primary key where the engine can (append after `)`). */
  withoutRowid: ' WITHOUT ROWID' | '';
}

/** The slots of each dialect. */
export const DIALECT_TYPES: Readonly<Record<MigrationDialect, DialectTypes>> = {
  sqlite: {
    dialect: 'sqlite',
    text: 'TEXT',
    id: 'TEXT',
    time: 'TEXT',
    json: 'TEXT',
    bool: 'INTEGER',
    int: 'INTEGER',
    bigint: 'INTEGER',
    real: 'REAL',
    serial: 'INTEGER PRIMARY KEY AUTOINCREMENT',
    withoutRowid: ' WITHOUT ROWID',
  },
  postgres: {
    dialect: 'postgres',
    text: 'TEXT',
    id: 'TEXT',
    time: 'TIMESTAMPTZ',
    json: 'TEXT',
    bool: 'INTEGER',
    int: 'INTEGER',
    bigint: 'BIGINT',
    real: 'DOUBLE PRECISION',
    serial: 'BIGSERIAL PRIMARY KEY',
    withoutRowid: '',
  },
};

/** What a shared migration does. */
export interface SharedMigration {
  /** DDL (or any SQL) written once with the dialect slots; run in order. */
  statements?: (t: DialectTypes) => readonly string[];
  /** What SQL cannot say alike on both engines (data backfills, dialect-only steps); runs after `statements`. */
  run?: (db: Kysely<unknown>, t: DialectTypes) => Promise<void>;
}

/** Lianxin migrations go forward only. */
export async function forwardOnly(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}

/** One dialect's migration; plain function properties, so a wrapper can export them destructured (`export const { up, down } = m.sqlite`). */
export interface DialectMigration extends Migration {
  up: (db: Kysely<unknown>) => Promise<void>;
  down: () => Promise<void>;
}

/** The migration for each dialect, from one description. Frozen like any migration: a later change is a new migration. */
export function defineSharedMigration(migration: SharedMigration): Readonly<Record<MigrationDialect, DialectMigration>> {
  const on = (dialect: MigrationDialect): DialectMigration => ({
    up: async (db: Kysely<unknown>) => {
      const t = DIALECT_TYPES[dialect];
      for (const statement of migration.statements?.(t) ?? []) await sql.raw(statement).execute(db);
      await migration.run?.(db, t);
    },
    down: forwardOnly,
  });
  return { sqlite: on('sqlite'), postgres: on('postgres') };
}
