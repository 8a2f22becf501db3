/**
 * Comparisons of introspected schemas (introspect.ts): two databases of one engine with each
 * other (fresh against upgraded: exactly equal), the two engines with each other, and each
 * engine with schema.ts (SCHEMA_COLUMNS). Each returns readable differences; empty means equal.
 * What one engine has by design and the other has not is listed here with the reason.
 */
import type { Dialect } from '../database';
import type { ColumnShape, SchemaShape, TableShape, TypeClass } from './introspect';
import { SCHEMA_COLUMNS } from './schema-columns';

/** Tables the migrator keeps for itself (not part of schema.ts). */
const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/**
 * What only one engine has, by design. SQLite's full-text search is FTS5: two virtual tables
 * (with their shadow tables) and the map from case id to FTS rowid; PostgreSQL keeps a tsvector
 * column on `cases` instead. Neither is read through Kysely's table types.
 */
export const ENGINE_ONLY = {
  sqlite: { tables: ['case_fts_rows'], tableKinds: ['virtual', 'shadow'], columns: [] as string[] },
  postgres: { tables: [] as string[], tableKinds: [] as string[], columns: ['cases.search_vector'] },
} as const;

/**
 * Indexes only one engine has, by design (each engine's planner needs its own): SQLite covers the
 * filters a text match is checked against; PostgreSQL indexes the text and facet lexemes with GIN.
 */
export const ENGINE_ONLY_INDEXES: Record<Dialect, readonly string[]> = {
  sqlite: ['cases_filter_cover_idx'],
  postgres: ['cases_search_idx', 'cases_search_facets_idx'],
};

/** Tables of `shape` that schema.ts describes (not the migrator's, not one engine's search machinery). */
function modelTables(shape: SchemaShape): Record<string, TableShape> {
  const only = ENGINE_ONLY[shape.dialect];
  return Object.fromEntries(
    Object.entries(shape.tables).filter(
      ([name, t]) =>
        !MIGRATOR_TABLES.includes(name) && !(only.tables as readonly string[]).includes(name) && !(only.tableKinds as readonly string[]).includes(t.kind),
    ),
  );
}

function modelColumns(shape: SchemaShape, table: string, t: TableShape): Record<string, ColumnShape> {
  const only = ENGINE_ONLY[shape.dialect].columns as readonly string[];
  return Object.fromEntries(Object.entries(t.columns).filter(([c]) => !only.includes(`${table}.${c}`)));
}

/** The class each engine stores a schema.ts class as. */
function storedClass(dialect: Dialect, spec: TypeClass): TypeClass {
  if (dialect === 'sqlite') return spec === 'timestamp' || spec === 'json' ? 'text' : spec;
  return spec === 'json' ? 'text' : spec;
}

const describe = (c: ColumnShape) => `${c.type}${c.nullable ? '' : ' not null'}`;

/** Differences between a database and schema.ts: tables, columns, type classes, nullability. */
export function compareWithSchema(shape: SchemaShape, spec: Record<string, Record<string, string>> = SCHEMA_COLUMNS): string[] {
  const problems: string[] = [];
  const tables = modelTables(shape);
  for (const table of Object.keys(spec)) if (!tables[table]) problems.push(`${shape.dialect}: table ${table} of schema.ts does not exist`);
  for (const [table, t] of Object.entries(tables)) {
    const expected = spec[table];
    if (!expected) {
      problems.push(`${shape.dialect}: table ${table} is not in schema.ts`);
      continue;
    }
    const columns = modelColumns(shape, table, t);
    for (const column of Object.keys(expected)) if (!columns[column]) problems.push(`${shape.dialect}: column ${table}.${column} of schema.ts does not exist`);
    for (const [column, c] of Object.entries(columns)) {
      const want = expected[column];
      if (!want) {
        problems.push(`${shape.dialect}: column ${table}.${column} (${describe(c)}) is not in schema.ts`);
        continue;
      }
      const nullable = want.endsWith('?');
      const cls = storedClass(shape.dialect, want.replace('?', '') as TypeClass);
      if (c.class !== cls) problems.push(`${shape.dialect}: column ${table}.${column} is ${c.type} (${c.class}) but schema.ts has ${want} (${cls})`);
      if (c.nullable !== nullable)
        problems.push(`${shape.dialect}: column ${table}.${column} is ${c.nullable ? 'nullable' : 'not null'} but schema.ts has ${want}`);
    }
  }
  return problems;
}

/** A default as both engines would agree on it: PostgreSQL's casts and quoting of numbers removed. */
function comparableDefault(value: string | null): string | null {
  if (value === null || value.startsWith('nextval(')) return null;
  return value.replace(/::[a-z ]+$/i, '').replace(/^'(-?\d+(\.\d+)?)'$/, '$1');
}

/** Differences between the two engines: the same tables and columns, with the same class, nullability, default and primary key. */
export function compareEngines(sqlite: SchemaShape, postgres: SchemaShape): string[] {
  const problems: string[] = [];
  const s = modelTables(sqlite);
  const p = modelTables(postgres);
  for (const table of Object.keys(s)) if (!p[table]) problems.push(`table ${table} exists on sqlite but not on postgres`);
  for (const table of Object.keys(p)) if (!s[table]) problems.push(`table ${table} exists on postgres but not on sqlite`);
  for (const table of Object.keys(s).filter((t) => p[t])) {
    const sc = modelColumns(sqlite, table, s[table]);
    const pc = modelColumns(postgres, table, p[table]);
    for (const column of Object.keys(sc)) if (!pc[column]) problems.push(`column ${table}.${column} exists on sqlite but not on postgres`);
    for (const column of Object.keys(pc)) if (!sc[column]) problems.push(`column ${table}.${column} exists on postgres but not on sqlite`);
    for (const column of Object.keys(sc).filter((c) => pc[c])) {
      const a = sc[column];
      const b = pc[column];
      // SQLite keeps instants and JSON as text.
      const pgAsSqlite = storedClass('sqlite', b.class);
      if (a.class !== pgAsSqlite) problems.push(`column ${table}.${column} is ${a.type} on sqlite but ${b.type} on postgres`);
      if (a.nullable !== b.nullable) problems.push(`column ${table}.${column} is ${describe(a)} on sqlite but ${describe(b)} on postgres`);
      if (comparableDefault(a.default) !== comparableDefault(b.default))
        problems.push(`column ${table}.${column} defaults to ${a.default} on sqlite but ${b.default} on postgres`);
    }
    if (s[table].primaryKey.join() !== p[table].primaryKey.join())
      problems.push(`table ${table} has primary key (${s[table].primaryKey.join(', ')}) on sqlite but (${p[table].primaryKey.join(', ')}) on postgres`);
  }
  const explicitSqlite = Object.keys(sqlite.indexes).filter((name) => !sqlite.indexes[name].startsWith('auto on '));
  const constraintNames = new Set(Object.values(postgres.tables).flatMap((t) => t.constraints.map((c) => c.split(':')[0])));
  const explicitPostgres = Object.keys(postgres.indexes).filter((name) => !name.endsWith('_pkey') && !constraintNames.has(name));
  for (const name of explicitSqlite)
    if (!explicitPostgres.includes(name) && !ENGINE_ONLY_INDEXES.sqlite.includes(name)) problems.push(`index ${name} exists on sqlite but not on postgres`);
  for (const name of explicitPostgres)
    if (!explicitSqlite.includes(name) && !ENGINE_ONLY_INDEXES.postgres.includes(name)) problems.push(`index ${name} exists on postgres but not on sqlite`);
  return problems;
}

/** Every difference between two schemas of one engine (fresh against upgraded): nothing may differ. */
export function compareShapes(a: unknown, b: unknown, labels: [string, string], path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => {
      const at = path ? `${path}.${k}` : k;
      if (!(k in b)) return [`${at}: only in ${labels[0]}: ${JSON.stringify(a[k])}`];
      if (!(k in a)) return [`${at}: only in ${labels[1]}: ${JSON.stringify(b[k])}`];
      return compareShapes(a[k], b[k], labels, at);
    });
  }
  return [`${path}: ${labels[0]} has ${JSON.stringify(a)}, ${labels[1]} has ${JSON.stringify(b)}`];
}
