/**
 * Builds the HTTP application over a context. Routes stay thin: validate (zod) →
 * authorize (core policy, in services) → service → presenter.
 */
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { ERROR_CODES } from '@lianxin/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sqliteFileProblem } from '@lianxin/storage';
import type { AppContext } from './context';
import { registerCompression } from './platform/plugins/compression';
import { registerErrorHandling, sendError, UNAVAILABLE_RETRY_SECONDS } from './platform/plugins/error-handler';
import { inputGuard } from './platform/plugins/input-guard';
import { requestSerializer } from './platform/plugins/log-redaction';
import { registerMetrics } from './platform/plugins/metrics';
import { securityHeaders } from './platform/plugins/security-headers';
import { sessionHandling } from './auth/session';
import { registerWebApp } from './platform/plugins/web-app';
import { registerRouteKit } from './platform/route-kit';
import { authRoutes } from './auth/auth.routes';
import { healthRoutes } from './platform/health.routes';
import { orgRoutes } from './org/org.routes';
import { publicRoutes } from './org/public.routes';
import { userRoutes } from './org/users.routes';
import { caseRoutes } from './cases/cases.routes';
import { notificationRoutes } from './notifications/notifications.routes';
import { calendarRoutes } from './org/calendar.routes';
import { publicOpinionRoutes } from './intake/public-opinions.routes';
import { textRoutes } from './text/text.routes';
import { importRoutes } from './intake/imports.routes';
import { posterRoutes } from './intake/posters.routes';
import { proposalRoutes } from './proposals/proposal.routes';
import { votingRoutes } from './voting/voting.routes';
import { supervisionRoutes } from './supervision/supervision.routes';
import { comparisonRoutes } from './supervision/comparison.routes';
import { receptionRoutes } from './reception/reception.routes';
import { publicBookingRoutes } from './reception/public-bookings.routes';
import { activityRoutes } from './activities/activity.routes';
import { dutyRoutes } from './duty/duty.routes';
import { evaluationRoutes } from './evaluation/evaluation.routes';
import { stationReportRoutes } from './stats/station-report.routes';
import { open311Routes } from './integrations/open311.routes';
import { formatOfUrl, sendOpen311Errors } from './integrations/open311-format';
import { apiKeyRoutes } from './integrations/api-key.routes';
import { webhookRoutes } from './integrations/webhook.routes';
import { statsRoutes } from './stats/stats.routes';
import { exportRoutes } from './cases/export.routes';
import { transparencyRoutes } from './stats/transparency.routes';
import { demoRoutes } from './demo/demo.routes';
import { trackForeground } from './platform/foreground';

/** Log fields that may carry personal or secret data. */
export const REDACTED_LOG_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.phone',
  '*.email',
  '*.contact',
  '*.csrfToken',
];

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Options of one app instance. */
export interface BuildAppOptions {
  /** pino options, or false to log nothing (tests). */
  logger?: boolean | Record<string, unknown>;
}

/** Creates the Fastify app; call `listen` or `inject` on the result. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const logger =
    options.logger === false
      ? false
      : {
          level: ctx.config.logLevel,
          redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
          serializers: { req: requestSerializer },
          ...(typeof options.logger === 'object' ? options.logger : {}),
        };
  const app = Fastify({
    logger,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    requestIdHeader: 'x-request-id',
    // Accept a caller's request id only when it is short and plain; otherwise make one.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
    // A URL the router cannot decode (invalid UTF-8 escapes) or a path parameter over the limit is
    // answered before any route or hook runs; without this Fastify would send its own body shape.
    frameworkErrors: (error, request, reply) => {
      const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long.' : 'The URL could not be read.';
      if (request.url.startsWith('/open311/')) void sendOpen311Errors(reply, formatOfUrl(request.url), 400, [message]);
      else void sendError(reply, 'REQUEST_MALFORMED', message);
    },
    // Every schema is zod's (set again below): handing Fastify zod's compilers up front keeps it
    // from building Ajv and fast-json-stringify at start, which no route uses (a shorter start).
    schemaController: {
      compilersFactory: {
        buildValidator: (() => validatorCompiler) as never,
        buildSerializer: (() => serializerCompiler) as never,
      },
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  // Requests in flight: background work in this process (exports) lets them go first.
  trackForeground(app, ctx.foreground);
  // Callback-style hooks (here and in the plugins on every route) spare each request a promise.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });

  await app.register(securityHeaders, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd injects its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: ctx.config.cookieSecure,
  });
  if (ctx.storage.dialect === 'sqlite' && ctx.storage.location !== ':memory:') {
    // A deleted SQLite file still takes writes (into the unlinked inode) that vanish at the next
    // start: refuse changes while it is gone instead of acknowledging them.
    sqliteFileProblem(ctx.storage);
    app.addHook('onRequest', (request, reply, done) => {
      const problem = request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS' ? null : sqliteFileProblem(ctx.storage);
      if (!problem) return done();
      request.log.error({ problem }, 'database unavailable');
      const message = 'The service is temporarily unavailable; please try again shortly.';
      if (request.url.startsWith('/open311/'))
        void sendOpen311Errors(reply.header('retry-after', String(UNAVAILABLE_RETRY_SECONDS)), formatOfUrl(request.url), 503, [message]);
      else void sendError(reply, 'SERVICE_UNAVAILABLE', message, [], UNAVAILABLE_RETRY_SECONDS);
    });
  }
  // Text answers of 1 KB or more go out compressed; before the routes, which it attaches to.
  await registerCompression(app);
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: ctx.config.uploadMaxBytes, files: 1, fields: 5, parts: 6 } });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(sessionHandling, { ctx });
  await app.register(inputGuard);
  registerRouteKit(app, ctx);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '连心 Lianxin API',
        version: '1',
        description:
          'HTTP contract of Lianxin. Errors: `{ error: { code, message, details } }` with codes ' + ERROR_CODES.map((c) => `\`${c}\``).join(', ') + '.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lx_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
          metricsToken: { type: 'http', scheme: 'bearer', description: 'LIANXIN_METRICS_TOKEN, for /metrics' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // The docs UI runs under the product's own CSP (set above on every response) rather than the
  // plugin's `staticCSP`, whose `style-src 'self' https:` blocks the <style> swagger-ui inserts
  // (a CSP error on every visit) while allowing styles from any https host. Scripts stay 'self'
  // only. No validator badge: it would fetch from validator.swagger.io, outside this network.
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: false, uiConfig: { validatorUrl: null } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerMetrics(app, ctx, { token: ctx.config.metricsToken, production: ctx.config.production });
  await app.register(healthRoutes, { ctx });
  await app.register(publicRoutes, { ctx });
  await app.register(authRoutes, { ctx });
  await app.register(orgRoutes, { ctx });
  await app.register(userRoutes, { ctx });
  await app.register(publicOpinionRoutes, { ctx });
  await app.register(caseRoutes, { ctx });
  await app.register(notificationRoutes, { ctx });
  await app.register(calendarRoutes, { ctx });
  await app.register(textRoutes, { ctx });
  await app.register(importRoutes, { ctx });
  await app.register(posterRoutes, { ctx });
  await app.register(proposalRoutes, { ctx });
  await app.register(votingRoutes, { ctx });
  await app.register(supervisionRoutes, { ctx });
  await app.register(comparisonRoutes, { ctx });
  await app.register(receptionRoutes, { ctx });
  await app.register(publicBookingRoutes, { ctx });
  await app.register(activityRoutes, { ctx });
  await app.register(dutyRoutes, { ctx });
  await app.register(evaluationRoutes, { ctx });
  await app.register(stationReportRoutes, { ctx });
  await app.register(open311Routes, { ctx });
  await app.register(apiKeyRoutes, { ctx });
  await app.register(webhookRoutes, { ctx });
  await app.register(statsRoutes, { ctx });
  await app.register(exportRoutes, { ctx });
  await app.register(transparencyRoutes, { ctx });
  await app.register(demoRoutes, { ctx });
  await registerWebApp(app, ctx.config.webDist);

  app.setNotFoundHandler((request, reply) => {
    const message = `No endpoint ${request.method} ${request.url.split('?')[0]}.`;
    // Open311 clients parse the spec's error list, even for a URL no route matches.
    if (request.url.startsWith('/open311/')) return sendOpen311Errors(reply, formatOfUrl(request.url), 404, [message]);
    return sendError(reply, 'ROUTE_NOT_FOUND', message);
  });
  return app;
}
