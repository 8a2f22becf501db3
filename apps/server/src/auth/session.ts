/**
 * Resolves the session cookie on every request and enforces CSRF: a state-changing
 * request that carries a session cookie must also carry that session's
 * `X-CSRF-Token`. Requests without a session have no ambient authority to abuse.
 */
import { AppError } from '@lianxin/core';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../context';
import { SESSION_COOKIE, type ActiveSession } from './auth.service';

declare module 'fastify' {
  interface FastifyRequest {
    /** The resolved session, or null when signed out. */
    auth: ActiveSession | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Endpoints a session-less browser must reach with POST. */
const CSRF_EXEMPT = new Set(['/api/v1/auth/login']);

async function sessionPlugin(app: FastifyInstance, options: { ctx: AppContext }): Promise<void> {
  app.decorateRequest('auth', null);
  async function resolve(request: FastifyRequest, token: string): Promise<void> {
    request.auth = await options.ctx.auth.resolve(token, request.ip);
    const path = request.url.split('?')[0] ?? '';
    if (SAFE_METHODS.has(request.method) || CSRF_EXEMPT.has(path)) return;
    const header = request.headers['x-csrf-token'];
    if (!request.auth) return; // stale cookie: the route answers 401 if it needs a session
    if (typeof header !== 'string' || header !== request.auth.session.csrfToken) throw new AppError('AUTH_CSRF_INVALID');
  }
  // Callback style, so a request without a session cookie (every citizen's) costs no promise.
  app.addHook('onRequest', (request, _reply, done) => {
    if (!request.url.startsWith('/api/')) return done();
    const token = request.cookies[SESSION_COOKIE];
    if (!token) {
      // No session, no ambient authority: nothing for CSRF to protect.
      request.auth = null;
      return done();
    }
    resolve(request, token).then(
      () => done(),
      (error: unknown) => done(error as FastifyError),
    );
  });
}

/** Session and CSRF handling. */
export const sessionHandling = fp(sessionPlugin, { name: 'lianxin-session' });
