/**
 * Suggestions and motions (API.md "Suggestions and motions"): list (and XLSX export),
 * draft, read with timeline and allowed actions, act, verify the event chain, settings.
 */
import {
  ChainVerificationSchema,
  IdParamsSchema,
  PROPOSAL_ACTION_NAMES,
  ProposalActionBodies,
  ProposalActionBodySchema,
  ProposalActionParamsSchema,
  ProposalCreateSchema,
  ProposalExportQuerySchema,
  ProposalListQuerySchema,
  ProposalListSchema,
  ProposalSettingsPatchSchema,
  ProposalSettingsSchema,
  ProposalViewSchema,
  PublicProposalSchema,
  xlsxResponse,
  type ProposalView,
} from '@lianxin/contracts';
import { AppError, answerClock, type ClockState, type ProposalAction } from '@lianxin/core';
import { maskForStaff, maskPii } from '@lianxin/text';
import type { ProposalListOptions, ProposalRecord } from '@lianxin/storage';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type z } from 'zod';
import type { AppContext } from '../context';
import type { RequestActor } from '../auth/actor';
import { languageOf, type Language } from '../cases/case-labels';
import { sendXlsx } from '../platform/sheet-export';
import { eventPeople } from '../cases/event-people';
import { answerClassLabel, NameBook, presentProposalEvent, presentProposalSummary } from './proposal-presenters';
import { access } from '../platform/route-kit';
import { bodyCheckedInHandler } from '../platform/handler-validated-body';

function validationError(issues: z.core.$ZodIssue[]): AppError {
  return new AppError('VALIDATION_FAILED', {
    details: issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => ({ path: k, code: 'unrecognized_keys' }))
        : [{ path: i.path.join('.'), code: i.code, message: i.message }],
    ),
  });
}

export const proposalRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  async function listOptions(actor: RequestActor, q: z.infer<typeof ProposalListQuerySchema>): Promise<ProposalListOptions> {
    const unit = q.unitId ? await ctx.repos.units.find(q.unitId) : undefined;
    return {
      type: q.type,
      status: q.status?.split(','),
      year: q.year,
      underPath: unit?.path,
      departmentId: q.departmentId,
      deputyId: q.deputyId,
      q: q.q,
      keyOnly: q.worklist === 'key',
      overdueAt: q.worklist === 'overdue' ? ctx.clock.now().toISOString() : undefined,
      invitedDeputyId: q.worklist === 'invited' ? (actor.scope.deputyId ?? '-') : undefined,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async function clockOf(p: ProposalRecord): Promise<ClockState | null> {
    const settings = await ctx.proposals.settings();
    return answerClock(
      { status: p.status as 'assigned', deadlines: { withdraw: null, answer: p.answerDueAt } },
      ctx.clock.now(),
      await ctx.calendars.current(),
      settings.warningWorkdays,
    );
  }

  async function detailBody(actor: RequestActor, id: string, lang: Language): Promise<ProposalView> {
    const d = await ctx.proposals.detail(actor, id);
    const names = new NameBook(ctx);
    const { record, snapshot } = d;
    const people = await eventPeople(ctx.repos, d.events);
    return {
      proposal: {
        ...(await presentProposalSummary(names, record, lang, d.clock)),
        body: record.body,
        answerContent: record.answerContent,
        answerClassLabel: answerClassLabel(record.answerClass, lang),
        ratingComment: record.ratingComment,
        followUpContent: record.followUpContent,
        withdrawDueAt: record.withdrawDueAt,
        assignedAt: record.assignedAt,
        answeredAt: record.answeredAt,
        withdrawal: snapshot.withdrawal,
        extension: snapshot.extension,
        unsatisfiedCount: snapshot.unsatisfiedCount,
        cosigners: await Promise.all(snapshot.cosigners.map(async (c) => ({ ...c, name: await names.deputy(c.deputyId) }))),
        coUnits: await Promise.all(
          snapshot.coUnitIds.map(async (id) => ({ id, name: await names.department(id), answered: snapshot.coAnswered.includes(id) })),
        ),
      },
      missingCosigners: d.missingCosigners,
      // Linked opinions as the case list shows them: phone and ID card numbers masked.
      cases: d.cases.map((c) => ({ ...c, title: c.title === null ? null : maskForStaff(c.title) })),
      events: d.events.map((e) => presentProposalEvent(e, people)),
      allowedActions: d.allowedActions,
    };
  }

  app.get(
    '/api/v1/suggestions',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['suggestions'],
        summary: 'Suggestions and motions the caller may see, newest first',
        description: 'Worklists: `invited` (drafts waiting for my co-signature), `overdue` (answer deadline passed), `key` (重点督办).',
        querystring: ProposalListQuerySchema,
        response: { 200: ProposalListSchema },
      },
    },
    async (request) => {
      const { actor } = request;
      const lang = languageOf(request.headers['accept-language']);
      const page = await ctx.proposals.list(actor, await listOptions(actor, request.query));
      const names = new NameBook(ctx);
      return { items: await Promise.all(page.items.map(async (p) => presentProposalSummary(names, p, lang, await clockOf(p)))), total: page.total };
    },
  );

  app.get(
    '/api/v1/suggestions/export.xlsx',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['suggestions'],
        summary: 'The same list as XLSX (audited)',
        querystring: ProposalExportQuerySchema,
        response: { 200: xlsxResponse('The list') },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const lang = languageOf(request.headers['accept-language']);
      const options = await listOptions(actor, { ...request.query, page: 1, pageSize: 200 });
      const rows: ProposalRecord[] = [];
      for (let page = 1; page <= 50; page++) {
        const batch = await ctx.proposals.list(actor, { ...options, page, pageSize: 200 });
        rows.push(...batch.items);
        if (batch.items.length < 200) break;
      }
      const names = new NameBook(ctx);
      const items = await Promise.all(rows.map((p) => presentProposalSummary(names, p, lang)));
      await ctx.audit.record(actor, { action: 'proposal.export', entity: 'proposal', summary: `${items.length} rows`, payload: { query: request.query } });
      const zh = lang === 'zh';
      return sendXlsx(
        reply,
        zh ? '代表建议议案.xlsx' : 'suggestions.xlsx',
        zh ? '建议议案' : 'Suggestions',
        [
          { header: zh ? '编号' : 'Number', value: (r) => r.number },
          { header: zh ? '类型' : 'Type', value: (r) => r.typeLabel, width: 8 },
          { header: zh ? '标题' : 'Title', value: (r) => r.title, width: 40 },
          { header: zh ? '领衔代表' : 'Lead deputy', value: (r) => r.leadDeputy.name },
          { header: zh ? '状态' : 'Status', value: (r) => r.statusLabel, width: 10 },
          { header: zh ? '主办单位' : 'Lead unit', value: (r) => r.leadUnit?.name ?? null, width: 24 },
          { header: zh ? '答复期限' : 'Answer due', value: (r) => r.answerDueAt },
          { header: zh ? '答复类别' : 'Class', value: (r) => r.answerClass, width: 8 },
          { header: zh ? '代表评价' : 'Rating', value: (r) => r.rating },
          { header: zh ? '重点督办领导' : 'Key leader', value: (r) => r.keyLeader },
          { header: zh ? '提交时间' : 'Submitted', value: (r) => r.submittedAt },
        ],
        items,
      );
    },
  );

  app.post(
    '/api/v1/suggestions',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['suggestions'],
        summary: 'Start a draft suggestion or motion (lead deputy, co-signers invited, source opinions linked)',
        body: ProposalCreateSchema,
        response: { 201: ProposalViewSchema },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const record = await ctx.proposals.create(actor, request.body);
      return reply.status(201).send(await detailBody(actor, record.id, languageOf(request.headers['accept-language'])));
    },
  );

  app.get(
    '/api/v1/suggestions/:id',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['suggestions'],
        summary: 'A proposal with its timeline, source opinions and the actions the caller may take',
        params: IdParamsSchema,
        response: { 200: ProposalViewSchema },
      },
    },
    async (request) => detailBody(request.actor, request.params.id, languageOf(request.headers['accept-language'])),
  );

  app.post(
    '/api/v1/suggestions/:id/actions/:action',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['suggestions'],
        summary: 'Apply a workflow action',
        description: `Actions: ${PROPOSAL_ACTION_NAMES.join(', ')}. Every body carries \`expectedVersion\` (409 VERSION_CONFLICT when stale); 422 PROPOSAL_INVALID_TRANSITION in the wrong state or outside a time window; 422 PROPOSAL_COSIGNERS_MISSING when a motion lacks co-signatures; 403 for the wrong party.`,
        params: ProposalActionParamsSchema,
        body: ProposalActionBodySchema,
        response: { 200: ProposalViewSchema },
      },
      // The body's schema depends on the action in the path: the handler checks it with that action's.
      validatorCompiler: bodyCheckedInHandler,
    },
    async (request) => {
      const { actor } = request;
      const parsed = ProposalActionBodies[request.params.action].safeParse(request.body);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const { expectedVersion, ...payload } = parsed.data as { expectedVersion: number } & Record<string, unknown>;
      const action = { type: request.params.action, ...payload } as ProposalAction;
      await ctx.proposals.act(actor, request.params.id, action, expectedVersion);
      return detailBody(actor, request.params.id, languageOf(request.headers['accept-language']));
    },
  );

  app.get(
    '/api/v1/suggestions/:id/verify',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['suggestions'],
        summary: 'Recompute the proposal’s event hash chain',
        params: IdParamsSchema,
        response: { 200: ChainVerificationSchema },
      },
    },
    async (request) => {
      const r = await ctx.proposals.verify(request.actor, request.params.id);
      return r.ok ? { ok: true, count: r.count } : { ok: false, brokenAt: r.brokenAt, eventId: r.eventId, reason: r.reason };
    },
  );

  app.get(
    '/api/v1/public/suggestions/:id',
    {
      config: access({ auth: 'public' }),
      schema: {
        tags: ['public'],
        summary: 'Public view of a submitted suggestion or motion (personal data in the text masked)',
        description: 'Drafts and withdrawn proposals answer 404. Shown to citizens whose opinion became part of it.',
        params: IdParamsSchema,
        response: { 200: PublicProposalSchema },
      },
    },
    async (request) => {
      const lang = languageOf(request.headers['accept-language']);
      const p = await ctx.repos.proposals.find(request.params.id);
      if (!p || p.status === 'draft' || p.status === 'withdrawn') throw new AppError('RESOURCE_NOT_FOUND', { message: 'Suggestion not found.' });
      const names = new NameBook(ctx);
      const summary = await presentProposalSummary(names, p, lang);
      return {
        id: p.id,
        number: p.number,
        type: summary.type,
        typeLabel: summary.typeLabel,
        title: maskPii(p.title),
        body: maskPii(p.body),
        status: p.status,
        statusLabel: summary.statusLabel,
        leadDeputyName: summary.leadDeputy.name,
        leadUnitName: summary.leadUnit?.name ?? null,
        answerClass: p.answerClass,
        answerClassLabel: answerClassLabel(p.answerClass, lang),
        submittedAt: p.submittedAt,
        answeredAt: p.answeredAt,
        closedAt: p.closedAt,
      };
    },
  );

  app.get(
    '/api/v1/suggestion-settings',
    {
      config: access({ auth: 'session' }),
      schema: { tags: ['suggestions'], summary: 'Co-signature and time-limit settings', response: { 200: ProposalSettingsSchema } },
    },
    async () => {
      return ctx.proposals.settings();
    },
  );

  app.patch(
    '/api/v1/suggestion-settings',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['suggestions'],
        summary: 'Change the settings (admins; audited)',
        body: ProposalSettingsPatchSchema,
        response: { 200: ProposalSettingsSchema },
      },
    },
    async (request) => ctx.proposals.updateSettings(request.actor, request.body),
  );
};
