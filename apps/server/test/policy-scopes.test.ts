/**
 * Issue #16 item 2: one visibility per resource, used by reads and actions alike. A deputy
 * account that serves a station (it has a unit) used to read only its own cases while core let
 * it act on its station's, and listed only its station's receptions while a single reception
 * page also showed the ones it is on duty at elsewhere. Now lists, pages and actions share
 * core's scope: the station's subtree and the deputy's own records, nothing else.
 */
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from './support';

const dialects = await testDialects();

describe.each(dialects)('one scope for reading and acting on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let deputy: Session;
  const ids = { anyang: '', tangxia: '', third: '', deputy: '', tangxiaDeputy: '' };
  const cases = { anyang: '', tangxia: '', addressed: '' };
  const receptions = { onDutyElsewhere: '', station: '', third: '' };
  const activities = { tookPartElsewhere: '', station: '', third: '' };

  async function made<T = { id: string }>(res: Promise<{ statusCode: number; body: string; json: () => unknown }>, what: string): Promise<T> {
    const r = await res;
    if (r.statusCode !== 201 && r.statusCode !== 200) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
    return r.json() as T;
  }

  async function submit(content: string, extra: object): Promise<string> {
    const res = await made<{ trackingCode: string }>(t.request({ method: 'POST', url: '/api/v1/public/opinions', payload: { content, ...extra } }), 'opinion');
    return (await t.ctx.repos.cases.findByTrackingCode(res.trackingCode))!.id;
  }

  async function reception(unitId: string, deputyIds: string[], startTime: string): Promise<string> {
    const date = '2026-03-05';
    await made(
      t.request({
        method: 'POST',
        url: '/api/v1/reception-rules',
        session: admin,
        payload: { unitId, kind: 'once', date, startTime, endTime: `${Number(startTime.slice(0, 2)) + 1}:00`, capacity: 5, deputyIds, validFrom: date },
      }),
      'reception rule',
    );
    const listed = (await t.request({ method: 'GET', url: `/api/v1/receptions?from=${date}&to=${date}&unitId=${unitId}`, session: admin })).json<{
      items: Array<{ id: string; startTime: string }>;
    }>();
    return listed.items.find((r) => r.startTime === startTime)!.id;
  }

  async function activity(unitId: string, deputyIds: string[], title: string): Promise<string> {
    const body = { unitId, kind: 'research', title, date: '2026-03-01', deputyIds };
    return (await made(t.request({ method: 'POST', url: '/api/v1/activities', session: admin, payload: body }), 'activity')).id;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { rateLimits: false });
    admin = await t.login('admin');
    ids.anyang = (await t.login('staff-anyang')).user.scope.unitId!;
    ids.tangxia = (await t.login('staff-tangxia')).user.scope.unitId!;
    ids.deputy = (await t.login('deputy-demo')).user.scope.deputyId!;
    const stations = (await t.ctx.repos.units.listActive()).filter((u) => u.kind === 'station');
    ids.third = stations.find((s) => s.id !== ids.anyang && s.id !== ids.tangxia)!.id;
    const deputies = (await t.ctx.repos.deputies.list({ pageSize: 500 })).items;
    ids.tangxiaDeputy = deputies.find((d) => d.homeUnitId === ids.tangxia && d.id !== ids.deputy)!.id;
    // The demo deputy (home station 安阳) with an account that serves the 塘下 station.
    await made(
      t.request({
        method: 'POST',
        url: '/api/v1/users',
        session: admin,
        payload: {
          username: 'deputy-station',
          displayName: '进站代表',
          password: 'a-long-password',
          roles: ['deputy'],
          scope: { deputyId: ids.deputy, unitId: ids.tangxia },
        },
      }),
      'account',
    );
    deputy = await t.login('deputy-station', 'a-long-password');

    cases.anyang = await submit('安阳街道万松路路灯坏了，请尽快修理。', { unitId: ids.anyang });
    cases.tangxia = await submit('塘下镇菜市场门口积水严重，请处理。', { unitId: ids.tangxia });
    cases.addressed = await submit('请代表关注小区加装电梯的进展。', { deputyId: ids.deputy });

    receptions.onDutyElsewhere = await reception(ids.anyang, [ids.deputy], '09:00');
    receptions.station = await reception(ids.tangxia, [ids.tangxiaDeputy], '10:00');
    receptions.third = await reception(ids.third, [ids.tangxiaDeputy], '11:00');

    activities.tookPartElsewhere = await activity(ids.anyang, [ids.deputy], '安阳走访');
    activities.station = await activity(ids.tangxia, [ids.tangxiaDeputy], '塘下调研');
    activities.third = await activity(ids.third, [ids.tangxiaDeputy], '他站座谈');
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string) => t.request({ method: 'GET', url, session: deputy });

  it('lists, opens and notes exactly the cases of its station and its own', async () => {
    const listed = (await get('/api/v1/cases?pageSize=100')).json<{ items: Array<{ id: string }> }>().items.map((c) => c.id);
    expect(listed).toEqual(expect.arrayContaining([cases.tangxia, cases.addressed]));
    expect(listed).not.toContain(cases.anyang);
    for (const id of [cases.tangxia, cases.addressed]) {
      const detail = await get(`/api/v1/cases/${id}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.json<{ allowedActions: string[] }>().allowedActions).toContain('note');
      const version = (await t.ctx.repos.cases.find(id))!.version;
      const note = await t.request({
        method: 'POST',
        url: `/api/v1/cases/${id}/actions/note`,
        session: deputy,
        payload: { expectedVersion: version, content: '代表备注' },
      });
      expect(note.statusCode).toBe(200);
    }
    expect((await get(`/api/v1/cases/${cases.anyang}`)).statusCode).toBe(404);
    const version = (await t.ctx.repos.cases.find(cases.anyang))!.version;
    const note = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${cases.anyang}/actions/note`,
      session: deputy,
      payload: { expectedVersion: version, content: '越权备注' },
    });
    expect(note.statusCode).toBe(404);
    expect((await t.ctx.repos.cases.find(cases.anyang))!.version).toBe(version);
  });

  it('lists the receptions it may open: its station’s and the ones it is on duty at', async () => {
    const listed = (await get('/api/v1/receptions?from=2026-03-05&to=2026-03-05')).json<{ items: Array<{ id: string }> }>().items.map((r) => r.id);
    expect(listed).toEqual(expect.arrayContaining([receptions.onDutyElsewhere, receptions.station]));
    expect(listed).not.toContain(receptions.third);
    expect((await get(`/api/v1/receptions/${receptions.onDutyElsewhere}`)).statusCode).toBe(200);
    expect((await get(`/api/v1/receptions/${receptions.station}`)).statusCode).toBe(200);
    expect((await get(`/api/v1/receptions/${receptions.third}`)).statusCode).toBe(404);
    // Asking for another station lists only what lies in scope there.
    const there = (await get(`/api/v1/receptions?from=2026-03-05&to=2026-03-05&unitId=${ids.anyang}`)).json<{ items: Array<{ id: string }> }>();
    expect(there.items.map((r) => r.id)).toEqual([receptions.onDutyElsewhere]);
  });

  it('lists and opens the activities of its station and the ones it took part in', async () => {
    const listed = (await get('/api/v1/activities?pageSize=100')).json<{ items: Array<{ id: string }>; total: number }>();
    expect(listed.items.map((a) => a.id)).toEqual(expect.arrayContaining([activities.tookPartElsewhere, activities.station]));
    expect(listed.items.map((a) => a.id)).not.toContain(activities.third);
    expect(listed.total).toBe(listed.items.length);
    expect((await get(`/api/v1/activities/${activities.tookPartElsewhere}`)).statusCode).toBe(200);
    expect((await get(`/api/v1/activities/${activities.station}`)).statusCode).toBe(200);
    expect((await get(`/api/v1/activities/${activities.third}`)).statusCode).toBe(404);
  });

  it('still manages nothing of a station: receptions and activities are its staff’s', async () => {
    const edit = await t.request({
      method: 'POST',
      url: '/api/v1/activities',
      session: deputy,
      payload: { unitId: ids.tangxia, kind: 'research', title: '代表自记', date: '2026-03-01', deputyIds: [ids.deputy] },
    });
    expect(edit.statusCode).toBe(403);
  });
});
