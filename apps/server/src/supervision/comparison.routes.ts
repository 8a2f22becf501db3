/**
 * Public comparison (晾晒比拼): indicators, per-period values of stations and platforms,
 * and rankings with trend — for the console, the public page and XLSX.
 */
import {
  ComparisonIndicatorCreateSchema,
  ComparisonIndicatorListSchema,
  ComparisonIndicatorSchema,
  ComparisonValuesSchema,
  PeriodQuerySchema,
  RankingSchema,
  xlsxResponse,
} from '@lianxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { languageOf } from '../cases/case-labels';
import { sendXlsx } from '../platform/sheet-export';
import { access } from '../platform/route-kit';

export const comparisonRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/public/comparison',
    {
      config: access({ auth: 'public' }),
      schema: {
        tags: ['public'],
        summary: 'Rankings of stations and platforms per indicator for a period, with the trend against the previous period',
        querystring: PeriodQuerySchema,
        response: { 200: RankingSchema },
      },
    },
    async (request) => ctx.supervision.ranking(request.query.period),
  );

  app.get(
    '/api/v1/comparison/indicators',
    {
      config: access({ auth: 'session' }),
      schema: { tags: ['comparison'], summary: 'Comparison indicators', response: { 200: ComparisonIndicatorListSchema } },
    },
    async () => {
      return { items: (await ctx.supervision.comparisonIndicators()).map((i) => ({ ...i })) };
    },
  );

  app.post(
    '/api/v1/comparison/indicators',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['comparison'],
        summary: 'Add an indicator (office)',
        body: ComparisonIndicatorCreateSchema,
        response: { 201: ComparisonIndicatorSchema },
      },
    },
    async (request, reply) => reply.status(201).send({ ...(await ctx.supervision.addComparisonIndicator(request.actor, request.body)) }),
  );

  app.put(
    '/api/v1/comparison/values',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['comparison'],
        summary: 'Set units’ values for a period (office; replaces earlier values of the same cells)',
        body: ComparisonValuesSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await ctx.supervision.setValues(request.actor, request.body.period, request.body.values);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/comparison/export.xlsx',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['comparison'],
        summary: 'A period’s rankings as XLSX (audited)',
        querystring: PeriodQuerySchema,
        response: { 200: xlsxResponse('The rankings') },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const zh = languageOf(request.headers['accept-language']) === 'zh';
      const r = await ctx.supervision.ranking(request.query.period);
      const rows = r.indicators.flatMap((i) => i.items.map((item) => ({ indicator: i.indicator.name, unit: i.indicator.unit, ...item })));
      await ctx.audit.record(actor, { action: 'comparison.export', entity: 'comparison', entityId: r.period });
      return sendXlsx(
        reply,
        `${zh ? '晾晒比拼' : 'comparison'}-${r.period ?? ''}.xlsx`,
        r.period ?? 'ranking',
        [
          { header: zh ? '指标' : 'Indicator', value: (x: (typeof rows)[number]) => x.indicator, width: 24 },
          { header: zh ? '单位' : 'Station', value: (x) => x.unitName, width: 20 },
          { header: zh ? '数值' : 'Value', value: (x) => x.value },
          { header: zh ? '计量' : 'Unit', value: (x) => x.unit, width: 8 },
          { header: zh ? '名次' : 'Rank', value: (x) => x.rank, width: 8 },
          { header: zh ? '名次变化' : 'Rank change', value: (x) => x.rankChange },
        ],
        rows,
      );
    },
  );
};
