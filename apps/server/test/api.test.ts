/**
 * The HTTP contract of the foundation, end to end over app.inject on both databases.
 */
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();

type Unit = { id: string; name: string; kind: string; parentId: string | null; region: string | null; version: number; active: boolean };

describe.each(dialects)('foundation API on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let units: Unit[];
  const station = (region: string) => units.find((u) => u.kind === 'station' && u.region === region)!;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin');
    const res = await t.request({ method: 'GET', url: '/api/v1/units?pageSize=500', session: admin });
    units = res.json().items;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('operations', () => {
    it('answers /healthz, /readyz and /metrics', async () => {
      expect((await t.request({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
      expect((await t.request({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready', database: dialect });
      const metrics = await t.request({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toContain('lianxin_http_request_duration_seconds_bucket');
      expect(metrics.body).toMatch(/route="\/readyz"/);
    });

    it('publishes OpenAPI with every API route', async () => {
      const doc = (await t.request({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>();
      for (const path of [
        '/api/v1/public/units',
        '/api/v1/public/categories',
        '/api/v1/public/deputies',
        '/api/v1/auth/login',
        '/api/v1/units/{id}',
        '/api/v1/users',
        '/readyz',
      ]) {
        expect(Object.keys(doc.paths)).toContain(path);
      }
      expect((await t.request({ method: 'GET', url: '/docs/' })).statusCode).toBe(200);
    });

    it('sets security headers and a request id', async () => {
      const res = await t.request({ method: 'GET', url: '/api/v1/public/units', headers: { 'x-request-id': 'abc-123' } });
      expect(res.headers['x-request-id']).toBe('abc-123');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    });
  });

  describe('public endpoints', () => {
    it('lists the hub, the 24 stations and their points', async () => {
      const items = (await t.request({ method: 'GET', url: '/api/v1/public/units' })).json().items as Unit[];
      const byKind = (k: string) => items.filter((u) => u.kind === k);
      expect(byKind('hub')).toHaveLength(1);
      expect(byKind('station')).toHaveLength(24);
      expect(byKind('point').length).toBeGreaterThanOrEqual(48);
      const hub = byKind('hub')[0];
      expect(byKind('station').every((s) => s.parentId === hub.id)).toBe(true);
      const stationIds = new Set(byKind('station').map((s) => s.id));
      expect(byKind('point').every((p) => stationIds.has(p.parentId!))).toBe(true);
      expect(Object.keys(items[0]).sort()).toEqual([
        'address',
        'brands',
        'id',
        'kind',
        'name',
        'openingHours',
        'parentId',
        'phone',
        'pointKind',
        'region',
        'regionType',
      ]);
    });

    it('lists the two-level category tree', async () => {
      const items = (await t.request({ method: 'GET', url: '/api/v1/public/categories' })).json().items as Array<{
        id: string;
        parentId: string | null;
        name: string;
      }>;
      const roots = items.filter((c) => c.parentId === null);
      expect(roots.map((c) => c.name)).toContain('城乡建设');
      expect(roots).toHaveLength(15);
      const rootIds = new Set(roots.map((r) => r.id));
      expect(items.filter((c) => c.parentId).every((c) => rootIds.has(c.parentId!))).toBe(true);
    });

    it('shows deputies without any contact data, filtered by unit', async () => {
      const all = (await t.request({ method: 'GET', url: '/api/v1/public/deputies' })).json();
      expect(all.total).toBeGreaterThanOrEqual(140);
      expect(JSON.stringify(all)).not.toMatch(/1700000|phone|email|contact/);
      const anyang = station('安阳街道');
      const local = (await t.request({ method: 'GET', url: `/api/v1/public/deputies?unitId=${anyang.id}` })).json();
      expect(local.items.length).toBeGreaterThan(0);
      expect(local.items.every((d: { homeUnitId: string }) => d.homeUnitId === anyang.id)).toBe(true);
      const levels = new Set(all.items.flatMap((d: { levels: string[] }) => d.levels));
      expect([...levels].sort()).toEqual(['county', 'national', 'prefectural', 'provincial', 'township']);
    });
  });

  describe('accounts', () => {
    it('logs in with an HttpOnly SameSite cookie and answers /me', async () => {
      const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'staff-anyang', password: 'lianxin-demo' } });
      expect(res.statusCode).toBe(200);
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Strict/i);
      const body = res.json();
      expect(body.user).toMatchObject({ username: 'staff-anyang', roles: ['staff'], scope: { unitId: station('安阳街道').id } });
      expect(body.user.permissions).toContain('point.manage');
      expect(body.user.permissions).not.toContain('unit.manage');
      const session = { cookie: `lx_session=${res.cookies[0].value}`, csrf: body.csrfToken, user: body.user };
      expect((await t.request({ method: 'GET', url: '/api/v1/me', session })).json().user.username).toBe('staff-anyang');
    });

    it('rejects a wrong password with 401 and an unknown user the same way', async () => {
      const wrong = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'supervisor', password: 'nope-nope-nope' } });
      const unknown = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'nope-nope-nope' } });
      expect(wrong.statusCode).toBe(401);
      expect(errorCode(wrong)).toBe('AUTH_INVALID_CREDENTIALS');
      expect(unknown.statusCode).toBe(401);
      expect(errorCode(unknown)).toBe('AUTH_INVALID_CREDENTIALS');
    });

    it('locks an account after repeated failures, even for the right password, until the lock passes', async () => {
      const attempt = (password: string) => t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'dept-zhujian', password } });
      for (let i = 0; i < 4; i++) expect((await attempt('wrong-password')).statusCode).toBe(401);
      const fifth = await attempt('wrong-password');
      expect(fifth.statusCode).toBe(423);
      expect(errorCode(fifth)).toBe('AUTH_ACCOUNT_LOCKED');
      expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(0);
      expect((await attempt('lianxin-demo')).statusCode).toBe(423);
      t.clock.advance(16 * 60_000);
      expect((await attempt('lianxin-demo')).statusCode).toBe(200);
    });

    it('requires the CSRF token for state-changing calls with a session', async () => {
      const body = { kind: 'point', parentId: station('安阳街道').id, name: '无令牌联络点' };
      const missing = await t.request({ method: 'POST', url: '/api/v1/units', payload: body, headers: { cookie: admin.cookie } });
      expect(missing.statusCode).toBe(403);
      expect(errorCode(missing)).toBe('AUTH_CSRF_INVALID');
      const wrong = await t.request({ method: 'POST', url: '/api/v1/units', payload: body, session: admin, headers: { 'x-csrf-token': 'forged' } });
      expect(errorCode(wrong)).toBe('AUTH_CSRF_INVALID');
      const list = await t.request({ method: 'GET', url: '/api/v1/units?q=无令牌', session: admin });
      expect(list.json().total).toBe(0);
    });

    it('logs out: the cookie no longer works', async () => {
      const s = await t.login('supervisor');
      expect((await t.request({ method: 'POST', url: '/api/v1/auth/logout', session: s })).statusCode).toBe(200);
      const me = await t.request({ method: 'GET', url: '/api/v1/me', session: s });
      expect(me.statusCode).toBe(401);
      expect(errorCode(me)).toBe('AUTH_REQUIRED');
    });

    it('expires sessions on the injected clock', async () => {
      const s = await t.login('supervisor');
      t.clock.advance(13 * 3_600_000);
      expect((await t.request({ method: 'GET', url: '/api/v1/me', session: s })).statusCode).toBe(401);
      admin = await t.login('admin');
    });

    it('lets an admin create an account that can then sign in, and ends sessions on deactivation', async () => {
      const created = await t.request({
        method: 'POST',
        url: '/api/v1/users',
        session: admin,
        payload: { username: 'staff-new', displayName: '新联络员', password: 'a-long-password', roles: ['staff'], scope: { unitId: station('玉海街道').id } },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).not.toHaveProperty('passwordHash');
      const s = await t.login('staff-new', 'a-long-password');
      const off = await t.request({ method: 'PATCH', url: `/api/v1/users/${created.json().id}`, session: admin, payload: { active: false } });
      expect(off.json().active).toBe(false);
      expect((await t.request({ method: 'GET', url: '/api/v1/me', session: s })).statusCode).toBe(401);
      const noScope = await t.request({
        method: 'POST',
        url: '/api/v1/users',
        session: admin,
        payload: { username: 'staff-x', displayName: 'x', password: 'a-long-password', roles: ['staff'] },
      });
      expect(noScope.statusCode).toBe(400);
      expect(noScope.json().error.details[0].path).toBe('scope.unitId');
      const dup = await t.request({
        method: 'POST',
        url: '/api/v1/users',
        session: admin,
        payload: { username: 'admin', displayName: 'x', password: 'a-long-password', roles: ['admin'] },
      });
      expect(dup.statusCode).toBe(409);
    });
  });

  describe('organisation', () => {
    it('admin adds a point under a station; it appears in the public list; audit records it', async () => {
      const parent = station('塘下镇');
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/units',
        session: admin,
        payload: { kind: 'point', parentId: parent.id, name: '测试社区联络点', pointKind: '村（社区）联络点', address: '测试路8号' },
      });
      expect(res.statusCode).toBe(201);
      const point = res.json();
      expect(point).toMatchObject({ kind: 'point', parentId: parent.id, version: 1, active: true });
      const pub = (await t.request({ method: 'GET', url: '/api/v1/public/units' })).json().items as Unit[];
      expect(pub.find((u) => u.id === point.id)?.name).toBe('测试社区联络点');
      const audit = (await t.request({ method: 'GET', url: `/api/v1/audit?entity=unit&entityId=${point.id}`, session: admin })).json();
      expect(audit.items[0]).toMatchObject({ action: 'unit.create', actorName: 'admin' });
    });

    it('enforces the hub → station → point nesting', async () => {
      const point = units.find((u) => u.kind === 'point')!;
      const bad = await t.request({ method: 'POST', url: '/api/v1/units', session: admin, payload: { kind: 'point', parentId: point.id, name: '点下之点' } });
      expect(bad.statusCode).toBe(422);
      expect(errorCode(bad)).toBe('UNIT_INVALID_PARENT');
      const hub2 = await t.request({ method: 'POST', url: '/api/v1/units', session: admin, payload: { kind: 'hub', parentId: null, name: '第二总站' } });
      expect(errorCode(hub2)).toBe('UNIT_INVALID_PARENT');
    });

    it('station staff manage points of their own station only, and nothing else', async () => {
      const staff = await t.login('staff-anyang');
      const own = await t.request({
        method: 'POST',
        url: '/api/v1/units',
        session: staff,
        payload: { kind: 'point', parentId: station('安阳街道').id, name: '安阳新联络点' },
      });
      expect(own.statusCode).toBe(201);
      const foreign = await t.request({
        method: 'POST',
        url: '/api/v1/units',
        session: staff,
        payload: { kind: 'point', parentId: station('塘下镇').id, name: '越权联络点' },
      });
      expect(foreign.statusCode).toBe(403);
      expect(errorCode(foreign)).toBe('PERMISSION_DENIED');
      const editStation = await t.request({ method: 'PATCH', url: `/api/v1/units/${station('安阳街道').id}`, session: staff, payload: { name: '改名' } });
      expect(editStation.statusCode).toBe(403);
      const dept = await t.request({ method: 'POST', url: '/api/v1/departments', session: staff, payload: { name: '新部门' } });
      expect(dept.statusCode).toBe(403);
      expect((await t.request({ method: 'GET', url: '/api/v1/users', session: staff })).statusCode).toBe(403);
    });

    it('deactivates and reactivates with optimistic locking', async () => {
      const created = (
        await t.request({
          method: 'POST',
          url: '/api/v1/units',
          session: admin,
          payload: { kind: 'point', parentId: station('马屿镇').id, name: '将停用联络点' },
        })
      ).json();
      const stale = await t.request({ method: 'PATCH', url: `/api/v1/units/${created.id}`, session: admin, payload: { active: false, expectedVersion: 99 } });
      expect(stale.statusCode).toBe(409);
      expect(errorCode(stale)).toBe('VERSION_CONFLICT');
      const off = await t.request({
        method: 'PATCH',
        url: `/api/v1/units/${created.id}`,
        session: admin,
        payload: { active: false, expectedVersion: created.version },
      });
      expect(off.json()).toMatchObject({ active: false, version: created.version + 1 });
      const pub = (await t.request({ method: 'GET', url: '/api/v1/public/units' })).json().items as Unit[];
      expect(pub.some((u) => u.id === created.id)).toBe(false);
      const withChildren = await t.request({ method: 'PATCH', url: `/api/v1/units/${station('马屿镇').id}`, session: admin, payload: { active: false } });
      expect(errorCode(withChildren)).toBe('ACTION_NOT_ALLOWED');
      const on = await t.request({ method: 'PATCH', url: `/api/v1/units/${created.id}`, session: admin, payload: { active: true } });
      expect(on.json().active).toBe(true);
    });

    it('masks deputy contact, reveals it only to allowed viewers, and audits the reveal', async () => {
      const anyang = station('安阳街道');
      const list = (await t.request({ method: 'GET', url: `/api/v1/deputies?unitId=${anyang.id}`, session: admin })).json();
      const deputy = list.items[0];
      expect(deputy.contact.phone).toMatch(/^170\*\*\*\*\d{4}$/);
      expect(deputy.contactMasked).toBe(true);
      const staff = await t.login('staff-anyang');
      const revealed = await t.request({ method: 'POST', url: `/api/v1/deputies/${deputy.id}/reveal-contact`, session: staff });
      expect(revealed.statusCode).toBe(200);
      expect(revealed.json().contact.phone).toMatch(/^1700000\d{4}$/);
      const audit = (await t.request({ method: 'GET', url: `/api/v1/audit?action=deputy.contact.reveal&entityId=${deputy.id}`, session: admin })).json();
      expect(audit.items[0]).toMatchObject({ actorName: 'staff-anyang', entity: 'deputy' });
      const other = await t.login('staff-tangxia');
      expect((await t.request({ method: 'POST', url: `/api/v1/deputies/${deputy.id}/reveal-contact`, session: other })).statusCode).toBe(403);
    });

    it('creates a deputy with encrypted contact and edits it', async () => {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/deputies',
        session: admin,
        payload: { name: '测试某代表', levels: ['county'], homeUnitId: station('飞云街道').id, contact: { phone: '13912345678', email: 'test@example.com' } },
      });
      expect(res.statusCode).toBe(201);
      const stored = await t.ctx.repos.deputies.get(res.json().id);
      expect(stored.phoneEnc).not.toContain('13912345678');
      expect(res.json().contact).toEqual({ phone: '139****5678', email: 't***@example.com' });
      const edit = await t.request({
        method: 'PATCH',
        url: `/api/v1/deputies/${stored.id}`,
        session: admin,
        payload: { levels: ['county', 'township'], expectedVersion: 1 },
      });
      expect(edit.json().levels).toEqual(['county', 'township']);
    });

    it('keeps categories at two levels and checks the default department', async () => {
      const cats = (await t.request({ method: 'GET', url: '/api/v1/categories?pageSize=500', session: admin })).json().items;
      const root = cats.find((c: { parentId: string | null }) => c.parentId === null);
      const child = cats.find((c: { parentId: string | null }) => c.parentId === root.id);
      const tooDeep = await t.request({ method: 'POST', url: '/api/v1/categories', session: admin, payload: { name: '三级', parentId: child.id } });
      expect(errorCode(tooDeep)).toBe('CATEGORY_INVALID_PARENT');
      const badDept = await t.request({
        method: 'POST',
        url: '/api/v1/categories',
        session: admin,
        payload: { name: '新类', defaultDepartmentId: 'no-such-dept' },
      });
      expect(badDept.statusCode).toBe(422);
      const ok = await t.request({
        method: 'POST',
        url: '/api/v1/categories',
        session: admin,
        payload: { name: '新二级', parentId: root.id, timeLimitWorkdays: 5 },
      });
      expect(ok.json()).toMatchObject({ parentId: root.id, timeLimitWorkdays: 5 });
    });

    it('edits appeal kinds and topics', async () => {
      const kinds = (await t.request({ method: 'GET', url: '/api/v1/appeal-kinds', session: admin })).json().items;
      expect(kinds.map((k: { code: string }) => k.code)).toEqual(['consultation', 'help', 'complaint', 'suggestion', 'praise']);
      const edited = await t.request({ method: 'PATCH', url: '/api/v1/appeal-kinds/complaint', session: admin, payload: { handleWorkdays: 6 } });
      expect(edited.json().handleWorkdays).toBe(6);
      const topic = await t.request({ method: 'POST', url: '/api/v1/topics', session: admin, payload: { name: '测试专题' } });
      expect(topic.statusCode).toBe(201);
      const off = await t.request({ method: 'PATCH', url: `/api/v1/topics/${topic.json().id}`, session: admin, payload: { active: false } });
      expect(off.json().active).toBe(false);
    });
  });

  describe('bad input never gets a 500', () => {
    it('malformed JSON → 400 REQUEST_MALFORMED', async () => {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/units',
        session: admin,
        payload: '{"name": ',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('REQUEST_MALFORMED');
    });

    it('wrong types and unknown fields → 400 naming each field', async () => {
      const res = await t.request({ method: 'POST', url: '/api/v1/units', session: admin, payload: { kind: 'planet', parentId: 5, name: '', extra: 1 } });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
      const paths = res.json().error.details.map((d: { path: string }) => d.path);
      expect(paths).toEqual(expect.arrayContaining(['kind', 'parentId', 'name', 'extra']));
    });

    it('oversized body → 413', async () => {
      const res = await t.request({ method: 'POST', url: '/api/v1/topics', session: admin, payload: { name: 'x', description: 'y'.repeat(2_000_000) } });
      expect(res.statusCode).toBe(413);
      expect(errorCode(res)).toBe('PAYLOAD_TOO_LARGE');
    });

    it('unsupported media type → 415', async () => {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/topics',
        session: admin,
        payload: 'name=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.statusCode).toBe(415);
      expect(errorCode(res)).toBe('MEDIA_TYPE_UNSUPPORTED');
    });

    it('missing auth → 401; unknown ids → 404; unknown routes → 404; bad query → 400', async () => {
      const noAuth = await t.request({ method: 'GET', url: '/api/v1/units' });
      expect(noAuth.statusCode).toBe(401);
      expect(errorCode(noAuth)).toBe('AUTH_REQUIRED');
      const missing = await t.request({ method: 'GET', url: '/api/v1/units/00000000-0000-7000-8000-000000000000', session: admin });
      expect(missing.statusCode).toBe(404);
      expect(errorCode(missing)).toBe('RESOURCE_NOT_FOUND');
      const route = await t.request({ method: 'GET', url: '/api/v1/nothing-here' });
      expect(route.statusCode).toBe(404);
      expect(errorCode(route)).toBe('ROUTE_NOT_FOUND');
      const badQuery = await t.request({ method: 'GET', url: '/api/v1/units?page=-1&pageSize=abc', session: admin });
      expect(badQuery.statusCode).toBe(400);
      const badId = await t.request({ method: 'GET', url: `/api/v1/units/${encodeURIComponent("1' OR '1'='1")}`, session: admin });
      expect(badId.statusCode).toBe(400);
      const unknownQuery = await t.request({ method: 'GET', url: '/api/v1/public/units?drop=table' });
      expect(unknownQuery.statusCode).toBe(400);
    });

    it('hostile search text is inert', async () => {
      const res = await t.request({ method: 'GET', url: `/api/v1/units?q=${encodeURIComponent("'; DROP TABLE units; --")}`, session: admin });
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBe(0);
      expect((await t.request({ method: 'GET', url: '/api/v1/public/units' })).json().items.length).toBeGreaterThan(90);
    });
  });
});
