/**
 * The one error handler: every failure leaves as API.md's shape
 * `{ error: { code, message, details } }`, with a status from the code. Unknown errors are
 * logged and become a 500 without internals.
 */
import { ERROR_STATUS, isAppError, type ErrorCode, type ErrorDetail } from '@lianxin/core';
import { isDatabaseUnavailable, isDataException } from '@lianxin/storage';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

/** Maps Fastify's own error codes onto documented ones. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'MEDIA_TYPE_UNSUPPORTED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST_MALFORMED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST_MALFORMED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST_MALFORMED',
  FST_ERR_CTP_INVALID_TYPE: 'MEDIA_TYPE_UNSUPPORTED',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_ERR_NOT_FOUND: 'ROUTE_NOT_FOUND',
  FST_ERR_BAD_URL: 'REQUEST_MALFORMED',
  FST_ERR_ASYNC_CONSTRAINT: 'REQUEST_MALFORMED',
  FST_ERR_QSP_NOT_FN: 'REQUEST_MALFORMED',
  FST_ERR_INVALID_URL: 'REQUEST_MALFORMED',
};

/** Status → code for 4xx errors that carry only a status (plugins, parsers). */
function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'AUTH_REQUIRED';
  if (status === 403) return 'PERMISSION_DENIED';
  if (status === 404) return 'ROUTE_NOT_FOUND';
  if (status === 405) return 'METHOD_NOT_ALLOWED';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'MEDIA_TYPE_UNSUPPORTED';
  if (status === 429) return 'RATE_LIMITED';
  return 'REQUEST_MALFORMED';
}

/** Seconds a client is asked to wait when the database is out of reach or full. */
export const UNAVAILABLE_RETRY_SECONDS = 30;

/** Sends an error in the shared shape. */
export function sendError(reply: FastifyReply, code: ErrorCode, message: string, details: ErrorDetail[] = [], retryAfterSeconds?: number): FastifyReply {
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterSeconds))));
  return reply.status(ERROR_STATUS[code]).type('application/json; charset=utf-8').send({ error: { code, message, details } });
}

function zodDetails(error: FastifyError): ErrorDetail[] {
  // fastify-type-provider-zod turns each zod issue into { keyword: code, instancePath: /a/b, message, params: rest-of-issue }.
  const validation = (error.validation ?? []) as Array<{ instancePath?: string; keyword?: string; message?: string; params?: { keys?: string[] } }>;
  const context = error.validationContext && error.validationContext !== 'body' ? `${error.validationContext}.` : '';
  return validation.flatMap((v) => {
    const base = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const prefix = `${context}${base ? `${base}.` : ''}`;
    if (v.keyword === 'unrecognized_keys' && v.params?.keys?.length) {
      return v.params.keys.map((key) => ({ path: `${prefix}${key}`, code: 'unrecognized_keys', message: `Unknown field "${key}".` }));
    }
    return [{ path: `${context}${base}`, code: v.keyword ?? 'invalid', message: v.message ?? 'Invalid value.' }];
  });
}

/** Installs the error and not-found handlers. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (isAppError(error)) {
      const appError = error;
      if (appError.status >= 500) request.log.error({ err: error }, 'application error');
      return sendError(reply, appError.code, appError.message, appError.details, appError.retryAfterSeconds);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendError(reply, 'VALIDATION_FAILED', 'The request has invalid fields.', zodDetails(error));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return sendError(reply, 'INTERNAL_ERROR', 'Something went wrong on our side.');
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status === 429) {
      const retry = Number(reply.getHeader('retry-after')) || 60;
      return sendError(reply, 'RATE_LIMITED', 'Too many requests; please wait and try again.', [], retry);
    }
    if (isDataException(error)) {
      // A value the schema let through but the database cannot hold (found by fuzzing): bad input, not our failure.
      request.log.warn({ err: error }, 'database refused a value of the request');
      return sendError(reply, 'VALIDATION_FAILED', 'A value of the request is out of range or not storable.');
    }
    if (isDatabaseUnavailable(error)) {
      // Lost database, full disk, read-only file: nothing the caller did, and it may pass.
      request.log.error({ err: error }, 'database unavailable');
      return sendError(reply, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable; please try again shortly.', [], UNAVAILABLE_RETRY_SECONDS);
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return sendError(reply, mapped, error.message);
    if (status >= 400 && status < 500) return sendError(reply, codeForStatus(status), error.message);
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 'INTERNAL_ERROR', 'Something went wrong on our side.');
  });
}
