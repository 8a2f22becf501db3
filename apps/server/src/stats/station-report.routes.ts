/**
 * One station's monthly report (API.md "Duty and evaluation"): JSON for the print page and
 * an XLSX of the same content (audited export). Station staff reach only their station.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { StationReportParamsSchema, StationReportQuerySchema, StationReportSchema, xlsxResponse } from '@lianxin/contracts';
import type { AppContext } from '../context';
import { stationReport } from './station-report';
import { stationReportWorkbook } from './station-report-xlsx';
import { access } from '../platform/route-kit';

const tags = ['evaluation'];

export const stationReportRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/evaluations/:schemeId/stations/:unitId/report',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: "One station's month: score items, rank among peers, key figures and a six-month trend",
        params: StationReportParamsSchema,
        querystring: StationReportQuerySchema,
        response: { 200: StationReportSchema },
      },
    },
    async (request) => stationReport(ctx, request.actor, request.params.schemeId, request.params.unitId, request.query.period),
  );

  app.get(
    '/api/v1/evaluations/:schemeId/stations/:unitId/report.xlsx',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: "One station's monthly report as XLSX (audited export)",
        params: StationReportParamsSchema,
        querystring: StationReportQuerySchema,
        response: { 200: xlsxResponse('The report') },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const report = await stationReport(ctx, actor, request.params.schemeId, request.params.unitId, request.query.period);
      const bytes = await stationReportWorkbook(report, ctx.clock.now().toISOString());
      await ctx.audit.record(actor, { action: 'evaluation.export', entity: 'unit', entityId: report.unit.id, summary: `${report.schemeId} ${report.period}` });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="station-report-${report.unit.id}-${report.period}.xlsx"`)
        .send(bytes);
    },
  );
};
