/**
 * Refuses text with NUL characters anywhere in a request (path, query, body) with a 400 before
 * validation. Nobody types one; PostgreSQL cannot store one in `text` (it answered a 500 when a
 * fuzzed request carried one) and SQLite would store it and cut it short elsewhere, so both
 * databases now see the same rule.
 */
import { AppError, type ErrorDetail } from '@lianxin/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** How deep a body is searched; deeper bodies are refused by their schemas anyway. */
const MAX_DEPTH = 32;

/** Dotted paths of every string holding a NUL inside `value` (at most a few). */
export function nulPaths(value: unknown, prefix = '', depth = 0, found: string[] = []): string[] {
  if (found.length >= 5 || depth > MAX_DEPTH) return found;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(prefix);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => nulPaths(item, prefix ? `${prefix}.${i}` : String(i), depth + 1, found));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (key.includes('\u0000')) found.push(path);
      nulPaths(item, path, depth + 1, found);
    }
  }
  return found;
}

async function inputGuardPlugin(app: FastifyInstance): Promise<void> {
  // Callback style: it runs on every request, and a clean one should cost no promise.
  app.addHook('preValidation', (request, _reply, done) => {
    const params = nulPaths(request.params);
    const query = nulPaths(request.query);
    const body = nulPaths(request.body);
    if (!params.length && !query.length && !body.length) return done();
    const details: ErrorDetail[] = [...params.map((p) => `params.${p}`), ...query.map((p) => `querystring.${p}`), ...body].map((path) => ({
      path,
      code: 'invalid_string',
      message: 'Text may not contain NUL characters.',
    }));
    done(new AppError('VALIDATION_FAILED', { message: 'The request has invalid fields.', details }) as unknown as FastifyError);
  });
}

/** The NUL guard for every route. */
export const inputGuard = fp(inputGuardPlugin, { name: 'lianxin-input-guard' });
