/**
 * Cases for signed-in users (API.md "Cases"): worklists, list, offline intake, the case
 * page with its timeline and allowed actions, actions, contact reveal, batch assignment,
 * and evidence uploads.
 */
import {
  BatchAssignResultSchema,
  BatchAssignSchema,
  BUILT_IN_SERVICE_ATTRIBUTES,
  CASE_ACTION_NAMES,
  CaseActionBodies,
  CaseActionBodySchema,
  CaseActionParamsSchema,
  ATTACHMENT_MEDIA_TYPES,
  CaseCreateSchema,
  CaseListQuerySchema,
  CaseListSchema,
  CaseRevealSchema,
  CaseViewSchema,
  fileResponse,
  IdParamsSchema,
  UploadedAttachmentSchema,
  WorklistCountsSchema,
  type CaseView,
} from '@lianxin/contracts';
import { AppError, CASE_LIST_OFFSET_WINDOW, type CaseAction } from '@lianxin/core';
import { decodeCaseCursor, type CaseRecord } from '@lianxin/storage';
import { maskForStaff } from '@lianxin/text';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import type { RequestActor } from '../auth/actor';
import { languageOf } from './case-labels';
import { visibilityOf } from './case.service';
import { caseAttributeAnswers } from '../integrations/service-attributes';
import { eventPeople } from './event-people';
import { presentAttachments, presentCaseDetail, presentCaseSummary, presentEvents, revealedText } from './case-presenters';
import { readUpload, sendAttachment } from '../platform/uploads';
import { bodyCheckedInHandler } from '../platform/handler-validated-body';
import { access } from '../platform/route-kit';

/** The position a cursor parameter stands for (400 when it is not one the list made). */
function cursorParam(name: 'after' | 'before', value: string | undefined) {
  if (value === undefined) return undefined;
  const cursor = decodeCaseCursor(value);
  if (!cursor) throw new AppError('VALIDATION_FAILED', { message: 'Not a case list cursor.', details: [{ path: name, code: 'invalid_cursor' }] });
  return cursor;
}

export const caseRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  async function detailBody(actor: RequestActor, record: CaseRecord, lang: 'zh' | 'en'): Promise<CaseView> {
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
        response: { 200: WorklistCountsSchema },
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
        description: `\`q\` searches title, content, replies and notes (full-text, Chinese segmented; a code-like \`q\` also matches tracking codes). With \`q\`, \`sort\` defaults to \`relevance\` (use \`newest\` for date order) and every item carries \`snippet\`: an HTML-escaped excerpt with hits in \`<mark>…</mark>\` (null when only the tracking code matched). A text search counts only its newest 1,000 matches: when it reaches them, \`totalCapped\` is true and \`total\` (1000) means "1000 or more". \`similar\` in the case detail lists open near-duplicates for merging.

Paging: \`page\` reaches the first ${CASE_LIST_OFFSET_WINDOW.toLocaleString('en-US')} rows (\`(page − 1) × pageSize\` past them answers 400 VALIDATION_FAILED, path \`page\`). Every page of a list without \`q\` also carries \`nextCursor\` and \`prevCursor\` (null at either end): pass one back as \`after\` (the next page) or \`before\` (the previous page) with the same filters and \`pageSize\` to walk on at any depth ("search after"; \`page\` is then ignored) — a cursor page costs the same at row 10 and at row 1,000,000. Cursors are opaque; a malformed one answers 400 (path \`after\` / \`before\`). A text search (\`q\`) has no cursors: its newest 1,000 matches are reached by \`page\`.`,
        querystring: CaseListQuerySchema,
        response: { 200: CaseListSchema },
      },
    },
    async (request) => {
      const { actor } = request;
      const q = request.query;
      const after = cursorParam('after', q.after);
      const before = cursorParam('before', q.before);
      if (after && before)
        throw new AppError('VALIDATION_FAILED', { message: 'Pass `after` or `before`, not both.', details: [{ path: 'before', code: 'invalid' }] });
      if (!after && !before && (q.page - 1) * q.pageSize >= CASE_LIST_OFFSET_WINDOW)
        throw new AppError('VALIDATION_FAILED', {
          message: `Pages reach the first ${CASE_LIST_OFFSET_WINDOW} rows; walk on with the page's nextCursor (after).`,
          details: [{ path: 'page', code: 'too_big' }],
        });
      const page = await ctx.cases.list(actor, { ...(await ctx.cases.filtersOf(q, q.sort)), page: q.page, pageSize: q.pageSize, after, before });
      const lang = languageOf(request.headers['accept-language']);
      const snippets = q.q ? await ctx.search.snippets(page.items, q.q) : null;
      const items = await Promise.all(
        page.items.map(async (c) => ({
          ...presentCaseSummary(c, await ctx.cases.clockOf(c), lang),
          ...(snippets ? { snippet: snippets.get(c.id) ?? null } : {}),
        })),
      );
      return { items, total: page.total, totalCapped: page.totalCapped, nextCursor: page.nextCursor, prevCursor: page.prevCursor };
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
        response: { 201: CaseViewSchema },
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
      schema: {
        tags: ['cases'],
        summary: 'A case with its timeline and the actions the caller may take',
        params: IdParamsSchema,
        response: { 200: CaseViewSchema },
      },
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
        params: CaseActionParamsSchema,
        body: CaseActionBodySchema,
        response: { 200: CaseViewSchema },
      },
      // The body's schema depends on the action in the path: the handler checks it with that action's.
      validatorCompiler: bodyCheckedInHandler,
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
        response: { 200: CaseRevealSchema },
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
        body: BatchAssignSchema,
        response: { 200: BatchAssignResultSchema },
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
        response: { 201: UploadedAttachmentSchema },
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
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['cases'],
        summary: 'A file of a case the caller may see',
        params: IdParamsSchema,
        response: { 200: fileResponse(ATTACHMENT_MEDIA_TYPES, 'The file') },
      },
    },
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
