/**
 * Open311 GeoReport v2 (API.md "Open311"): discovery, services and their definitions,
 * requests, tokens and the updates feed, in the spec's field names.
 */
import { z } from 'zod';

/** The spec's error list. */
export const Open311ErrorsSchema = z
  .array(z.object({ code: z.number().int(), description: z.string() }))
  .describe("The spec's errors: `[{ code, description }]` (XML: `<errors><error><code/><description/></error></errors>`).");
/** An Open311 service: one category cases can be filed under. */
export const Open311ServiceSchema = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.literal('realtime'),
  keywords: z.string(),
  group: z.string(),
});
/** An attribute of a service definition (a question the request answers). */
export const Open311AttributeSchema = z.object({
  variable: z.boolean(),
  code: z.string(),
  datatype: z.string(),
  required: z.boolean(),
  datatype_description: z.string(),
  order: z.number().int(),
  description: z.string(),
  values: z.array(z.object({ key: z.string(), name: z.string() })),
});
/** An Open311 service request (a case, personal data masked). */
export const Open311RequestSchema = z.object({
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
/** One public update of a request (mySociety servicerequestupdates). */
export const Open311UpdateSchema = z.object({
  update_id: z.string(),
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  updated_datetime: z.string(),
  description: z.string(),
  media_url: z.string(),
});
/** Service discovery. */
export const Open311DiscoverySchema = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(z.object({ specification: z.string(), url: z.string(), changeset: z.string(), type: z.string(), formats: z.array(z.string()) })),
});

const field = z.union([z.string(), z.number()]).optional();
/** Body of `POST /open311/v2/requests.{format}`. */
export const Open311PostBodySchema = z
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
/** Query of `GET /open311/v2/requests.{format}`. */
export const Open311ListQuerySchema = z.object({
  service_request_id: z.string().max(20_000).optional().describe('Comma-separated ids; when given, the other filters are ignored.'),
  service_code: z.string().max(5000).optional().describe('Comma-separated service codes.'),
  start_date: z.string().max(40).optional().describe('W3C datetime; default 90 days before end_date.'),
  end_date: z.string().max(40).optional().describe('W3C datetime; default now.'),
  status: z.string().max(40).optional().describe('open, closed, or both comma-separated.'),
  api_key: z.string().max(200).optional().describe('Optional: also lists the requests this key filed (without publication consent).'),
  jurisdiction_id: z.string().max(200).optional(),
});
/** Query of the other reads: an optional key. */
export const Open311KeyQuerySchema = z.object({ api_key: z.string().max(200).optional(), jurisdiction_id: z.string().max(200).optional() });
/** Query of the updates feed. */
export const Open311UpdatesQuerySchema = z.object({
  start_date: z.string().max(40).optional(),
  end_date: z.string().max(40).optional(),
  api_key: z.string().max(200).optional(),
  jurisdiction_id: z.string().max(200).optional(),
});

/** Path of a service definition. */
export const Open311ServiceParamsSchema = z.object({ service_code: z.string().min(1).max(100) });
/** Path of one request. */
export const Open311RequestParamsSchema = z.object({ service_request_id: z.string().min(1).max(100) });
/** Path of a token. */
export const Open311TokenParamsSchema = z.object({ token: z.string().min(1).max(100) });
/** Answer of the services list. */
export const Open311ServiceListSchema = z.array(Open311ServiceSchema);
/** Answer of a service definition. */
export const Open311DefinitionSchema = z.object({ service_code: z.string(), attributes: z.array(Open311AttributeSchema) });
/** Answer of a POSTed request: its id at once, and a token. */
export const Open311CreatedSchema = z.array(
  z.object({ service_request_id: z.string(), token: z.string(), service_notice: z.string(), account_id: z.string() }),
);
/** Answer of the request reads. */
export const Open311RequestListSchema = z.array(Open311RequestSchema);
/** Answer of a token. */
export const Open311TokenSchema = z.array(z.object({ service_request_id: z.string(), token: z.string() }));
/** Answer of the updates feed. */
export const Open311UpdateListSchema = z.array(Open311UpdateSchema);
