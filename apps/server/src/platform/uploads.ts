/**
 * Reading one multipart upload and serving stored files with safe headers.
 */
import { AppError } from '@lianxin/core';
import type { AttachmentRecord } from '@lianxin/storage';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import type { AppContext } from '../context';

/** The bytes and name of the single `file` field, or a 4xx in the shared shape. */
export async function readUpload(request: FastifyRequest): Promise<{ bytes: Buffer; fileName: string | null }> {
  if (!request.isMultipart()) throw new AppError('MEDIA_TYPE_UNSUPPORTED', { message: 'Send the file as multipart/form-data in a field named "file".' });
  try {
    const part = await request.file();
    if (!part || part.fieldname !== 'file')
      throw new AppError('VALIDATION_FAILED', { message: 'No field named "file".', details: [{ path: 'file', code: 'required' }] });
    const bytes = await part.toBuffer();
    return { bytes, fileName: part.filename || null };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', { message: 'The file is too large.' });
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw new AppError('VALIDATION_FAILED', { message: 'Send one file per request.', details: [{ path: 'file', code: 'too_many' }] });
    throw new AppError('REQUEST_MALFORMED', { message: 'The multipart body could not be read.' });
  }
}

/** Sends a stored file: exact type, no sniffing, no caching, no scripts, download for PDFs. */
export function sendAttachment(ctx: AppContext, reply: FastifyReply, attachment: AttachmentRecord): FastifyReply {
  if (!ctx.files.has(attachment.sha256)) throw new AppError('RESOURCE_NOT_FOUND');
  const extension = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' }[attachment.mime] ?? 'bin';
  const disposition = attachment.mime === 'application/pdf' ? 'attachment' : 'inline';
  return reply
    .type(attachment.mime)
    .header('content-disposition', `${disposition}; filename="attachment-${attachment.id}.${extension}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('content-length', String(attachment.size))
    .send(ctx.files.open(attachment.sha256));
}
