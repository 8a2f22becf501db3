/**
 * Organisation resources for signed-in users (API.md "Organisation"): units, deputies,
 * departments, categories, topics and appeal kinds. Changes are admin-only except that
 * station staff keep their own liaison points.
 */
import {
  AppealKindCodeSchema,
  AppealKindSchema,
  CategoryCreateSchema,
  CategorySchema,
  CategoryUpdateSchema,
  ContactSchema,
  DepartmentCreateSchema,
  DepartmentSchema,
  DepartmentUpdateSchema,
  DeputyCreateSchema,
  DeputyLevelSchema,
  DeputySchema,
  DeputyUpdateSchema,
  IdParamsSchema,
  IdSchema,
  TopicCreateSchema,
  TopicSchema,
  TopicUpdateSchema,
  UnitCreateSchema,
  UnitKindSchema,
  UnitSchema,
  UnitUpdateSchema,
} from '@lianxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { registerCrud } from '../platform/crud';
import { presentCategory, presentDepartment, presentDeputy, presentTopic, presentUnit } from './presenters';
import { includeInactive, listQuery } from '../platform/query';
import { access } from '../platform/route-kit';

export const orgRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { org } = ctx;

  registerCrud(app, {
    path: '/api/v1/units',
    tag: 'organisation',
    noun: 'unit',
    item: UnitSchema,
    listQuery: listQuery({ kind: UnitKindSchema.optional(), parentId: IdSchema.optional() }),
    createBody: UnitCreateSchema,
    updateBody: UnitUpdateSchema,
    list: (actor, q) => org.listUnits(actor, { ...q, includeInactive: includeInactive(q.includeInactive) }),
    get: (actor, id) => org.getUnit(actor, id),
    create: (actor, body) => org.createUnit(actor, body),
    update: (actor, id, body) => org.updateUnit(actor, id, body),
    present: presentUnit,
  });

  registerCrud(app, {
    path: '/api/v1/deputies',
    tag: 'organisation',
    noun: 'deputy',
    item: DeputySchema,
    listQuery: listQuery({ unitId: IdSchema.optional(), level: DeputyLevelSchema.optional() }),
    createBody: DeputyCreateSchema,
    updateBody: DeputyUpdateSchema,
    list: async (actor, q) => {
      // A station's list includes deputies grouped at its points.
      const unit = q.unitId ? await ctx.repos.units.get(q.unitId) : undefined;
      return org.listDeputies(actor, { ...q, underPath: unit?.path, includeInactive: includeInactive(q.includeInactive) });
    },
    get: (actor, id) => org.getDeputy(actor, id),
    create: (actor, body) => org.createDeputy(actor, body),
    update: (actor, id, body) => org.updateDeputy(actor, id, body),
    present: (d) => presentDeputy(d, ctx.cipher),
  });

  app.post(
    '/api/v1/deputies/:id/reveal-contact',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['organisation'],
        summary: "Reveal a deputy's private contact (audited)",
        params: IdParamsSchema,
        response: { 200: z.object({ contact: ContactSchema }) },
      },
    },
    async (request) => ({ contact: await org.revealDeputyContact(request.actor, request.params.id) }),
  );

  registerCrud(app, {
    path: '/api/v1/departments',
    tag: 'organisation',
    noun: 'department',
    item: DepartmentSchema,
    listQuery: listQuery({}),
    createBody: DepartmentCreateSchema,
    updateBody: DepartmentUpdateSchema,
    list: (actor, q) => org.listDepartments(actor, { ...q, includeInactive: includeInactive(q.includeInactive) }),
    get: (actor, id) => org.getDepartment(actor, id),
    create: (actor, body) => org.createDepartment(actor, body),
    update: (actor, id, body) => org.updateDepartment(actor, id, body),
    present: (d, actor) => presentDepartment(d, ctx.cipher, actor),
  });

  registerCrud(app, {
    path: '/api/v1/categories',
    tag: 'organisation',
    noun: 'category',
    item: CategorySchema,
    listQuery: listQuery({ parentId: IdSchema.optional() }),
    createBody: CategoryCreateSchema,
    updateBody: CategoryUpdateSchema,
    list: (actor, q) => org.listCategories(actor, { ...q, includeInactive: includeInactive(q.includeInactive) }),
    get: (actor, id) => org.getCategory(actor, id),
    create: (actor, body) => org.createCategory(actor, body),
    update: (actor, id, body) => org.updateCategory(actor, id, body),
    present: presentCategory,
  });

  registerCrud(app, {
    path: '/api/v1/topics',
    tag: 'organisation',
    noun: 'topic',
    item: TopicSchema,
    listQuery: listQuery({}),
    createBody: TopicCreateSchema,
    updateBody: TopicUpdateSchema,
    list: (actor, q) => org.listTopics(actor, { ...q, includeInactive: includeInactive(q.includeInactive) }),
    get: (actor, id) => org.getTopic(actor, id),
    create: (actor, body) => org.createTopic(actor, body),
    update: (actor, id, body) => org.updateTopic(actor, id, body),
    present: presentTopic,
  });

  app.get(
    '/api/v1/appeal-kinds',
    {
      config: access({ auth: 'session' }),
      schema: { tags: ['organisation'], summary: 'Appeal kinds and their handling limits', response: { 200: z.object({ items: z.array(AppealKindSchema) }) } },
    },
    async (request) => ({ items: await org.listAppealKinds(request.actor) }),
  );

  app.patch(
    '/api/v1/appeal-kinds/:code',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['organisation'],
        summary: 'Edit an appeal kind',
        params: z.object({ code: AppealKindCodeSchema }).strict(),
        body: z
          .object({
            name: z.string().trim().min(1).max(20).optional(),
            nameEn: z.string().trim().min(1).max(40).optional(),
            handleWorkdays: z.number().int().min(1).max(120).optional(),
            active: z.boolean().optional(),
          })
          .strict(),
        response: { 200: AppealKindSchema },
      },
    },
    async (request) => org.updateAppealKind(request.actor, request.params.code, request.body),
  );
};
