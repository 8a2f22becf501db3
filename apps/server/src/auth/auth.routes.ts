/**
 * Sign-in and sign-out (API.md "Accounts").
 */
import { LoginResponseSchema, LoginSchema, OkSchema } from '@lianxin/contracts';
import { AppError } from '@lianxin/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { SESSION_COOKIE } from './auth.service';
import { access } from '../platform/route-kit';

export const authRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/auth/login',
    {
      config: { ...access({ auth: 'public' }), rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['accounts'],
        summary: 'Sign in; sets an HttpOnly session cookie',
        description: 'Repeated failures lock the account (423 AUTH_ACCOUNT_LOCKED with Retry-After); too many attempts from one address get 429.',
        body: LoginSchema,
        response: { 200: LoginResponseSchema },
      },
    },
    async (request, reply) => {
      const { token, session, user } = await ctx.auth.login({
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.config.cookieSecure,
        path: '/',
        expires: new Date(session.expiresAt),
      });
      const actor = await ctx.auth.actorFor(user, request.ip);
      return { user: ctx.auth.sessionUser(user, actor), csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: access({ auth: 'public' }), schema: { tags: ['accounts'], summary: 'Sign out', response: { 200: OkSchema } } },
    async (request, reply) => {
      await ctx.auth.logout(request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: access({ auth: 'session' }),
      schema: { tags: ['accounts'], summary: 'The signed-in user and their CSRF token', response: { 200: LoginResponseSchema } },
    },
    async (request) => {
      const auth = request.auth;
      if (!auth) throw new AppError('AUTH_REQUIRED');
      return { user: ctx.auth.sessionUser(auth.user, auth.actor), csrfToken: auth.session.csrfToken };
    },
  );
};
