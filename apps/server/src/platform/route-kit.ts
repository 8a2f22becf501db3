/**
 * The route kit: who may call a route, which policy action it needs and which per-address limits
 * it counts are declared in the route's options (`config: access(…)`) and enforced in a preHandler
 * — after the body is validated, before the handler — so a handler only parses, calls the service
 * and presents:
 *
 *   app.put('/api/v1/duty/rules', { config: access({ auth: 'session' }), schema: { body, response } },
 *     async (request) => ({ items: await ctx.duty.setRules(request.actor, request.body.items) }));
 *
 * `request.actor` is the signed-in account (401 AUTH_REQUIRED when there is none, as before).
 * Checks that depend on the record (its unit, department, deputy) stay in the services, which
 * call `authorize(actor, action, target)` once they have loaded it.
 */
import { AppError, type PolicyAction } from '@lianxin/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { authorize, type RequestActor } from '../auth/actor';
import type { RateLimiter } from './rate-limiter';

/** One fixed-window limit per client address, counted before the handler (429 RATE_LIMITED past `max`). */
export interface AddressLimit {
  /** Counter name: the key is `{name}:ip:{address}`. */
  name: string;
  max: number;
  windowSeconds: number;
}

/** What a route declares about its callers. */
export interface RouteAccess {
  /** `public`: anyone (citizens, the web app before sign-in); `session`: a signed-in account. */
  auth: 'public' | 'session';
  /** A policy action the account must hold wherever it works (record-bound checks stay in services). */
  policy?: PolicyAction;
  /** Limits per client address, counted in order. */
  limits?: readonly AddressLimit[];
  /** Whether the route exists in this install (e.g. demo mode only); otherwise 404 RESOURCE_NOT_FOUND, before anything else. */
  available?: () => boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Declared callers of the route (route kit). */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The signed-in account; reading it without a session answers 401 AUTH_REQUIRED. */
    readonly actor: RequestActor;
  }
  interface FastifyInstance {
    /** What each route declared (`METHOD url` → access, null when it declared none), for tests and docs. */
    routeAccess: Map<string, RouteAccess | null>;
  }
}

/** Route options' `config` declaring `access` (a policy implies a session). */
export function access(declared: RouteAccess): { access: RouteAccess } {
  if (declared.policy && declared.auth !== 'session') throw new Error(`a route with policy ${declared.policy} needs auth 'session'`);
  return { access: declared };
}

/** The signed-in account, or 401. */
function actorOf(request: FastifyRequest): RequestActor {
  if (!request.auth) throw new AppError('AUTH_REQUIRED');
  return request.auth.actor;
}

/** The preHandler enforcing one route's declaration. */
export function accessGuard(declared: RouteAccess, rateLimiter: Pick<RateLimiter, 'consume'>) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (declared.available && !declared.available()) throw new AppError('RESOURCE_NOT_FOUND');
    if (declared.auth === 'session') {
      const actor = actorOf(request);
      if (declared.policy) authorize(actor, declared.policy);
    }
    for (const limit of declared.limits ?? []) await rateLimiter.consume(`${limit.name}:ip:${request.ip}`, limit.max, limit.windowSeconds);
  };
}

/**
 * Installs the kit on `app` (before any route is registered): `request.actor`, and for every route
 * declaring `config.access` its guard as the first preHandler.
 */
export function registerRouteKit(app: FastifyInstance, deps: { rateLimiter: Pick<RateLimiter, 'consume'> }): void {
  app.decorateRequest('actor', {
    getter(this: FastifyRequest) {
      return actorOf(this);
    },
  });
  app.decorate('routeAccess', new Map<string, RouteAccess | null>());
  app.addHook('onRoute', (route: RouteOptions) => {
    const declared = route.config?.access;
    for (const method of [route.method].flat()) app.routeAccess.set(`${method} ${route.url}`, declared ?? null);
    // A public route with no limits has nothing to check: no preHandler, no cost.
    if (!declared || (declared.auth === 'public' && !declared.limits?.length && !declared.available)) return;
    const guard = accessGuard(declared, deps.rateLimiter);
    const existing = route.preHandler ? (Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler]) : [];
    route.preHandler = [guard, ...existing];
  });
}
