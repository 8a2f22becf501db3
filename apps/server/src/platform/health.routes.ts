/**
 * Liveness and readiness for load balancers and orchestrators.
 */
import { databaseWriteProblem, pendingMigrations } from '@lianxin/storage';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthSchema, ReadinessSchema } from '@lianxin/contracts';
import type { AppContext } from '../context';
import { sendError, UNAVAILABLE_RETRY_SECONDS } from './plugins/error-handler';

export const healthRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'Process is up', response: { 200: HealthSchema } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Database takes writes and migrations are current',
        description:
          'Commits a one-row write (and on SQLite checks the free disk and the pages left under max_page_count), so a full disk, a read-only or deleted database file and a lost PostgreSQL database all answer 503 SERVICE_UNAVAILABLE with Retry-After.',
        response: { 200: ReadinessSchema },
      },
    },
    async (request, reply) => {
      try {
        const pending = await pendingMigrations(ctx.storage);
        if (pending.length > 0) return sendError(reply, 'SERVICE_UNAVAILABLE', `Pending migrations: ${pending.join(', ')}`, [], UNAVAILABLE_RETRY_SECONDS);
        const problem = await databaseWriteProblem(ctx.storage, ctx.clock.now());
        if (problem) return sendError(reply, 'SERVICE_UNAVAILABLE', `The database cannot take writes: ${problem}.`, [], UNAVAILABLE_RETRY_SECONDS);
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return sendError(reply, 'SERVICE_UNAVAILABLE', 'The database is not reachable or cannot take writes.', [], UNAVAILABLE_RETRY_SECONDS);
      }
      return { status: 'ready' as const, database: ctx.storage.dialect };
    },
  );
};
