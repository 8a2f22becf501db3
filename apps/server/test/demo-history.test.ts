/**
 * Issue #15 item 19, a lived-in demo: a year of history on a fresh demo install, on both
 * databases (at a reduced size; `lianxin start` loads LIANXIN_DEMO_CASES, 4000 by default). Cases
 * spread over the year, the stations and the channels, most closed and rated, some open, overdue
 * and supervised now; every case's events replay through the pure workflow with the deployment's
 * time limits, and every chain verifies; the cockpit's figures equal the case list's; suggestions
 * and motions stand at every stage; the 民生实事 round is finished with secret ballots that recount
 * to its result; KPI reports, an issue closed with evidence and an overdue one; receptions with
 * attendance and activities; published evaluations with red and black boards; notifications and
 * pending jobs. Refused outside demo mode; loaded once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDialects } from '@lianxin/storage/testing';
import { ACCEPTED_STATUSES } from '@lianxin/storage';
import { openCase, transition, type CaseAction, type CaseActor, type CaseEvent, type CaseRating, type CaseSnapshot, type EscalationLevel } from '@lianxin/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../src/audit/audit-verify';
import { seedDemo, seedDemoHistory, type DemoHistoryReport } from '../src/demo/history/demo-history';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();
const CASES = 600;

describe.each(dialects)('the demo’s year of history on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  let report: DemoHistoryReport;
  let admin: Session;

  const get = async (session: Session, url: string) => {
    const res = await t.request({ method: 'GET', url, session });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const total = async (session: Session, query: Record<string, string>) =>
    (await get(session, `/api/v1/cases?${new URLSearchParams({ ...query, pageSize: '1' }).toString()}`)).total as number;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-demo-history-'));
    t = await createTestApp(dialect, { dataDir, demoCases: CASES });
    report = (await seedDemoHistory(t.ctx, { cases: CASES }))!;
    admin = await t.login('admin');
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is refused outside demo mode and loaded only once', async () => {
    expect(report).not.toBeNull();
    expect(await seedDemoHistory(t.ctx, { cases: CASES })).toBeNull();
    expect(await seedDemo(t.ctx)).toEqual({ seeded: false, history: null });
    expect(await total(admin, {})).toBe(CASES);
    const off = t.ctx.withClock(t.clock);
    (off as { config: typeof off.config }).config = { ...off.config, demo: false };
    await expect(seedDemoHistory(off, { cases: 10 })).rejects.toMatchObject({ code: 'ACTION_NOT_ALLOWED' });
  });

  it('spreads the cases over the year, the stations and the channels; most closed and rated, some open, overdue, supervised now', async () => {
    const units = (await get(admin, '/api/v1/public/units')) as Array<{ id: string; kind: string }> | { items: Array<{ id: string; kind: string }> };
    const stations = (Array.isArray(units) ? units : units.items).filter((u) => u.kind === 'station');
    expect(stations).toHaveLength(24);
    const overview = await get(admin, '/api/v1/stats/overview');
    expect(overview.received).toBe(CASES);
    expect(overview.closed / CASES).toBeGreaterThan(0.8);
    expect(overview.rated / CASES).toBeGreaterThan(0.6);
    expect(overview.satisfactionRate).toBeGreaterThan(0.8);
    expect(overview.onTimeRate).toBeGreaterThan(0.7);
    expect(overview.onTimeRate).toBeLessThan(1);
    expect(overview.overdue).toBeGreaterThan(0);
    expect(overview.supervised).toBeGreaterThan(0);
    expect(overview.received - overview.closed).toBeGreaterThan(0);
    // Every station has opinions; the city centre more than the island township.
    const byUnit = new Map((overview.byUnit as Array<{ id: string; received: number }>).map((l) => [l.id, l.received]));
    const underStation = await Promise.all(stations.map((s) => total(admin, { underUnitId: s.id })));
    expect(underStation.every((n) => n > 0)).toBe(true);
    expect(underStation.reduce((a, b) => a + b, 0)).toBe(CASES);
    expect(byUnit.size).toBeGreaterThan(24);
    const channels = new Set((overview.byChannel as Array<{ id: string }>).map((l) => l.id));
    for (const channel of ['online', 'qr', 'walk_in', 'phone', 'deputy_visit']) expect(channels, channel).toContain(channel);
    // About a year, month by month (the trend is monthly over a year).
    const months = (overview.trend as Array<{ period: string; received: number }>).filter((b) => b.received > 0);
    expect(months.length).toBeGreaterThanOrEqual(12);
    // Offline opinions were entered by the station's officer; QR ones came from a poster at a station or point.
    const walkIn = (await get(admin, '/api/v1/cases?channel=walk_in&pageSize=1')).items[0];
    const walkInDetail = await get(admin, `/api/v1/cases/${walkIn.id}`);
    expect(walkInDetail.events[0]).toMatchObject({ type: 'submitted', actorKind: 'user' });
    // Citizens can follow their opinion with the code and their phone's last four digits.
    const withPhone = (await t.ctx.repos.cases.list({ all: true }, { pageSize: 50 })).items.find((c) => c.reporterPhoneEnc)!;
    const phone = t.ctx.cipher.decrypt(withPhone.reporterPhoneEnc)!;
    const tracked = await t.request({ method: 'GET', url: `/api/v1/public/opinions/${withPhone.trackingCode}?verify=${phone.slice(-4)}` });
    expect(tracked.statusCode, tracked.body).toBe(200);
  });

  it('stores for every case the events the workflow produces with the deployment’s time limits, in verified chains', async () => {
    const verified = await verifyAuditChains(t.ctx.repos);
    expect(verified).toMatchObject({ ok: true, cases: CASES });
    const calendar = await t.ctx.calendars.current();
    const settings = await t.ctx.calendars.workflowSettings();
    const paths = new Set<string>();
    for (let page = 1; ; page++) {
      const list = await t.ctx.repos.cases.list({ all: true }, { page, pageSize: 200 });
      for (const c of list.items) {
        const stored = await t.ctx.repos.cases.events(c.id);
        const first = stored[0];
        const citizen: CaseActor = { kind: 'citizen', caseId: c.id };
        const actorOf = (e: (typeof stored)[number]): CaseActor => {
          if (e.actorKind === 'citizen') return citizen;
          if (e.actorKind === 'system') return { kind: 'system', name: (e.actorId ?? '').replace(/^system:/, '') };
          return { userId: e.actorId!, roles: [], scope: {} };
        };
        const opened = openCase(
          { id: c.id, unitPath: c.unitPath!, categoryId: c.categoryId, kind: c.kind, targetDeputyId: c.targetDeputyId, payload: first.payload },
          first.actorKind === 'citizen' ? citizen : { ...actorOf(first), roles: ['staff'], scope: { unitPath: c.unitPath! } },
          new Date(first.at),
          calendar,
          settings,
        );
        let snapshot: CaseSnapshot = opened.case;
        const replayed: CaseEvent[] = [...opened.events];
        while (replayed.length < stored.length) {
          const e = stored[replayed.length];
          const p = e.payload;
          const text = (k: string) => (typeof p[k] === 'string' ? p[k] : undefined);
          const roles: Record<string, CaseActor> = {
            staff: { userId: e.actorId!, roles: ['admin'], scope: {} },
            handler: { userId: e.actorId!, roles: ['department'], scope: { departmentId: snapshot.departmentId ?? undefined } },
          };
          const action: CaseAction = (
            {
              accept: { type: 'accept', categoryId: text('categoryId'), kind: text('kind') },
              reject: { type: 'reject', reason: e.reason ?? '', guidance: text('guidance') },
              answer_on_site: { type: 'answer_on_site', content: text('content') ?? '' },
              assign: { type: 'assign', departmentId: text('departmentId') },
              sign: { type: 'sign' },
              reply: { type: 'reply', content: text('content') ?? '' },
              request_extension: { type: 'request_extension', days: Number(p.requestedDays ?? p.days), reason: e.reason ?? '' },
              approve_extension: { type: 'approve_extension', reason: e.reason ?? undefined },
              rate: { type: 'rate', rating: p.rating as CaseRating, ...(text('comment') ? { comment: text('comment') } : {}) },
              close: { type: 'close', reason: e.reason ?? undefined },
              urge: { type: 'urge', note: text('note') ?? '', ...(e.actorKind === 'system' ? { level: p.level as EscalationLevel } : {}) },
              supervise: { type: 'supervise', note: text('note') ?? '', ...(e.actorKind === 'system' ? { level: p.level as EscalationLevel } : {}) },
            } as Record<string, CaseAction>
          )[e.type];
          expect(action, `${c.id}: ${e.type}`).toBeDefined();
          const actor = e.actorKind !== 'user' ? actorOf(e) : ['sign', 'reply', 'request_extension'].includes(e.type) ? roles.handler : roles.staff;
          const r = transition(snapshot, action, actor, new Date(e.at), calendar, settings);
          snapshot = r.case;
          replayed.push(...r.events);
        }
        const project = (e: CaseEvent | (typeof stored)[number]) => ({ type: e.type, from: e.fromStatus, to: e.toStatus, at: e.at, payload: e.payload });
        expect(replayed.map(project), c.id).toEqual(stored.map(project));
        expect(snapshot.status, c.id).toBe(c.status);
        expect(snapshot.supervised, c.id).toBe(c.supervised);
        paths.add(stored.map((e) => e.type).join('>'));
      }
      if (list.items.length < 200) break;
    }
    // Rejections, on-the-spot answers, 不满意 loops, unrated closes, extensions and escalations are there.
    expect(paths.size).toBeGreaterThanOrEqual(10);
    expect([...paths].some((p) => p.includes('urge'))).toBe(true);
    expect([...paths].some((p) => p.includes('reassigned'))).toBe(true);
  });

  it('shows on the cockpit the case list’s figures, for the city and for a station’s officer', async () => {
    const staff = await t.login('staff-tangxia');
    const tangxia = staff.user.scope.unitId!;
    const year = `${new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 4)}-01-01`;
    for (const [session, filters] of [
      [admin, [{}, { from: year }, { channel: 'qr' }, { underUnitId: tangxia }]],
      [staff, [{}, { from: year }]],
    ] as Array<[Session, Array<Record<string, string>>]>) {
      for (const f of filters) {
        const o = await get(session, `/api/v1/stats/overview?${new URLSearchParams(f).toString()}`);
        const label = `${session.user.username} ${JSON.stringify(f)}`;
        expect(o.received, label).toBeGreaterThan(0);
        expect({ received: o.received, accepted: o.accepted, closed: o.closed, overdue: o.overdue, supervised: o.supervised }, label).toEqual({
          received: await total(session, f),
          accepted: await total(session, { ...f, status: ACCEPTED_STATUSES.join(',') }),
          closed: await total(session, { ...f, status: 'closed' }),
          overdue: await total(session, { ...f, overdue: '1' }),
          supervised: await total(session, { ...f, worklist: 'supervised' }),
        });
      }
    }
    // The public transparency page (/m/open) counts the same cases.
    const open = (await t.request({ method: 'GET', url: `/api/v1/public/transparency?from=${year}` })).json();
    expect(open.received).toBe(await total(admin, { from: year }));
    expect(open.closed).toBe(await total(admin, { from: year, status: 'closed' }));
    const published = (await t.request({ method: 'GET', url: '/api/v1/public/transparency/cases' })).json();
    expect(published.total).toBeGreaterThan(0);
  });

  it('has suggestions and motions at every stage, two under key supervision with KPI reports and issue lists', async () => {
    const list = await get(admin, '/api/v1/suggestions?pageSize=100');
    const statuses = new Set((list.items as Array<{ status: string }>).map((p) => p.status));
    for (const s of ['draft', 'submitted', 'registered', 'assigned', 'answered', 'follow_up', 'closed', 'rejected', 'withdrawn'])
      expect(statuses, s).toContain(s);
    const types = new Set((list.items as Array<{ type: string }>).map((p) => p.type));
    expect([...types].sort()).toEqual(['motion', 'suggestion']);
    const key = (list.items as Array<{ id: string; keyLeader: string | null }>).filter((p) => p.keyLeader);
    expect(key).toHaveLength(2);
    for (const p of key) {
      const kpis = await get(admin, `/api/v1/suggestions/${p.id}/indicators`);
      expect(kpis.items.length).toBeGreaterThanOrEqual(2);
      expect(kpis.reports.length).toBeGreaterThan(kpis.items.length);
      const issues = await get(admin, `/api/v1/suggestions/${p.id}/issues`);
      expect((issues.items as Array<{ status: string }>).some((i) => i.status === 'closed')).toBe(true);
    }
    const overdue = await get(admin, '/api/v1/issues/overdue');
    expect(overdue.items.length).toBeGreaterThan(0);
    expect(report.proposals.closed).toBeGreaterThan(0);
  });

  it('has a finished 民生实事 round whose published secret ballots recount to its result, and an open one', async () => {
    const rounds = (await get(admin, '/api/v1/voting/rounds')).items as Array<{ id: string; phase: string }>;
    const finished = rounds.find((r) => r.phase === 'finished')!;
    expect(finished).toBeDefined();
    expect(rounds.some((r) => r.phase === 'commenting')).toBe(true);
    for (const [phase, cast] of [
      ['selection', report.ballots.selection],
      ['satisfaction', report.ballots.satisfaction],
    ] as const) {
      const audit = (await t.request({ method: 'GET', url: `/api/v1/public/voting/rounds/${finished.id}/ballots?phase=${phase}` })).json();
      expect(audit.ballots.length, phase).toBe(cast);
      expect(audit.voted, phase).toBe(cast);
      expect(audit.reproducible, phase).toBe(true);
      // Secret: a ballot is its hash, choices and nonce; nothing names the voter.
      for (const b of audit.ballots.slice(0, 5)) expect(Object.keys(b).sort()).toEqual(['choices', 'hash', 'nonce']);
    }
    expect(report.ballots.selection).toBeGreaterThan(100);
  });

  it('has a year of receptions with attendance, activities, published boards, notifications and pending timers', async () => {
    expect(report.receptions).toBeGreaterThan(24 * 40);
    expect(report.activities).toBeGreaterThanOrEqual(24 * 3);
    const activities = await get(admin, '/api/v1/activities?pageSize=1');
    expect(activities.total).toBe(report.activities + 4); // plus the organisation seed's four
    const station = report.published['default-station'];
    expect(station.length).toBeGreaterThanOrEqual(6);
    const board = await get(admin, `/api/v1/evaluations/default-station/published?period=${station.at(-2)}`);
    expect(board.items).toHaveLength(24);
    const boards = new Set((board.items as Array<{ board: string | null }>).map((i) => i.board));
    expect(boards).toContain('red');
    expect(boards).toContain('black');
    const deputy = await t.login('deputy-demo');
    const duty = await get(deputy, `/api/v1/deputies/${deputy.user.scope.deputyId}/duty`);
    expect(duty.receptions.length + duty.activities.length).toBeGreaterThan(0);
    const inbox = await get(admin, '/api/v1/notifications');
    expect(inbox.items.length).toBeGreaterThan(0);
    expect(report.cases.jobs).toBeGreaterThan(0);
    // Every station has an officer and every department a handler, all fictional.
    const users = await get(admin, '/api/v1/users?pageSize=500');
    expect((users.items as Array<{ roles: string[] }>).filter((u) => u.roles.includes('staff')).length).toBeGreaterThanOrEqual(24);
    expect(errorCode(await t.request({ method: 'GET', url: '/api/v1/suggestions/nope', session: admin }))).toBe('RESOURCE_NOT_FOUND');
  });
});
