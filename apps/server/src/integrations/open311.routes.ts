/**
 * Open311 GeoReport v2 under `/open311/v2/` (API.md): every resource in `.xml` (the spec's
 * default) and `.json`. POST requests takes form-encoded fields (as the spec sends them)
 * or JSON, and needs `api_key`. Errors leave in the spec's format, in the asked format —
 * this plugin has its own error handler, so nothing here answers in the console's shape.
 */
import { ERROR_STATUS, isAppError } from '@lianxin/core';
import { isDatabaseUnavailable, isDataException } from '@lianxin/storage';
import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  Open311CreatedSchema,
  Open311DefinitionSchema,
  Open311DiscoverySchema,
  Open311ErrorsSchema,
  Open311KeyQuerySchema,
  Open311ListQuerySchema,
  Open311PostBodySchema,
  Open311RequestListSchema,
  Open311RequestParamsSchema,
  Open311ServiceListSchema,
  Open311ServiceParamsSchema,
  Open311TokenParamsSchema,
  Open311TokenSchema,
  Open311UpdateListSchema,
  Open311UpdatesQuerySchema,
} from '@lianxin/contracts';
import type { AppContext } from '../context';
import { UNAVAILABLE_RETRY_SECONDS } from '../platform/plugins/error-handler';
import { languageOf } from '../cases/case-labels';
import { Open311Error, type Open311PostFields } from './open311.service';
import { formatOfUrl, sendOpen311, sendOpen311Errors, type Open311Format } from './open311-format';
import { access } from '../platform/route-kit';

const FORMATS: Open311Format[] = ['xml', 'json'];
const PREFIX = '/open311/v2';

/** Form fields as Open311 sends them (`a=1&attribute[kind]=help`). */
function parseForm(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

export const open311Routes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const open311 = ctx.open311;

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, parseForm(String(body)));
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const format = formatOfUrl(request.url);
    if (error instanceof Open311Error) return sendOpen311Errors(reply, format, error.status, error.descriptions);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = (error.validation ?? []) as Array<{ instancePath?: string; message?: string }>;
      return sendOpen311Errors(
        reply,
        format,
        400,
        issues.map((i) => `${error.validationContext ?? 'request'}${i.instancePath ? ` ${i.instancePath.replace(/^\//, '')}` : ''}: ${i.message ?? 'invalid'}`),
      );
    }
    if (isAppError(error) && error.status < 500) {
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
      return sendOpen311Errors(reply, format, ERROR_STATUS[error.code], [error.message]);
    }
    if (isDataException(error)) return sendOpen311Errors(reply, format, 400, ['A value of the request is out of range or not storable.']);
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, 'database unavailable');
      reply.header('retry-after', String(UNAVAILABLE_RETRY_SECONDS));
      return sendOpen311Errors(reply, format, 503, ['The service is temporarily unavailable; please try again shortly.']);
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) return sendOpen311Errors(reply, format, status, [error.message]);
    request.log.error({ err: error }, 'open311 failure');
    return sendOpen311Errors(reply, format, 500, ['Something went wrong on our side.']);
  });

  const base = (request: { protocol: string; host: string }) => ctx.config.publicUrl ?? `${request.protocol}://${request.host}`;
  const tags = ['open311'];
  const security: Array<Record<string, string[]>> = [];
  const errors = { 400: Open311ErrorsSchema, 403: Open311ErrorsSchema, 404: Open311ErrorsSchema };

  for (const format of FORMATS) {
    const asWhat = format === 'xml' ? 'XML (text/xml)' : 'JSON';
    app.get(
      `${PREFIX}/discovery.${format}`,
      {
        config: access({ auth: 'public' }),
        schema: { tags, security, summary: `Open311 service discovery, ${asWhat}`, response: { 200: Open311DiscoverySchema } },
      },
      async (request, reply) => {
        const body = open311.discovery(base(request));
        const xml = { ...body, endpoints: { endpoint: body.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) } };
        return sendOpen311(reply, format, 200, { root: 'discovery', body: xml }, body);
      },
    );

    app.get(
      `${PREFIX}/services.${format}`,
      {
        config: access({ auth: 'public' }),
        schema: {
          tags,
          security,
          summary: `Open311 services (the categories), ${asWhat}`,
          querystring: Open311KeyQuerySchema,
          response: { 200: Open311ServiceListSchema, ...errors },
        },
      },
      async (_request, reply) => sendOpen311(reply, format, 200, { root: 'services', item: 'service' }, await open311.services()),
    );

    app.get(
      `${PREFIX}/services/:service_code.${format}`,
      {
        config: access({ auth: 'public' }),
        schema: {
          tags,
          security,
          summary: `Open311 service definition (attributes of a request), ${asWhat}`,
          params: Open311ServiceParamsSchema,
          querystring: Open311KeyQuerySchema,
          response: { 200: Open311DefinitionSchema, ...errors },
        },
      },
      async (request, reply) => {
        const definition = await open311.definition(request.params.service_code);
        const xml = {
          service_code: definition.service_code,
          attributes: { attribute: definition.attributes.map((a) => ({ ...a, values: { value: a.values } })) },
        };
        return sendOpen311(reply, format, 200, { root: 'service_definition', body: xml }, definition);
      },
    );

    app.post(
      `${PREFIX}/requests.${format}`,
      {
        config: access({ auth: 'public' }),
        schema: {
          tags,
          security,
          summary: `Open311 POST a service request (needs api_key), ${asWhat}`,
          description:
            'Files a case through the one intake path (channel `open311`). The answer carries `service_request_id` at once and a `token` usable with GET tokens.',
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          body: Open311PostBodySchema,
          response: { 201: Open311CreatedSchema, ...errors },
        },
      },
      async (request, reply) => {
        const created = await open311.create(request.body as Open311PostFields);
        return sendOpen311(reply, format, 201, { root: 'service_requests', item: 'request' }, created);
      },
    );

    app.get(
      `${PREFIX}/requests.${format}`,
      {
        config: access({ auth: 'public' }),
        schema: {
          tags,
          security,
          summary: `Open311 GET service requests (filters of the spec), ${asWhat}`,
          description: 'Requests whose reporters agreed to publication, plus those the given api_key filed; at most 1000, newest first; personal data masked.',
          querystring: Open311ListQuerySchema,
          response: { 200: Open311RequestListSchema, ...errors },
        },
      },
      async (request, reply) =>
        sendOpen311(
          reply,
          format,
          200,
          { root: 'service_requests', item: 'request' },
          await open311.list(request.query, languageOf(request.headers['accept-language'])),
        ),
    );

    app.get(
      `${PREFIX}/requests/:service_request_id.${format}`,
      {
        config: access({ auth: 'public' }),
        schema: {
          tags,
          security,
          summary: `Open311 GET one service request, ${asWhat}`,
          params: Open311RequestParamsSchema,
          querystring: Open311KeyQuerySchema,
          response: { 200: Open311RequestListSchema, ...errors },
        },
      },
      async (request, reply) =>
        sendOpen311(
          reply,
          format,
          200,
          { root: 'service_requests', item: 'request' },
          await open311.get(request.params.service_request_id, request.query.api_key, languageOf(request.headers['accept-language'])),
        ),
    );

    app.get(
      `${PREFIX}/tokens/:token.${format}`,
      {
        config: access({ auth: 'public' }),
        schema: {
          tags,
          security,
          summary: `Open311 service_request_id from a token, ${asWhat}`,
          params: Open311TokenParamsSchema,
          querystring: Open311KeyQuerySchema,
          response: { 200: Open311TokenSchema, ...errors },
        },
      },
      async (request, reply) => sendOpen311(reply, format, 200, { root: 'service_requests', item: 'request' }, await open311.token(request.params.token)),
    );

    app.get(
      `${PREFIX}/servicerequestupdates.${format}`,
      {
        config: access({ auth: 'public' }),
        schema: {
          tags,
          security,
          summary: `Open311 updates feed (mySociety servicerequestupdates), ${asWhat}`,
          description: 'Public events of visible requests between start_date and end_date (default: the last 90 days), oldest first, at most 1000.',
          querystring: Open311UpdatesQuerySchema,
          response: { 200: Open311UpdateListSchema, ...errors },
        },
      },
      async (request, reply) =>
        sendOpen311(
          reply,
          format,
          200,
          { root: 'service_request_updates', item: 'request_update' },
          await open311.updates(request.query, languageOf(request.headers['accept-language'])),
        ),
    );
  }
};
