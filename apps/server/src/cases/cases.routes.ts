/**
 * Cases for signed-in users (API.md "Cases"): worklists, list, offline intake, the case
 * page with its timeline and allowed actions, actions, contact reveal, batch assignment,
 * and evidence uploads.
 */
import {
  BUILT_IN_SERVICE_ATTRIBUTES,
  CASE_ACTION_NAMES,
  CaseActionBodies,
  CaseCreateSchema,
  IdParamsSchema,
  IdSchema,
  type CaseActionName,
} from '@lianxin/contracts';
import { AppError, type CaseAction } from '@lianxin/core';
import type { CaseRecord } from '@lianxin/storage';
import { maskForStaff } from '@lianxin/text';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import type { RequestActor } from '../auth/actor';
import { CHANNELS, languageOf } from './case-labels';
import { visibilityOf, WORKLISTS } from './case.service';
import { caseAttributeAnswers } from '../integrations/service-attributes';
import { eventPeople } from './event-people';
import { presentAttachments, presentCaseDetail, presentCaseSummary, presentEvents, revealedText } from './case-presenters';
import { readUpload, sendAttachment } from '../platform/uploads';
import { access } from '../platform/route-kit';

/** Query fields of the case filters, read by `CaseService.filtersOf` (the list here and the case export). */
export const CaseFilterFields = {
  status: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/)
    .optional(),
  unitId: IdSchema.optional(),
  /** A unit and everything under it (the cockpit's station figures). */
  underUnitId: IdSchema.optional(),
  categoryId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
  deputyId: IdSchema.optional(),
  channel: z.enum(CHANNELS as [string, ...string[]]).optional(),
  overdue: z.enum(['1', 'true', '0', 'false']).optional(),
  worklist: z.enum(WORKLISTS).optional(),
  q: z.string().trim().max(100).optional(),
};
/** The period of the case filters: instants, or bare China-time dates. */
export const CasePeriodFields = {
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
};

const CaseListQuery = z
  .object({
    ...CaseFilterFields,
    sort: z.enum(['relevance', 'newest']).optional(),
    ...CasePeriodFields,
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();

const loose = z.record(z.string(), z.unknown());

export const caseRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  async function detailBody(actor: RequestActor, record: CaseRecord, lang: 'zh' | 'en') {
    const detail = await ctx.cases.detail(actor, record);
    const people = await eventPeople(ctx.repos, detail.events);
    return {
      case: presentCaseDetail(ctx, record, detail.clocks, lang),
      events: presentEvents(detail.events, lang, people),
      allowedActions: detail.allowedActions,
      attachments: presentAttachments(detail.attachments),
      similar: (await ctx.duplicates.forStaff(visibilityOf(actor), record)).map((s) => ({ ...s, title: maskForStaff(s.title) })),
      // Answers an Open311 request gave to its category's questions (the common ones are case fields already).
      serviceAttributes: await caseAttributeAnswers(ctx.repos, record, BUILT_IN_SERVICE_ATTRIBUTES),
    };
  }

  app.get(
    '/api/v1/cases/worklists',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['cases'],
        summary: 'Worklist counts for the caller',
        response: { 200: z.object({ items: z.array(z.object({ key: z.string(), count: z.number() })) }) },
      },
    },
    async (request) => ({ items: await ctx.cases.worklists(request.actor) }),
  );

  app.get(
    '/api/v1/cases',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['cases'],
        summary: 'Cases in the caller’s scope, newest first',
        description:
          '`q` searches title, content, replies and notes (full-text, Chinese segmented; a code-like `q` also matches tracking codes). With `q`, `sort` defaults to `relevance` (use `newest` for date order) and every item carries `snippet`: an HTML-escaped excerpt with hits in `<mark>…</mark>` (null when only the tracking code matched). A text search counts only its newest 1,000 matches: when it reaches them, `totalCapped` is true and `total` (1000) means "1000 or more". `similar` in the case detail lists open near-duplicates for merging.',
        querystring: CaseListQuery,
        response: {
          200: z.object({
            items: z.array(loose),
            total: z.number(),
            totalCapped: z
              .boolean()
              .describe('True when a text search reached its cap: `total` (1000) then means at least that many, and the pages cover the newest matches.'),
          }),
        },
      },
    },
    async (request) => {
      const { actor } = request;
      const q = request.query;
      const page = await ctx.cases.list(actor, { ...(await ctx.cases.filtersOf(q, q.sort)), page: q.page, pageSize: q.pageSize });
      const lang = languageOf(request.headers['accept-language']);
      const snippets = q.q ? await ctx.search.snippets(page.items, q.q) : null;
      const items = await Promise.all(
        page.items.map(async (c) => ({
          ...presentCaseSummary(c, await ctx.cases.clockOf(c), lang),
          ...(snippets ? { snippet: snippets.get(c.id) ?? null } : {}),
        })),
      );
      return { items, total: page.total, totalCapped: page.totalCapped };
    },
  );

  app.post(
    '/api/v1/cases',
    {
      config: access({ auth: 'session', policy: 'case.intake' }),
      schema: {
        tags: ['cases'],
        summary: 'Record a walk-in, phone, visit or letter opinion',
        description:
          '`attachmentIds` must be the caller’s own uploads (POST /api/v1/attachments) not yet used elsewhere (422 REFERENCE_INVALID otherwise); `receptionId` a reception the caller may see (404 otherwise).',
        body: CaseCreateSchema,
        response: { 201: loose },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const receipt = await ctx.intake.recordOffline(actor, request.body);
      return reply.status(201).send(await detailBody(actor, receipt.case, languageOf(request.headers['accept-language'])));
    },
  );

  app.get(
    '/api/v1/cases/:id',
    {
      config: access({ auth: 'session' }),
      schema: { tags: ['cases'], summary: 'A case with its timeline and the actions the caller may take', params: IdParamsSchema, response: { 200: loose } },
    },
    async (request) => {
      const { actor } = request;
      return detailBody(actor, await ctx.cases.get(actor, request.params.id), languageOf(request.headers['accept-language']));
    },
  );

  app.post(
    '/api/v1/cases/:id/actions/:action',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['cases'],
        summary: 'Apply a workflow action',
        description: `Actions: ${CASE_ACTION_NAMES.join(', ')}. Every body carries \`expectedVersion\`; a stale one gets 409 CASE_VERSION_CONFLICT and changes nothing; an action not allowed in the case's state gets 422 CASE_INVALID_TRANSITION; one outside the caller's role or scope 403. A record the body names must be visible to the caller: \`intoCaseId\` (merge) and \`suggestionId\` (convert) that are missing or out of scope both answer 404 RESOURCE_NOT_FOUND. \`attachmentIds\` (reply) must be the caller's own uploads (POST /api/v1/attachments) not yet used by a case, an activity or an issue item; otherwise 422 REFERENCE_INVALID.`,
        params: z.object({ id: IdSchema, action: z.enum(CASE_ACTION_NAMES as [CaseActionName, ...CaseActionName[]]) }).strict(),
        body: loose,
        response: { 200: loose },
      },
    },
    async (request) => {
      const { actor } = request;
      const parsed = CaseActionBodies[request.params.action].safeParse(request.body);
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', {
          details: parsed.error.issues.flatMap((i) =>
            i.code === 'unrecognized_keys'
              ? i.keys.map((k) => ({ path: k, code: 'unrecognized_keys' }))
              : [{ path: i.path.join('.'), code: i.code, message: i.message }],
          ),
        });
      }
      const { expectedVersion, ...payload } = parsed.data as { expectedVersion: number } & Record<string, unknown>;
      const record = await ctx.cases.get(actor, request.params.id);
      const action = { type: request.params.action, ...payload } as CaseAction;
      const updated = await ctx.cases.act(actor, record, action, expectedVersion, actor.username);
      return detailBody(actor, updated, languageOf(request.headers['accept-language']));
    },
  );

  app.post(
    '/api/v1/cases/:id/reveal-contact',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['cases'],
        summary: "Reveal the reporter's contact and the numbers in the case's title and text (audited)",
        description:
          'Staff read case titles and texts with phone and ID card numbers masked (`textMasked` in the case says some are). One call answers the contact and the title and text as written, and writes one `case.contact.reveal` audit entry.',
        params: IdParamsSchema,
        response: {
          200: z.object({
            reporter: z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),
            text: z.object({ title: z.string(), content: z.string() }),
          }),
        },
      },
    },
    async (request) => {
      const { actor } = request;
      const record = await ctx.cases.get(actor, request.params.id);
      return { reporter: await ctx.cases.revealContact(actor, record), text: revealedText(record) };
    },
  );

  app.post(
    '/api/v1/cases/batch/assign',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['cases'],
        summary: 'Assign several accepted cases to one department',
        body: z.object({ caseIds: z.array(IdSchema).min(1).max(100), departmentId: IdSchema }).strict(),
        response: { 200: z.object({ results: z.array(z.object({ id: z.string(), ok: z.boolean(), error: z.string().optional() })) }) },
      },
    },
    async (request) => ({ results: await ctx.cases.assignMany(request.actor, request.body.caseIds, request.body.departmentId) }),
  );

  app.post(
    '/api/v1/attachments',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['cases'],
        summary: 'Upload evidence for a reply (multipart field `file`)',
        description:
          'The file is the uploader’s: only the same account may attach it — to a reply, a recorded opinion, an activity or an issue item’s evidence — and only once.',
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ id: z.string(), mime: z.string(), size: z.number(), width: z.number().nullable(), height: z.number().nullable() }) },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const upload = await readUpload(request);
      const record = await ctx.attachments.upload({ ...upload, uploaderKind: 'user', uploaderId: actor.userId });
      return reply.status(201).send({ id: record.id, mime: record.mime, size: record.size, width: record.width, height: record.height });
    },
  );

  app.get(
    '/api/v1/attachments/:id',
    { config: access({ auth: 'session' }), schema: { tags: ['cases'], summary: 'A file of a case the caller may see', params: IdParamsSchema } },
    async (request, reply) => {
      const { actor } = request;
      const attachment = await ctx.repos.attachments.find(request.params.id);
      if (!attachment) throw new AppError('RESOURCE_NOT_FOUND');
      if (attachment.caseId) await ctx.cases.get(actor, attachment.caseId);
      else if (attachment.uploaderId !== actor.userId) throw new AppError('RESOURCE_NOT_FOUND');
      return sendAttachment(ctx, reply, attachment);
    },
  );
};
