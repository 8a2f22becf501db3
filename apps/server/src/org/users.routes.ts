/**
 * Account administration and the audit log (admins; supervisors may read).
 */
import { RoleSchema, UserCreateSchema, UserSchema, UserUpdateSchema, pageOf } from '@lianxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { registerCrud } from '../platform/crud';
import { presentUser } from './presenters';
import { includeInactive, listQuery } from '../platform/query';
import { access } from '../platform/route-kit';

const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  summary: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});

export const userRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  registerCrud(app, {
    path: '/api/v1/users',
    tag: 'accounts',
    noun: 'user',
    item: UserSchema,
    listQuery: listQuery({ role: RoleSchema.optional() }),
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
        querystring: listQuery({ entity: z.string().max(40).optional(), entityId: z.string().max(64).optional(), action: z.string().max(60).optional() }),
        response: { 200: pageOf(AuditEntrySchema) },
      },
    },
    async (request) => {
      return ctx.repos.audit.list({ ...request.query, includeInactive: false });
    },
  );
};
