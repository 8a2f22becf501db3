/**
 * Liveness and readiness for load balancers and orchestrators.
 */
import { pendingMigrations } from '@lianxin/storage';
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { sendError } from '../plugins/error-handler';

export const healthRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'Process is up', response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Database reachable and migrations current',
        response: { 200: z.object({ status: z.literal('ready'), database: z.enum(['sqlite', 'postgres']) }) },
      },
    },
    async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(ctx.storage.db);
        const pending = await pendingMigrations(ctx.storage);
        if (pending.length > 0) return sendError(reply, 'SERVICE_UNAVAILABLE', `Pending migrations: ${pending.join(', ')}`);
      } catch {
        return sendError(reply, 'SERVICE_UNAVAILABLE', 'The database is not reachable.');
      }
      return { status: 'ready' as const, database: ctx.storage.dialect };
    },
  );
};
