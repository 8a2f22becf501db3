/**
 * One station's monthly report (API.md "Duty and evaluation"): JSON for the print page and
 * an XLSX of the same content (audited export). Station staff reach only their station.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { stationReport } from './station-report';
import { stationReportWorkbook } from './station-report-xlsx';
import { access } from '../platform/route-kit';

const Params = z.object({ schemeId: z.string().min(1).max(64), unitId: z.string().min(1).max(64) }).strict();
const Query = z.object({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM') }).strict();
const tags = ['evaluation'];
const Rate = z.number().nullable();

const ReportSchema = z.object({
  schemeId: z.string(),
  period: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  score: z.number(),
  rank: z.number().int(),
  total: z.number().int(),
  peerGroup: z.string().nullable(),
  peerRank: z.number().int(),
  peerTotal: z.number().int(),
  board: z.enum(['red', 'black']).nullable(),
  boardNote: z.enum(['no_activity', 'tie_over_board']).nullable(),
  /** The scheme's places per board (the rule is stated with it). */
  boardSize: z.number().int(),
  figures: z.object({
    receptionsPlanned: z.number(),
    receptionsHeld: z.number(),
    opinions: z.number(),
    casesAssigned: z.number(),
    signedOnTimeRate: Rate,
    repliedOnTimeRate: Rate,
    satisfactionRate: Rate,
    rated: z.number(),
  }),
  breakdown: z.array(
    z.object({
      indicator: z.string(),
      label: z.string(),
      group: z.string(),
      kind: z.enum(['indicator', 'bonus', 'penalty']),
      value: z.number(),
      weight: z.number(),
      points: z.number(),
      numerator: z.number().optional(),
      denominator: z.number().optional(),
      target: z.number().optional(),
      note: z.enum(['no_data', 'capped']).optional(),
    }),
  ),
  metrics: z.record(z.string(), z.number()),
  trend: z.array(z.object({ period: z.string(), score: z.number().nullable(), rank: z.number().int().nullable() })),
  published: z.object({ publishedAt: z.string(), schemeVersion: z.number().int() }).nullable(),
});

export const stationReportRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/evaluations/:schemeId/stations/:unitId/report',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags,
        summary: "One station's month: score items, rank among peers, key figures and a six-month trend",
        params: Params,
        querystring: Query,
        response: { 200: ReportSchema },
      },
    },
    async (request) => stationReport(ctx, request.actor, request.params.schemeId, request.params.unitId, request.query.period),
  );

  app.get(
    '/api/v1/evaluations/:schemeId/stations/:unitId/report.xlsx',
    {
      config: access({ auth: 'session' }),
      schema: { tags, summary: "One station's monthly report as XLSX (audited export)", params: Params, querystring: Query },
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
