/**
 * The OpenAPI document describes every route the server answers (API.md: "describe
 * everything in the OpenAPI document"): each method and path Fastify registered — read
 * from its own route table — appears in `/openapi.json` with a summary and a tag. The web
 * app's static pages, the documentation UI itself and HEAD/OPTIONS twins are left out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
