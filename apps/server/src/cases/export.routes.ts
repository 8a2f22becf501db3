/**
 * Exports for signed-in users: the case list (with its filters, in the caller's scope) and the
 * statistics overview, as CSV or XLSX files streamed while they are written. `X-Total-Count`
 * says how many cases the file holds, so a client can show progress as rows arrive. Exports of
 * any size run as jobs (`/api/v1/exports/jobs`): the console polls their progress and downloads
 * the file when it is done; only the user who asked can see the job or read the file.
 */
import {
  CaseExportQuerySchema,
  ExportJobListSchema,
  ExportJobParamsSchema,
  ExportJobSchema,
  ExportJobStartSchema,
  fileResponse,
  StatsExportQuerySchema,
} from '@lianxin/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { languageOf } from './case-labels';
import { csvStream, EXPORT_MIME, xlsxStream, type ExportFormat } from './export-writer';
import { EXPORT_JOB_MAX_ROWS, EXPORT_MAX_ROWS, EXPORT_TTL_HOURS } from './export.service';
import { access } from '../platform/route-kit';

const yes = (v: string | undefined) => v === '1' || v === 'true';

export const exportRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const send = (reply: FastifyReply, format: ExportFormat, fileName: string, total: number, sheets: Parameters<typeof csvStream>[0]) => {
    reply.header('content-type', EXPORT_MIME[format]);
    reply.header('content-disposition', `attachment; filename="${fileName}.${format}"`);
    reply.header('x-total-count', String(total));
    reply.header('cache-control', 'no-store');
    return reply.send(format === 'csv' ? csvStream(sheets) : xlsxStream(sheets, () => ctx.exports.turn()));
  };

  app.get(
    '/api/v1/exports/cases',
    {
      // Background work itself: a running export job does not wait for this stream.
      config: { ...access({ auth: 'session' }), background: true },
      schema: {
        tags: ['exports'],
        summary: 'Export the case list as CSV or XLSX (audited)',
        description: `Takes the filters of \`GET /api/v1/cases\` (plus \`underUnitId\`) and exports every matching case in the caller's scope, at most ${EXPORT_MAX_ROWS} (413 EXPORT_TOO_LARGE beyond). Reporters' contact data is masked unless \`includeContact=1\` and the caller is an admin, supervisor or station staff (403 otherwise); personal data in titles, contents and replies is always masked. The response streams; \`X-Total-Count\` is the number of cases.`,
        querystring: CaseExportQuerySchema,
        produces: [EXPORT_MIME.csv, EXPORT_MIME.xlsx],
        response: { 200: fileResponse([EXPORT_MIME.csv, EXPORT_MIME.xlsx], 'The cases, streamed') },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const q = request.query;
      const prepared = await ctx.exports.cases(actor, {
        format: q.format,
        includeContact: yes(q.includeContact),
        lang: languageOf(request.headers['accept-language']),
        filters: await ctx.cases.filtersOf(q, 'newest'),
      });
      return send(reply, q.format, prepared.fileName, prepared.total, prepared.sheets);
    },
  );

  app.post(
    '/api/v1/exports/jobs',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['exports'],
        summary: 'Export the case list in the background (any size; audited)',
        description: `Queues an export of every case matching \`filters\` (those of \`GET /api/v1/cases\`, plus \`underUnitId\`) in the caller's scope, at most ${EXPORT_JOB_MAX_ROWS} (the job fails with EXPORT_TOO_LARGE beyond). Masking as for \`GET /api/v1/exports/cases\`. Answers 202 with the job; follow \`processed\` / \`total\` with \`GET /api/v1/exports/jobs/{id}\` and download \`downloadUrl\` when \`status\` is \`done\`. The file is kept ${EXPORT_TTL_HOURS} hours and only its requester can read it.`,
        body: ExportJobStartSchema,
        response: { 202: ExportJobSchema },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const { format, includeContact, filters } = request.body;
      const job = await ctx.exports.startCasesJob(actor, {
        format,
        includeContact,
        lang: languageOf(request.headers['accept-language']),
        filters: await ctx.cases.filtersOf(filters, 'newest'),
      });
      return reply.status(202).send(job);
    },
  );

  app.get(
    '/api/v1/exports/jobs',
    {
      config: access({ auth: 'session' }),
      schema: { tags: ['exports'], summary: 'The caller’s recent background exports', response: { 200: ExportJobListSchema } },
    },
    async (request) => ({ items: await ctx.exports.jobs(request.actor) }),
  );

  app.get(
    '/api/v1/exports/jobs/:id',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['exports'],
        summary: 'One background export with its progress (its requester only)',
        params: ExportJobParamsSchema,
        response: { 200: ExportJobSchema },
      },
    },
    async (request) => ctx.exports.job(request.actor, request.params.id),
  );

  app.get(
    '/api/v1/exports/jobs/:id/file',
    {
      config: { ...access({ auth: 'session' }), background: true },
      schema: {
        tags: ['exports'],
        summary: 'Download the file of a finished background export (its requester only; audited)',
        description: '404 RESOURCE_NOT_FOUND for anybody but the requester, before the export is done and after the file expired.',
        params: ExportJobParamsSchema,
        produces: [EXPORT_MIME.csv, EXPORT_MIME.xlsx],
        response: { 200: fileResponse([EXPORT_MIME.csv, EXPORT_MIME.xlsx], 'The export’s file') },
      },
    },
    async (request, reply) => {
      const file = await ctx.exports.openFile(request.actor, request.params.id);
      reply.header('content-type', EXPORT_MIME[file.format]);
      reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      if (file.size !== null) reply.header('content-length', String(file.size));
      reply.header('cache-control', 'no-store');
      return reply.send(file.stream);
    },
  );

  app.get(
    '/api/v1/exports/stats',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['exports'],
        summary: 'Export the statistics overview as CSV or XLSX (audited)',
        description: 'Takes the filters of `GET /api/v1/stats/overview`. CSV puts the tables one after another; XLSX gives each its sheet.',
        querystring: StatsExportQuerySchema,
        produces: [EXPORT_MIME.csv, EXPORT_MIME.xlsx],
        response: { 200: fileResponse([EXPORT_MIME.csv, EXPORT_MIME.xlsx], 'The statistics tables') },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const { format, ...query } = request.query;
      const prepared = await ctx.exports.statistics(actor, query, format, languageOf(request.headers['accept-language']));
      return send(reply, format, prepared.fileName, prepared.total, prepared.sheets);
    },
  );
};
