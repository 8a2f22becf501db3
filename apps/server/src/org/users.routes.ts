/**
 * Account administration and the audit log (admins; supervisors may read).
 */
import {
  AuditListQuerySchema,
  AuditPageSchema,
  UserCreateSchema,
  UserListQuerySchema,
  UserSchema,
  UserUpdateSchema,
  type AuditEntry,
} from '@lianxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { registerCrud } from '../platform/crud';
import { presentUser } from './presenters';
import { includeInactive } from '../platform/query';
import { access } from '../platform/route-kit';

export const userRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  registerCrud(app, {
    path: '/api/v1/users',
    tag: 'accounts',
    noun: 'user',
    item: UserSchema,
    listQuery: UserListQuerySchema,
    createBody: UserCreateSchema,
    updateBody: UserUpdateSchema,
    list: (actor, q) => ctx.users.list(actor, { ...q, includeInactive: includeInactive(q.includeInactive) }),
    get: (actor, id) => ctx.users.get(actor, id),
    create: (actor, body) => ctx.users.create(actor, body),
    update: (actor, id, body) => ctx.users.update(actor, id, body),
    present: presentUser,
  });

  app.get(
    '/api/v1/audit',
    {
      config: access({ auth: 'session', policy: 'audit.view' }),
      schema: {
        tags: ['accounts'],
        summary: 'The audit log, newest first',
        querystring: AuditListQuerySchema,
        response: { 200: AuditPageSchema },
      },
    },
    async (request) => {
      const page = await ctx.repos.audit.list({ ...request.query, includeInactive: false });
      // The payload column holds JSON (written by JSON.stringify), so it reads back as JSON values.
      return { ...page, items: page.items.map((e) => ({ ...e, payload: e.payload as AuditEntry['payload'] })) };
    },
  );
};
