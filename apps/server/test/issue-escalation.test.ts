/**
 * Escalation of overdue issue-list items (限时销号) on both databases, on the injected clock:
 * overdue → a notice to the owning department and the office; `issueEscalationWorkdays`
 * working days overdue → marked escalated for the supervising leader. Each step is audited
 * and notified exactly once however often (or concurrently) the daily scan runs.
 */
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposalJobs } from '../src/proposals/proposal-jobs';
import { createTestApp, type Session, type TestApp } from './support';

const dialects = await testDialects();

describe.each(dialects)('issue-list escalation on %s', (dialect) => {
  let t: TestApp;
  let office: Session;
  let dept: Session;
  let proposalId: string;
  let friday: string;
  let tuesday: string;
  // The handler the daily schedule runs; it reads the time from the injected clock, not from its job context.
  const scan = () => proposalJobs(t.ctx)['issue.overdue_scan'].handler({}, {} as never);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    office = await t.login('supervisor');
    const deputy = await t.login('deputy-demo');
    dept = await t.login('dept-zhujian');
    const act = async (session: Session, action: string, body: Record<string, unknown> = {}) => {
      const current = (await t.request({ method: 'GET', url: `/api/v1/suggestions/${proposalId}`, session })).json();
      const res = await t.request({
        method: 'POST',
        url: `/api/v1/suggestions/${proposalId}/actions/${action}`,
        session,
        payload: { expectedVersion: current.proposal.version, ...body },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/suggestions',
      session: deputy,
      payload: { type: 'suggestion', title: '关于加快老旧小区改造的建议', body: '建议加快改造进度。' },
    });
    proposalId = created.json().proposal.id;
    await act(deputy, 'submit');
    await act(office, 'register');
    await act(office, 'assign', { leadUnitId: dept.user.scope.departmentId });
    await act(office, 'designate_key', { leader: '王副市长' });
    const admin = await t.login('admin');
    const settings = await t.request({ method: 'PATCH', url: '/api/v1/suggestion-settings', session: admin, payload: { issueEscalationWorkdays: 3 } });
    expect(settings.json().issueEscalationWorkdays).toBe(3);
    const add = async (title: string, dueDate: string) => {
      const res = await t.request({
        method: 'POST',
        url: `/api/v1/suggestions/${proposalId}/issues`,
        session: office,
        payload: { title, dueDate, departmentId: dept.user.scope.departmentId },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    friday = await add('完成首批小区设计方案', '2026-03-06'); // a Friday
    tuesday = await add('落实改造资金', '2026-03-03'); // a Tuesday
    await add('完成全部改造', '2026-06-30');
  });
  afterAll(async () => {
    await t?.close();
  });

  const audits = async () =>
    (await t.storage.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity', '=', 'issue').where('action', 'like', 'issue.%').execute())
      .filter((r) => r.action === 'issue.overdue_notice' || r.action === 'issue.escalate')
      .map((r) => `${r.action}:${r.entity_id === friday ? 'friday' : 'tuesday'}`)
      .sort();
  const inbox = async (kind: string) =>
    (await t.storage.db.selectFrom('notifications').select(['user_id', 'body']).where('kind', '=', kind).execute()).map((n) => n.body).sort();
  // Sessions expire as the clock jumps days ahead: sign in afresh for each look.
  const overdueList = async (username: string) =>
    (await t.request({ method: 'GET', url: '/api/v1/issues/overdue', session: await t.login(username) })).json().items as Array<{
      id: string;
      escalated: boolean;
      overdue: boolean;
      proposalTitle: string;
    }>;

  it('does nothing while items are on time', async () => {
    t.clock.set('2026-03-03T12:00:00.000Z'); // Tuesday 20:00 in China: the Tuesday item is due tonight
    await scan();
    expect(await audits()).toEqual([]);
    expect(await overdueList('supervisor')).toEqual([]);
  });

  it('notices an overdue item, and escalates one overdue for 3 working days, each step once', async () => {
    t.clock.set('2026-03-07T02:00:00.000Z'); // Saturday: Friday's item 0 working days over, Tuesday's 3
    await scan();
    await scan();
    await Promise.all([scan(), scan()]);
    expect(await audits()).toEqual(['issue.escalate:tuesday', 'issue.overdue_notice:friday', 'issue.overdue_notice:tuesday']);
    // One notice per person and step: the department's account and the office.
    expect(await inbox('issue.overdue_notice')).toEqual(['完成首批小区设计方案', '完成首批小区设计方案', '落实改造资金', '落实改造资金']);
    expect(await inbox('issue.escalate')).toEqual(['落实改造资金（督办领导：王副市长）', '落实改造资金（督办领导：王副市长）']);

    const list = await overdueList('supervisor');
    expect(list.map((i) => [i.id, i.escalated, i.proposalTitle])).toEqual([
      [tuesday, true, '关于加快老旧小区改造的建议'],
      [friday, false, '关于加快老旧小区改造的建议'],
    ]);
    expect((await overdueList('dept-zhujian')).map((i) => i.id)).toEqual([tuesday, friday]);
    expect(await overdueList('deputy-demo')).toEqual([]);
  });

  it('escalates the other item on its third working day over, once', async () => {
    t.clock.set('2026-03-10T08:00:00.000Z'); // Tuesday: 2 working days over
    await scan();
    expect((await audits()).filter((a) => a.startsWith('issue.escalate'))).toEqual(['issue.escalate:tuesday']);
    t.clock.set('2026-03-11T02:00:00.000Z'); // Wednesday: 3
    await Promise.all([scan(), scan()]);
    await scan();
    expect((await audits()).filter((a) => a.startsWith('issue.escalate'))).toEqual(['issue.escalate:friday', 'issue.escalate:tuesday']);
    const items = (await t.request({ method: 'GET', url: `/api/v1/suggestions/${proposalId}/issues`, session: await t.login('supervisor') })).json().items;
    expect(items.map((i: { id: string; escalated: boolean; escalationStep: number }) => [i.id, i.escalated, i.escalationStep])).toEqual([
      [tuesday, true, 2],
      [friday, true, 2],
      [expect.any(String), false, 0],
    ]);
  });
});
