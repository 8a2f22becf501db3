/**
 * Issue #5 acceptance on both databases: a scenario built here through the API — a
 * reception rota with bookings and attendance, activities, cases handled on time and late,
 * rated, returned and rejected — and then:
 * - `GET /api/v1/evaluations/{schemeId}/results` equals a hand computation of every
 *   indicator of the station, deputy and department schemes;
 * - a deputy's duty record lists exactly the receptions, activities and cases they took part in;
 * - what-if weights reorder the ranking without touching the scheme or the published results.
 */
import { boardRuleText } from '@lianxin/core';
import { testDialects } from '@lianxin/storage/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();

/** Half-away-from-zero rounding as a person does it on paper. */
const r2 = (x: number) => Math.round(x * 100 + 1e-9) / 100;
const r4 = (x: number) => Math.round(x * 10000 + 1e-9) / 10000;
const at = (day: string, hhmm = '09:30') => `2026-04-${day}T${hhmm}:00+08:00`;

describe.each(dialects)('duty and evaluation on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let staffA: Session;
  let staffB: Session;
  let supervisor: Session;
  let dept: Session;
  let stationA: { id: string; name: string };
  let stationB: { id: string; name: string };
  let zhujian: string;
  let d1: string, d2: string, d3: string, dB: string;
  let deputiesInA: number;
  const cases: Record<string, { id: string; code: string }> = {};
  let receptionApr1: string, receptionApr8: string, receptionApr10: string;
  let activityA: string;
  let deputyDemoSession: Session;

  const act = async (session: Session, id: string, action: string, body: Record<string, unknown> = {}) => {
    const current = (await t.request({ method: 'GET', url: `/api/v1/cases/${id}`, session })).json();
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions/${action}`,
      session,
      payload: { expectedVersion: current.case.version, ...body },
    });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  };
  const submit = async (key: string, payload: Record<string, unknown>) => {
    const res = await t.request({ method: 'POST', url: '/api/v1/public/opinions', payload });
    expect(res.statusCode, res.body).toBe(201);
    const code = res.json().trackingCode as string;
    cases[key] = { id: (await t.ctx.repos.cases.findByTrackingCode(code))!.id, code };
  };
  const rate = async (key: string, phone: string, rating: string) => {
    const res = await t.request({ method: 'POST', url: `/api/v1/public/opinions/${cases[key].code}/rating`, payload: { verify: phone.slice(-4), rating } });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** Moves the clock (sessions are made long enough to span the scenario's weeks). */
  const jump = async (to: string) => {
    t.clock.set(to);
  };
  const REPLY = '经现场核查，已安排施工队于3个工作日内完成维修并加固，联系人：王工 0577-65801234，欢迎监督。';

  beforeAll(async () => {
    t = await createTestApp(dialect, { sessionHours: 24 * 60 });
    // The scenario lives in April 2026, away from the demo data (seeded around March).
    await jump(at('01', '09:00'));
    [admin, staffA, staffB, supervisor, dept] = await Promise.all(
      ['admin', 'staff-anyang', 'staff-tangxia', 'supervisor', 'dept-zhujian'].map((u) => t.login(u)),
    );
    const stations = (await t.request({ method: 'GET', url: '/api/v1/public/units?kind=station' })).json().items as Array<{
      id: string;
      name: string;
      region: string;
    }>;
    stationA = stations.find((s) => s.region === '安阳街道')!;
    stationB = stations.find((s) => s.region === '塘下镇')!;
    zhujian = (await t.request({ method: 'GET', url: '/api/v1/departments?q=住房和城乡建设', session: admin })).json().items[0].id;
    // Deputies the demo rota and activities do not use, so the records below are the scenario's alone.
    const used = new Set<string>([
      ...((await t.request({ method: 'GET', url: '/api/v1/reception-rules', session: admin })).json().items as Array<{ deputyIds: string[] }>).flatMap(
        (r) => r.deputyIds,
      ),
      ...((await t.request({ method: 'GET', url: '/api/v1/activities?pageSize=200', session: admin })).json().items as Array<{ deputyIds: string[] }>).flatMap(
        (a) => a.deputyIds,
      ),
    ]);
    const inA = (await t.request({ method: 'GET', url: `/api/v1/public/deputies?unitId=${stationA.id}` })).json();
    deputiesInA = inA.total;
    [d1, d2, d3] = (inA.items as Array<{ id: string }>).map((d) => d.id).filter((id) => !used.has(id));
    dB = ((await t.request({ method: 'GET', url: `/api/v1/public/deputies?unitId=${stationB.id}` })).json().items as Array<{ id: string }>)
      .map((d) => d.id)
      .find((id) => !used.has(id))!;
    expect([d1, d2, d3, dB].every(Boolean)).toBe(true);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('publishes a rota from weekly and one-off rules, within the window, in scope', async () => {
    const weekly = await t.request({
      method: 'POST',
      url: '/api/v1/reception-rules',
      session: staffA,
      payload: {
        unitId: stationA.id,
        kind: 'weekly',
        weekday: 3,
        startTime: '09:00',
        endTime: '11:30',
        capacity: 2,
        deputyIds: [d1, d2],
        validFrom: '2026-04-01',
      },
    });
    expect(weekly.statusCode, weekly.body).toBe(201);
    const once = await t.request({
      method: 'POST',
      url: '/api/v1/reception-rules',
      session: staffA,
      payload: {
        unitId: stationA.id,
        kind: 'once',
        date: '2026-04-10',
        startTime: '14:00',
        endTime: '16:00',
        capacity: 5,
        deputyIds: [d1],
        validFrom: '2026-04-01',
      },
    });
    expect(once.statusCode, once.body).toBe(201);
    // Staff of another station may not keep this station's rota; bad input is a 400 naming fields.
    const foreign = await t.request({
      method: 'POST',
      url: '/api/v1/reception-rules',
      session: staffB,
      payload: { unitId: stationA.id, kind: 'once', date: '2026-04-09', startTime: '09:00', endTime: '10:00', deputyIds: [d1], validFrom: '2026-04-01' },
    });
    expect([foreign.statusCode, errorCode(foreign)]).toEqual([403, 'PERMISSION_DENIED']);
    const bad = await t.request({
      method: 'POST',
      url: '/api/v1/reception-rules',
      session: staffA,
      payload: { unitId: stationA.id, kind: 'weekly', startTime: '11:00', endTime: '10:00', deputyIds: [d1], validFrom: '2026-04-01' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['endTime', 'weekday']);

    const rota = (await t.request({ method: 'GET', url: `/api/v1/public/receptions?unitId=${stationA.id}` })).json();
    // Published 14 days ahead (1–14 April): Wednesdays 1 and 8, and the one-off on the 10th; not the 15th.
    expect(rota.publishedUntil).toBe('2026-04-14');
    expect(rota.items.map((r: { date: string; startTime: string }) => `${r.date} ${r.startTime}`)).toEqual([
      '2026-04-01 09:00',
      '2026-04-08 09:00',
      '2026-04-10 14:00',
    ]);
    expect(rota.items[0].deputies.map((d: { id: string }) => d.id)).toEqual([d1, d2]);
    expect(rota.items[0]).toMatchObject({ unitName: stationA.name, capacity: 2, booked: 0, available: 2 });
    [receptionApr1, receptionApr8, receptionApr10] = rota.items.map((r: { id: string }) => r.id);
    expect((await t.request({ method: 'GET', url: '/api/v1/public/receptions?from=2026-04-15&to=2026-04-30' })).json().items).toEqual([]);
  });

  it('books places up to capacity, one per phone, contact encrypted and masked, cancellable', async () => {
    const book = (phone: string) =>
      t.request({ method: 'POST', url: `/api/v1/public/receptions/${receptionApr8}/bookings`, payload: { name: '张三', phone, topic: '小区停车难' } });
    const first = await book('13811112222');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().reception).toMatchObject({ booked: 1, available: 1 });
    expect(errorCode(await book('13811112222'))).toBe('DUPLICATE');
    expect((await book('13833334444')).statusCode).toBe(201);
    const full = await book('13855556666');
    expect([full.statusCode, errorCode(full)]).toEqual([409, 'RECEPTION_FULL']);
    expect((await book('12')).statusCode).toBe(400);
    expect((await t.request({ method: 'POST', url: '/api/v1/public/receptions/nope/bookings', payload: { phone: '13811112222' } })).statusCode).toBe(404);
    // Wrong verify digits are a 404 like an unknown code; the right ones free the place.
    const code = first.json().bookingCode as string;
    expect((await t.request({ method: 'POST', url: `/api/v1/public/bookings/${code}/cancel`, payload: { verify: '0000' } })).statusCode).toBe(404);
    expect((await t.request({ method: 'POST', url: `/api/v1/public/bookings/${code}/cancel`, payload: { verify: '2222' } })).statusCode).toBe(204);
    expect((await book('13855556666')).statusCode).toBe(201);
    const stored = await t.ctx.repos.receptions.bookingsFor([receptionApr8]);
    expect(stored.every((b) => !b.phoneEnc?.includes('138'))).toBe(true);
    const detail = (await t.request({ method: 'GET', url: `/api/v1/receptions/${receptionApr8}`, session: staffA })).json();
    expect(detail.bookings.map((b: { phone: string; status: string }) => [b.phone, b.status])).toEqual([
      ['138****2222', 'cancelled'],
      ['138****4444', 'booked'],
      ['138****6666', 'booked'],
    ]);
    expect(detail).toMatchObject({ booked: 2, available: 0 });
  });

  it('builds the scenario: cases, attendance, activities', async () => {
    const P1 = '13700001111';
    // c1: on time all the way, satisfied within a minute of the reply (a quick-rating signal).
    await submit('c1', { content: '安阳街道某小区外墙瓷砖脱落，存在安全隐患，请尽快处理。', kind: 'help', unitId: stationA.id, contact: { phone: P1 } });
    await submit('c2', { content: '安阳街道某路段路灯损坏多日，夜间出行不便，请维修。', kind: 'help', unitId: stationA.id, contact: { phone: P1 } });
    await submit('c3', {
      content: '希望在安阳街道增设老年人活动场所，丰富老人生活。',
      kind: 'suggestion',
      unitId: stationA.id,
      deputyId: d1,
      contact: { phone: P1 },
    });
    await submit('c4', {
      content: '这是一条与本站无关的测试留言内容，不属于受理范围。',
      kind: 'consultation',
      unitId: stationA.id,
      contact: { phone: '13700002222' },
    });
    await submit('c5', { content: '安阳街道菜市场周边占道经营严重，影响通行。', kind: 'complaint', unitId: stationA.id, contact: { phone: '13700003333' } });
    await submit('c6', { content: '安阳街道某老旧小区雨污管道堵塞，污水外溢。', kind: 'help', unitId: stationA.id, contact: { phone: '13700004444' } });
    await submit('c7', { content: '塘下镇某村道路破损严重，雨天积水，请修缮。', kind: 'help', unitId: stationB.id, contact: { phone: '13700005555' } });

    await act(staffA, cases.c1.id, 'accept');
    await act(staffA, cases.c1.id, 'assign', { departmentId: zhujian, dueWorkdays: 10 });
    await act(dept, cases.c1.id, 'sign');
    await act(staffA, cases.c2.id, 'accept');
    await act(staffA, cases.c2.id, 'assign', { departmentId: zhujian, dueWorkdays: 2 });
    await act(dept, cases.c2.id, 'sign');
    await act(staffA, cases.c3.id, 'accept');
    await act(staffA, cases.c3.id, 'answer_on_site', { content: '已向街道反映，拟在社区服务中心增设老年活动室，预计下月开放，联系人李主任 0577-65809999。' });
    t.clock.advance(2 * 60_000);
    await rate('c3', P1, 'basically_satisfied');
    await act(staffA, cases.c4.id, 'reject', { reason: '不属于受理范围，请向相关部门反映' });
    await act(staffA, cases.c6.id, 'accept');
    await act(staffA, cases.c6.id, 'assign', { departmentId: zhujian, dueWorkdays: 10 });
    await act(dept, cases.c6.id, 'return', { reason: '不属于本单位职责，请改派水务部门' });
    await act(staffB, cases.c7.id, 'accept');

    // 1 April: d1 came, d2 did not.
    const attendance = (id: string, entries: unknown[], session = staffA) =>
      t.request({ method: 'POST', url: `/api/v1/receptions/${id}/attendance`, session, payload: { entries } });
    expect((await attendance(receptionApr8, [{ deputyId: d1, status: 'attended' }])).statusCode).toBe(422); // not yet
    expect((await attendance(receptionApr1, [{ deputyId: d1, status: 'attended' }], staffB)).statusCode).toBe(404); // not in their scope
    const apr1 = await attendance(receptionApr1, [
      { deputyId: d1, status: 'attended' },
      { deputyId: d2, status: 'absent' },
    ]);
    expect(apr1.statusCode, apr1.body).toBe(200);

    await jump(at('02', '10:00'));
    await act(dept, cases.c1.id, 'reply', { content: REPLY });
    t.clock.advance(60_000);
    await rate('c1', P1, 'satisfied');
    const activity = await t.request({
      method: 'POST',
      url: '/api/v1/activities',
      session: staffA,
      payload: {
        unitId: stationA.id,
        kind: 'research',
        title: '老旧小区改造专题调研',
        date: '2026-04-02',
        summary: '走访三个小区，收集意见。',
        deputyIds: [d1, d3],
        caseIds: [cases.c1.id],
      },
    });
    expect(activity.statusCode, activity.body).toBe(201);
    activityA = activity.json().id;
    const activityB = await t.request({
      method: 'POST',
      url: '/api/v1/activities',
      session: staffB,
      payload: { unitId: stationB.id, kind: 'forum', title: '村道修缮座谈会', date: '2026-04-02', deputyIds: [dB] },
    });
    expect(activityB.statusCode, activityB.body).toBe(201);
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/api/v1/activities',
          session: staffB,
          payload: { unitId: stationA.id, kind: 'forum', title: '越权', date: '2026-04-02', deputyIds: [] },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/api/v1/activities',
          session: staffA,
          payload: { unitId: stationA.id, kind: 'forum', title: '未来活动', date: '2026-05-02', deputyIds: [] },
        })
      ).statusCode,
    ).toBe(400);

    // 8 April: c2's two-workday reply comes late (Qingming holidays in between); 不满意 sends it back.
    await jump(at('08', '10:00'));
    await act(dept, cases.c2.id, 'reply', { content: REPLY });
    await jump(at('09', '10:00'));
    await rate('c2', P1, 'unsatisfied');
    expect(
      (
        await attendance(receptionApr8, [
          { deputyId: d1, status: 'attended' },
          { deputyId: d2, status: 'attended' },
        ])
      ).statusCode,
    ).toBe(200);
    const bookings = (await t.request({ method: 'GET', url: `/api/v1/receptions/${receptionApr8}`, session: staffA })).json().bookings as Array<{
      id: string;
      status: string;
    }>;
    const live = bookings.filter((b) => b.status === 'booked');
    const outcome = (id: string, status: string) =>
      t.request({ method: 'POST', url: `/api/v1/receptions/${receptionApr8}/bookings/${id}/outcome`, session: staffA, payload: { status } });
    expect((await outcome(live[0].id, 'attended')).statusCode).toBe(200);
    const noShow = (await outcome(live[1].id, 'no_show')).json();
    expect(noShow.bookings.map((b: { status: string }) => b.status)).toEqual(['cancelled', 'attended', 'no_show']);

    // 10 April: nobody came to the one-off reception.
    await jump(at('10', '17:00'));
    expect((await attendance(receptionApr10, [{ deputyId: d1, status: 'absent' }])).statusCode).toBe(200);
    await jump(at('20', '12:00'));

    // Past receptions read as what happened to them, not as 已排班.
    const rota = (await t.request({ method: 'GET', url: `/api/v1/receptions?from=2026-04-01&to=2026-04-30&unitId=${stationA.id}`, session: staffA })).json()
      .items as Array<{ id: string; date: string; phase: string }>;
    const phase = (id: string) => rota.find((r) => r.id === id)?.phase;
    expect([phase(receptionApr1), phase(receptionApr8), phase(receptionApr10)]).toEqual(['held', 'held', 'not_held']);
    for (const r of rota.filter((x) => x.date > '2026-04-20')) expect(r.phase).toBe('scheduled');
    expect((await t.request({ method: 'GET', url: `/api/v1/receptions/${receptionApr1}`, session: staffA })).json().phase).toBe('held');
  });

  it('admin inputs: premises inspection, bonus items (capped), false reports', async () => {
    const put = (subjectId: string, key: string, value: number | null) =>
      t.request({ method: 'PUT', url: '/api/v1/evaluations/default-station/inputs', session: admin, payload: { period: '2026-04', subjectId, key, value } });
    expect((await put(stationA.id, 'premises', 8)).statusCode).toBe(200);
    expect((await put(stationA.id, 'bonus', 7)).statusCode).toBe(200);
    expect((await put(stationA.id, 'falseReports', 1)).statusCode).toBe(200);
    expect((await put(stationB.id, 'premises', 10)).statusCode).toBe(200);
    expect(errorCode(await put(stationA.id, 'nonsense', 1))).toBe('VALIDATION_FAILED');
    const denied = await t.request({
      method: 'PUT',
      url: '/api/v1/evaluations/default-station/inputs',
      session: staffA,
      payload: { period: '2026-04', subjectId: stationA.id, key: 'premises', value: 10 },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('station results equal the hand computation of every indicator', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/evaluations/default-station/results?period=2026-04&subject=unit', session: supervisor });
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json().items.find((i: { subjectId: string }) => i.subjectId === stationA.id);
    // Station A, April (1 month). Cases c1–c6: 6 collected; accepted and not rejected: c1 c2 c3 c6 = 4;
    // assigned c1 c2 c6; signed c1 c2 (both on time); replied c1 c3 on time, c2 late; closed c1 c3;
    // returned c6, reopened c2; rated c1 满意, c3 基本满意, c2 不满意; overdue c2.
    // Receptions planned 3 (1, 8, 10 April), held 2 (1 and 8); one activity; deputies d1 d2 d3 took part.
    const coverage = 3 / deputiesInA;
    const expected: Array<[string, number, number]> = [
      ['premises', 0.8, 8],
      ['receptionRate', r4(2 / 3), r2((10 * 2) / 3)],
      ['activities', 0.5, 5],
      ['opinions', 0.6, 6],
      ['deputyCoverage', r4(coverage), r2(5 * coverage)],
      ['signOnTime', 1, 5],
      ['replyOnTime', r4(2 / 3), r2((10 * 2) / 3)],
      ['closureRate', 0.5, 5],
      ['returnReopen', r4(1 - 2 / 3), r2(5 * (1 - 2 / 3))],
      ['satisfaction', r4(2 / 3), r2((20 * 2) / 3)],
      ['results', 0, 0],
      ['bonus', 7, 5],
      ['overduePenalty', 1, -1],
      ['falseReport', 1, -5],
    ];
    expect(a.breakdown.map((b: { indicator: string; value: number; points: number }) => [b.indicator, b.value, b.points])).toEqual(expected);
    expect(a.score).toBe(r2(expected.reduce((s, [, , p]) => s + p, 0)));
    expect(a.metrics).toMatchObject({
      opinions: 6,
      opinionsAccepted: 4,
      casesAssigned: 3,
      signed: 2,
      signedOnTime: 2,
      replied: 3,
      repliedOnTime: 2,
      closed: 2,
      returnedOrReopened: 2,
      rated: 3,
      satisfiedOrBasic: 2,
      overdue: 1,
      receptionsPlanned: 3,
      receptionsHeld: 2,
      receptionsMissed: 2,
      activities: 1,
      deputiesActive: 3,
      deputiesTotal: deputiesInA,
    });
    expect(a.breakdown.find((b: { indicator: string }) => b.indicator === 'bonus').note).toBe('capped');
    // Station B: premises 10, one activity, one opinion accepted, its deputy took part.
    const b = res.json().items.find((i: { subjectId: string }) => i.subjectId === stationB.id);
    expect(b.metrics).toMatchObject({ opinions: 1, opinionsAccepted: 1, activities: 1, deputiesActive: 1, receptionsPlanned: 0 });
    const bTotal = (await t.request({ method: 'GET', url: `/api/v1/public/deputies?unitId=${stationB.id}` })).json().total as number;
    expect(b.score).toBe(r2(10 + 5 + 1 + r2(5 / bTotal)));
    expect(res.json().items[0].subjectId).toBe(stationA.id);
    expect(a).toMatchObject({ rank: 1, peerGroup: '街道', peerRank: 1 });
    expect((await t.request({ method: 'GET', url: '/api/v1/evaluations/default-station/results?period=2026-4', session: admin })).statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/v1/evaluations/nope/results?period=2026-04', session: admin })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: '/api/v1/evaluations/default-station/results?period=2026-04', session: dept })).statusCode).toBe(403);
  });

  it('红黑榜: no zero or idle station is honoured and no tie is split', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/evaluations/default-station/results?period=2026-04', session: supervisor });
    const body = res.json<{
      boardSize: number;
      items: Array<{ subjectId: string; peerGroup: string; score: number; board: string | null; boardNote: string | null; metrics: Record<string, number> }>;
    }>();
    expect(body.boardSize).toBe(3);
    // April is the scenario's month: station A worked, most stations of its group did nothing.
    expect(body.items.find((i) => i.subjectId === stationA.id)).toMatchObject({ board: 'red', boardNote: null });
    const red = body.items.filter((i) => i.board === 'red');
    expect(red.length).toBeGreaterThan(0);
    for (const r of red) expect(r.score, r.subjectId).toBeGreaterThan(0);
    const idle = body.items.filter((i) => i.score === 0);
    expect(idle.length).toBeGreaterThan(3);
    for (const i of idle) expect(i.board, i.subjectId).not.toBe('red');
    // Equal scores in one group always share the same board.
    for (const i of body.items) {
      const tied = body.items.filter((j) => j.peerGroup === i.peerGroup && j.score === i.score);
      expect(new Set(tied.map((j) => j.board)).size, `${i.peerGroup} ${i.score}`).toBe(1);
    }
    // The station's report carries the same place and the places per board.
    const report = (
      await t.request({ method: 'GET', url: `/api/v1/evaluations/default-station/stations/${stationA.id}/report?period=2026-04`, session: supervisor })
    ).json();
    expect(report).toMatchObject({ board: 'red', boardNote: null, boardSize: 3 });
  });

  it('deputy and department results equal the hand computation', async () => {
    const deputies = (await t.request({ method: 'GET', url: '/api/v1/evaluations/default-deputy/results?period=2026-04', session: admin })).json().items;
    const line = (id: string) => {
      const item = deputies.find((i: { subjectId: string }) => i.subjectId === id);
      return [item.score, item.breakdown.map((b: { indicator: string; points: number }) => `${b.indicator}:${b.points}`).join(' ')];
    };
    // d1: rostered 3, attended 2, absent once; one activity; opinions c3 (addressed to d1) and c1 (from the activity).
    expect(line(d1)).toEqual([48, 'attendance:20 activities:20 opinions:10 replyOnTime:0 satisfaction:0 suggestions:0 bonus:0 noShow:-2']);
    // d2: rostered 2, attended 1, absent once.
    expect(line(d2)).toEqual([13, 'attendance:15 activities:0 opinions:0 replyOnTime:0 satisfaction:0 suggestions:0 bonus:0 noShow:-2']);
    // d3: not rostered; one activity that brought in c1.
    expect(line(d3)).toEqual([25, 'attendance:0 activities:20 opinions:5 replyOnTime:0 satisfaction:0 suggestions:0 bonus:0 noShow:0']);

    const departments = (await t.request({ method: 'GET', url: '/api/v1/evaluations/default-department/results?period=2026-04', session: admin })).json().items;
    const z = departments.find((i: { subjectId: string }) => i.subjectId === zhujian);
    // 住建局: assigned c1 c2 c6; signed 2/2 on time; replied 1 of 2 on time; closed 1 of 3; returned/reopened 2 of 3;
    // rated 1 of 2 satisfied; overdue 1.
    expect(z.breakdown.map((b: { indicator: string; points: number }) => [b.indicator, b.points])).toEqual([
      ['signOnTime', 20],
      ['replyOnTime', 15],
      ['closureRate', r2(10 / 3)],
      ['returnReopen', r2(10 / 3)],
      ['satisfaction', 15],
      ['overduePenalty', -1],
      ['falseReport', 0],
    ]);
    expect(z.score).toBe(r2(20 + 15 + r2(10 / 3) + r2(10 / 3) + 15 - 1));
  });

  it('lists exactly the receptions, activities and cases of a deputy in the duty record', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/deputies/${d1}/duty?year=2026`, session: staffA });
    expect(res.statusCode, res.body).toBe(200);
    const duty = res.json();
    expect(duty.receptions.map((r: { id: string; attendance: string }) => [r.id, r.attendance])).toEqual([
      [receptionApr1, 'attended'],
      [receptionApr8, 'attended'],
      [receptionApr10, 'absent'],
    ]);
    expect(duty.activities.map((a: { id: string }) => a.id)).toEqual([activityA]);
    expect(duty.cases.map((c: { id: string; roles: string[] }) => [c.id, c.roles]).sort()).toEqual(
      [
        [cases.c1.id, ['collected']],
        [cases.c3.id, ['collected']],
      ].sort(),
    );
    expect(duty.points.total).toBe(2 * 5 - 3 + 3 + 2 * 1);
    // Another station's staff and other deputies may not read it.
    expect((await t.request({ method: 'GET', url: `/api/v1/deputies/${d1}/duty?year=2026`, session: staffB })).statusCode).toBe(403);
    const deputyDemo = await t.login('deputy-demo');
    deputyDemoSession = deputyDemo;
    expect((await t.request({ method: 'GET', url: `/api/v1/deputies/${d1}/duty?year=2026`, session: deputyDemo })).statusCode).toBe(403);
    // Changing the point rules changes the points.
    const rules = (await t.request({ method: 'GET', url: '/api/v1/duty/rules', session: admin })).json().items as Array<{ item: string; points: number }>;
    const changed = rules.map((r) => (r.item === 'reception_attended' ? { ...r, points: 10 } : r));
    expect((await t.request({ method: 'PUT', url: '/api/v1/duty/rules', session: admin, payload: { items: changed } })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: `/api/v1/deputies/${d1}/duty?year=2026`, session: admin })).json().points.total).toBe(2 * 10 - 3 + 3 + 2);
    expect((await t.request({ method: 'PUT', url: '/api/v1/duty/rules', session: staffA, payload: { items: changed } })).statusCode).toBe(403);
  });

  it('what-if weights reorder the ranking without touching the scheme or the published results', async () => {
    expect(
      (await t.request({ method: 'POST', url: '/api/v1/evaluations/default-station/publish', session: admin, payload: { period: '2026-04' } })).statusCode,
    ).toBe(200);
    const published = (await t.request({ method: 'GET', url: '/api/v1/evaluations/default-station/published?period=2026-04', session: supervisor })).json();
    const scheme = (await t.request({ method: 'GET', url: '/api/v1/evaluations/schemes/default-station', session: admin })).json();
    const before = (await t.request({ method: 'GET', url: '/api/v1/evaluations/default-station/results?period=2026-04', session: admin })).json();
    const weights = Object.fromEntries(scheme.definition.indicators.map((i: { key: string }) => [i.key, i.key === 'premises' ? 100 : 0]));
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/evaluations/default-station/what-if',
      session: supervisor,
      payload: { period: '2026-04', weights },
    });
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json();
    expect(w.current.slice(0, 2).map((r: { subjectId: string }) => r.subjectId)).toEqual([stationA.id, stationB.id]);
    // Premises only: B (inspection 10 → 100) overtakes A (8 → 80, plus bonus 5, minus 6).
    expect(w.proposed.slice(0, 2).map((r: { subjectId: string; score: number }) => [r.subjectId, r.score])).toEqual([
      [stationB.id, 100],
      [stationA.id, 79],
    ]);
    expect(w.moves.find((m: { subjectId: string }) => m.subjectId === stationA.id)).toMatchObject({ rankBefore: 1, rankAfter: 2 });
    const after = (await t.request({ method: 'GET', url: '/api/v1/evaluations/default-station/results?period=2026-04', session: admin })).json();
    expect(after).toEqual(before);
    expect((await t.request({ method: 'GET', url: '/api/v1/evaluations/schemes/default-station', session: admin })).json()).toEqual(scheme);
    expect((await t.request({ method: 'GET', url: '/api/v1/evaluations/default-station/published?period=2026-04', session: supervisor })).json()).toEqual(
      published,
    );
    expect(published.items.find((i: { subjectId: string }) => i.subjectId === stationA.id).score).toBe(before.items[0].score);
    const unknown = await t.request({
      method: 'POST',
      url: '/api/v1/evaluations/default-station/what-if',
      session: admin,
      payload: { period: '2026-04', weights: { nope: 1 } },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('results published before boards had notes still read, as published', async () => {
    const { items } = (await t.request({ method: 'GET', url: '/api/v1/evaluations/default-station/results?period=2026-04', session: admin })).json<{
      items: Array<Record<string, unknown>>;
    }>();
    const old = items.map(({ boardNote: _note, metrics: _metrics, ...r }) => r);
    await t.ctx.repos.evaluations.publish({
      schemeId: 'default-station',
      period: '2026-03',
      schemeVersion: 1,
      results: old,
      publishedBy: null,
      publishedAt: '2026-04-01T00:00:00.000Z',
    });
    const res = await t.request({ method: 'GET', url: '/api/v1/evaluations/default-station/published?period=2026-03', session: supervisor });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0]).toMatchObject({ subjectId: items[0].subjectId, board: items[0].board, boardNote: null });
  });

  it('exports the period report as XLSX with the same figures (audited)', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/evaluations/default-station/report.xlsx?period=2026-04', session: supervisor });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const results = (await t.request({ method: 'GET', url: '/api/v1/evaluations/default-station/results?period=2026-04', session: supervisor })).json();
    const ranking = wb.getWorksheet('排名')!;
    // The boards' rule is stated under the title, and a subject kept off a board says why.
    expect(ranking.getRow(3).getCell(1).value).toBe(`榜单规则：${boardRuleText(3, 'zh')}`);
    expect(ranking.getRow(5).values).toEqual([undefined, 1, stationA.name, '街道', 1, results.items[0].score, '红榜', '']);
    const zeroTie = results.items.findIndex((r: { boardNote: string | null }) => r.boardNote === 'tie_over_board');
    expect(zeroTie).toBeGreaterThan(0);
    expect(ranking.getRow(5 + zeroTie).getCell(7).value).toBe('并列超出名额，整组不上榜');
    const detail = wb.getWorksheet('得分明细')!;
    const rowsOfA: unknown[][] = [];
    detail.eachRow((row) => {
      const v = row.values as unknown[];
      if (v[1] === stationA.name) rowsOfA.push([v[3], v[6]]);
    });
    expect(rowsOfA).toEqual(results.items[0].breakdown.map((b: { label: string; points: number }) => [b.label, b.points]));
    expect((await t.ctx.repos.audit.list({ action: 'evaluation.export' })).total).toBe(1);
  });

  it('adopting new weights is an audited admin change that validates the definition', async () => {
    const scheme = (await t.request({ method: 'GET', url: '/api/v1/evaluations/schemes/default-station', session: admin })).json();
    const definition = {
      ...scheme.definition,
      // Ten points move from the rota to the premises: the total stays 100.
      indicators: scheme.definition.indicators.map((i: { key: string; weight: number }) =>
        i.key === 'premises' ? { ...i, weight: 20 } : i.key === 'receptionRate' ? { ...i, weight: 0 } : i,
      ),
    };
    const put = (session: Session, body: Record<string, unknown>) =>
      t.request({ method: 'PUT', url: '/api/v1/evaluations/schemes/default-station', session, payload: body });
    expect((await put(staffA, { name: scheme.name, definition, active: true })).statusCode).toBe(403);
    const bad = await put(admin, { name: scheme.name, definition: { ...definition, indicators: [{ ...definition.indicators[0], weight: -5 }] }, active: true });
    expect(bad.statusCode).toBe(400);
    // Weights that no longer add up to 100 are refused, naming the indicators.
    const skewed = { ...definition, indicators: definition.indicators.map((i: { key: string }) => (i.key === 'premises' ? { ...i, weight: 30 } : i)) };
    const over = await put(admin, { name: scheme.name, definition: skewed, active: true });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.details).toEqual([expect.objectContaining({ path: 'definition.indicators', code: 'weights_sum' })]);
    const ok = await put(admin, { name: scheme.name, definition, active: true, expectedVersion: scheme.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: scheme.version + 1, totalWeight: 100 });
    expect((await put(admin, { name: scheme.name, definition, active: true, expectedVersion: scheme.version })).statusCode).toBe(409);
    const audit = await t.ctx.repos.audit.list({ action: 'evaluation_scheme.update', entityId: 'default-station' });
    expect(audit.total).toBe(1);
    expect(audit.items[0].actorName).toBe('admin');
  });

  it('flags gaming signals for supervisors only, without phone numbers', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/evaluations/signals?period=2026-04', session: supervisor });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ kind: string; cases: Array<{ id: string }>; phone: string | null; unitId: string }>;
    const ids = (k: string) => items.filter((i) => i.kind === k).map((i) => i.cases.map((c) => c.id).sort());
    expect(ids('quick_rating')).toEqual([[cases.c3.id], [cases.c1.id]].sort());
    expect(ids('phone_many_ratings')).toEqual([[cases.c1.id, cases.c2.id, cases.c3.id].sort()]);
    // c1–c3 came from one phone within a day, in the same (empty) category.
    expect(ids('split_cases')).toEqual([[cases.c1.id, cases.c2.id, cases.c3.id].sort()]);
    expect(JSON.stringify(items)).not.toContain('13700001111');
    expect(items.find((i) => i.kind === 'phone_many_ratings')).toMatchObject({ phone: '号码#1', unitId: stationA.id });
    expect((await t.request({ method: 'GET', url: '/api/v1/evaluations/signals?period=2026-04', session: staffA })).statusCode).toBe(403);
  });

  it('reminds rostered deputies once before their reception', async () => {
    const me = deputyDemoSession.user.scope.deputyId as string;
    const rule = await t.request({
      method: 'POST',
      url: '/api/v1/reception-rules',
      session: admin,
      payload: { unitId: stationA.id, kind: 'once', date: '2026-04-21', startTime: '09:00', endTime: '11:00', deputyIds: [me], validFrom: '2026-04-20' },
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const deputyUser = (await t.ctx.repos.users.findByUsername('deputy-demo'))!;
    const inbox = async () => (await t.ctx.repos.notifications.list(deputyUser.id)).items.filter((n) => n.kind === 'reception.reminder');
    t.clock.set(at('20', '08:00'));
    await t.ctx.receptions.sendReminders();
    expect(await inbox()).toHaveLength(0); // more than 24 hours ahead
    t.clock.set(at('20', '10:00'));
    await t.ctx.receptions.sendReminders();
    await t.ctx.receptions.sendReminders();
    const got = await inbox();
    expect(got).toHaveLength(1);
    expect(got[0].title).toContain('2026-04-21 09:00');
  });
});
