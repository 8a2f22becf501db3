/**
 * The route kit: what a route declares in `config: access(…)` is enforced before its handler, in
 * the order the handlers used to check it (validation, then availability, session, policy,
 * per-address limits); and every API route of the app declares its callers.
 */
import type { Role } from '@lianxin/core';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ActiveSession } from '../src/auth/auth.service';
import { registerErrorHandling } from '../src/platform/plugins/error-handler';
import { access, registerRouteKit } from '../src/platform/route-kit';
import { createTestApp } from './support';

/** A counting stand-in for the database-backed limiter (429 past the limit, like RateLimiter.consume). */
function countingLimiter() {
  const counts = new Map<string, number>();
  return {
    counts,
    consume: async (key: string, limit: number) => {
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      if (count > limit) {
        const { AppError } = await import('@lianxin/core');
        throw new AppError('RATE_LIMITED', { retryAfterSeconds: 60 });
      }
    },
  };
}

async function kitApp(available: { demo: boolean }) {
  const limiter = countingLimiter();
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  // A stand-in for the session plugin: `x-roles` signs the request in with those roles.
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    const roles = request.headers['x-roles'];
    request.auth =
      typeof roles === 'string'
        ? ({ actor: { userId: 'u1', roles: roles.split(',') as Role[], scope: {}, username: 'u1', displayName: 'U', ip: null } } as unknown as ActiveSession)
        : null;
  });
  registerRouteKit(app, { rateLimiter: limiter });
  const body = z.object({ n: z.number() }).strict();
  app.post('/session', { config: access({ auth: 'session' }), schema: { body } }, async (request) => ({ user: request.actor.userId }));
  app.post('/policy', { config: access({ auth: 'session', policy: 'routing.manage' }), schema: { body } }, async () => ({ ok: true }));
  app.post('/limited', { config: access({ auth: 'public', limits: [{ name: 'try', max: 2, windowSeconds: 60 }] }), schema: { body } }, async () => ({
    ok: true,
  }));
  app.get('/demo', { config: access({ auth: 'session', policy: 'demo.outbox', available: () => available.demo }) }, async () => ({ ok: true }));
  app.get('/undeclared', async (request) => ({ user: request.actor.userId }));
  await app.ready();
  return { app, limiter };
}

const code = (res: { json: () => unknown }) => (res.json() as { error?: { code: string } }).error?.code;

describe('route kit', () => {
  it('checks a session after validation, and hands the handler the actor', async () => {
    const { app } = await kitApp({ demo: true });
    expect((await app.inject({ method: 'POST', url: '/session', payload: { n: 'x' } })).statusCode).toBe(400);
    const anonymous = await app.inject({ method: 'POST', url: '/session', payload: { n: 1 } });
    expect([anonymous.statusCode, code(anonymous)]).toEqual([401, 'AUTH_REQUIRED']);
    const signedIn = await app.inject({ method: 'POST', url: '/session', payload: { n: 1 }, headers: { 'x-roles': 'staff' } });
    expect(signedIn.json()).toEqual({ user: 'u1' });
    await app.close();
  });

  it('refuses an account without the declared policy action', async () => {
    const { app } = await kitApp({ demo: true });
    const staff = await app.inject({ method: 'POST', url: '/policy', payload: { n: 1 }, headers: { 'x-roles': 'staff' } });
    expect([staff.statusCode, code(staff)]).toEqual([403, 'PERMISSION_DENIED']);
    expect((await app.inject({ method: 'POST', url: '/policy', payload: { n: 1 }, headers: { 'x-roles': 'admin' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/policy', payload: { n: 1 } })).statusCode).toBe(401);
    await app.close();
  });

  it('counts per-address limits only for valid requests, and answers 429 past them', async () => {
    const { app, limiter } = await kitApp({ demo: true });
    await app.inject({ method: 'POST', url: '/limited', payload: { n: 'x' } });
    expect(limiter.counts.size).toBe(0);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await app.inject({ method: 'POST', url: '/limited', payload: { n: 1 } })).statusCode);
    expect(answers).toEqual([200, 200, 429]);
    expect([...limiter.counts.keys()]).toEqual(['try:ip:127.0.0.1']);
    await app.close();
  });

  it('answers 404 for a route this install does not offer, before asking for a session', async () => {
    const off = await kitApp({ demo: false });
    const res = await off.app.inject({ method: 'GET', url: '/demo' });
    expect([res.statusCode, code(res)]).toEqual([404, 'RESOURCE_NOT_FOUND']);
    await off.app.close();
    const on = await kitApp({ demo: true });
    expect((await on.app.inject({ method: 'GET', url: '/demo' })).statusCode).toBe(401);
    expect((await on.app.inject({ method: 'GET', url: '/demo', headers: { 'x-roles': 'admin' } })).statusCode).toBe(200);
    await on.app.close();
  });

  it('answers 401 when an undeclared route reads the actor without a session', async () => {
    const { app } = await kitApp({ demo: true });
    expect((await app.inject({ method: 'GET', url: '/undeclared' })).statusCode).toBe(401);
    await app.close();
  });

  it('refuses a policy on a public route when it is declared', () => {
    expect(() => access({ auth: 'public', policy: 'routing.manage' })).toThrow(/needs auth 'session'/);
  });
});

describe('declared routes of the app', () => {
  let routes: Map<string, unknown>;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const t = await createTestApp('sqlite');
    routes = t.app.routeAccess;
    close = () => t.close();
  });
  afterAll(async () => close());

  it('has every API and Open311 route declare its callers', () => {
    const api = [...routes.keys()].filter((key) => / \/(api|open311)\//.test(key));
    expect(api.length).toBeGreaterThan(150);
    expect(api.filter((key) => routes.get(key) === null)).toEqual([]);
  });
});
