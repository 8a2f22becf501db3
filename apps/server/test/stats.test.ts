/**
 * Issue #8 acceptance: the overview's figures equal the case list's totals for the same
 * filters, for every kind of viewer (whole-city, station, department, deputy), for whole
 * months (answered by the roll-up), partial months (answered from the cases) and mixes,
 * on both databases; and the trigger-kept roll-up equals a recount after every change.
 */
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPTED_STATUSES } from '@lianxin/storage';
import { rollupTotal } from '../src/cases/case-list-total';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();

interface Line {
  id: string | null;
  received: number;
  accepted: number;
  closed: number;
}

describe.each(dialects)('statistics overview on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let staff: Session;
  let deputy: Session;
  let dept: Session;
  let supervisor: Session;
  const ids: Record<string, string> = {};

  const get = async (session: Session, url: string) => {
    const res = await t.request({ method: 'GET', url, session });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const act = async (session: Session, id: string, action: string, body: Record<string, unknown> = {}) => {
    const current = await get(session, `/api/v1/cases/${id}`);
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions/${action}`,
      session,
      payload: { expectedVersion: current.case.version, ...body },
    });
    if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    // Sessions slide on the clock, so sign in again whenever the test moves it far.
    const signIn = async () => {
      [admin, staff, deputy, dept, supervisor] = await Promise.all(
        ['admin', 'staff-anyang', 'deputy-demo', 'dept-zhujian', 'supervisor'].map((u) => t.login(u)),
      );
    };
    await signIn();
    const units = (await get(admin, '/api/v1/public/units')) as { items?: Array<{ id: string; name: string }> } | Array<{ id: string; name: string }>;
    const unitList = Array.isArray(units) ? units : (units.items ?? []);
    ids.anyang = unitList.find((u) => u.name.includes('安阳'))!.id;
    ids.tangxia = unitList.find((u) => u.name.includes('塘下'))!.id;
    const cats = (await get(admin, '/api/v1/categories?pageSize=200')).items as Array<{ id: string; parentId: string | null }>;
    const leaves = cats.filter((c) => c.parentId);
    ids.leafA = leaves[0].id;
    ids.topA = leaves[0].parentId!;
    ids.leafB = leaves.find((c) => c.parentId !== ids.topA)!.id;
    ids.zhujian = (await get(admin, '/api/v1/departments?q=住房和城乡建设')).items[0].id;
    ids.deputy = deputy.user.scope.deputyId!;

    // Cases over January to early March 2026 (China time), through several stations, categories and channels.
    const plan: Array<{ at: string; unit?: string; category?: string; channel: string; deputy?: boolean }> = [];
    const days = ['2026-01-05', '2026-01-20', '2026-01-31', '2026-02-01', '2026-02-14', '2026-02-27', '2026-03-01'];
    days.forEach((day, i) => {
      plan.push({ at: `${day}T09:00:00+08:00`, unit: ids.anyang, category: ids.leafA, channel: 'online' });
      plan.push({ at: `${day}T23:30:00+08:00`, unit: ids.tangxia, category: ids.leafB, channel: 'phone' });
      plan.push({ at: `${day}T00:10:00+08:00`, category: i % 2 ? ids.topA : undefined, channel: 'walk_in', deputy: i % 3 === 0 });
    });
    const created: string[] = [];
    for (const [i, p] of plan.entries()) {
      t.clock.set(p.at);
      const receipt = await t.ctx.intake.submit(
        {
          content: `第${i}号意见：小区道路破损，雨天积水严重，请尽快修复。`,
          unitId: p.unit,
          categoryId: p.category,
          deputyId: p.deputy ? ids.deputy : undefined,
          contact: { phone: '13700001234' },
          consentPublic: i % 2 === 0,
        },
        { channel: p.channel },
      );
      created.push(receipt.case.id);
    }
    // Move them along: accept most, assign some, reply, rate, reject and supervise a few.
    t.clock.set('2026-03-02T02:00:00Z');
    await signIn();
    for (const [i, id] of created.entries()) {
      if (i % 7 === 6) {
        await act(admin, id, 'reject', { reason: '不属于受理范围', guidance: '请向法院反映' });
        continue;
      }
      if (i % 5 === 4) continue;
      await act(admin, id, 'accept');
      if (i % 4 === 3) continue;
      await act(admin, id, 'assign', { departmentId: ids.zhujian });
      if (i % 6 === 5) {
        await act(supervisor, id, 'supervise', { note: '请加快办理' });
        continue;
      }
      await act(dept, id, 'sign');
      if (i % 3 === 2) continue;
      const late = i % 8 === 1;
      if (late) {
        t.clock.set('2026-04-20T02:00:00Z');
        dept = await t.login('dept-zhujian');
      }
      await act(dept, id, 'reply', { content: '已安排维修队修复路面并疏通排水，预计本周内完工。' });
      if (late) {
        t.clock.set('2026-03-02T02:00:00Z');
        dept = await t.login('dept-zhujian');
      }
      if (i % 2 === 0) {
        const record = await t.ctx.repos.cases.get(id);
        const rating = i % 4 === 0 ? 'satisfied' : 'unsatisfied';
        const res = await t.request({ method: 'POST', url: `/api/v1/public/opinions/${record.trackingCode}/rating`, payload: { verify: '1234', rating } });
        if (res.statusCode !== 200) throw new Error(`rate: ${res.body}`);
      }
    }
    // Far enough on that open clocks have run out.
    t.clock.set('2026-05-20T02:00:00Z');
    await signIn();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const qs = (params: Record<string, string | undefined>) =>
    Object.entries(params)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
      .join('&');
  const total = async (session: Session, params: Record<string, string | undefined>) =>
    (await get(session, `/api/v1/cases?${qs({ ...params, pageSize: '1' })}`)).total as number;

  const FILTERS: Array<Record<string, string | undefined>> = [
    {},
    { from: '2026-01-01', to: '2026-02-28' }, // whole months: the roll-up
    { from: '2026-01-15', to: '2026-02-20' }, // partial months on both sides plus January's end
    { from: '2026-01-10', to: '2026-03-31' }, // a partial month, a whole month and a partial one
    { from: '2026-02-02', to: '2026-12-30' }, // read as 2026 minus January, 1 February and 31 December (cases on the days taken away)
    { from: '2026-02-01T00:00:00+08:00', to: '2026-02-14T12:00:00+08:00' }, // instants
    { to: '2026-01-31' },
    { from: '2026-02-01' },
  ];
  const EXTRA = (): Array<Record<string, string | undefined>> => [
    {},
    { unitId: ids.anyang },
    { underUnitId: ids.tangxia },
    { categoryId: ids.topA },
    { categoryId: ids.leafA }, // a child category: counted from the cases
    { channel: 'phone' },
    { departmentId: ids.zhujian },
    { channel: 'online', categoryId: ids.topA }, // two pinned axes: the roll-up's two-axis rows
    { departmentId: ids.zhujian, channel: 'phone' },
    { departmentId: ids.zhujian, channel: 'walk_in', categoryId: ids.topA }, // all three axes pinned
  ];

  it('equals the case list for every viewer and filter', async () => {
    let compared = 0;
    // Every filter for the whole-city view; the periods for the scoped viewers (station, deputy, department).
    const viewers: Array<[Session, Array<Record<string, string | undefined>>]> = [
      [admin, EXTRA()],
      [staff, [{}, { channel: 'phone' }]],
      [deputy, [{}]],
      [dept, [{}, { categoryId: ids.topA }, { channel: 'online' }]], // the department's scope pins an axis, a filter another
      [supervisor, [{ categoryId: ids.topA }]],
    ];
    for (const [session, extras] of viewers) {
      for (const period of FILTERS) {
        for (const extra of extras) {
          const f = { ...period, ...extra };
          const o = await get(session, `/api/v1/stats/overview?${qs(f)}`);
          const expected = {
            received: await total(session, f),
            accepted: await total(session, { ...f, status: ACCEPTED_STATUSES.join(',') }),
            closed: await total(session, { ...f, status: 'closed' }),
            overdue: await total(session, { ...f, overdue: '1' }),
            supervised: await total(session, { ...f, worklist: 'supervised' }),
          };
          const label = `${session.user.username} ${JSON.stringify(f)}`;
          expect({ received: o.received, accepted: o.accepted, closed: o.closed, overdue: o.overdue, supervised: o.supervised }, label).toEqual(expected);
          expect(
            o.trend.reduce((n: number, b: { received: number }) => n + b.received, 0),
            label,
          ).toBe(o.received);
          compared += 1;
          // Each breakdown line drills down to the same number of cases.
          const lines: Array<[string, string, Line[]]> = [
            ['unitId', 'unitId', o.byUnit],
            ['categoryId', 'categoryId', o.byCategory],
            ['channel', 'channel', o.byChannel],
            ['departmentId', 'departmentId', o.byDepartment],
          ];
          for (const [key, param, items] of lines) {
            if (f[key] || (key === 'unitId' && f.underUnitId)) continue;
            expect(
              items.reduce((n, l) => n + l.received, 0),
              `${label} ${key}`,
            ).toBe(o.received);
            for (const line of items.filter((l) => l.id)) {
              expect(line.received, `${label} ${key}=${line.id}`).toBe(await total(session, { ...f, [param]: line.id! }));
              expect(line.closed, `${label} ${key}=${line.id} closed`).toBe(await total(session, { ...f, [param]: line.id!, status: 'closed' }));
            }
          }
        }
      }
    }
    expect(compared).toBe(FILTERS.length * (EXTRA().length + 7));
  }, 300_000);

  it('has figures that mean what they say', async () => {
    const o = await get(admin, '/api/v1/stats/overview');
    const all = await t.ctx.repos.cases.list({ all: true }, { pageSize: 500 });
    const rated = all.items.filter((c) => c.rating && c.rating !== 'none');
    const satisfied = rated.filter((c) => c.rating === 'satisfied' || c.rating === 'basically_satisfied');
    const replied = all.items.filter((c) => c.repliedAt);
    const onTime = replied.filter((c) => !c.replyDueAt || c.repliedAt! <= c.replyDueAt);
    expect(o.received).toBe(21);
    // The scenario exercises every figure.
    expect(o.accepted).toBeGreaterThan(o.closed);
    expect(o.accepted).toBeLessThan(o.received);
    expect(o.closed).toBeGreaterThan(0);
    expect(o.overdue).toBeGreaterThan(0);
    expect(o.supervised).toBeGreaterThan(0);
    expect(rated.length).toBeGreaterThan(0);
    expect(o.satisfactionRate).toBeCloseTo(satisfied.length / rated.length, 4);
    expect(o.onTimeRate).toBeCloseTo(onTime.length / replied.length, 4);
    expect(onTime.length).toBeLessThan(replied.length); // the late replies count against it
    expect(o.avgHandleWorkdays).toBeGreaterThan(0);
    expect(o.granularity).toBe('month');
    expect(o.trend.map((b: { period: string }) => b.period)).toEqual(['2026-01', '2026-02', '2026-03']);
    const short = await get(admin, '/api/v1/stats/overview?from=2026-02-01&to=2026-02-14');
    expect(short.granularity).toBe('day');
    expect(short.trend.map((b: { period: string }) => b.period)).toEqual(['2026-02-01', '2026-02-14']);
  });

  it('keeps the roll-up equal to a recount of the cases after every change, at every grain and on every axis', async () => {
    const { stats } = t.ctx.repos;
    const filter = { visibility: { all: true } };
    const scope = { unitPaths: [] };
    const direct = await stats.directGroups(filter, {});
    // The category axis holds top-level categories.
    const categories = new Map((await t.ctx.repos.categories.list({ includeInactive: true, pageSize: 500 })).items.map((c) => [c.id, c]));
    const top = (id: string | null) => (id ? (categories.get(id)?.parentId ?? id) : null);
    const directTop = direct.map((g) => ({ ...g, categoryId: top(g.categoryId) }));
    const keyed = (rows: object[], key: string) => {
      // Sums per key of every non-zero figure (buckets a change emptied stay as zeros).
      const out: Record<string, number> = {};
      for (const r of rows as Array<Record<string, unknown>>)
        for (const [k, v] of Object.entries(r)) {
          const id = typeof r[key] === 'string' ? r[key] : '';
          if (typeof v === 'number' && v !== 0) out[`${id}|${k}`] = (out[`${id}|${k}`] ?? 0) + v;
        }
      return out;
    };
    for (const grain of ['y', 'm', 'd'] as const) {
      const pieces = [{ grain, from: '0', to: '9~' }];
      expect(keyed(await stats.rollupByUnit(scope, { pins: {} }, pieces), 'unitId'), grain).toEqual(keyed(direct as never, 'unitId'));
      for (const [axis, column] of [
        ['category', 'categoryId'],
        ['department', 'departmentId'],
        ['channel', 'channel'],
      ] as const) {
        expect(keyed(await stats.rollupByKey(scope, { pins: {} }, axis, pieces), 'key'), `${grain} ${axis}`).toEqual(keyed(directTop, column));
      }
    }
  });

  it('answers every combination of pinned axes from the roll-up as a recount of the cases would', async () => {
    const { stats } = t.ctx.repos;
    const categories = new Map((await t.ctx.repos.categories.list({ includeInactive: true, pageSize: 500 })).items.map((c) => [c.id, c]));
    const top = (id: string | null) => (id ? (categories.get(id)?.parentId ?? id) : null);
    const direct = (await stats.directGroups({ visibility: { all: true } }, {})).map((g) => ({ ...g, categoryId: top(g.categoryId) }));
    const column = { category: 'categoryId', department: 'departmentId', channel: 'channel' } as const;
    const PINS: Array<Partial<Record<'category' | 'department' | 'channel', string[]>>> = [
      { category: [ids.topA] },
      { department: [ids.zhujian] },
      { channel: ['phone', 'online'] },
      { category: [ids.topA], channel: ['online'] },
      { department: [ids.zhujian], channel: ['walk_in', 'phone'] },
      { category: [ids.topA], department: [ids.zhujian] },
      { category: [ids.topA], department: [ids.zhujian], channel: ['walk_in'] },
    ];
    // Received and closed per key (buckets emptied by changes stay as zeros and are left out).
    const sums = (rows: Array<{ received: number; closed: number; handleDays: number }>, key: (r: never) => string | null) => {
      const out: Record<string, number> = {};
      for (const r of rows) {
        const k = key(r as never) ?? '';
        for (const [name, v] of Object.entries({ received: r.received, closed: r.closed, handleDays: r.handleDays }))
          if (v) out[`${k}|${name}`] = (out[`${k}|${name}`] ?? 0) + v;
      }
      return out;
    };
    let compared = 0;
    for (const pins of PINS) {
      const kept = direct.filter((g) => Object.entries(pins).every(([axis, keys]) => keys.includes(g[column[axis as keyof typeof column]] ?? '')));
      expect(kept.length, JSON.stringify(pins)).toBeGreaterThan(0);
      for (const grain of ['y', 'm', 'd'] as const) {
        const pieces = [{ grain, from: '0', to: '9~' }];
        const label = `${grain} ${JSON.stringify(pins)}`;
        expect(
          sums(await stats.rollupByUnit({ unitPaths: [] }, { pins }, pieces), (r: { unitId: string }) => r.unitId),
          label,
        ).toEqual(sums(kept, (r: { unitId: string }) => r.unitId));
        for (const axis of ['category', 'department', 'channel'] as const) {
          expect(
            sums(await stats.rollupByKey({ unitPaths: [] }, { pins }, axis, pieces), (r: { key: string }) => r.key),
            `${label} by ${axis}`,
          ).toEqual(sums(kept, (r: Record<string, string>) => r[column[axis]]));
          compared += 1;
        }
      }
    }
    expect(compared).toBe(PINS.length * 9);
  });

  it("gives the case list's total from the roll-up exactly as counting the cases does", async () => {
    const units = await t.ctx.repos.units.listActive();
    const pathOf = (id: string) => units.find((u) => u.id === id)!.path;
    const filters: Array<{ visibility: Record<string, string | boolean>; options: Record<string, unknown> }> = [
      { visibility: { all: true }, options: {} },
      { visibility: { all: true }, options: { status: ['closed'] } },
      { visibility: { all: true }, options: { unitId: ids.anyang } },
      { visibility: { all: true }, options: { underPath: pathOf(ids.tangxia), status: ['closed'] } },
      { visibility: { all: true }, options: { categoryId: ids.topA } },
      { visibility: { all: true }, options: { channel: 'phone', departmentId: ids.zhujian } },
      { visibility: { all: true }, options: { categoryId: ids.topA, channel: 'walk_in', status: ['closed'] } },
      { visibility: { unitPath: pathOf(ids.anyang) }, options: { channel: 'online' } },
      { visibility: { departmentId: ids.zhujian }, options: { categoryId: ids.topA } },
      // Creation periods: whole China-time days (years, months, days of the roll-up), instants
      // inside a day (the parts of a day counted from the cases) and open ends.
      { visibility: { all: true }, options: { from: '2025-12-31T16:00:00.000Z', to: '2026-02-27T16:00:00.000Z' } },
      { visibility: { all: true }, options: { from: '2026-01-14T16:00:00.000Z', to: '2026-02-20T16:00:00.000Z', status: ['closed'] } },
      { visibility: { all: true }, options: { from: '2026-01-31T16:00:00.000Z', to: '2026-02-14T04:00:00.000Z', channel: 'phone' } },
      { visibility: { unitPath: pathOf(ids.anyang) }, options: { from: '2026-01-10T03:00:00.000Z' } },
      { visibility: { departmentId: ids.zhujian }, options: { to: '2026-01-31T16:00:00.000Z', categoryId: ids.topA } },
    ];
    for (const { visibility, options } of filters) {
      const label = JSON.stringify({ visibility, options });
      const fromRollup = await rollupTotal(t.ctx.repos, visibility, options);
      expect(fromRollup, label).toBeTypeOf('number');
      // The repository counts the cases themselves when it is not given the total.
      expect(fromRollup, label).toBe((await t.ctx.repos.cases.list(visibility, { ...options, pageSize: 1 })).total);
    }
    // Filters the roll-up does not key are counted.
    expect(await rollupTotal(t.ctx.repos, { all: true }, { status: ['submitted'] })).toBeUndefined();
    expect(await rollupTotal(t.ctx.repos, { all: true }, { categoryId: ids.leafA })).toBeUndefined();
    expect(await rollupTotal(t.ctx.repos, { deputyId: ids.deputy }, {})).toBeUndefined();
    expect(await rollupTotal(t.ctx.repos, { all: true }, { from: '2026-01-01T00:00:00.000Z', status: ['replied'] })).toBeUndefined();
  });

  it('reports open and overdue cases and the job queue to Prometheus', async () => {
    const res = await t.request({ method: 'GET', url: '/metrics' });
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(res.body)?.[1]);
    const overview = await get(admin, '/api/v1/stats/overview');
    const open = await total(admin, { status: 'submitted,accepted,assigned,in_progress,replied,reopened' });
    expect(value('lianxin_cases_open')).toBe(open);
    expect(value('lianxin_cases_overdue')).toBe(overview.overdue);
    expect(res.body).toMatch(/^lianxin_job_queue_depth\{status="pending"\} \d+$/m);
    // The notification jobs queued by the scenario are due and nobody runs them here.
    expect(value('lianxin_job_queue_lag_seconds')).toBeGreaterThan(0);
  });

  it('refuses a bad period and an unknown unit, and needs a session', async () => {
    expect(errorCode(await t.request({ method: 'GET', url: '/api/v1/stats/overview?from=2026-03-01&to=2026-02-01', session: admin }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(errorCode(await t.request({ method: 'GET', url: '/api/v1/stats/overview?from=yesterday', session: admin }))).toBe('VALIDATION_FAILED');
    expect(errorCode(await t.request({ method: 'GET', url: `/api/v1/stats/overview?underUnitId=${ids.anyang}x`, session: admin }))).toBe('REFERENCE_INVALID');
    expect((await t.request({ method: 'GET', url: '/api/v1/stats/overview' })).statusCode).toBe(401);
  });
});
