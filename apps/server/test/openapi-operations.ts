/**
 * The operations of the OpenAPI document the server serves, for tests that must cover every
 * route (fuzzing, the access matrix): method, path, parameters and request body schema. Also a
 * seeded PRNG, so a failing run can be repeated exactly, and row counts of every table, to check
 * that a rejected request stored nothing.
 */
import type { Storage } from '@lianxin/storage';
import type { TestApp } from './support';

/** The subset of JSON Schema the generated document uses. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** One documented parameter. */
export interface ParamSpec {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

/** One operation of the document. */
export interface Operation {
  /** `GET /api/v1/cases/{id}`. */
  key: string;
  method: string;
  path: string;
  pathParams: ParamSpec[];
  query: ParamSpec[];
  /** Media types and the schema of the request body, when it has one. */
  body: { mediaTypes: string[]; schema: JsonSchema } | null;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: ParamSpec[]; requestBody?: { content: Record<string, { schema?: JsonSchema }> } }>>;
}

/** Every operation of the served `/openapi.json`, in document order. */
export async function loadOperations(t: TestApp): Promise<Operation[]> {
  const doc = (await t.request({ method: 'GET', url: '/openapi.json' })).json<OpenApiDocument>();
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const mediaTypes = Object.keys(content);
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        body: mediaTypes.length ? { mediaTypes, schema: content[mediaTypes[0]]?.schema ?? {} } : null,
      });
    }
  }
  return operations;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `encodeURIComponent`, except that a lone surrogate becomes the invalid UTF-8 `%ED%A0%80` instead of throwing. */
export function encodeLoose(value: string): string {
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\ufffd')).replace(/%EF%BF%BD/g, '%ED%A0%80');
}

/** `path` with `{name}` replaced by the URL-encoded values (a missing value stays as a literal). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (whole, name: string) => (name in values ? encodeLoose(values[name]) : whole));
}

/** A small seeded PRNG (mulberry32): the same seed gives the same run. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

const tableNames = new WeakMap<Storage, Promise<string[]>>();

/** Row counts of every table but the bookkeeping ones (audit log, rate counters, migrations), in one query. */
export async function tableCounts(storage: Storage): Promise<Record<string, number>> {
  let names = tableNames.get(storage);
  if (!names) {
    names = storage.db.introspection.getTables().then((tables) =>
      tables
        .map((t) => t.name)
        .filter((name) => !/^(kysely_|sqlite_|audit_log$|rate_counters$)|_fts|fts_/.test(name))
        .sort(),
    );
    tableNames.set(storage, names);
  }
  const tables = await names;
  const row = await storage.db
    .selectNoFrom((eb) =>
      tables.map((name) =>
        eb
          .selectFrom(name as 'cases')
          .select(eb.fn.countAll<number | string>().as('n'))
          .as(name),
      ),
    )
    .executeTakeFirstOrThrow();
  return Object.fromEntries(tables.map((name) => [name, Number((row as Record<string, unknown>)[name])]));
}

/** The tables whose counts differ between two snapshots. */
export function changedTables(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys({ ...before, ...after }).filter((name) => before[name] !== after[name]);
}
