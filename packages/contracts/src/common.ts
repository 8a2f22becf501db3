/**
 * Building blocks shared by every schema: ids, pages, the error shape.
 */
import { z } from 'zod';
import { ERROR_CODES } from '@lianxin/core';

/** An application-generated id (UUIDv7 text). */
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'not an id');

/** A trimmed single-line name. */
export const NameSchema = z.string().trim().min(1).max(100);

/** Optional free text kept short. */
export const ShortTextSchema = z.string().trim().max(500);

/** ISO-8601 timestamp with zone. */
export const TimestampSchema = z.string();

/** Query of every list endpoint. */
export const ListQuerySchema = z
  .object({
    q: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(20),
    includeInactive: z.enum(['0', '1', 'true', 'false']).optional(),
  })
  .strict();
/** Parsed list query. */
export type ListQuery = z.infer<typeof ListQuerySchema>;

/** A page of items. */
export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

/** `{ id }` path parameter. */
export const IdParamsSchema = z.object({ id: IdSchema }).strict();

/** API.md's error shape. */
export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES as [string, ...string[]]),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), code: z.string(), message: z.string().optional() })),
  }),
});

/** `{ ok: true }` for actions without a body to return. */
export const OkSchema = z.object({ ok: z.literal(true) });

/** The body of a file response as a handler sends it: text, bytes (a Buffer) or a stream. */
export type FileBody = string | Uint8Array | { pipe: (...args: never[]) => unknown };

/**
 * A success response that is a file, not JSON (XLSX, CSV, PDF, an image, a calendar), for a
 * route's `schema.response`: OpenAPI shows it as binary content of each media type. Fastify
 * does not serialize the Buffer or stream such a route sends.
 */
export function fileResponse(mediaTypes: string | readonly string[], description: string) {
  // Typed as what a handler sends (text, bytes or a stream); OpenAPI reads the string schema.
  const binary = z.string().meta({ format: 'binary' }) as unknown as z.ZodType<FileBody>;
  return { description, content: Object.fromEntries((typeof mediaTypes === 'string' ? [mediaTypes] : mediaTypes).map((type) => [type, { schema: binary }])) };
}

/** Media types of uploaded files (photos and PDF), as stored and answered. */
export const ATTACHMENT_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;

/** Media type of the XLSX workbooks the exports answer. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A success response that is an XLSX workbook. */
export function xlsxResponse(description: string) {
  return fileResponse(XLSX_MEDIA_TYPE, description);
}

/** The answer of a 204: no body. */
export const NoContentSchema = z.null().describe('No content');
