/**
 * What a live database's schema is, read from the engine's own catalog (SQLite `pragma_*` and
 * `sqlite_master`, PostgreSQL `information_schema` and `pg_catalog`), as plain sorted JSON: the
 * schema drift tests compare two of these (a fresh database with an upgraded one) or one with
 * schema.ts (`schema-columns.ts`). Statement text is whitespace-normalised; nothing else is.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Storage } from '../database';

/** The engine-independent class of a column type. JSON is text on both engines (DESIGN §5). */
export type TypeClass = 'text' | 'integer' | 'real' | 'timestamp' | 'json' | 'other';

/** One column. */
export interface ColumnShape {
  /** The type as the engine declares it (lower case). */
  type: string;
  /** Its class (SQLite: by type affinity; `text` there also holds timestamps and JSON). */
  class: TypeClass;
  nullable: boolean;
  default: string | null;
}

/** One table (or view / virtual table). */
export interface TableShape {
  /** `table`, `view`, `virtual` (SQLite FTS5), `shadow` (an FTS5 table's storage). */
  kind: string;
  columns: Record<string, ColumnShape>;
  /** Primary key columns in key order. */
  primaryKey: string[];
  /** Constraints besides the primary key (foreign keys, unique, checks), normalised. */
  constraints: string[];
  /** Table options: `without rowid` (SQLite). */
  options: string[];
}

/** A database's schema. */
export interface SchemaShape {
  dialect: Storage['dialect'];
  tables: Record<string, TableShape>;
  /** Index name → definition. */
  indexes: Record<string, string>;
  /** Trigger name → definition. */
  triggers: Record<string, string>;
  /** Function name → definition (PostgreSQL). */
  functions: Record<string, string>;
}

/** Collapses runs of whitespace (migrations indent their DDL as the code around them). */
export function normaliseSql(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim();
}

/** The class of an SQLite declared type, by SQLite's affinity rules (https://sqlite.org/datatype3.html). */
export function sqliteClass(declared: string): TypeClass {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'integer';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'text';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'real';
  return 'other';
}

/** The class of a PostgreSQL type (`information_schema.columns.data_type`). */
export function postgresClass(dataType: string): TypeClass {
  if (['text', 'character varying', 'character'].includes(dataType)) return 'text';
  if (['integer', 'bigint', 'smallint'].includes(dataType)) return 'integer';
  if (['double precision', 'real', 'numeric'].includes(dataType)) return 'real';
  if (dataType.startsWith('timestamp')) return 'timestamp';
  if (dataType === 'json' || dataType === 'jsonb') return 'json';
  return 'other';
}

const sorted = <V>(entries: Array<[string, V]>): Record<string, V> => Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Reads the schema of `storage`. */
export async function introspect(storage: Pick<Storage, 'db' | 'dialect'>): Promise<SchemaShape> {
  return storage.dialect === 'sqlite' ? introspectSqlite(storage.db) : introspectPostgres(storage.db);
}

async function introspectSqlite(db: Storage['db']): Promise<SchemaShape> {
  const q = async <R>(query: RawBuilder<R>) => (await query.execute(db)).rows;
  const list = await q<{ name: string; type: string; wr: number }>(
    sql`SELECT name, type, wr FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'`,
  );
  const tables: Array<[string, TableShape]> = [];
  for (const t of list) {
    const cols = await q<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(
      sql`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(${t.name})`,
    );
    const fks = await q<{ id: number; seq: number; table: string; from: string; to: string | null; on_update: string; on_delete: string }>(
      sql`SELECT id, seq, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(${t.name}) ORDER BY id, seq`,
    );
    const fkGroups = new Map<number, typeof fks>();
    for (const fk of fks) fkGroups.set(fk.id, [...(fkGroups.get(fk.id) ?? []), fk]);
    const constraints = [...fkGroups.values()].map(
      (g) =>
        `foreign key (${g.map((f) => f.from).join(', ')}) references ${g[0].table}(${g.map((f) => f.to ?? '').join(', ')})` +
        (g[0].on_delete !== 'NO ACTION' ? ` on delete ${g[0].on_delete.toLowerCase()}` : '') +
        (g[0].on_update !== 'NO ACTION' ? ` on update ${g[0].on_update.toLowerCase()}` : ''),
    );
    const uniques = await q<{ name: string; origin: string; partial: number }>(
      sql`SELECT name, origin, partial FROM pragma_index_list(${t.name}) WHERE origin = 'u'`,
    );
    for (const u of uniques) {
      const ucols = await q<{ name: string }>(sql`SELECT name FROM pragma_index_info(${u.name}) ORDER BY seqno`);
      constraints.push(`unique (${ucols.map((c) => c.name).join(', ')})`);
    }
    const checks = await q<{ sql: string }>(sql`SELECT sql FROM sqlite_master WHERE name = ${t.name} AND sql LIKE '%CHECK%'`);
    for (const c of checks) for (const m of c.sql.matchAll(/CHECK\s*\(([^()]*(\([^()]*\)[^()]*)*)\)/gi)) constraints.push(`check (${normaliseSql(m[1])})`);
    tables.push([
      t.name,
      {
        kind: t.type,
        columns: sorted(
          cols.map((c) => [
            c.name,
            // A non-integer PRIMARY KEY of a rowid table accepts NULL in SQLite (a legacy quirk); the app never
            // writes one, and PostgreSQL refuses it, so key columns count as NOT NULL here.
            { type: c.type.toLowerCase(), class: sqliteClass(c.type), nullable: !c.notnull && !c.pk, default: c.dflt_value },
          ]),
        ),
        primaryKey: cols
          .filter((c) => c.pk)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
        constraints: constraints.sort(),
        options: t.wr ? ['without rowid'] : [],
      },
    ]);
  }
  const master = await q<{ type: string; name: string; sql: string | null; tbl_name: string }>(
    sql`SELECT type, name, sql, tbl_name FROM sqlite_master WHERE type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_%'`,
  );
  return {
    dialect: 'sqlite',
    tables: sorted(tables),
    indexes: sorted(master.filter((m) => m.type === 'index').map((m) => [m.name, normaliseSql(m.sql ?? `auto on ${m.tbl_name}`)])),
    triggers: sorted(master.filter((m) => m.type === 'trigger').map((m) => [m.name, normaliseSql(m.sql ?? '')])),
    functions: {},
  };
}

async function introspectPostgres(db: Storage['db']): Promise<SchemaShape> {
  const q = async <R>(query: RawBuilder<R>) => (await query.execute(db)).rows;
  const list = await q<{ table_name: string; table_type: string }>(
    sql`SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = current_schema()`,
  );
  const columns = await q<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
    sql`SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = current_schema()`,
  );
  const constraints = await q<{ table_name: string; conname: string; contype: string; def: string; keys: string[] | null }>(
    sql`SELECT c.conrelid::regclass::text AS table_name, c.conname, c.contype::text AS contype, pg_get_constraintdef(c.oid) AS def,
          (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS keys
        FROM pg_constraint c WHERE c.connamespace = current_schema()::regnamespace AND c.conrelid <> 0`,
  );
  const tables: Array<[string, TableShape]> = list.map((t) => {
    const own = constraints.filter((c) => c.table_name === t.table_name);
    return [
      t.table_name,
      {
        kind: t.table_type === 'VIEW' ? 'view' : 'table',
        columns: sorted(
          columns
            .filter((c) => c.table_name === t.table_name)
            .map((c) => [
              c.column_name,
              { type: c.data_type, class: postgresClass(c.data_type), nullable: c.is_nullable === 'YES', default: c.column_default },
            ]),
        ),
        primaryKey: own.find((c) => c.contype === 'p')?.keys ?? [],
        constraints: own
          .filter((c) => c.contype !== 'p')
          .map((c) => `${c.conname}: ${normaliseSql(c.def)}`.toLowerCase())
          .sort(),
        options: [],
      },
    ];
  });
  const indexes = await q<{ indexname: string; indexdef: string }>(sql`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()`);
  const triggers = await q<{ tgname: string; def: string }>(
    sql`SELECT t.tgname, pg_get_triggerdef(t.oid) AS def FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND r.relnamespace = current_schema()::regnamespace`,
  );
  const functions = await q<{ proname: string; def: string }>(
    sql`SELECT p.proname, pg_get_functiondef(p.oid) AS def FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace`,
  );
  return {
    dialect: 'postgres',
    tables: sorted(tables),
    indexes: sorted(indexes.map((i) => [i.indexname, normaliseSql(i.indexdef)])),
    triggers: sorted(triggers.map((t) => [t.tgname, normaliseSql(t.def)])),
    functions: sorted(functions.map((f) => [f.proname, normaliseSql(f.def)])),
  };
}
