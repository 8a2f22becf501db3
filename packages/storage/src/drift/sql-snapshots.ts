/**
 * The SQL every repository method sends, committed for review as
 * `packages/storage/queries/<repository>.<dialect>.sql` (after immich's `queries/*.sql`): each
 * representative call of query-catalog.ts runs against a seeded real database of each engine
 * while a Kysely plugin records every statement compiled for it, laid out by sql-format.ts.
 * `npm run sql:snapshots` rewrites the files; sql-snapshots.test.ts regenerates them in memory
 * and fails, showing the changed lines, when a method's SQL changed without its snapshot.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { KyselyPlugin, QueryId, RootOperationNode } from 'kysely';
import type { Dialect, Storage } from '../database';
import { QUERY_CATALOG, seed, type Call, type RepositoryCalls } from './query-catalog';
import { formatSql } from './sql-format';

/** Where the snapshots are committed. */
export const QUERIES_DIR = fileURLToPath(new URL('../../queries/', import.meta.url));
/** Where the repositories live. */
export const REPOSITORIES_DIR = fileURLToPath(new URL('../repositories/', import.meta.url));

/** A repository class and the source file it is written in. */
export interface RepositoryClass {
  name: string;
  type: abstract new (...args: never[]) => unknown;
  /** File name under repositories/, e.g. `unit.repository.ts`. */
  file: string;
  source: string;
}

/** Every class exported by a `*.repository.ts` file: found in the folder, not listed. */
export async function repositoryClasses(dir: string = REPOSITORIES_DIR): Promise<RepositoryClass[]> {
  const found: RepositoryClass[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.repository.ts'))
    .sort()) {
    const module = (await import(pathToFileURL(path.join(dir, file)).href)) as Record<string, unknown>;
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const [name, value] of Object.entries(module))
      if (typeof value === 'function' && /^class\s/.test(Function.prototype.toString.call(value)))
        found.push({ name, type: value as RepositoryClass['type'], file, source });
  }
  return found;
}

/** Methods a class's source declares `private` (TypeScript's, still on the prototype at run time). */
function privateMethods(source: string): Set<string> {
  return new Set([...source.matchAll(/^\s+private\s+(?:async\s+)?(\w+)\s*[(<]/gm)].map((m) => m[1]));
}

/** The public methods of a class, from its prototype chain (inherited ones included). */
export function publicMethods(c: Pick<RepositoryClass, 'type' | 'source'>): string[] {
  const hidden = privateMethods(c.source);
  const names = new Set<string>();
  for (let proto = c.type.prototype as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null)
    for (const name of Object.getOwnPropertyNames(proto))
      if (name !== 'constructor' && !hidden.has(name) && typeof Object.getOwnPropertyDescriptor(proto, name)?.value === 'function') names.add(name);
  return [...names].sort();
}

/** What the catalog misses: a repository class without calls, a public method without a call, a call of no method. */
export function catalogProblems(classes: readonly RepositoryClass[], catalog: Record<string, RepositoryCalls> = QUERY_CATALOG): string[] {
  const problems: string[] = [];
  for (const c of classes) {
    const entry = catalog[c.name];
    if (!entry) {
      problems.push(`${c.name} (${c.file}) has no representative calls in query-catalog.ts`);
      continue;
    }
    const methods = publicMethods(c);
    for (const m of methods) if (!(m in entry.calls)) problems.push(`${c.name}.${m} has no representative call in query-catalog.ts`);
    for (const m of Object.keys(entry.calls)) if (!methods.includes(m)) problems.push(`query-catalog.ts calls ${c.name}.${m}, which is not a public method`);
  }
  for (const name of Object.keys(catalog))
    if (!classes.some((c) => c.name === name)) problems.push(`query-catalog.ts lists ${name}, which no *.repository.ts exports`);
  return problems;
}

/** The snapshot file a repository's SQL goes to. */
export function snapshotFile(file: string, dialect: Dialect): string {
  return `${file.replace(/\.repository\.ts$/, '')}.${dialect}.sql`;
}

/** Records the SQL of every statement compiled while recording (in the order the code asks for them). */
class Recorder implements KyselyPlugin {
  private statements: string[] | null = null;
  constructor(private readonly compile: (node: RootOperationNode, queryId: QueryId) => string) {}
  start(): void {
    this.statements = [];
  }
  stop(): string[] {
    const out = this.statements ?? [];
    this.statements = null;
    return out;
  }
  transformQuery: KyselyPlugin['transformQuery'] = (args) => {
    this.statements?.push(this.compile(args.node, args.queryId));
    return args.node;
  };
  transformResult: KyselyPlugin['transformResult'] = (args) => Promise.resolve(args.result);
}

/** Thrown to roll a call's transaction back. */
class Rollback extends Error {}

/** What a call threw, as a reviewer reads it: the AppError or driver code, else the error's name. */
function errorCode(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' || typeof code === 'number') return String(code);
  return error instanceof Error ? error.name : 'a non-error';
}

/** One call's section: its header, its statements, and how it ended if it threw. */
function section(header: string, statements: string[], error: unknown): string {
  const body = statements.length ? statements.map((s) => `${formatSql(s)};`).join('\n\n') : '-- (no statement)';
  const code = error === undefined ? '' : `\n-- threw ${errorCode(error)}`;
  return `-- ${header}\n${body}${code}`;
}

const HEADER = (dialect: Dialect) =>
  `-- The SQL of each repository method on ${dialect}, from the representative calls in packages/storage/src/drift/query-catalog.ts.\n` +
  `-- Generated by \`npm run sql:snapshots\`; do not edit. Review changes here like code.`;

/**
 * Runs every catalogued call on `storage` (an empty migrated database, seeded here) and returns
 * the snapshot files' text by file name. `classes` and `catalog` are the package's by default.
 */
export async function generateSnapshots(
  storage: Pick<Storage, 'db' | 'dialect'>,
  options: { classes?: readonly RepositoryClass[]; catalog?: Record<string, RepositoryCalls> } = {},
): Promise<Map<string, string>> {
  const classes = options.classes ?? (await repositoryClasses());
  const catalog = options.catalog ?? QUERY_CATALOG;
  const recorder = new Recorder((node, queryId) => storage.db.getExecutor().compileQuery(node, queryId).sql);
  const db = storage.db.withPlugin(recorder);
  await seed(db);
  const sections = new Map<string, string[]>();
  const later: Array<{ file: string; header: string; type: RepositoryCalls['type']; call: Call<unknown> }> = [];
  for (const c of classes) {
    const entry = catalog[c.name];
    if (!entry) continue;
    const file = snapshotFile(c.file, storage.dialect);
    if (!sections.has(file)) sections.set(file, []);
    for (const [method, value] of Object.entries(entry.calls)) {
      const variants: Array<[string, Call<unknown>]> = typeof value === 'function' ? [['', value]] : Object.entries(value);
      for (const [variant, call] of variants) {
        const label = variant ? `${method} (${variant})` : method;
        const header = `${c.name}.${label}`;
        if (entry.ownTransaction?.includes(method) || entry.ownTransaction?.includes(label)) {
          later.push({ file, header, type: entry.type, call });
          continue;
        }
        let statements: string[] = [];
        let error: unknown;
        await db
          .transaction()
          .execute(async (trx) => {
            recorder.start();
            try {
              await call(new entry.type(trx));
            } catch (e) {
              error = e;
            } finally {
              statements = recorder.stop();
            }
            throw new Rollback();
          })
          .catch((e: unknown) => {
            if (!(e instanceof Rollback)) throw e;
          });
        sections.get(file)!.push(section(header, statements, error));
      }
    }
  }
  // Calls that open their own transaction or must run outside one, on the seeded database itself.
  for (const { file, header, type, call } of later) {
    let error: unknown;
    recorder.start();
    try {
      await call(new type(db));
    } catch (e) {
      error = e;
    }
    sections.get(file)!.push(section(header, recorder.stop(), error));
  }
  return new Map([...sections].map(([file, parts]) => [file, `${HEADER(storage.dialect)}\n\n${parts.join('\n\n')}\n`]));
}

/** The committed snapshot files of `dialect`, by file name. */
export function readSnapshots(dialect: Dialect, dir: string = QUERIES_DIR): Map<string, string> {
  if (!fs.existsSync(dir)) return new Map();
  return new Map(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(`.${dialect}.sql`))
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
  );
}

/** Writes `files` (and removes snapshot files of `dialect` no repository has any more). */
export function writeSnapshots(dialect: Dialect, files: Map<string, string>, dir: string = QUERIES_DIR): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const old of readSnapshots(dialect, dir).keys()) if (!files.has(old)) fs.rmSync(path.join(dir, old));
  for (const [file, text] of files) fs.writeFileSync(path.join(dir, file), text);
}

/** A file's sections by their `-- Class.method (variant)` header. */
function sectionsOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(/\n(?=-- \w+Repository\.)/).slice(1)) {
    const [header, ...rest] = part.split('\n');
    out.set(header.slice(3), rest.join('\n').trimEnd());
  }
  return out;
}

/** A line diff of two short texts (`-` committed, `+` generated), unchanged lines left out. */
function lineDiff(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] > lcs[i + 1][j])) out.push(`+ ${b[j++]}`);
    else out.push(`- ${a[i++]}`);
  }
  return out.join('\n');
}

/**
 * Where the generated snapshots differ from the committed ones, method by method, with the
 * changed lines; empty when they agree. Fix by running `npm run sql:snapshots` and reviewing the diff.
 */
export function compareSnapshots(generated: Map<string, string>, committed: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const file of committed.keys()) if (!generated.has(file)) problems.push(`${file}: committed, but no repository produces it any more`);
  for (const [file, text] of generated) {
    const old = committed.get(file);
    if (old === undefined) {
      problems.push(`${file}: no committed snapshot`);
      continue;
    }
    if (old === text) continue;
    const before = sectionsOf(old);
    const after = sectionsOf(text);
    for (const header of before.keys()) if (!after.has(header)) problems.push(`${file}: ${header}: in the snapshot, but no longer called`);
    for (const [header, sqlText] of after) {
      const was = before.get(header);
      if (was === undefined) problems.push(`${file}: ${header}: new, not in the snapshot:\n${sqlText}`);
      else if (was !== sqlText) problems.push(`${file}: ${header}: SQL changed:\n${lineDiff(was, sqlText)}`);
    }
    if (!problems.some((p) => p.startsWith(`${file}:`))) problems.push(`${file}: differs outside the method sections:\n${lineDiff(old, text)}`);
  }
  return problems;
}
