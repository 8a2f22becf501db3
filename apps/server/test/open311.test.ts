/**
 * Open311 GeoReport v2 as a client that follows the spec sees it, on both databases:
 * discovery, services and their definitions, a request POSTed form-encoded with an XML
 * answer and another with a JSON answer, read back with status, status_notes and
 * expected_datetime (the reply deadline), the spec's filters, tokens, the updates feed,
 * errors in the spec's format, personal data never shown, and API keys managed in the
 * console API (shown once, revocable, audited).
 */
import { testDialects } from '@lianxin/storage/testing';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../src/integrations/api-key.service';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();
// Lists always as arrays, values as text: what a strict XML client would read.
const xml = new XMLParser({
  isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format', 'request_update'].includes(name),
  parseTagValue: false,
});
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(dialects)('Open311 GeoReport v2 on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let staff: Session;
  let serviceCode: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin');
    staff = await t.login('staff-anyang');
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string) => t.request({ method: 'GET', url });
  const post = (url: string, fields: Record<string, string>) => t.request({ method: 'POST', url, headers: FORM, payload: form(fields) });

  it('publishes a discovery document in XML and JSON', async () => {
    const x = await get('/open311/v2/discovery.xml');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toMatch(/^text\/xml; charset=utf-8/);
    expect(x.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const doc = xml.parse(x.body).discovery;
    expect(doc.endpoints.endpoint[0].specification).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(doc.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
    const j = (await get('/open311/v2/discovery.json')).json();
    expect(j.endpoints[0].url).toMatch(/\/open311\/v2$/);
  });

  it('lists services (leaf categories) and their definitions', async () => {
    const x = await get('/open311/v2/services.xml');
    expect(x.statusCode).toBe(200);
    const services = xml.parse(x.body).services.service as Array<Record<string, string>>;
    expect(services.length).toBeGreaterThan(5);
    for (const s of services) {
      expect(s).toMatchObject({ metadata: 'true', type: 'realtime' });
      expect(s.service_code).toBeTruthy();
      expect(s.group).toBeTruthy();
    }
    serviceCode = services[0].service_code!;
    const json = (await get('/open311/v2/services.json')).json();
    expect(json.map((s: { service_code: string }) => s.service_code)).toEqual(services.map((s) => s.service_code));

    const def = xml.parse((await get(`/open311/v2/services/${serviceCode}.xml`)).body).service_definition;
    expect(def.service_code).toBe(serviceCode);
    const kind = def.attributes.attribute.find((a: { code: string }) => a.code === 'kind');
    expect(kind).toMatchObject({ variable: 'true', datatype: 'singlevaluelist', required: 'false', order: '1' });
    expect(kind.values.value.map((v: { key: string }) => v.key)).toContain('complaint');
    const defJson = (await get(`/open311/v2/services/${serviceCode}.json`)).json();
    expect(defJson.attributes.map((a: { code: string }) => a.code)).toEqual(['kind', 'station', 'title', 'consent_public']);
  });

  it('answers the spec error format for a bad key, a bad service code and bad input', async () => {
    const badKey = await post('/open311/v2/requests.xml', {
      api_key: 'nope',
      service_code: serviceCode,
      description: '路灯不亮已经一周了',
      address_string: '安阳街道',
    });
    expect(badKey.statusCode).toBe(403);
    const errors = xml.parse(badKey.body).errors.error;
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe('403');
    expect(errors[0].description).toMatch(/api_key/);

    const noKey = await post('/open311/v2/requests.json', { service_code: serviceCode, description: '路灯不亮已经一周了', address_string: '安阳街道' });
    expect(noKey.statusCode).toBe(403);
    expect(noKey.json()).toEqual([{ code: 403, description: expect.stringMatching(/api_key/) }]);

    const badService = await post('/open311/v2/requests.json', {
      api_key: DEMO_API_KEY,
      service_code: 'no-such-service',
      description: '路灯不亮已经一周了',
      lat: '27.78',
      long: '120.63',
    });
    expect(badService.statusCode).toBe(400);
    expect(badService.json()).toEqual([{ code: 400, description: expect.stringMatching(/service_code/) }]);

    const noLocation = await post('/open311/v2/requests.json', { api_key: DEMO_API_KEY, service_code: serviceCode, description: '路灯不亮已经一周了' });
    expect(noLocation.statusCode).toBe(400);
    expect(noLocation.json()[0].description).toMatch(/location/);

    const badAttr = await post('/open311/v2/requests.json', {
      api_key: DEMO_API_KEY,
      service_code: serviceCode,
      description: '路灯不亮已经一周了',
      address_string: 'x',
      'attribute[kind]': 'bogus',
    });
    expect(badAttr.statusCode).toBe(400);

    const unknownService = await get('/open311/v2/services/no-such-service.xml');
    expect(unknownService.statusCode).toBe(404);
    expect(xml.parse(unknownService.body).errors.error[0].code).toBe('404');

    const badDate = await get('/open311/v2/requests.json?start_date=yesterday');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()[0]).toMatchObject({ code: 400 });
    const badStatus = await get('/open311/v2/requests.json?status=pending');
    expect(badStatus.statusCode).toBe(400);
    expect((await get('/open311/v2/requests/nonexistent.json')).json()).toEqual([{ code: 404, description: expect.any(String) }]);
    expect((await get('/open311/v2/tokens/nonexistent.xml')).statusCode).toBe(404);
    expect(await t.ctx.repos.cases.list({ all: true }, { channel: 'open311' })).toMatchObject({ total: 0 });
  });

  it('takes a request in XML and one in JSON, reads them back with status and expected time, keeps personal data out', async () => {
    const x = await post('/open311/v2/requests.xml', {
      api_key: DEMO_API_KEY,
      service_code: serviceCode,
      description: '安阳街道万松路路灯连续一周不亮，晚上很危险。我的电话13812345678。',
      lat: '27.7790',
      long: '120.6300',
      address_string: '安阳街道万松路88号',
      first_name: '小明',
      last_name: '王',
      phone: '13812345678',
      email: 'wang@example.com',
      'attribute[kind]': 'help',
      'attribute[title]': '万松路路灯不亮',
    });
    expect(x.statusCode).toBe(201);
    const created = xml.parse(x.body).service_requests.request[0];
    expect(created.service_request_id).toBeTruthy();
    expect(created.token).toBeTruthy();
    expect(created.service_notice).toMatch(/查询码/);

    const j = await post('/open311/v2/requests.json', {
      api_key: DEMO_API_KEY,
      service_code: serviceCode,
      description: '塘下镇罗凤街道路面坑洼，雨天积水严重。',
      address_string: '塘下镇罗凤街',
      'attribute[consent_public]': 'true',
    });
    expect(j.statusCode).toBe(201);
    const [createdJson] = j.json();
    expect(createdJson).toMatchObject({ service_request_id: expect.any(String), token: expect.any(String) });

    // The case went through the one intake path: channel open311, contact encrypted, category set.
    const record = (await t.ctx.repos.cases.find(created.service_request_id))!;
    expect(record).toMatchObject({ channel: 'open311', categoryId: serviceCode, kind: 'help', title: '万松路路灯不亮', lat: 27.779, lng: 120.63 });
    expect(record.reporterPhoneEnc).not.toContain('13812345678');

    // Read back by id (with the key that filed it): open, no deadline yet.
    const one = xml.parse((await get(`/open311/v2/requests/${created.service_request_id}.xml?api_key=${DEMO_API_KEY}`)).body).service_requests.request[0];
    expect(one).toMatchObject({ service_request_id: created.service_request_id, status: 'open', service_code: serviceCode, status_notes: '待受理' });
    expect(one.description).not.toContain('13812345678');
    expect(one.description).toContain('138****5678');
    const raw = (await get(`/open311/v2/requests/${created.service_request_id}.json?api_key=${DEMO_API_KEY}`)).body;
    for (const secret of ['13812345678', 'wang@example.com', '小明']) expect(raw).not.toContain(secret);

    // Without the key, a request whose reporter did not consent is not public.
    expect((await get(`/open311/v2/requests/${created.service_request_id}.json`)).statusCode).toBe(404);
    expect((await get(`/open311/v2/requests/${createdJson.service_request_id}.json`)).statusCode).toBe(200);

    // Staff accept and assign: the reply deadline becomes expected_datetime.
    const departments = (await t.request({ method: 'GET', url: '/api/v1/departments?q=住房和城乡建设', session: admin })).json();
    const detail = (await t.request({ method: 'GET', url: `/api/v1/cases/${record.id}`, session: admin })).json();
    const accepted = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${record.id}/actions/accept`,
      session: admin,
      payload: { expectedVersion: detail.case.version },
    });
    expect(accepted.statusCode).toBe(200);
    const assigned = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${record.id}/actions/assign`,
      session: admin,
      payload: { expectedVersion: accepted.json().case.version, departmentId: departments.items[0].id },
    });
    expect(assigned.statusCode).toBe(200);
    const due = (await t.ctx.repos.cases.find(record.id))!.replyDueAt!;
    const after = (await get(`/open311/v2/requests/${record.id}.json?api_key=${DEMO_API_KEY}`)).json()[0];
    expect(after).toMatchObject({ status: 'open', status_notes: '已交办', agency_responsible: departments.items[0].name });
    expect(Date.parse(after.expected_datetime)).toBe(Date.parse(due));

    // A rejected request is closed, with the state in status_notes.
    const other = (await t.request({ method: 'GET', url: `/api/v1/cases/${createdJson.service_request_id}`, session: admin })).json();
    const rejected = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${createdJson.service_request_id}/actions/reject`,
      session: admin,
      payload: { expectedVersion: other.case.version, reason: '属于市政维修范围，请拨打12345' },
    });
    expect(rejected.statusCode).toBe(200);
    const closed = (await get(`/open311/v2/requests/${createdJson.service_request_id}.json`)).json()[0];
    expect(closed).toMatchObject({ status: 'closed', status_notes: '不予受理' });

    // Tokens lead to the id.
    expect((await get(`/open311/v2/tokens/${created.token}.json`)).json()).toEqual([{ service_request_id: created.service_request_id, token: created.token }]);
    expect(xml.parse((await get(`/open311/v2/tokens/${createdJson.token}.xml`)).body).service_requests.request[0].service_request_id).toBe(
      createdJson.service_request_id,
    );

    // The spec's filters.
    const ids = `${created.service_request_id},${createdJson.service_request_id}`;
    const byIds = (await get(`/open311/v2/requests.json?service_request_id=${ids}&api_key=${DEMO_API_KEY}`)).json();
    expect(byIds.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual(ids.split(',').sort());
    const open = (await get(`/open311/v2/requests.json?status=open&api_key=${DEMO_API_KEY}&service_code=${serviceCode}`)).json();
    expect(open.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([created.service_request_id]);
    const closedOnly = (await get(`/open311/v2/requests.xml?status=closed`)).body;
    expect(xml.parse(closedOnly).service_requests.request.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([
      createdJson.service_request_id,
    ]);
    const now = t.clock.now().getTime();
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const inWindow = (
      await get(`/open311/v2/requests.json?api_key=${DEMO_API_KEY}&start_date=${iso(now - 3_600_000)}&end_date=${iso(now + 3_600_000)}`)
    ).json();
    expect(inWindow).toHaveLength(2);
    const beforeWindow = (await get(`/open311/v2/requests.json?api_key=${DEMO_API_KEY}&end_date=${iso(now - 3_600_000)}`)).json();
    expect(beforeWindow).toEqual([]);

    // The updates feed (servicerequestupdates): submitted, accepted, assigned for the first request.
    const updates = xml.parse((await get(`/open311/v2/servicerequestupdates.xml?api_key=${DEMO_API_KEY}`)).body).service_request_updates
      .request_update as Array<Record<string, string>>;
    const mine = updates.filter((u) => u.service_request_id === created.service_request_id);
    expect(mine.map((u) => u.description)).toEqual(['已提交', '已受理', '已交办']);
    expect(mine.every((u) => u.status === 'open' && u.update_id && u.updated_datetime)).toBe(true);
    const publicUpdates = (await get('/open311/v2/servicerequestupdates.json')).json();
    expect(publicUpdates.every((u: { service_request_id: string }) => u.service_request_id === createdJson.service_request_id)).toBe(true);
    expect(publicUpdates.at(-1)).toMatchObject({ status: 'closed', description: expect.stringContaining('不予受理') });
  });

  it('also takes a JSON body (numbers for lat and long)', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: {
        api_key: DEMO_API_KEY,
        service_code: serviceCode,
        description: '公园健身器材损坏，存在安全隐患。',
        lat: 27.78,
        long: 120.64,
        'attribute[kind]': 'complaint',
      },
    });
    expect(res.statusCode).toBe(201);
    const record = (await t.ctx.repos.cases.find(res.json()[0].service_request_id))!;
    expect(record).toMatchObject({ channel: 'open311', kind: 'complaint', lat: 27.78, lng: 120.64 });
    const nested = await t.request({ method: 'POST', url: '/open311/v2/requests.xml', payload: { api_key: DEMO_API_KEY, attribute: { kind: 'help' } } });
    expect(nested.statusCode).toBe(400);
    expect(xml.parse(nested.body).errors.error[0].code).toBe('400');
  });

  it('lets admins give a category its own attributes, shows them in its service definition, checks and keeps the answers', async () => {
    const categories = (await t.request({ method: 'GET', url: '/api/v1/categories?pageSize=300', session: admin })).json().items as Array<{
      id: string;
      name: string;
      parentId: string | null;
      version: number;
      attributes: unknown[];
    }>;
    // The demo asks a pole number for municipal works and when the noise happens for pollution.
    const works = categories.find((c) => c.name === '城市建设和市政管理')!;
    const noise = categories.find((c) => c.name === '环境污染')!;
    expect(works.attributes).toMatchObject([{ code: 'pole_number', datatype: 'string' }]);
    const noiseDef = (await get(`/open311/v2/services/${noise.id}.json`)).json();
    expect(noiseDef.attributes.map((a: { code: string }) => a.code)).toEqual(['kind', 'station', 'title', 'consent_public', 'noise_time']);
    expect(noiseDef.attributes[4]).toMatchObject({
      datatype: 'singlevaluelist',
      values: expect.arrayContaining([{ key: 'night', name: expect.stringContaining('夜间') }]),
    });

    // An admin makes the pole number required and adds more questions; the parent asks one too.
    const parent = categories.find((c) => c.id === works.parentId)!;
    const patch = (session: Session, id: string, payload: Record<string, unknown>) =>
      t.request({ method: 'PATCH', url: `/api/v1/categories/${id}`, session, payload });
    const attributes = [
      { code: 'pole_number', description: '路灯杆号', datatype: 'string', required: true, datatypeDescription: '例如 AY-0123', order: 1 },
      { code: 'lamps_out', description: '不亮的路灯数量', datatype: 'number', order: 2 },
      { code: 'noticed_at', description: '发现时间', datatype: 'datetime', order: 3 },
      {
        code: 'hazards',
        description: '伴随的隐患',
        datatype: 'multivaluelist',
        order: 4,
        values: [
          { key: 'wire', name: '电线裸露' },
          { key: 'leaning', name: '灯杆倾斜' },
          { key: 'dark_crossing', name: '路口无照明' },
        ],
      },
    ];
    expect((await patch(staff, works.id, { attributes })).statusCode).toBe(403);
    expect(errorCode(await patch(admin, works.id, { attributes: [{ code: 'kind', description: '重复', datatype: 'string' }] }))).toBe('VALIDATION_FAILED');
    expect(errorCode(await patch(admin, works.id, { attributes: [{ code: 'x', description: '没有选项', datatype: 'singlevaluelist' }] }))).toBe(
      'VALIDATION_FAILED',
    );
    const twice = await patch(admin, works.id, { attributes: [attributes[0], attributes[0]] });
    expect(errorCode(twice)).toBe('VALIDATION_FAILED');
    expect(twice.json().error.details[0].path).toMatch(/attributes/);
    const saved = await patch(admin, works.id, { attributes, expectedVersion: works.version });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().attributes).toHaveLength(4);
    expect(saved.json().attributes[1]).toEqual({ ...attributes[1], required: false, datatypeDescription: '', values: [] });
    const parentAttr = { code: 'district_road', description: '所在道路名称', datatype: 'string' };
    expect((await patch(admin, parent.id, { attributes: [parentAttr] })).statusCode).toBe(200);

    // The definition: the common attributes, then the parent's and the category's own, in the spec's fields.
    const def = (await get(`/open311/v2/services/${works.id}.json`)).json();
    expect(def.attributes.map((a: { code: string }) => a.code)).toEqual([
      'kind',
      'station',
      'title',
      'consent_public',
      'district_road',
      'pole_number',
      'lamps_out',
      'noticed_at',
      'hazards',
    ]);
    expect(def.attributes.find((a: { code: string }) => a.code === 'pole_number')).toEqual({
      variable: true,
      code: 'pole_number',
      datatype: 'string',
      required: true,
      datatype_description: '例如 AY-0123',
      order: 6,
      description: '路灯杆号',
      values: [],
    });
    const defXml = xml.parse((await get(`/open311/v2/services/${works.id}.xml`)).body).service_definition;
    const hazards = defXml.attributes.attribute.find((a: { code: string }) => a.code === 'hazards');
    expect(hazards).toMatchObject({ variable: 'true', datatype: 'multivaluelist', required: 'false', order: '9', description: '伴随的隐患' });
    expect(hazards.values.value).toEqual(attributes[3].values);

    // Answers are checked on POST: every problem comes back in the spec's error format.
    const base = {
      api_key: DEMO_API_KEY,
      service_code: works.id,
      description: '万松路与虹桥路口路灯不亮，夜间行人过马路很危险。',
      address_string: '安阳街道万松路',
    };
    const open311Cases = async () => (await t.ctx.repos.cases.list({ all: true }, { channel: 'open311' })).total;
    const before = await open311Cases();
    const missing = await post('/open311/v2/requests.xml', base);
    expect(missing.statusCode).toBe(400);
    expect(xml.parse(missing.body).errors.error).toEqual([{ code: '400', description: expect.stringContaining('attribute[pole_number] is required') }]);
    const bad = await post('/open311/v2/requests.json', {
      ...base,
      'attribute[pole_number]': 'AY-0123',
      'attribute[lamps_out]': 'three',
      'attribute[noticed_at]': 'last night',
      'attribute[hazards][]': 'flood',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual([
      { code: 400, description: 'attribute[lamps_out] must be a number.' },
      { code: 400, description: expect.stringMatching(/^attribute\[noticed_at\] must be a W3C datetime/) },
      { code: 400, description: 'attribute[hazards] "flood" is not among the listed values.' },
    ]);
    expect(await open311Cases()).toBe(before);

    // A good request (a multivaluelist as repeated attribute[code][]) is kept with its answers.
    const body = new URLSearchParams({
      ...base,
      'attribute[pole_number]': 'AY-0123',
      'attribute[lamps_out]': '3',
      'attribute[noticed_at]': '2026-03-01T20:30:00+08:00',
      'attribute[district_road]': '万松路',
      'attribute[kind]': 'help',
    });
    body.append('attribute[hazards][]', 'wire');
    body.append('attribute[hazards][]', 'dark_crossing');
    body.append('attribute[unasked]', 'dropped');
    const ok = await t.request({ method: 'POST', url: '/open311/v2/requests.json', headers: FORM, payload: body.toString() });
    expect(ok.statusCode).toBe(201);
    const id = ok.json()[0].service_request_id as string;
    const stored = await t.ctx.repos.open311.findByCase(id);
    expect(stored?.attributes).toEqual({
      kind: 'help',
      pole_number: 'AY-0123',
      lamps_out: '3',
      noticed_at: '2026-03-01T20:30:00+08:00',
      district_road: '万松路',
      hazards: ['wire', 'dark_crossing'],
    });
    // The console's case page shows the questions and answers (list keys by their names).
    const detail = (await t.request({ method: 'GET', url: `/api/v1/cases/${id}`, session: admin })).json();
    expect(detail.serviceAttributes).toEqual([
      { code: 'district_road', label: '所在道路名称', value: '万松路' },
      { code: 'pole_number', label: '路灯杆号', value: 'AY-0123' },
      { code: 'lamps_out', label: '不亮的路灯数量', value: '3' },
      { code: 'noticed_at', label: '发现时间', value: '2026-03-01T20:30:00+08:00' },
      { code: 'hazards', label: '伴随的隐患', value: '电线裸露、路口无照明' },
    ]);
    // A case from another channel has none.
    const walkIn = await t.ctx.intake.submit({ content: '万松路路灯不亮，请尽快维修。', categoryId: works.id }, { channel: 'walk_in' });
    expect((await t.request({ method: 'GET', url: `/api/v1/cases/${walkIn.case.id}`, session: admin })).json().serviceAttributes).toEqual([]);
    // Taking the questions away leaves the answers on the case, labelled by their codes.
    expect((await patch(admin, parent.id, { attributes: [] })).json().attributes).toEqual([]);
    const after = (await t.request({ method: 'GET', url: `/api/v1/cases/${id}`, session: admin })).json();
    expect(after.serviceAttributes.at(-1)).toEqual({ code: 'district_road', label: 'district_road', value: '万松路' });
  });

  it('manages API keys in the console API: shown once, hashed, revocable, audited, admin only', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/integrations/api-keys', session: staff })).statusCode).toBe(403);
    expect(errorCode(await t.request({ method: 'GET', url: '/api/v1/integrations/api-keys' }))).toBe('AUTH_REQUIRED');
    const created = await t.request({ method: 'POST', url: '/api/v1/integrations/api-keys', session: admin, payload: { name: '12345 热线平台' } });
    expect(created.statusCode).toBe(201);
    const { apiKey, key } = created.json();
    expect(key).toMatch(/^lxk_/);
    expect(apiKey).toMatchObject({ name: '12345 热线平台', active: true, lastUsedAt: null, prefix: key.slice(0, 8) });
    const listed = (await t.request({ method: 'GET', url: '/api/v1/integrations/api-keys', session: admin })).body;
    expect(listed).not.toContain(key);
    const stored = await t.ctx.repos.apiKeys.find(apiKey.id);
    expect(stored!.keyHash).not.toContain(key);

    const ok = await post('/open311/v2/requests.json', {
      api_key: key,
      service_code: serviceCode,
      description: '小区门口垃圾桶满溢无人清理。',
      address_string: '安阳街道',
    });
    expect(ok.statusCode).toBe(201);
    expect((await t.ctx.repos.apiKeys.find(apiKey.id))!.lastUsedAt).toBe(t.clock.now().toISOString());

    const revoked = await t.request({ method: 'POST', url: `/api/v1/integrations/api-keys/${apiKey.id}/revoke`, session: admin, payload: {} });
    expect(revoked.json()).toMatchObject({ active: false, revokedAt: expect.any(String) });
    expect(errorCode(await t.request({ method: 'POST', url: `/api/v1/integrations/api-keys/${apiKey.id}/revoke`, session: admin, payload: {} }))).toBe(
      'ACTION_NOT_ALLOWED',
    );
    const refused = await post('/open311/v2/requests.json', {
      api_key: key,
      service_code: serviceCode,
      description: '小区门口垃圾桶满溢无人清理。',
      address_string: '安阳街道',
    });
    expect(refused.statusCode).toBe(403);

    const audit = await t.ctx.repos.audit.list({ entity: 'api_key', entityId: apiKey.id });
    const actions = audit.items.map((a) => a.action);
    expect(actions.sort()).toEqual(['api_key.create', 'api_key.revoke']);
  });
});
