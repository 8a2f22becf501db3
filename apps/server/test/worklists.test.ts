/**
 * `GET /api/v1/cases/worklists`: every badge count equals the `total` of the case list with
 * that worklist, for every kind of viewer (whole city, station, department, deputy,
 * supervisor), at moments when cases are fresh, due soon and overdue, on both databases.
 * The counts come from one statement of their own, so this is what keeps them honest.
 */
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKLISTS } from '../src/cases/case.service';
import { createTestApp, type Session, type TestApp } from './support';

const dialects = await testDialects();

const USERS = ['admin', 'supervisor', 'staff-anyang', 'staff-tangxia', 'dept-zhujian', 'deputy-demo'] as const;

describe.each(dialects)('worklist counts on %s', (dialect) => {
  let t: TestApp;
  const sessions = new Map<string, Session>();
  let dueSoonAt = '';

  const signIn = async () => {
    for (const u of USERS) sessions.set(u, await t.login(u));
  };
  const get = async (user: string, url: string) => {
    const res = await t.request({ method: 'GET', url, session: sessions.get(user) });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const act = async (user: string, id: string, action: string, body: Record<string, unknown> = {}) => {
    const current = await get(user, `/api/v1/cases/${id}`);
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions/${action}`,
      session: sessions.get(user),
      payload: { expectedVersion: current.case.version, ...body },
    });
    if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
  };
  /** Each user's badge counts and the list totals of the same worklists. */
  const compare = async () => {
    const seen: Record<string, Record<string, number>> = {};
    for (const user of USERS) {
      const badges = (await get(user, '/api/v1/cases/worklists')).items as Array<{ key: string; count: number }>;
      expect(badges.map((b) => b.key)).toEqual([...WORKLISTS]);
      const totals = await Promise.all(WORKLISTS.map(async (key) => (await get(user, `/api/v1/cases?worklist=${key}&pageSize=1`)).total as number));
      expect(Object.fromEntries(badges.map((b) => [b.key, b.count]))).toEqual(Object.fromEntries(WORKLISTS.map((key, i) => [key, totals[i]])));
      seen[user] = Object.fromEntries(badges.map((b) => [b.key, b.count]));
    }
    return seen;
  };

  beforeAll(async () => {
    // Sessions outlive the clock's moves, so each user signs in once (logins are throttled per minute).
    t = await createTestApp(dialect, { sessionHours: 24 * 200 });
    await signIn();
    const units = (await get('admin', '/api/v1/public/units')) as { items?: Array<{ id: string; name: string }> } | Array<{ id: string; name: string }>;
    const unitList = Array.isArray(units) ? units : (units.items ?? []);
    const anyang = unitList.find((u) => u.name.includes('安阳'))!.id;
    const tangxia = unitList.find((u) => u.name.includes('塘下'))!.id;
    const zhujian = (await get('admin', '/api/v1/departments?q=住房和城乡建设')).items[0].id as string;
    const deputyId = sessions.get('deputy-demo')!.user.scope.deputyId!;

    // Eighteen cases through two stations, the hub and a deputy; every third carries a link (flagged).
    const created: string[] = [];
    for (let i = 0; i < 18; i++) {
      t.clock.set(`2026-03-02T0${i % 8}:00:00+08:00`);
      const receipt = await t.ctx.intake.submit(
        {
          content: `第${i}号意见：小区道路破损，雨天积水严重，请尽快修复。${i % 3 === 0 ? '详见 https://example.com/photo' : ''}`,
          unitId: [anyang, tangxia, undefined][i % 3],
          deputyId: i % 4 === 0 ? deputyId : undefined,
          contact: { phone: `1370000${String(1000 + i)}` },
        },
        { channel: ['online', 'phone', 'walk_in'][i % 3] },
      );
      created.push(receipt.case.id);
    }
    t.clock.set('2026-03-02T10:00:00+08:00');
    // Leave some submitted (three in 安阳, one in 塘下), accept some, assign, sign, supervise, reply, reject.
    for (const [i, id] of created.entries()) {
      if (i % 6 === 0 || i === 4) continue;
      if (i === 17) {
        await act('admin', id, 'reject', { reason: '不属于受理范围', guidance: '请向法院反映' });
        continue;
      }
      await act('admin', id, 'accept');
      if (i % 6 === 1) continue;
      await act('admin', id, 'assign', { departmentId: zhujian });
      if (i % 6 === 2) {
        await act('supervisor', id, 'supervise', { note: '请加快办理' });
        continue;
      }
      await act('dept-zhujian', id, 'sign');
      if (i % 6 === 3) continue;
      await act('dept-zhujian', id, 'reply', { content: '已安排维修队修复路面并疏通排水，预计本周内完工。' });
    }
    // A moment when the reply deadline of a case in progress is near.
    const inProgress = await get('admin', `/api/v1/cases/${created[3]}`);
    dueSoonAt = new Date(new Date(inProgress.case.replyDueAt as string).getTime() - 3_600_000).toISOString();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('equal the list totals for every viewer right after the cases came in', async () => {
    const seen = await compare();
    for (const key of ['to_accept', 'to_sign', 'in_progress', 'awaiting_rating', 'supervised', 'flagged']) expect(seen.admin[key], key).toBeGreaterThan(0);
    // Scopes: a station sees part of the city, and not what the other station sees.
    expect(seen['staff-anyang'].to_accept).toBeLessThan(seen.admin.to_accept);
    expect(seen['staff-anyang'].to_accept + seen['staff-tangxia'].to_accept).toBeLessThanOrEqual(seen.admin.to_accept);
    expect(seen['dept-zhujian'].to_accept).toBe(0);
    expect(seen['dept-zhujian'].in_progress).toBe(seen.admin.in_progress);
  });

  it('equal the list totals when deadlines are near and when they passed', async () => {
    t.clock.set(dueSoonAt);
    const soon = await compare();
    expect(soon.admin.due_soon).toBeGreaterThan(0);

    t.clock.set('2026-06-01T02:00:00Z');
    const late = await compare();
    expect(late.admin.overdue).toBeGreaterThan(0);
    expect(late.admin.due_soon).toBe(0);
    expect(late['staff-anyang'].overdue).toBeLessThan(late.admin.overdue);
  });
});
