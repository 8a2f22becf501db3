/**
 * The OpenAPI document describes every route the server answers (API.md: "describe
 * everything in the OpenAPI document"): each method and path Fastify registered — read
 * from its own route table — appears in `/openapi.json` with a summary and a tag, and a typed
 * success response (the contract of packages/contracts: no route answers an open record). The
 * web app's static pages, the documentation UI itself and HEAD/OPTIONS twins are left out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fastify from 'fastify';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileResponse } from '@lianxin/contracts';
import type { JsonSchema } from './openapi-operations';
import { createTestApp, type TestApp } from './support';

/** Routes that are not API: the web app's pages and files, and the docs UI. */
const NOT_API = [/^\/(console|m|screen)(\/|\*|$)/, /^\/assets\//, /^\/docs(\/|$)/, /^\/openapi\.json$/, /^\/$/, /^\*$/, /^\/favicon/];

/**
 * Every method + path in Fastify's route table, from `printRoutes({ commonPrefix: false })`:
 * a tree, four characters per level, where a node's path is its ancestors' labels joined.
 */
export function routeTable(printed: string): Array<{ method: string; path: string }> {
  const routes: Array<{ method: string; path: string }> = [];
  const stack: string[] = [];
  for (const line of printed.split('\n')) {
    const match = /^([\s│├└─]*)(\S.*?)(?: \(([A-Z, ]+)\))?\s*$/.exec(line);
    if (!match) continue;
    const depth = Math.max(0, Array.from(match[1]).length / 4 - 1);
    stack.length = depth;
    stack.push(match[2]);
    const path = stack.join('');
    for (const method of (match[3] ?? '')
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean))
      routes.push({ method, path });
  }
  return routes;
}

/** Fastify's `/a/:id.json` in OpenAPI's spelling, `/a/{id}.json`. */
function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** A documented operation's responses, as the generated document has them. */
interface DocumentedOperation {
  summary?: string;
  tags?: string[];
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema & { $ref?: string } }> }>;
}

/** The document's operations: `paths[path][method]`. */
type DocumentedPaths = Record<string, Record<string, DocumentedOperation>>;

/**
 * Where a response schema is untyped: an empty schema (`z.unknown()`, `z.any()`), or an object
 * that lists no properties and takes any value for any key (`z.record(z.string(), z.unknown())`,
 * the old `loose`). A record with typed values (counts by status) is typed. Answers the JSON
 * paths of the untyped parts (`` for the whole response, `items[]` for list items).
 */
export function untypedParts(schema: JsonSchema | undefined, at = ''): string[] {
  if (!schema || typeof schema !== 'object') return [at || '(root)'];
  const keys = Object.keys(schema).filter((k) => !['description', 'title', 'default', 'examples', 'deprecated', 'readOnly', '$schema'].includes(k));
  if (keys.length === 0) return [at || '(root)'];
  const found: string[] = [];
  const open =
    schema.additionalProperties === undefined || schema.additionalProperties === true || untypedParts(asSchema(schema.additionalProperties)).length > 0;
  const isObject = schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object'));
  if (isObject && !schema.properties && open) found.push(at || '(root)');
  for (const [name, property] of Object.entries(schema.properties ?? {})) found.push(...untypedParts(property, `${at}${at ? '.' : ''}${name}`));
  if (schema.items) found.push(...untypedParts(schema.items, `${at}[]`));
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object' && schema.properties === undefined && !open)
    found.push(...untypedParts(schema.additionalProperties, `${at}{}`));
  for (const variant of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) found.push(...untypedParts(variant, at));
  return found;
}

function asSchema(value: boolean | JsonSchema | undefined): JsonSchema | undefined {
  return typeof value === 'object' ? value : value === false ? ({ not: {} } as JsonSchema) : undefined;
}

/**
 * The operations of `paths` whose success answer is not typed: no 2xx response with content,
 * or one whose schema has an untyped part. Answers `METHOD /path` (with the untyped parts).
 */
export function untypedResponses(paths: DocumentedPaths, routes: Array<{ method: string; path: string }>): string[] {
  const problems: string[] = [];
  for (const route of routes) {
    const operation = paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
    if (!operation) continue;
    const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
    if (success.length === 0) {
      problems.push(`${route.method} ${route.path}: no success response`);
      continue;
    }
    for (const [status, response] of success) {
      const contents = Object.entries(response.content ?? {});
      // 204 No Content is typed by having none.
      if (contents.length === 0 && status !== '204') problems.push(`${route.method} ${route.path}: ${status} has no schema`);
      for (const [mediaType, { schema }] of contents) {
        const parts = mediaType.includes('json') ? untypedParts(schema) : schema?.type === 'string' ? [] : ['(root)'];
        if (parts.length) problems.push(`${route.method} ${route.path}: ${status} ${mediaType} untyped at ${parts.join(', ')}`);
      }
    }
  }
  return problems;
}

/** Routes still to be typed while the contracts move area by area (must shrink to nothing). */
const PENDING = new Set<string>([
  'GET /metrics',
  'GET /api/v1/public/opinions/:trackingCode/attachments/:id',
  'GET /api/v1/public/qr.svg',
  'GET /api/v1/audit',
  'GET /api/v1/activities/:id/photos/:photoId',
  'GET /api/v1/units/:id/poster.:format',
  'GET /api/v1/deputies/:id/poster.:format',
  'GET /api/v1/calendar',
  'PUT /api/v1/calendar/overrides',
  'POST /api/v1/calendar/import-ics',
  'GET /api/v1/routing/models',
  'GET /api/v1/evaluations/:schemeId/stations/:unitId/report.xlsx',
]);

describe('OpenAPI coverage', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('documents every API route with a summary and a tag', async () => {
    const doc = (await t.request({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>;
    }>();
    const routes = routeTable(t.app.printRoutes({ commonPrefix: false })).filter(
      (r) => !['HEAD', 'OPTIONS'].includes(r.method) && !NOT_API.some((pattern) => pattern.test(r.path)),
    );
    expect(routes.length).toBeGreaterThan(60);
    const missing: string[] = [];
    const undescribed: string[] = [];
    for (const route of routes) {
      const operation = doc.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      if (!operation) missing.push(`${route.method} ${route.path}`);
      else if (!operation.summary || !operation.tags?.length) undescribed.push(`${route.method} ${route.path}`);
    }
    expect({ missing, undescribed }).toEqual({ missing: [], undescribed: [] });
  });

  it('types every success response: no route answers an open record or nothing declared', async () => {
    const doc = (await t.request({ method: 'GET', url: '/openapi.json' })).json<{ paths: DocumentedPaths }>();
    const routes = routeTable(t.app.printRoutes({ commonPrefix: false })).filter(
      (r) => !['HEAD', 'OPTIONS'].includes(r.method) && !NOT_API.some((pattern) => pattern.test(r.path)),
    );
    const problems = untypedResponses(doc.paths, routes);
    const pendingNow = new Set(problems.map((p) => p.slice(0, p.indexOf(': '))).filter((key) => PENDING.has(key)));
    expect(problems.filter((p) => !PENDING.has(p.slice(0, p.indexOf(': '))))).toEqual([]);
    expect([...PENDING].filter((key) => !pendingNow.has(key))).toEqual([]);
  });

  it('finds the untyped routes of an app built to have them', async () => {
    const app = fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(fastifySwagger, { openapi: { openapi: '3.1.0', info: { title: 'fixture', version: '1' } }, transform: jsonSchemaTransform });
    const loose = z.record(z.string(), z.unknown());
    const item = z.object({ id: z.string(), counts: z.record(z.string(), z.number()) });
    app.get('/typed', { schema: { response: { 200: z.object({ items: z.array(item) }) } } }, () => ({ items: [] }));
    app.get('/file', { schema: { response: { 200: fileResponse('text/csv', 'A CSV file') } } }, () => '');
    app.delete('/gone', { schema: { response: { 204: z.null().describe('Nothing') } } }, () => null);
    app.get('/nothing', () => ({}));
    app.get('/loose', { schema: { response: { 200: loose } } }, () => ({}));
    app.get('/loose-items', { schema: { response: { 200: z.object({ items: z.array(loose), total: z.number() }) } } }, () => ({ items: [], total: 0 }));
    app.get('/unknown-field', { schema: { response: { 201: z.object({ id: z.string(), payload: z.unknown() }) } } }, () => ({ id: 'x', payload: null }));
    app.get('/any-of', { schema: { response: { 200: z.union([z.object({ a: z.string() }), loose]) } } }, () => ({ a: 'x' }));
    await app.ready();
    const doc = app.swagger() as unknown as { paths: DocumentedPaths };
    const routes = routeTable(app.printRoutes({ commonPrefix: false })).filter((r) => r.method !== 'HEAD' && !r.path.startsWith('/documentation'));
    expect(untypedResponses(doc.paths, routes).sort()).toEqual(
      [
        'GET /any-of: 200 application/json untyped at (root)',
        'GET /loose: 200 application/json untyped at (root)',
        'GET /loose-items: 200 application/json untyped at items[]',
        // Fastify's swagger documents an undeclared response as a 200 without content.
        'GET /nothing: 200 has no schema',
        'GET /unknown-field: 201 application/json untyped at payload',
      ].sort(),
    );
    await app.close();
  });

  it('reads the route table the way Fastify prints it', () => {
    const printed = [
      '└── / (GET, HEAD)',
      '    ├── m (GET)',
      '    │   └── etrics (GET)',
      '    ├── api/v1/units (GET, POST)',
      '    │   └── /:id (PATCH)',
      '    │       └── /poster.:format (GET)',
      '    └── open311/v2/services/:service_code.xml (GET)',
    ].join('\n');
    expect(routeTable(printed)).toEqual([
      { method: 'GET', path: '/' },
      { method: 'HEAD', path: '/' },
      { method: 'GET', path: '/m' },
      { method: 'GET', path: '/metrics' },
      { method: 'GET', path: '/api/v1/units' },
      { method: 'POST', path: '/api/v1/units' },
      { method: 'PATCH', path: '/api/v1/units/:id' },
      { method: 'GET', path: '/api/v1/units/:id/poster.:format' },
      { method: 'GET', path: '/open311/v2/services/:service_code.xml' },
    ]);
  });
});
