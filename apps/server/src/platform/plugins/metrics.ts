/**
 * Prometheus metrics at `/metrics`: request latency by route and status, the job queue's
 * depth and lag, open and overdue cases (read from the database at each scrape, so every
 * instance reports the shared truth), plus the process's own figures. One registry per app
 * instance, so tests can build many apps.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppContext } from '../../context';
import { sendError } from './error-handler';
import { INBOX_MAX_ATTEMPTS } from '../../intake/intake-inbox.worker';
import { INBOX_PAYLOAD_VERSIONS } from '../../intake/inbox-payload';

/** Gauges read from the database when Prometheus scrapes. */
function registerDatabaseGauges(registry: Registry, ctx: Pick<AppContext, 'repos' | 'clock'>): void {
  const now = () => ctx.clock.now();
  new Gauge({
    name: 'lianxin_job_queue_depth',
    help: 'Jobs in the queue by status (pending includes jobs scheduled for later; dead are dead letters).',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const stats = await ctx.repos.jobs.stats(now().toISOString());
      this.set({ status: 'pending' }, stats.pending);
      this.set({ status: 'running' }, stats.running);
      this.set({ status: 'dead' }, stats.dead);
    },
  });
  new Gauge({
    name: 'lianxin_job_queue_lag_seconds',
    help: 'How long the oldest due job has been waiting to run (0 when none is due).',
    registers: [registry],
    async collect() {
      const at = now();
      const stats = await ctx.repos.jobs.stats(at.toISOString());
      this.set(stats.oldestDueAt ? Math.max(0, (at.getTime() - Date.parse(stats.oldestDueAt)) / 1000) : 0);
    },
  });
  new Gauge({
    name: 'lianxin_intake_inbox',
    help: 'Citizen submissions acknowledged but not yet opened as cases (waiting), those set aside after repeated failures or with a payload that does not fit its version (failed), and those of a payload version this instance does not open (unknown_version: kept for a worker that does).',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const counts = await ctx.repos.intakeInbox.counts(INBOX_MAX_ATTEMPTS, INBOX_PAYLOAD_VERSIONS);
      this.set({ state: 'waiting' }, counts.waiting);
      this.set({ state: 'failed' }, counts.failed);
      this.set({ state: 'unknown_version' }, counts.unknownVersion);
    },
  });
  new Gauge({
    name: 'lianxin_cases_open',
    help: 'Cases not yet closed, rejected, merged or converted.',
    registers: [registry],
    async collect() {
      this.set((await ctx.repos.stats.openAndOverdue(now().toISOString())).open);
    },
  });
  new Gauge({
    name: 'lianxin_cases_overdue',
    help: 'Open cases past a deadline on a running clock (accept, sign or reply).',
    registers: [registry],
    async collect() {
      this.set((await ctx.repos.stats.openAndOverdue(now().toISOString())).overdue);
    },
  });
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Who may scrape: with a token configured, only a request carrying it (`Authorization: Bearer`);
 * without one, anyone outside production and nobody in production.
 */
function scrapeAllowed(request: FastifyRequest, token: string | null, production: boolean): boolean {
  if (!token) return !production;
  const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  // Compared as digests so the comparison takes the same time whatever the length.
  return !!given && timingSafeEqual(digest(given), digest(token));
}

/** Registers request timing and the `/metrics` endpoint; returns the registry for more metrics. */
export function registerMetrics(
  app: FastifyInstance,
  ctx?: Pick<AppContext, 'repos' | 'clock'>,
  access: { token: string | null; production: boolean } = { token: null, production: false },
): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lianxin_' });
  if (ctx) registerDatabaseGauges(registry, ctx);
  const duration = new Histogram({
    name: 'lianxin_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern (not the raw URL) keeps label cardinality bounded.
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics (text exposition format)',
        description:
          'With `LIANXIN_METRICS_TOKEN` set, send `Authorization: Bearer <token>`; without it the endpoint is open outside production and closed in production. 401 AUTH_REQUIRED otherwise.',
        security: [{ metricsToken: [] }, {}],
      },
    },
    async (request, reply) => {
      if (!scrapeAllowed(request, access.token, access.production)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        return sendError(
          reply,
          'AUTH_REQUIRED',
          access.token ? 'A valid metrics token is required.' : 'Metrics are closed in production until LIANXIN_METRICS_TOKEN is set.',
        );
      }
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
  return registry;
}
