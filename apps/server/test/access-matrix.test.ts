/**
 * Issue #9 item 6: the access-control matrix. Every operation of the served OpenAPI document ×
 * every role (anonymous citizen, Open311 API key, deputy, station staff of two stations,
 * department staff, supervisor, admin) × foreign scope. Four marked cases live in different
 * scopes (安阳 station assigned to 住建局; 塘下 station assigned to another department with an
 * attachment; one addressed to the demo deputy; one filed over Open311 by a second API key); every
 * GET is called with every relevant id and with foreign `unitId` / `q` filters, and no answer —
 * JSON, CSV, XLSX, XML — may carry a marker of a case outside the caller's scope, or any
 * reporter's phone. Access classes come from the table below: a route missing from it fails, so
 * new routes are classified before they ship.
 */
import { testDialects } from '@lianxin/storage/testing';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPathValues } from './fuzz-runner';
import { fillPath, loadOperations, tableCounts, type Operation } from './openapi-operations';
import { createTestApp, type Session, type TestApp } from './support';

const dialects = await testDialects();

/**
 * `LIANXIN_MATRIX_FULL=1` runs the full-size sweep: every value of enum path parameters (PNG
 * posters too), the supervisor, and every marker as a search. CI runs the smaller one.
 */
const FULL = process.env.LIANXIN_MATRIX_FULL === '1';

/**
 * Who may call an operation. public: anyone; ops: probes, anyone; open311: anyone, scoped by API
 * key; auth: sign-in/out; signed-in: any account (data limited by scope where it has any);
 * office: admins and supervisors only (for reads; changes need admin); admin: admins only.
 */
type Access = 'public' | 'ops' | 'open311' | 'auth' | 'signed-in' | 'office' | 'admin';

/** Classification of every operation; a pattern row applies when no exact row does. */
const ACCESS: Record<string, Access> = {
  'GET /metrics': 'ops',
  'GET /healthz': 'ops',
  'GET /readyz': 'ops',
  'GET /api/v1/demo/outbox': 'admin',
  'POST /api/v1/auth/login': 'auth',
  'POST /api/v1/auth/logout': 'auth',
  'GET /api/v1/users': 'office',
  'GET /api/v1/users/{id}': 'office',
  'POST /api/v1/users': 'admin',
  'PATCH /api/v1/users/{id}': 'admin',
  'GET /api/v1/audit': 'office',
  'GET /api/v1/routing/models': 'admin',
  'POST /api/v1/routing/train': 'admin',
  'GET /api/v1/integrations/api-keys': 'admin',
  'POST /api/v1/integrations/api-keys': 'admin',
  'POST /api/v1/integrations/api-keys/{id}/revoke': 'admin',
  'GET /api/v1/integrations/webhooks': 'admin',
  'POST /api/v1/integrations/webhooks': 'admin',
  'PATCH /api/v1/integrations/webhooks/{id}': 'admin',
  'POST /api/v1/integrations/webhooks/{id}/rotate-secret': 'admin',
  'POST /api/v1/integrations/webhooks/{id}/ping': 'admin',
  'GET /api/v1/integrations/webhooks/deliveries': 'admin',
  'POST /api/v1/integrations/webhooks/deliveries/{id}/redeliver': 'admin',
  'POST /api/v1/units': 'admin',
  'POST /api/v1/deputies': 'admin',
  'PATCH /api/v1/deputies/{id}': 'admin',
  'POST /api/v1/departments': 'admin',
  'PATCH /api/v1/departments/{id}': 'admin',
  'POST /api/v1/categories': 'admin',
  'PATCH /api/v1/categories/{id}': 'admin',
  'POST /api/v1/topics': 'admin',
  'PATCH /api/v1/topics/{id}': 'admin',
  'PATCH /api/v1/appeal-kinds/{code}': 'admin',
  'PUT /api/v1/calendar/overrides': 'admin',
  'POST /api/v1/calendar/import-ics': 'admin',
  'PATCH /api/v1/suggestion-settings': 'admin',
  'PUT /api/v1/reception-settings': 'admin',
  'PUT /api/v1/duty/rules': 'admin',
  'POST /api/v1/evaluations/schemes': 'admin',
  'PUT /api/v1/evaluations/schemes/{schemeId}': 'admin',
  'PUT /api/v1/evaluations/{schemeId}/inputs': 'admin',
  'POST /api/v1/evaluations/{schemeId}/publish': 'admin',
  'POST /api/v1/comparison/indicators': 'admin',
  'PUT /api/v1/comparison/values': 'admin',
  'POST /api/v1/voting/rounds': 'admin',
};

/** Pattern rows: [method regex, path regex, access]. */
const ACCESS_PATTERNS: Array<[RegExp, RegExp, Access]> = [
  [/.*/, /^\/api\/v1\/public\//, 'public'],
  [/.*/, /^\/open311\/v2\//, 'open311'],
  [/.*/, /^\/api\/v1\//, 'signed-in'],
];

function accessOf(op: Operation): Access | undefined {
  return ACCESS[op.key] ?? ACCESS_PATTERNS.find(([m, p]) => m.test(op.method) && p.test(op.path))?.[2];
}

type InjectMethod = NonNullable<InjectOptions['method']>;

/** The callers of the matrix. */
type Caller = 'anonymous' | 'apikey' | 'admin' | 'supervisor' | 'staff-anyang' | 'staff-tangxia' | 'deputy-demo' | 'dept-zhujian';
const CALLERS: Caller[] = ['anonymous', 'apikey', 'admin', 'supervisor', 'staff-anyang', 'staff-tangxia', 'deputy-demo', 'dept-zhujian'];

/** Markers written into each fixture case, and the reporter phones (never shown unmasked). */
const MARK = { A: 'qxmarkanyang', B: 'qxmarktangxia', D: 'qxmarkdeputy', K: 'qxmarkopenkey' } as const;
const PHONES = ['13911110001', '13922220002', '13933330003', '13944440004'];

/** Which markers each caller must never receive (their cases lie outside its scope). */
const FORBIDDEN: Record<Caller, Array<keyof typeof MARK>> = {
  admin: [],
  supervisor: [],
  'staff-anyang': ['B', 'K'],
  'staff-tangxia': ['A', 'D'],
  'deputy-demo': ['A', 'B', 'K'],
  'dept-zhujian': ['B', 'D', 'K'],
  anonymous: ['A', 'B', 'D', 'K'],
  apikey: ['A', 'B', 'D', 'K'],
};

/** Values for required query parameters, so that validation does not stop a request before authorization. */
const REQUIRED_QUERY: Record<string, string> = {
  path: '/m/',
  year: '2026',
  start: '2026-03-02T01:00:00.000Z',
  workdays: '5',
  from: '2026-01-01',
  to: '2026-12-31',
  period: '2026-03',
};

/** Text of a response to search for markers: XLSX workbooks are opened, images skipped. */
async function bodyText(res: LightMyRequestResponse): Promise<string> {
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('spreadsheetml')) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
    return cells.join('\n');
  }
  if (type.startsWith('image/png')) return '';
  return res.body;
}

describe.each(dialects)('access-control matrix on %s', (dialect) => {
  let t: TestApp;
  let ops: Operation[];
  const sessions = {} as Record<Caller, Session | undefined>;
  let key2 = '';
  const ids = {
    anyang: '',
    tangxia: '',
    zhujian: '',
    otherDept: '',
    deputy: '',
    cases: {} as Record<keyof typeof MARK, string>,
    attachmentB: '',
    codes: [] as string[],
  };
  /** Records of 塘下 station (issue #15): none of staff-anyang, dept-zhujian and deputy-demo may reach them. */
  const foreign = {
    reception: '',
    booking: '',
    rule: '',
    activity: '',
    photo: '',
    upload: '',
    draft: '',
    keyProposal: '',
    indicator: '',
    issue: '',
    evidence: '',
    notification: '',
    deputy: '',
  };

  const call = (caller: Caller, method: InjectMethod, url: string, payload?: object) => {
    // An API key goes where Open311 reads it (the query); elsewhere as a bearer token, which must open nothing.
    const open311 = url.startsWith('/open311/');
    const withKey = caller === 'apikey' && open311 ? `${url}${url.includes('?') ? '&' : '?'}api_key=lianxin-demo-key` : url;
    const headers = caller === 'apikey' && !open311 ? { authorization: 'Bearer lianxin-demo-key', 'x-api-key': 'lianxin-demo-key' } : {};
    return t.request({ method, url: withKey, session: sessions[caller], payload, headers });
  };

  async function act(caseId: string, action: string, body: object): Promise<void> {
    const current = (await t.ctx.repos.cases.find(caseId))!;
    const res = await call('admin', 'POST', `/api/v1/cases/${caseId}/actions/${action}`, { expectedVersion: current.version, ...body });
    if (res.statusCode !== 200) throw new Error(`${action} failed: ${res.body}`);
  }

  let uploadSession = '';
  async function submit(content: string, extra: object): Promise<{ id: string; code: string }> {
    const res = await t.request({ method: 'POST', url: '/api/v1/public/opinions', payload: { content, ...extra }, headers: { cookie: uploadSession } });
    if (res.statusCode !== 201) throw new Error(`submit failed: ${res.body}`);
    const code = res.json<{ trackingCode: string }>().trackingCode;
    return { id: (await t.ctx.repos.cases.findByTrackingCode(code))!.id, code };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { rateLimits: false });
    for (const caller of CALLERS) sessions[caller] = caller === 'anonymous' || caller === 'apikey' ? undefined : await t.login(caller);
    ids.anyang = sessions['staff-anyang']!.user.scope.unitId!;
    ids.tangxia = sessions['staff-tangxia']!.user.scope.unitId!;
    ids.zhujian = sessions['dept-zhujian']!.user.scope.departmentId!;
    ids.deputy = sessions['deputy-demo']!.user.scope.deputyId!;
    const departments = (await call('admin', 'GET', '/api/v1/departments?pageSize=100')).json<{ items: Array<{ id: string }> }>().items;
    ids.otherDept = departments.find((d) => d.id !== ids.zhujian)!.id;

    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    const boundary = 'matrix-boundary';
    const upload = await t.request({
      method: 'POST',
      url: '/api/v1/public/attachments',
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.png"\r\nContent-Type: image/png\r\n\r\n`),
        png,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    if (upload.statusCode !== 201) throw new Error(`upload failed: ${upload.body}`);
    ids.attachmentB = upload.json<{ id: string }>().id;
    // The upload session (lx_upload cookie) lets the submission below attach the file.
    const uploadCookie = upload.cookies.find((c) => c.name === 'lx_upload');
    uploadSession = uploadCookie ? `lx_upload=${uploadCookie.value}` : '';

    const a = await submit(`安阳街道万松路路灯坏了 ${MARK.A} 请尽快修理。`, { unitId: ids.anyang, contact: { name: '甲', phone: PHONES[0] } });
    const b = await submit(`塘下镇菜市场门口积水严重 ${MARK.B} 请处理。`, {
      unitId: ids.tangxia,
      contact: { name: '乙', phone: PHONES[1] },
      attachmentIds: [ids.attachmentB],
    });
    const d = await submit(`请代表关注小区加装电梯 ${MARK.D} 的进展。`, { deputyId: ids.deputy, contact: { name: '丙', phone: PHONES[2] } });
    ids.cases = { A: a.id, B: b.id, D: d.id, K: '' };
    ids.codes = [a.code, b.code];
    await act(a.id, 'accept', {});
    await act(a.id, 'assign', { departmentId: ids.zhujian });
    await act(b.id, 'accept', {});
    await act(b.id, 'assign', { departmentId: ids.otherDept });

    key2 = (await call('admin', 'POST', '/api/v1/integrations/api-keys', { name: '第二个接入方' })).json<{ key: string }>().key;
    const serviceCode = (await t.request({ method: 'GET', url: '/open311/v2/services.json' })).json<Array<{ service_code: string }>>()[0].service_code;
    const filed = await t.request({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: {
        api_key: key2,
        service_code: serviceCode,
        description: `塘下镇道路破损 ${MARK.K} 需要修补。`,
        lat: '27.78',
        long: '120.63',
        phone: PHONES[3],
        'attribute[station]': ids.tangxia,
      },
    });
    if (filed.statusCode !== 201 && filed.statusCode !== 200) throw new Error(`open311 failed: ${filed.body}`);
    ids.cases.K = filed.json<Array<{ service_request_id: string }>>()[0].service_request_id;
    const k = await t.ctx.repos.cases.find(ids.cases.K);
    if (k && k.unitId !== ids.tangxia) throw new Error(`the Open311 case went to ${k.unitId}, not 塘下`);
    await foreignRecords(png);
    ops = await loadOperations(t);
  }, 120_000);

  /** The 塘下 records of `foreign`, made by 塘下 staff, the office and a citizen. */
  async function foreignRecords(png: Buffer): Promise<void> {
    const made = async (res: Promise<LightMyRequestResponse>, what: string) => {
      const done = await res;
      if (done.statusCode >= 300) throw new Error(`${what} failed: ${done.statusCode} ${done.body}`);
      return done.json<Record<string, unknown>>();
    };
    const staffB = sessions['staff-tangxia']!;
    const supervisor = sessions.supervisor!;
    const deputies = (await call('admin', 'GET', `/api/v1/deputies?pageSize=100&unitId=${ids.tangxia}`)).json<{
      items: Array<{ id: string; homeUnitId: string | null }>;
    }>();
    foreign.deputy = deputies.items.find((d) => d.homeUnitId === ids.tangxia)?.id ?? deputies.items[0].id;
    const upload = async (name: string) => {
      const boundary = 'matrix-foreign';
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/attachments',
        session: name === 'evidence.png' ? supervisor : staffB,
        payload: Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`),
          png,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      return (await made(Promise.resolve(res), `upload ${name}`)).id as string;
    };
    // A reception of 塘下 with one booking (its deputy is not the demo deputy).
    const date = '2026-03-05';
    foreign.rule = (
      await made(
        call('admin', 'POST', '/api/v1/reception-rules', {
          unitId: ids.tangxia,
          kind: 'once',
          date,
          startTime: '19:00',
          endTime: '20:00',
          capacity: 5,
          deputyIds: [foreign.deputy],
          validFrom: date,
        }),
        'reception rule',
      )
    ).id as string;
    const receptions = (await call('admin', 'GET', `/api/v1/receptions?from=${date}&to=${date}&unitId=${ids.tangxia}`)).json<{
      items: Array<{ id: string; startTime: string }>;
    }>();
    foreign.reception = receptions.items.find((r) => r.startTime === '19:00')!.id;
    await made(call('anonymous', 'POST', `/api/v1/public/receptions/${foreign.reception}/bookings`, { phone: '13955550005', name: '丁' }), 'booking');
    const detail = (await call('admin', 'GET', `/api/v1/receptions/${foreign.reception}`)).json<{ bookings: Array<{ id: string }> }>();
    foreign.booking = detail.bookings[0].id;
    // An activity of 塘下 with a photo, and a fresh upload of 塘下 staff.
    foreign.photo = await upload('photo.png');
    foreign.upload = await upload('pending.png');
    foreign.activity = (
      await made(
        t.request({
          method: 'POST',
          url: '/api/v1/activities',
          session: staffB,
          payload: { unitId: ids.tangxia, kind: 'research', title: '塘下村道调研', date: '2026-03-01', deputyIds: [foreign.deputy], photoIds: [foreign.photo] },
        }),
        'activity',
      )
    ).id as string;
    // A draft suggestion 塘下 staff write for their deputy, and a key suggestion assigned to another department with an issue item closed with evidence.
    const draft = (title: string) =>
      made(
        t.request({
          method: 'POST',
          url: '/api/v1/suggestions',
          session: staffB,
          payload: { type: 'suggestion', title, body: '建议内容。', leadDeputyId: foreign.deputy },
        }),
        'suggestion',
      ).then((r) => (r.proposal as { id: string }).id);
    foreign.draft = await draft('关于塘下村道拓宽的建议');
    foreign.keyProposal = await draft('关于塘下菜市场改造的建议');
    const proposalAct = async (caller: Caller | 'staff-tangxia', action: string, body: object = {}) => {
      const session = caller === 'staff-tangxia' ? staffB : sessions[caller];
      const current = (await t.request({ method: 'GET', url: `/api/v1/suggestions/${foreign.keyProposal}`, session })).json<{
        proposal: { version: number };
      }>();
      await made(
        t.request({
          method: 'POST',
          url: `/api/v1/suggestions/${foreign.keyProposal}/actions/${action}`,
          session,
          payload: { expectedVersion: current.proposal.version, ...body },
        }),
        `suggestion ${action}`,
      );
    };
    await proposalAct('admin', 'submit');
    await proposalAct('supervisor', 'register');
    await proposalAct('supervisor', 'assign', { leadUnitId: ids.otherDept });
    await proposalAct('supervisor', 'designate_key', { leader: '李副市长' });
    foreign.indicator = (
      await made(
        t.request({
          method: 'POST',
          url: `/api/v1/suggestions/${foreign.keyProposal}/indicators`,
          session: supervisor,
          payload: { name: '改造菜市场', target: 1 },
        }),
        'indicator',
      )
    ).id as string;
    foreign.issue = (
      await made(
        t.request({
          method: 'POST',
          url: `/api/v1/suggestions/${foreign.keyProposal}/issues`,
          session: supervisor,
          payload: { title: '完成改造方案', dueDate: '2026-03-20', departmentId: ids.otherDept },
        }),
        'issue',
      )
    ).id as string;
    foreign.evidence = await upload('evidence.png');
    await made(
      t.request({
        method: 'POST',
        url: `/api/v1/issues/${foreign.issue}/close`,
        session: supervisor,
        payload: { expectedVersion: 1, evidence: '方案已批复', attachmentIds: [foreign.evidence] },
      }),
      'issue close',
    );
    // A message in 塘下 staff's inbox.
    foreign.notification = '01900000-0000-7000-8000-0000000000aa';
    await t.ctx.repos.notifications.add([
      {
        id: foreign.notification,
        userId: staffB.user.id,
        kind: 'case.assigned',
        title: '新意见',
        body: '塘下的消息',
        link: null,
        caseId: null,
        readAt: null,
        createdAt: t.clock.now().toISOString(),
      },
    ]);
  }
  afterAll(async () => {
    await t?.close();
  });

  it('classifies every documented operation', () => {
    const unclassified = ops.filter((op) => !accessOf(op)).map((op) => op.key);
    const stale = Object.keys(ACCESS).filter((key) => !ops.some((op) => op.key === key));
    expect({ unclassified, stale }).toEqual({ unclassified: [], stale: [] });
  });

  it('the fixture is seen where it should be (the markers are a real test)', async () => {
    const all = (await call('admin', 'GET', '/api/v1/cases?pageSize=100')).body;
    for (const mark of Object.values(MARK)) expect(all).toContain(mark);
    expect((await call('staff-anyang', 'GET', '/api/v1/cases?pageSize=100')).body).toContain(MARK.A);
    expect((await call('staff-tangxia', 'GET', '/api/v1/cases?pageSize=100')).body).toContain(MARK.B);
    expect((await call('dept-zhujian', 'GET', '/api/v1/cases?pageSize=100')).body).toContain(MARK.A);
    expect((await call('deputy-demo', 'GET', '/api/v1/cases?pageSize=100')).body).toContain(MARK.D);
    const ownKey = await t.request({ method: 'GET', url: `/open311/v2/requests/${ids.cases.K}.json?api_key=${key2}` });
    expect(ownKey.body).toContain(MARK.K);
  });

  /** Path values per parameter: the fixture's ids where the path names them, else real ids listed by the admin. */
  async function pathCandidates(): Promise<(op: Operation) => Array<Record<string, string>>> {
    const listed = await collectPathValues(t, sessions.admin!, ops, ids.codes);
    return (op) => {
      let combos: Array<Record<string, string>> = [{}];
      for (const param of op.pathParams) {
        let values: string[];
        if (/\/cases\/\{id\}/.test(op.path) || param.name === 'service_request_id') values = Object.values(ids.cases);
        else if (/attachments\/\{id\}|\{attachmentId\}|\{photoId\}/.test(op.path) && param.name !== 'trackingCode') values = [ids.attachmentB];
        else if ((/\/units\/\{id\}/.test(op.path) && param.name === 'id') || param.name === 'unitId') values = [ids.anyang, ids.tangxia];
        // One value of an enum parameter (a poster's SVG; its PNG is a rendering of the same SVG).
        else if (param.schema.enum?.length) values = param.schema.enum.map(String).slice(0, FULL ? undefined : 1);
        else values = listed(op, param.name).slice(0, 2);
        if (!values.length) values = ['00000000-0000-7000-8000-000000000000'];
        combos = combos.flatMap((combo) => values.map((v) => ({ ...combo, [param.name]: v })));
      }
      return combos;
    };
  }

  /**
   * The URLs a caller tries for a GET: each id combination, plus foreign filters where the operation
   * takes them (`full`); other formats of an export without filters.
   */
  function urlsFor(op: Operation, combos: Array<Record<string, string>>, full = true): string[] {
    const required = op.query.filter((q) => q.required);
    const base = required.map((q) => `${q.name}=${encodeURIComponent(REQUIRED_QUERY[q.name] ?? q.schema.enum?.map(String)[0] ?? '')}`);
    const variants: string[][] = [base];
    const takes = (name: string) => op.query.some((q) => q.name === name);
    if (full) {
      if (takes('unitId')) variants.push([...base, `unitId=${ids.tangxia}`], [...base, `unitId=${ids.anyang}`]);
      if (takes('q')) variants.push(...(FULL ? Object.values(MARK) : [MARK.A, MARK.B]).map((m) => [...base, `q=${m}`]));
      if (takes('departmentId')) variants.push([...base, `departmentId=${ids.otherDept}`]);
      if (takes('deputyId')) variants.push([...base, `deputyId=${ids.deputy}`]);
    }
    const format = op.query.find((q) => q.name === 'format' && q.required);
    for (const other of format?.schema.enum?.slice(1) ?? []) variants.push([...base.filter((p) => !p.startsWith('format=')), `format=${String(other)}`]);
    const urls = combos.flatMap((combo) => variants.map((query) => `${fillPath(op.path, combo)}${query.length ? `?${query.join('&')}` : ''}`));
    return full ? urls : urls.slice(0, 1);
  }

  it('no caller ever receives a case outside its scope or a reporter’s phone, from any GET', async () => {
    const candidates = await pathCandidates();
    const leaks: string[] = [];
    let checked = 0;
    for (const op of ops.filter((o) => o.method === 'GET')) {
      const urls = urlsFor(op, candidates(op));
      // Supervisors see what admins see; for both only phones can leak, and one or two URLs show it.
      for (const caller of CALLERS.filter((c) => FULL || c !== 'supervisor')) {
        for (const url of FORBIDDEN[caller].length || FULL ? urls : urls.slice(0, 2)) {
          const res = await call(caller, 'GET', url);
          checked++;
          if (res.statusCode >= 500) leaks.push(`${caller} ${url} → ${res.statusCode}`);
          const text = await bodyText(res);
          for (const mark of FORBIDDEN[caller]) if (text.includes(MARK[mark])) leaks.push(`${caller} ${url} shows case ${mark}`);
          for (const phone of PHONES) if (text.includes(phone)) leaks.push(`${caller} ${url} shows phone ${phone}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(800);
    if (FULL) console.log(`access matrix (${dialect}): ${checked} GET requests checked`);
    expect(leaks).toEqual([]);
  }, 240_000);

  it('follows the access class of every operation: anonymous and API-key callers get nothing private, non-admins nothing of the office', async () => {
    const candidates = await pathCandidates();
    const wrong: string[] = [];
    for (const op of ops) {
      const access = accessOf(op)!;
      if (['public', 'ops', 'open311', 'auth'].includes(access)) continue;
      const url = urlsFor(op, candidates(op).slice(0, 1))[0];
      const payload = op.method === 'GET' ? undefined : {};
      const deniedTo: Caller[] = ['anonymous', 'apikey'];
      if (access === 'admin' || access === 'office') deniedTo.push('staff-anyang', 'deputy-demo', 'dept-zhujian');
      if (access === 'admin' && op.method === 'GET') deniedTo.push('supervisor');
      for (const caller of deniedTo) {
        const res = await call(caller, op.method, url, payload);
        const ok = res.statusCode >= 400 && res.statusCode < 500;
        // A read must be refused for who may not read; a change at least never succeeds.
        const expected = op.method === 'GET' ? [401, 403, 404] : [400, 401, 403, 404, 409, 415, 422];
        if (!ok || !expected.includes(res.statusCode)) wrong.push(`${caller} ${op.method} ${url} → ${res.statusCode}`);
        if (op.method === 'GET' && caller === 'anonymous' && res.statusCode !== 401) wrong.push(`anonymous ${op.key} → ${res.statusCode}, not 401`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('refuses every action, contact reveal, reply check and file of a foreign case', async () => {
    const foreign: Array<[Caller, keyof typeof MARK]> = [
      ['staff-anyang', 'B'],
      ['staff-tangxia', 'A'],
      ['deputy-demo', 'A'],
      ['deputy-demo', 'B'],
      ['dept-zhujian', 'B'],
      ['dept-zhujian', 'D'],
    ];
    const wrong: string[] = [];
    for (const [caller, mark] of foreign) {
      const id = ids.cases[mark];
      const version = (await t.ctx.repos.cases.find(id))!.version;
      const attempts: Array<[string, object | undefined]> = [
        [`/api/v1/cases/${id}/actions/note`, { expectedVersion: version, content: '越权备注' }],
        [`/api/v1/cases/${id}/actions/urge`, { expectedVersion: version, note: '越权催办' }],
        [`/api/v1/cases/${id}/actions/reply`, { expectedVersion: version, content: '越权答复内容，长度足够。' }],
        [`/api/v1/cases/${id}/reveal-contact`, undefined],
        [`/api/v1/cases/${id}/reply-check`, { content: '答复草稿' }],
      ];
      for (const [url, payload] of attempts) {
        const res = await call(caller, 'POST', url, payload);
        if (![403, 404].includes(res.statusCode)) wrong.push(`${caller} POST ${url} → ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
      if ((await t.ctx.repos.cases.find(id))!.version !== version) wrong.push(`${caller} changed case ${mark}`);
    }
    for (const caller of ['staff-anyang', 'deputy-demo', 'dept-zhujian', 'anonymous', 'apikey'] as Caller[]) {
      const file = await call(caller, 'GET', `/api/v1/attachments/${ids.attachmentB}`);
      if (![401, 403, 404].includes(file.statusCode)) wrong.push(`${caller} read case B's file → ${file.statusCode}`);
    }
    // A foreign deputy's private contact (a 塘下 deputy for 安阳 staff).
    const tangxiaDeputy = (await call('admin', 'GET', `/api/v1/deputies?pageSize=100&unitId=${ids.tangxia}`))
      .json<{ items: Array<{ id: string; homeUnitId: string }> }>()
      .items.find((d) => d.homeUnitId === ids.tangxia);
    if (tangxiaDeputy) {
      const reveal = await call('staff-anyang', 'POST', `/api/v1/deputies/${tangxiaDeputy.id}/reveal-contact`);
      if (![403, 404].includes(reveal.statusCode)) wrong.push(`staff-anyang revealed a 塘下 deputy's contact → ${reveal.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  /**
   * Every operation that names a station's record (issue #15), with the 塘下 record's ids and a
   * body that passes validation, so the answer comes from the scope check and not the validator.
   */
  function foreignRecordRoute(op: Operation): { params: Record<string, string>; body?: object } | null | undefined {
    const routes = foreignRecordRoutes();
    if (routes[op.key]) return routes[op.key]();
    // Routes under these prefixes name station records: each must be listed (null = not a station record).
    const STATION_RECORDS =
      /^\/api\/v1\/(cases|attachments|suggestions|issues|receptions|reception-rules|activities|notifications)\/\{|^\/api\/v1\/deputies\/\{id\}\/duty/;
    return STATION_RECORDS.test(op.path) ? undefined : null;
  }

  function foreignRecordRoutes(): Record<string, () => { params: Record<string, string>; body?: object }> {
    const version = { expectedVersion: 1 };
    return {
      'GET /api/v1/cases/{id}': () => ({ params: { id: ids.cases.B } }),
      'GET /api/v1/cases/{id}/suggestions': () => ({ params: { id: ids.cases.B } }),
      'POST /api/v1/cases/{id}/actions/{action}': () => ({ params: { id: ids.cases.B, action: 'note' }, body: { ...version, content: '越权备注' } }),
      'POST /api/v1/cases/{id}/reveal-contact': () => ({ params: { id: ids.cases.B } }),
      'POST /api/v1/cases/{id}/reply-check': () => ({ params: { id: ids.cases.B }, body: { content: '答复草稿' } }),
      'GET /api/v1/attachments/{id}': () => ({ params: { id: ids.attachmentB } }),
      'GET /api/v1/suggestions/{id}': () => ({ params: { id: foreign.draft } }),
      'GET /api/v1/suggestions/{id}/verify': () => ({ params: { id: foreign.draft } }),
      'POST /api/v1/suggestions/{id}/actions/{action}': () => ({ params: { id: foreign.draft, action: 'edit' }, body: { ...version, title: '越权修改标题' } }),
      'GET /api/v1/suggestions/{id}/indicators': () => ({ params: { id: foreign.keyProposal } }),
      'POST /api/v1/suggestions/{id}/indicators': () => ({ params: { id: foreign.keyProposal }, body: { name: '越权指标', target: 1 } }),
      'POST /api/v1/suggestions/{id}/indicators/{indicatorId}/reports': () => ({
        params: { id: foreign.keyProposal, indicatorId: foreign.indicator },
        body: { period: '2026-Q1', value: 1 },
      }),
      'GET /api/v1/suggestions/{id}/issues': () => ({ params: { id: foreign.keyProposal } }),
      'GET /api/v1/suggestions/{id}/issues/export.xlsx': () => ({ params: { id: foreign.keyProposal } }),
      'POST /api/v1/suggestions/{id}/issues': () => ({ params: { id: foreign.keyProposal }, body: { title: '越权事项', dueDate: '2026-03-30' } }),
      'POST /api/v1/issues/{id}/close': () => ({ params: { id: foreign.issue }, body: { ...version, evidence: '越权销号', attachmentIds: [foreign.upload] } }),
      'GET /api/v1/issues/{id}/evidence/{attachmentId}': () => ({ params: { id: foreign.issue, attachmentId: foreign.evidence } }),
      'GET /api/v1/receptions/{id}': () => ({ params: { id: foreign.reception } }),
      'POST /api/v1/receptions/{id}/attendance': () => ({
        params: { id: foreign.reception },
        body: { entries: [{ deputyId: foreign.deputy, status: 'attended' }] },
      }),
      'POST /api/v1/receptions/{id}/bookings/{bookingId}/outcome': () => ({
        params: { id: foreign.reception, bookingId: foreign.booking },
        body: { status: 'attended' },
      }),
      'POST /api/v1/receptions/{id}/cancel': () => ({ params: { id: foreign.reception }, body: { reason: '越权取消' } }),
      'PUT /api/v1/reception-rules/{id}': () => ({
        params: { id: foreign.rule },
        body: {
          unitId: ids.tangxia,
          kind: 'once',
          date: '2026-03-05',
          startTime: '19:00',
          endTime: '20:00',
          capacity: 50,
          deputyIds: [foreign.deputy],
          validFrom: '2026-03-05',
        },
      }),
      'GET /api/v1/activities/{id}': () => ({ params: { id: foreign.activity } }),
      'PUT /api/v1/activities/{id}': () => ({
        params: { id: foreign.activity },
        body: { unitId: ids.tangxia, kind: 'research', title: '越权修改', date: '2026-03-01', deputyIds: [] },
      }),
      'GET /api/v1/activities/{id}/photos/{photoId}': () => ({ params: { id: foreign.activity, photoId: foreign.photo } }),
      'GET /api/v1/deputies/{id}/duty': () => ({ params: { id: foreign.deputy } }),
      'POST /api/v1/notifications/{id}/read': () => ({ params: { id: foreign.notification } }),
    };
  }

  it('records of another station answer 404 (403 where the role may not act) to station staff, department and deputy accounts, and stay unchanged', async () => {
    const callers: Caller[] = ['staff-anyang', 'dept-zhujian', 'deputy-demo'];
    const unlisted = ops.filter((op) => foreignRecordRoute(op) === undefined).map((op) => op.key);
    const stale = Object.keys(foreignRecordRoutes()).filter((key) => !ops.some((op) => op.key === key));
    expect({ unlisted, stale }).toEqual({ unlisted: [], stale: [] });
    const before = await tableCounts(t.storage);
    const versions = async () =>
      JSON.stringify([
        (await t.ctx.repos.cases.find(ids.cases.B))!.version,
        (await t.ctx.repos.receptions.find(foreign.reception))!.version,
        (await t.ctx.repos.activities.find(foreign.activity))!.version,
        (await t.ctx.repos.proposals.find(foreign.draft))!.version,
        (await t.ctx.repos.supervision.findIssue(foreign.issue))!.version,
      ]);
    const stateBefore = await versions();
    const wrong: string[] = [];
    let checked = 0;
    for (const op of ops) {
      const route = foreignRecordRoute(op);
      if (!route) continue;
      const url = fillPath(op.path, route.params);
      for (const caller of callers) {
        const res = await call(caller, op.method, url, route.body);
        checked++;
        if (![403, 404].includes(res.statusCode)) wrong.push(`${caller} ${op.method} ${url} → ${res.statusCode} ${res.body.slice(0, 100)}`);
        if (res.statusCode === 403 && op.method === 'GET' && !['GET /api/v1/deputies/{id}/duty'].includes(op.key))
          wrong.push(`${caller} GET ${url} → 403 (a read answers 404)`);
      }
    }
    expect(checked).toBe(Object.keys(foreignRecordRoutes()).length * callers.length);
    expect(wrong).toEqual([]);
    expect(await versions()).toBe(stateBefore);
    expect(await tableCounts(t.storage)).toEqual(before);
    // The sweep is real: the owners reach the same records.
    for (const url of [
      `/api/v1/receptions/${foreign.reception}`,
      `/api/v1/activities/${foreign.activity}`,
      `/api/v1/suggestions/${foreign.draft}`,
      `/api/v1/attachments/${foreign.upload}`,
    ]) {
      expect((await t.request({ method: 'GET', url, session: sessions['staff-tangxia'] })).statusCode, url).toBe(200);
    }
    expect((await call('supervisor', 'GET', `/api/v1/issues/${foreign.issue}/evidence/${foreign.evidence}`)).statusCode).toBe(200);
  });

  it('statistics and exports filtered to a foreign station count nothing of it', async () => {
    const wrong: string[] = [];
    for (const [caller, foreignUnit] of [
      ['staff-anyang', ids.tangxia],
      ['staff-tangxia', ids.anyang],
    ] as Array<[Caller, string]>) {
      const overview = await call(caller, 'GET', `/api/v1/stats/overview?unitId=${foreignUnit}`);
      if (overview.statusCode === 200 && overview.json<{ received: number }>().received !== 0)
        wrong.push(`${caller} overview of a foreign station: ${overview.body.slice(0, 200)}`);
      const list = await call(caller, 'GET', `/api/v1/cases?unitId=${foreignUnit}`);
      if (list.statusCode === 200 && list.json<{ total: number }>().total !== 0) wrong.push(`${caller} lists a foreign station's cases`);
      const csv = await call(caller, 'GET', `/api/v1/exports/cases?format=csv&unitId=${foreignUnit}`);
      if (csv.statusCode === 200 && csv.body.trim().split('\n').length > 1) wrong.push(`${caller} exports a foreign station's cases`);
    }
    for (const caller of ['staff-anyang', 'dept-zhujian', 'deputy-demo'] as Caller[]) {
      const search = await call(caller, 'GET', `/api/v1/cases?q=${MARK.B}`);
      if (search.statusCode === 200 && search.json<{ total: number }>().total !== 0) wrong.push(`${caller} finds case B by search`);
    }
    const otherKey = await t.request({ method: 'GET', url: `/open311/v2/requests/${ids.cases.K}.json?api_key=lianxin-demo-key` });
    if (otherKey.statusCode === 200 && otherKey.body.includes(MARK.K)) wrong.push('the demo key reads the second key’s request');
    expect(wrong).toEqual([]);
  });
});
