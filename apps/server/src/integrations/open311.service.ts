/**
 * Open311 GeoReport v2 over Lianxin (API.md "Open311 GeoReport v2"): services are the
 * leaf categories, a service request is a case filed through the one intake path (channel
 * `open311`), internal states map to `open`/`closed` with `status_notes`, and
 * `expected_datetime` is the reply deadline. Updates follow mySociety's
 * `servicerequestupdates`. Reads show cases whose reporters consented to publication, plus
 * those the caller's own key filed; free text is masked for personal data and no contact
 * detail ever leaves.
 *
 * Failures are `Open311Error`s (HTTP status + description): the spec's error format is
 * `[{ code, description }]`, not the console's error shape.
 */
import { randomBytes } from 'node:crypto';
import { BUILT_IN_SERVICE_ATTRIBUTES } from '@lianxin/contracts';
import { isAppError, OPEN_CASE_STATUSES, type CaseStatus } from '@lianxin/core';
import type { ApiKeyRecord, CategoryRecord, Open311CaseRow, Open311UpdateRow } from '@lianxin/storage';
import { maskPii } from '@lianxin/text';
import type { ServiceDeps } from '../platform/deps';
import type { RateLimiter } from '../platform/rate-limiter';
import type { IntakeService } from '../intake/intake.service';
import type { ApiKeyService } from './api-key.service';

import { eventLabel, statusLabel, type Language } from '../cases/case-labels';
import { checkAttributeValues, givenAttributes, serviceAttributes } from './service-attributes';

/** What the Open311 endpoint uses. */
export type Open311Deps = Pick<ServiceDeps, 'repos' | 'clock'> & { apiKeys: ApiKeyService; intake: IntakeService; rateLimiter: RateLimiter };

/** Attributes every service asks, before its category's own. */
const BUILT_IN_ATTRIBUTES = BUILT_IN_SERVICE_ATTRIBUTES;

/** The spec's document describing GeoReport v2. */
export const GEOREPORT_SPEC_URL = 'http://wiki.open311.org/GeoReport_v2';

/** Most requests one `GET requests` answers (the spec lets servers cap the list). */
export const MAX_REQUESTS = 1000;
/** Default window of `GET requests` and the updates feed when no dates are given. */
const DEFAULT_WINDOW_DAYS = 90;

/** A failure in the spec's terms: an HTTP status and one description per problem. */
export class Open311Error extends Error {
  readonly descriptions: string[];

  constructor(
    readonly status: number,
    description: string | string[],
  ) {
    const descriptions = Array.isArray(description) ? description : [description];
    super(descriptions.join(' '));
    this.name = 'Open311Error';
    this.descriptions = descriptions;
  }
}

/** Internal states that Open311 calls `closed`; everything else is `open`. */
const CLOSED_STATUSES: readonly CaseStatus[] = ['closed', 'rejected', 'merged', 'converted'];

/** Open311's status of an internal state. */
export function open311Status(status: string): 'open' | 'closed' {
  return (CLOSED_STATUSES as readonly string[]).includes(status) ? 'closed' : 'open';
}

/** An Open311 service (one category). */
export interface Open311ServiceEntry {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

/** One attribute of a service definition. */
export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values: Array<{ key: string; name: string }>;
}

/** A service request as the spec shows it. */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string;
  address_id: string;
  zipcode: string;
  lat: number | string;
  long: number | string;
  media_url: string;
}

/** One update of the servicerequestupdates feed. */
export interface Open311Update {
  update_id: string;
  service_request_id: string;
  status: 'open' | 'closed';
  updated_datetime: string;
  description: string;
  media_url: string;
}

/** Fields of `POST requests` (form-encoded or JSON), attributes as `attribute[code]`. */
export type Open311PostFields = Record<string, string | string[] | undefined>;

/** Filters of `GET requests` as given. */
export interface Open311ListParams {
  service_request_id?: string | undefined;
  service_code?: string | undefined;
  start_date?: string | undefined;
  end_date?: string | undefined;
  status?: string | undefined;
  api_key?: string | undefined;
}

/** W3C datetime with a zone, as the spec requires. */
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDate(value: string | undefined, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!W3C_DATETIME.test(value) || Number.isNaN(Date.parse(value)))
    throw new Open311Error(400, `${field} must be a W3C datetime with a zone, e.g. 2026-03-01T00:00:00Z.`);
  return new Date(value).toISOString();
}

function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function single(fields: Open311PostFields, name: string): string | undefined {
  const value = fields[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined ? undefined : String(text).trim();
}

/** `attribute[code]=value` fields as a map. */
export function attributesOf(fields: Open311PostFields): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    const match = /^attribute\[([A-Za-z0-9_]+)\]$/.exec(key);
    if (match && value !== undefined) out[match[1]] = String((Array.isArray(value) ? value[0] : value) ?? '').trim();
  }
  return out;
}

const PHONE = /^\+?[0-9][0-9 -]{4,19}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** GeoReport v2 over cases. */
export class Open311Service {
  constructor(private readonly ctx: Open311Deps) {}

  /** The discovery document (endpoints, formats, how to get a key). */
  discovery(baseUrl: string) {
    const changeset = '2026-03-01T00:00:00Z';
    return {
      changeset,
      contact: '连心平台管理员（人大代表联络站总站）',
      key_service: '请联系平台管理员在控制台「集成」页面创建 API key / Ask an administrator to create an API key in the console (Integrations).',
      endpoints: [
        {
          specification: GEOREPORT_SPEC_URL,
          url: `${baseUrl}/open311/v2`,
          changeset,
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    };
  }

  /** Every service: the active leaf categories, grouped by their parent. */
  async services(): Promise<Open311ServiceEntry[]> {
    const categories = await this.ctx.repos.categories.listActive();
    const byId = new Map(categories.map((c) => [c.id, c]));
    const parents = new Set(categories.map((c) => c.parentId).filter((id): id is string => !!id));
    const departments = new Map((await this.ctx.repos.departments.list({ pageSize: 500 })).items.map((d) => [d.id, d.name]));
    return categories
      .filter((c) => !parents.has(c.id))
      .map((c) => {
        const parent = c.parentId ? byId.get(c.parentId) : undefined;
        const handler = departments.get(c.defaultDepartmentId ?? parent?.defaultDepartmentId ?? '');
        const limit = c.timeLimitWorkdays ?? parent?.timeLimitWorkdays;
        const description = [
          parent ? `${parent.name} / ${c.name}` : c.name,
          handler ? `默认承办单位：${handler}` : '',
          limit ? `办理时限 ${limit} 个工作日` : '',
        ]
          .filter(Boolean)
          .join('；');
        return {
          service_code: c.id,
          service_name: c.name,
          description,
          metadata: true,
          type: 'realtime' as const,
          keywords: parent?.name ?? '',
          group: parent?.name ?? c.name,
        };
      });
  }

  /** The service definition: the attributes a request of this service may carry. */
  async definition(serviceCode: string): Promise<{ service_code: string; attributes: Open311Attribute[] }> {
    const category = await this.service(serviceCode, 404);
    const own = await this.categoryAttributes(category);
    const kinds = (await this.ctx.repos.appealKinds.list()).filter((k) => k.active);
    const stations = (await this.ctx.repos.units.listActive()).filter((u) => u.kind === 'station');
    // Built field by field so XML elements come in the spec's order.
    const attribute = (a: Omit<Open311Attribute, 'variable' | 'datatype_description'> & { datatype_description?: string }): Open311Attribute => ({
      variable: true,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatype_description ?? '',
      order: a.order,
      description: a.description,
      values: a.values,
    });
    return {
      service_code: serviceCode,
      attributes: [
        attribute({
          code: 'kind',
          datatype: 'singlevaluelist',
          required: false,
          order: 1,
          description: '诉求类型 / Kind of appeal (default: suggestion)',
          values: kinds.map((k) => ({ key: k.code, name: `${k.name} / ${k.nameEn}` })),
        }),
        attribute({
          code: 'station',
          datatype: 'singlevaluelist',
          required: false,
          order: 2,
          description: '受理联络站 / Station to handle it (default: chosen from the address and text)',
          values: stations.map((s) => ({ key: s.id, name: s.name })),
        }),
        attribute({
          code: 'title',
          datatype: 'string',
          required: false,
          order: 3,
          datatype_description: '≤ 100 characters',
          description: '标题 / Title (default: the start of the description)',
          values: [],
        }),
        attribute({
          code: 'consent_public',
          datatype: 'singlevaluelist',
          required: false,
          order: 4,
          description: '同意公开（个人信息已遮蔽）/ The reporter agrees to publication with personal data masked',
          values: [
            { key: 'true', name: '同意 / yes' },
            { key: 'false', name: '不同意 / no' },
          ],
        }),
        // The category's own questions (a leaf also asks its parent's), after the common ones.
        ...own.map((a, i) =>
          attribute({
            code: a.code,
            datatype: a.datatype,
            required: a.required,
            order: BUILT_IN_ATTRIBUTES.length + 1 + i,
            datatype_description: a.datatypeDescription,
            description: a.description,
            values: a.values,
          }),
        ),
      ],
    };
  }

  /** The attributes a category asks of requests beyond the common ones. */
  private async categoryAttributes(category: CategoryRecord) {
    const parent = category.parentId ? await this.ctx.repos.categories.find(category.parentId) : undefined;
    return serviceAttributes(category, parent);
  }

  /** The active key behind `apiKey`, or a 403 in the spec's words. */
  async requireKey(apiKey: string | undefined): Promise<ApiKeyRecord> {
    const key = await this.ctx.apiKeys.authenticate(apiKey);
    if (!key) throw new Open311Error(403, apiKey ? 'Invalid api_key received -- can not proceed with create_request.' : 'api_key was not provided.');
    return key;
  }

  /** Files a service request as a case (channel `open311`). */
  async create(fields: Open311PostFields): Promise<Array<{ service_request_id: string; token: string; service_notice: string; account_id: string }>> {
    const key = await this.requireKey(single(fields, 'api_key'));
    await this.ctx.rateLimiter.consume(`open311:key:${key.id}`, 600, 3600);
    const serviceCode = single(fields, 'service_code');
    if (!serviceCode) throw new Open311Error(400, 'service_code was not provided.');
    const category = await this.service(serviceCode, 400);
    const attributes = attributesOf(fields);
    const description = single(fields, 'description') ?? '';
    if (Array.from(description).length < 5) throw new Open311Error(400, 'description is required (at least 5 characters).');
    if (Array.from(description).length > 4000) throw new Open311Error(400, 'description is too long (at most 4000 characters).');
    const lat = single(fields, 'lat');
    const long = single(fields, 'long');
    const address = single(fields, 'address_string');
    const addressId = single(fields, 'address_id');
    if (!(lat && long) && !address && !addressId) throw new Open311Error(400, 'A location is required: lat and long, address_string or address_id.');
    const latNum = lat ? Number(lat) : undefined;
    const longNum = long ? Number(long) : undefined;
    if (latNum !== undefined && !(Number.isFinite(latNum) && latNum >= -90 && latNum <= 90))
      throw new Open311Error(400, 'lat must be a number between -90 and 90.');
    if (longNum !== undefined && !(Number.isFinite(longNum) && longNum >= -180 && longNum <= 180))
      throw new Open311Error(400, 'long must be a number between -180 and 180.');
    const phone = single(fields, 'phone');
    if (phone && !PHONE.test(phone)) throw new Open311Error(400, 'phone is not a phone number.');
    const email = single(fields, 'email');
    if (email && (!EMAIL.test(email) || email.length > 200)) throw new Open311Error(400, 'email is not an email address.');
    const kind = attributes.kind || undefined;
    if (kind && !(await this.ctx.repos.appealKinds.list()).some((k) => k.code === kind && k.active))
      throw new Open311Error(400, `attribute[kind] "${kind}" is not one of the listed values.`);
    const station = attributes.station || undefined;
    if (station) {
      const unit = await this.ctx.repos.units.find(station);
      if (!unit || !unit.active || unit.kind !== 'station') throw new Open311Error(400, `attribute[station] "${station}" is not one of the listed values.`);
    }
    if (attributes.consent_public && !['true', 'false'].includes(attributes.consent_public))
      throw new Open311Error(400, 'attribute[consent_public] must be true or false.');
    const answers = checkAttributeValues(await this.categoryAttributes(category), givenAttributes(fields));
    if (answers.problems.length) throw new Open311Error(400, answers.problems);
    const title = attributes.title ? Array.from(attributes.title).slice(0, 100).join('') : undefined;
    const name = [single(fields, 'last_name'), single(fields, 'first_name')].filter(Boolean).join('') || undefined;

    let receipt;
    try {
      receipt = await this.ctx.intake.submit(
        {
          title,
          content: description,
          kind,
          categoryId: category.id,
          unitId: station,
          address: address ? Array.from(address).slice(0, 200).join('') : addressId ? `address_id:${addressId}` : undefined,
          lat: latNum,
          lng: longNum,
          contact: name || phone || email ? { name: name ? Array.from(name).slice(0, 50).join('') : undefined, phone, email } : undefined,
          consentPublic: attributes.consent_public === 'true',
        },
        { channel: 'open311' },
      );
    } catch (error) {
      if (isAppError(error) && error.status < 500)
        throw new Open311Error(400, error.details.map((d) => `${d.path}: ${d.message ?? d.code}`).join('; ') || error.message);
      throw error;
    }
    const token = randomBytes(12).toString('base64url');
    // Kept with the request: the common attributes given, the category's checked answers, the spec's extra fields.
    const builtIn = Object.fromEntries(BUILT_IN_ATTRIBUTES.filter((code) => attributes[code]).map((code) => [code, attributes[code]]));
    const extras: Record<string, string> = {};
    for (const field of ['device_id', 'account_id', 'media_url', 'jurisdiction_id']) {
      const value = single(fields, field);
      if (value) extras[field] = value.slice(0, 500);
    }
    await this.ctx.repos.open311.insert({
      caseId: receipt.case.id,
      token,
      apiKeyId: key.id,
      serviceCode: category.id,
      attributes: { ...builtIn, ...answers.values, ...extras },
      createdAt: receipt.case.createdAt,
    });
    return [
      {
        service_request_id: receipt.case.id,
        token,
        service_notice: `查询码 ${receipt.trackingCode}。${receipt.verifyHint}`,
        account_id: extras.account_id ?? '',
      },
    ];
  }

  /** `GET requests` with the spec's filters. */
  async list(params: Open311ListParams, lang: Language): Promise<Open311Request[]> {
    const key = params.api_key ? await this.ctx.apiKeys.authenticate(params.api_key) : null;
    if (params.api_key && !key) throw new Open311Error(403, 'Invalid api_key received.');
    const ids = splitList(params.service_request_id);
    if (ids) {
      // The spec: with service_request_id, every other filter is ignored.
      return this.present(await this.ctx.repos.open311.listRequests({ ids: ids.slice(0, MAX_REQUESTS), apiKeyId: key?.id, limit: MAX_REQUESTS }), lang);
    }
    const statuses = splitList(params.status);
    for (const s of statuses ?? []) if (s !== 'open' && s !== 'closed') throw new Open311Error(400, `status must be open or closed, not "${s}".`);
    let start = parseDate(params.start_date, 'start_date');
    const end = parseDate(params.end_date, 'end_date');
    if (start && end && start > end) throw new Open311Error(400, 'start_date is after end_date.');
    if (!start) start = new Date((end ? Date.parse(end) : this.ctx.clock.now().getTime()) - DEFAULT_WINDOW_DAYS * 86_400_000).toISOString();
    const internal = statuses ? [...new Set(statuses.flatMap((s) => (s === 'open' ? [...OPEN_CASE_STATUSES] : [...CLOSED_STATUSES])))] : undefined;
    const rows = await this.ctx.repos.open311.listRequests({
      categoryIds: splitList(params.service_code),
      statuses: internal,
      start,
      end,
      apiKeyId: key?.id,
      limit: MAX_REQUESTS,
    });
    return this.present(rows, lang);
  }

  /** `GET requests/{id}`: one request, or 404 (also when the caller may not see it). */
  async get(id: string, apiKey: string | undefined, lang: Language): Promise<Open311Request[]> {
    const key = apiKey ? await this.ctx.apiKeys.authenticate(apiKey) : null;
    if (apiKey && !key) throw new Open311Error(403, 'Invalid api_key received.');
    const rows = await this.ctx.repos.open311.listRequests({ ids: [id], apiKeyId: key?.id, limit: 1 });
    if (!rows.length) throw new Open311Error(404, `service_request_id ${id} was not found.`);
    return this.present(rows, lang);
  }

  /** `GET tokens/{token}`: the request id a token stands for. */
  async token(token: string): Promise<Array<{ service_request_id: string; token: string }>> {
    const found = token.length <= 100 ? await this.ctx.repos.open311.findByToken(token) : undefined;
    if (!found) throw new Open311Error(404, 'token was not found.');
    return [{ service_request_id: found.caseId, token: found.token }];
  }

  /** mySociety's `servicerequestupdates`: public events of visible requests. */
  async updates(
    params: { start_date?: string | undefined; end_date?: string | undefined; api_key?: string | undefined },
    lang: Language,
  ): Promise<Open311Update[]> {
    const key = params.api_key ? await this.ctx.apiKeys.authenticate(params.api_key) : null;
    if (params.api_key && !key) throw new Open311Error(403, 'Invalid api_key received.');
    const end = parseDate(params.end_date, 'end_date') ?? this.ctx.clock.now().toISOString();
    const start = parseDate(params.start_date, 'start_date') ?? new Date(Date.parse(end) - DEFAULT_WINDOW_DAYS * 86_400_000).toISOString();
    if (start > end) throw new Open311Error(400, 'start_date is after end_date.');
    const rows = await this.ctx.repos.open311.listUpdates({ start, end, apiKeyId: key?.id, limit: MAX_REQUESTS });
    return rows.map((r) => this.presentUpdate(r, lang));
  }

  private presentUpdate(r: Open311UpdateRow, lang: Language): Open311Update {
    const label = eventLabel(r.type, lang);
    return {
      update_id: r.eventId,
      service_request_id: r.caseId,
      status: open311Status(r.toStatus ?? r.caseStatus),
      updated_datetime: r.at,
      description: r.reason ? `${label}：${maskPii(r.reason)}` : label,
      media_url: '',
    };
  }

  private async present(rows: Open311CaseRow[], lang: Language): Promise<Open311Request[]> {
    const categories = new Map((await this.ctx.repos.categories.listActive()).map((c) => [c.id, c.name]));
    const departments = new Map((await this.ctx.repos.departments.list({ pageSize: 500 })).items.map((d) => [d.id, d.name]));
    return rows.map((r) => {
      const label = statusLabel(r.status, lang);
      return {
        service_request_id: r.id,
        status: open311Status(r.status),
        status_notes: r.replyContent ? `${label}：${maskPii(r.replyContent)}` : label,
        service_name: r.categoryId ? (categories.get(r.categoryId) ?? '') : '',
        service_code: r.categoryId ?? '',
        description: maskPii(r.content),
        agency_responsible: r.departmentId ? (departments.get(r.departmentId) ?? '') : '',
        service_notice: '',
        requested_datetime: r.createdAt,
        updated_datetime: r.updatedAt,
        expected_datetime: r.replyDueAt ?? '',
        address: r.address ? maskPii(r.address) : '',
        address_id: '',
        zipcode: '',
        lat: r.lat ?? '',
        long: r.lng ?? '',
        media_url: '',
      };
    });
  }

  /** The active leaf category behind a service code, or `status` (404 on reads, 400 on a POST). */
  private async service(code: string, status: number): Promise<CategoryRecord> {
    const category = code.length <= 64 ? await this.ctx.repos.categories.find(code) : undefined;
    const services = category?.active ? await this.services() : [];
    if (!category || !services.some((s) => s.service_code === code)) throw new Open311Error(status, `service_code ${code} was not found.`);
    return category;
  }
}
