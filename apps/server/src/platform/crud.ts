/**
 * The list / create / read / update routes every organisation resource shares, so each
 * resource states only what differs: its schemas, its service calls, its presenter.
 */
import { IdParamsSchema, pageOf } from '@lianxin/contracts';
import type { Page } from '@lianxin/storage';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { RequestActor } from '../auth/actor';
import { access } from './route-kit';

/** What one resource supplies. */
export interface CrudSpec<TRecord, TList extends z.ZodType, TCreate extends z.ZodType, TUpdate extends z.ZodType> {
  /** Collection path, e.g. `/api/v1/units`. */
  path: string;
  tag: string;
  /** Singular noun for summaries. */
  noun: string;
  item: z.ZodType;
  listQuery: TList;
  createBody: TCreate;
  updateBody: TUpdate;
  list(actor: RequestActor, query: z.output<TList>): Promise<Page<TRecord>>;
  get(actor: RequestActor, id: string): Promise<TRecord>;
  create(actor: RequestActor, body: z.output<TCreate>): Promise<TRecord>;
  update(actor: RequestActor, id: string, body: z.output<TUpdate>): Promise<TRecord>;
  present(record: TRecord, actor: RequestActor): unknown;
}

/** Registers `GET/POST {path}` and `GET/PATCH {path}/{id}`. */
export function registerCrud<TRecord, TList extends z.ZodType, TCreate extends z.ZodType, TUpdate extends z.ZodType>(
  fastify: FastifyInstance,
  spec: CrudSpec<TRecord, TList, TCreate, TUpdate>,
): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = [spec.tag];
  app.get(
    spec.path,
    { config: access({ auth: 'session' }), schema: { tags, summary: `List ${spec.noun}s`, querystring: spec.listQuery, response: { 200: pageOf(spec.item) } } },
    async (request) => {
      const { actor } = request;
      const page = await spec.list(actor, request.query as z.output<TList>);
      return { items: page.items.map((r) => spec.present(r, actor)), total: page.total };
    },
  );
  app.post(
    spec.path,
    { config: access({ auth: 'session' }), schema: { tags, summary: `Create a ${spec.noun}`, body: spec.createBody, response: { 201: spec.item } } },
    async (request, reply) => {
      const { actor } = request;
      const record = await spec.create(actor, request.body as z.output<TCreate>);
      return reply.status(201).send(spec.present(record, actor));
    },
  );
  app.get(
    `${spec.path}/:id`,
    { config: access({ auth: 'session' }), schema: { tags, summary: `Read a ${spec.noun}`, params: IdParamsSchema, response: { 200: spec.item } } },
    async (request) => {
      const { actor } = request;
      return spec.present(await spec.get(actor, request.params.id), actor);
    },
  );
  app.patch(
    `${spec.path}/:id`,
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: `Edit, deactivate (active: false) or reactivate a ${spec.noun}`,
        description: 'Send `expectedVersion` to be told (409 VERSION_CONFLICT) when someone else changed the record first.',
        params: IdParamsSchema,
        body: spec.updateBody,
        response: { 200: spec.item },
      },
    },
    async (request) => {
      const { actor } = request;
      return spec.present(await spec.update(actor, request.params.id, request.body as z.output<TUpdate>), actor);
    },
  );
}
