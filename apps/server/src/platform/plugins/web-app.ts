/**
 * Serves the built web app: the console at `/console`, the citizen pages at `/m`, their
 * assets under `/assets`. Paths under each app fall back to its HTML (client routing).
 *
 * Assets have content-hashed names: they are cached for a year as immutable, and sent as the
 * brotli or gzip file the build wrote beside each one (`x.js.br`, `x.js.gz`) to a client that
 * accepts it — `Content-Encoding` and `Vary: Accept-Encoding` set, nothing compressed at request
 * time. The HTML shells are revalidated on every load (`no-cache`), so a new build is picked up.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

const APPS: Array<{ prefix: string; html: string }> = [
  { prefix: '/console', html: 'console.html' },
  { prefix: '/m', html: 'm.html' },
  { prefix: '/screen', html: 'screen.html' },
];

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>连心</title>
<body><h1>连心 Lianxin</h1><p>网页端尚未构建。请运行 <code>npm run build</code>。</p>
<p>The web app is not built yet: run <code>npm run build</code>.</p></body></html>`;

/** Registers the web app routes; without a build it serves a hint page instead. */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  const built = fs.existsSync(path.join(distDir, 'console.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: path.join(distDir, 'assets'),
      prefix: '/assets/',
      // Vite fingerprints asset names, so they never change under the same URL.
      immutable: true,
      maxAge: '365d',
      index: false,
      preCompressed: true,
    });
  }
  for (const { prefix, html } of APPS) {
    const file = path.join(distDir, html);
    const handler = async (_request: unknown, reply: FastifyReply) => {
      reply.header('cache-control', 'no-cache');
      if (!fs.existsSync(file)) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
      // A buffer, not a stream: compression (compression.ts) then knows its size and leaves a shell under 1 KB as it is.
      return reply.type('text/html; charset=utf-8').send(await fs.promises.readFile(file));
    };
    app.get(prefix, { schema: { hide: true } }, handler);
    app.get(`${prefix}/*`, { schema: { hide: true } }, handler);
  }
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/m'));
}
