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
import { z } from 'zod';
import type { AppContext } from '../context';
import { UNAVAILABLE_RETRY_SECONDS } from '../platform/plugins/error-handler';
import { languageOf } from '../cases/case-labels';
import { Open311Error, type Open311PostFields } from './open311.service';
import { formatOfUrl, sendOpen311, sendOpen311Errors, type Open311Format } from './open311-format';
import { access } from '../platform/route-kit';

const FORMATS: Open311Format[] = ['xml', 'json'];
const PREFIX = '/open311/v2';

const ErrorsSchema = z
  .array(z.object({ code: z.number().int(), description: z.string() }))
  .describe("The spec's errors: `[{ code, description }]` (XML: `<errors><error><code/><description/></error></errors>`).");
const ServiceSchema = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.literal('realtime'),
  keywords: z.string(),
  group: z.string(),
});
const AttributeSchema = z.object({
  variable: z.boolean(),
  code: z.string(),
  datatype: z.string(),
  required: z.boolean(),
  datatype_description: z.string(),
  order: z.number().int(),
  description: z.string(),
  values: z.array(z.object({ key: z.string(), name: z.string() })),
});
const RequestSchema = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string(),
  agency_responsible: z.string(),
  service_notice: z.string(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string(),
  address: z.string(),
  address_id: z.string(),
  zipcode: z.string(),
  lat: z.union([z.number(), z.string()]),
  long: z.union([z.number(), z.string()]),
  media_url: z.string(),
});
const UpdateSchema = z.object({
  update_id: z.string(),
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  updated_datetime: z.string(),
  description: z.string(),
  media_url: z.string(),
});
const DiscoverySchema = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(z.object({ specification: z.string(), url: z.string(), changeset: z.string(), type: z.string(), formats: z.array(z.string()) })),
});

const field = z.union([z.string(), z.number()]).optional();
const PostBody = z
  .object({
    api_key: field.describe('Required. Ask an administrator for a key (console → Integrations).'),
    jurisdiction_id: field,
    service_code: field.describe('Required: a service_code from GET services.'),
    lat: field,
    long: field,
    address_string: field,
    address_id: field,
    email: field,
    device_id: field,
    account_id: field,
    first_name: field,
    last_name: field,
    phone: field,
    description: field.describe('Required here: 5–4000 characters.'),
    media_url: field,
  })
  .catchall(z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]))
  .describe(
    'Form-encoded (as the spec sends it) or JSON. Attributes as `attribute[code]=value`, a multivaluelist as repeated `attribute[code][]=value` (see the service definition: the common attributes plus the category’s own, checked against their datatypes and lists; problems come back as one error each). A location is required: lat+long, address_string or address_id.',
  );
const ListQuery = z.object({
  service_request_id: z.string().max(20_000).optional().describe('Comma-separated ids; when given, the other filters are ignored.'),
  service_code: z.string().max(5000).optional().describe('Comma-separated service codes.'),
  start_date: z.string().max(40).optional().describe('W3C datetime; default 90 days before end_date.'),
  end_date: z.string().max(40).optional().describe('W3C datetime; default now.'),
  status: z.string().max(40).optional().describe('open, closed, or both comma-separated.'),
  api_key: z.string().max(200).optional().describe('Optional: also lists the requests this key filed (without publication consent).'),
  jurisdiction_id: z.string().max(200).optional(),
});
const KeyQuery = z.object({ api_key: z.string().max(200).optional(), jurisdiction_id: z.string().max(200).optional() });
const UpdatesQuery = z.object({
  start_date: z.string().max(40).optional(),
  end_date: z.string().max(40).optional(),
  api_key: z.string().max(200).optional(),
  jurisdiction_id: z.string().max(200).optional(),
});

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
  const errors = { 400: ErrorsSchema, 403: ErrorsSchema, 404: ErrorsSchema };

  for (const format of FORMATS) {
    const asWhat = format === 'xml' ? 'XML (text/xml)' : 'JSON';
    app.get(
      `${PREFIX}/discovery.${format}`,
      { config: access({ auth: 'public' }), schema: { tags, security, summary: `Open311 service discovery, ${asWhat}`, response: { 200: DiscoverySchema } } },
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
          querystring: KeyQuery,
          response: { 200: z.array(ServiceSchema), ...errors },
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
          params: z.object({ service_code: z.string().min(1).max(100) }),
          querystring: KeyQuery,
          response: { 200: z.object({ service_code: z.string(), attributes: z.array(AttributeSchema) }), ...errors },
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
          body: PostBody,
          response: {
            201: z.array(z.object({ service_request_id: z.string(), token: z.string(), service_notice: z.string(), account_id: z.string() })),
            ...errors,
          },
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
          querystring: ListQuery,
          response: { 200: z.array(RequestSchema), ...errors },
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
          params: z.object({ service_request_id: z.string().min(1).max(100) }),
          querystring: KeyQuery,
          response: { 200: z.array(RequestSchema), ...errors },
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
          params: z.object({ token: z.string().min(1).max(100) }),
          querystring: KeyQuery,
          response: { 200: z.array(z.object({ service_request_id: z.string(), token: z.string() })), ...errors },
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
          querystring: UpdatesQuery,
          response: { 200: z.array(UpdateSchema), ...errors },
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
