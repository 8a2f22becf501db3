/**
 * Key supervision (重点督办): a proposal's KPI tree with periodic reports
 * (API.md `GET /suggestions/{id}/indicators`, `POST …/indicators/{indicatorId}/reports`) and
 * its issue list whose items close only with evidence (限时销号), with XLSX export.
 */
import {
  fileResponse,
  ATTACHMENT_MEDIA_TYPES,
  IdParamsSchema,
  IssueCloseSchema,
  IssueCreatedSchema,
  IssueCreateSchema,
  IssueEvidenceParamsSchema,
  IssueItemSchema,
  IssueListSchema,
  KpiIndicatorCreateSchema,
  KpiIndicatorSchema,
  KpiReportCreateSchema,
  KpiReportParamsSchema,
  KpiReportSchema,
  KpiTreeSchema,
  OverdueIssueListSchema,
  xlsxResponse,
} from '@lianxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { languageOf } from '../cases/case-labels';
import { sendXlsx } from '../platform/sheet-export';
import { sendAttachment } from '../platform/uploads';
import { access } from '../platform/route-kit';

export const supervisionRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/suggestions/:id/indicators',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['supervision'],
        summary: 'KPI tree with progress rolled up by weight, and all reports',
        description: 'A leaf’s progress is (latest − baseline) / (target − baseline), clamped to 0..1; a parent’s is the weighted mean of its children’s.',
        params: IdParamsSchema,
        response: { 200: KpiTreeSchema },
      },
    },
    async (request) => ctx.supervision.kpis(request.actor, request.params.id),
  );

  app.post(
    '/api/v1/suggestions/:id/indicators',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['supervision'],
        summary: 'Add an indicator to the KPI tree (office)',
        params: IdParamsSchema,
        body: KpiIndicatorCreateSchema,
        response: { 201: KpiIndicatorSchema },
      },
    },
    async (request, reply) => reply.status(201).send({ ...(await ctx.supervision.addIndicator(request.actor, request.params.id, request.body)) }),
  );

  app.post(
    '/api/v1/suggestions/:id/indicators/:indicatorId/reports',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['supervision'],
        summary: 'Report an indicator’s value for a period (its department, an assigned unit or the office)',
        params: KpiReportParamsSchema,
        body: KpiReportCreateSchema,
        response: { 201: KpiReportSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ ...(await ctx.supervision.report(request.actor, request.params.id, request.params.indicatorId, request.body)) }),
  );

  app.get(
    '/api/v1/suggestions/:id/issues',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['supervision'],
        summary: 'Issue list (限时销号) with overdue flags',
        params: IdParamsSchema,
        response: { 200: IssueListSchema },
      },
    },
    async (request) => ({ items: await ctx.supervision.issues(request.actor, request.params.id) }),
  );

  app.post(
    '/api/v1/suggestions/:id/issues',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['supervision'],
        summary: 'Add an issue with a deadline (office)',
        params: IdParamsSchema,
        body: IssueCreateSchema,
        response: { 201: IssueCreatedSchema },
      },
    },
    async (request, reply) => reply.status(201).send({ id: await ctx.supervision.addIssue(request.actor, request.params.id, request.body) }),
  );

  app.post(
    '/api/v1/issues/:id/close',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['supervision'],
        summary: 'Close an issue with evidence (销号)',
        description:
          'Evidence is a statement and at least one file uploaded first with `POST /api/v1/attachments` by the same account (JPEG, PNG, WebP or PDF, checked by content). 422 REFERENCE_INVALID for a file that is missing, someone else’s or a case’s.',
        params: IdParamsSchema,
        body: IssueCloseSchema,
        response: { 200: IssueItemSchema },
      },
    },
    async (request) => ctx.supervision.closeIssue(request.actor, request.params.id, request.body),
  );

  app.get(
    '/api/v1/issues/overdue',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['supervision'],
        summary: 'Open issue items past their deadline across all key items, escalated first',
        description:
          'The office sees all, a department its own, others none. `escalated` is true once an item is `issueEscalationWorkdays` working days overdue (see `GET /api/v1/suggestion-settings`); the daily scan then notified the office for the supervising leader.',
        response: { 200: OverdueIssueListSchema },
      },
    },
    async (request) => ({ items: await ctx.supervision.overdueList(request.actor) }),
  );

  app.get(
    '/api/v1/issues/:id/evidence/:attachmentId',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['supervision'],
        summary: 'An evidence file of an issue item (whoever may see the key item)',
        params: IssueEvidenceParamsSchema,
        response: { 200: fileResponse(ATTACHMENT_MEDIA_TYPES, 'The file') },
      },
    },
    async (request, reply) => sendAttachment(ctx, reply, await ctx.supervision.evidence(request.actor, request.params.id, request.params.attachmentId)),
  );

  app.get(
    '/api/v1/suggestions/:id/issues/export.xlsx',
    {
      config: access({ auth: 'session' }),
      schema: { tags: ['supervision'], summary: 'The issue list as XLSX (audited)', params: IdParamsSchema, response: { 200: xlsxResponse('The issue list') } },
    },
    async (request, reply) => {
      const { actor } = request;
      const zh = languageOf(request.headers['accept-language']) === 'zh';
      const items = await ctx.supervision.issues(actor, request.params.id);
      await ctx.audit.record(actor, { action: 'issue.export', entity: 'proposal', entityId: request.params.id });
      return sendXlsx(
        reply,
        zh ? '问题清单.xlsx' : 'issues.xlsx',
        zh ? '问题清单' : 'Issues',
        [
          { header: zh ? '问题' : 'Issue', value: (i: (typeof items)[number]) => i.title, width: 40 },
          { header: zh ? '期限' : 'Due', value: (i) => i.dueAt, width: 24 },
          {
            header: zh ? '状态' : 'Status',
            value: (i) =>
              i.status === 'closed'
                ? zh
                  ? '已销号'
                  : 'closed'
                : i.escalated
                  ? zh
                    ? '逾期已升级督办'
                    : 'escalated'
                  : i.overdue
                    ? zh
                      ? '逾期'
                      : 'overdue'
                    : zh
                      ? '办理中'
                      : 'open',
          },
          { header: zh ? '销号证据' : 'Evidence', value: (i) => i.evidence, width: 40 },
          { header: zh ? '销号时间' : 'Closed at', value: (i) => i.closedAt, width: 24 },
        ],
        items,
      );
    },
  );
};
