/**
 * Import of paper registers and legacy systems (issue #3): preview a file with a
 * suggested column mapping, start a run (dry or real) that proceeds in the background,
 * follow its progress. Admins, supervisors and station staff.
 */
import { OFFLINE_CHANNELS } from '@lianxin/contracts';
import { AppError } from '@lianxin/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { z } from 'zod';
import type { AppContext } from '../context';
import { IMPORT_FIELDS, ImportService } from './import.service';
import { access } from '../platform/route-kit';

const IMPORT_CHANNELS = ['import', ...OFFLINE_CHANNELS] as const;

const RowErrorSchema = z.object({ row: z.number().int(), code: z.string().optional(), reason: z.string() });
const ImportSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  dryRun: z.boolean(),
  mapping: z.record(z.string(), z.string().nullable()),
  total: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  duplicates: z.number().int(),
  failed: z.number().int(),
  errors: z.array(RowErrorSchema),
  duplicateRows: z.array(z.number().int()),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const MappingSchema = z.object(
  Object.fromEntries(IMPORT_FIELDS.map((f) => [f, z.string().nullable()])) as Record<(typeof IMPORT_FIELDS)[number], z.ZodNullable<z.ZodString>>,
);

/** The `file` part and the text fields of a multipart form, or a 4xx in the shared shape. */
async function readForm(request: FastifyRequest): Promise<{ bytes: Buffer; fileName: string | null; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new AppError('MEDIA_TYPE_UNSUPPORTED', { message: 'Send the file as multipart/form-data in a field named "file".' });
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; fileName: string | null } | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw new AppError('VALIDATION_FAILED', {
            message: 'Send the file in a field named "file".',
            details: [{ path: part.fieldname, code: 'unexpected' }],
          });
        }
        file = { bytes: await part.toBuffer(), fileName: part.filename || null };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', { message: 'The file is too large.' });
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw new AppError('VALIDATION_FAILED', {
        message: 'Send one file and the fields mapping, dryRun and channel.',
        details: [{ path: 'file', code: 'too_many' }],
      });
    throw new AppError('REQUEST_MALFORMED', { message: 'The multipart body could not be read.' });
  }
  if (!file || !file.bytes.length)
    throw new AppError('VALIDATION_FAILED', { message: 'No file in the field "file".', details: [{ path: 'file', code: 'required' }] });
  return { ...file, fields };
}

export const importRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const imports = new ImportService(ctx);

  app.post(
    '/api/v1/imports/preview',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['imports'],
        summary: 'Preview a spreadsheet (XLSX or CSV) and suggest a column mapping',
        description: `Multipart field \`file\`. CSV may be UTF-8 or GBK/GB18030. Fields: ${IMPORT_FIELDS.join(', ')}.`,
        consumes: ['multipart/form-data'],
        response: {
          200: z.object({
            columns: z.array(z.string()),
            sampleRows: z.array(z.array(z.string())),
            totalRows: z.number().int(),
            suggestedMapping: MappingSchema,
            encoding: z.enum(['utf-8', 'gb18030']).nullable(),
          }),
        },
      },
    },
    async (request) => {
      const { actor } = request;
      ImportService.authorize(actor);
      const form = await readForm(request);
      return imports.preview(form.bytes, form.fileName);
    },
  );

  app.post(
    '/api/v1/imports',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['imports'],
        summary: 'Start an import run (dry or real); it proceeds in the background',
        description:
          'Multipart: `file`, `mapping` (JSON object field → column name or null; `content` required), `dryRun` (`true` | `false`, default `true`), `channel` (default `import`). Every row is validated; a bad row is skipped and reported with its reason, never half-stored. A row imported before (same `sourceId`, or same content, date and phone) is counted as a duplicate. Follow progress with GET /api/v1/imports/{id}. Staff imports land in their own station unless a row names a station inside their subtree.',
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      ImportService.authorize(actor);
      const form = await readForm(request);
      let mapping: unknown;
      try {
        mapping = JSON.parse(form.fields.mapping ?? 'null');
      } catch {
        throw new AppError('VALIDATION_FAILED', { message: 'mapping is not valid JSON.', details: [{ path: 'mapping', code: 'invalid' }] });
      }
      const dryRun = form.fields.dryRun ?? 'true';
      if (dryRun !== 'true' && dryRun !== 'false') {
        throw new AppError('VALIDATION_FAILED', { details: [{ path: 'dryRun', code: 'invalid', message: 'dryRun is "true" or "false".' }] });
      }
      const channel = form.fields.channel || 'import';
      if (!(IMPORT_CHANNELS as readonly string[]).includes(channel)) {
        throw new AppError('VALIDATION_FAILED', {
          details: [{ path: 'channel', code: 'invalid', message: `channel is one of ${IMPORT_CHANNELS.join(', ')}.` }],
        });
      }
      const record = await imports.start(actor, form, { mapping, dryRun: dryRun === 'true', channel });
      return reply.status(202).send({ id: record.id });
    },
  );

  app.get(
    '/api/v1/imports',
    {
      config: access({ auth: 'session' }),
      schema: { tags: ['imports'], summary: 'Recent import runs (staff see their own)', response: { 200: z.object({ items: z.array(ImportSchema) }) } },
    },
    async (request) => ({ items: await imports.list(request.actor) }),
  );

  app.get(
    '/api/v1/imports/:id',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['imports'],
        summary: 'One import run with its progress, errors and duplicate rows',
        params: z.object({ id: z.string().min(1).max(64) }).strict(),
        response: { 200: ImportSchema },
      },
    },
    async (request) => imports.get(request.actor, request.params.id),
  );
};
