/**
 * Console pages around suggestions and key supervision (issue #6): the admin settings page
 * (co-signers a motion needs and time limits), linking and unlinking opinions after
 * drafting, closing an issue item only with uploaded evidence, and escalated items in red.
 */
import { act } from 'react';
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import type { IssueItem, ProposalView } from '../console/proposals/proposals-api';
import { audit } from './axe-audit';
import { byTestId, calls, click, mockFetch, render, setInput, wait } from './dom-helpers';
import { policyPermissions } from './policy-session';

const now = '2026-03-02T02:00:00Z';

function login(roles: string[], scope: Partial<LoginResponse['user']['scope']> = {}): LoginResponse {
  return {
    user: {
      id: 'u1',
      username: roles[0],
      displayName: '测试用户',
      roles: roles as LoginResponse['user']['roles'],
      scope: { unitId: null, departmentId: null, deputyId: null, ...scope },
      permissions: policyPermissions(roles, scope),
    },
    csrfToken: 'tok-1',
  };
}

const SETTINGS = {
  motionMinCosigners: 9,
  suggestionMinCosigners: 0,
  withdrawWorkdays: 7,
  answerMonths: 3,
  extendedAnswerMonths: 6,
  rehandleMonths: 1,
  warningWorkdays: 10,
  issueEscalationWorkdays: 3,
};

function draft(version: number, cases: ProposalView['cases']): ProposalView {
  return {
    proposal: {
      id: 'p1',
      type: 'suggestion',
      typeLabel: '建议',
      status: 'draft',
      statusLabel: '草稿',
      number: null,
      year: 2026,
      title: '关于完善社区养老服务的建议',
      leadDeputy: { id: 'd1', name: '某甲' },
      leadUnit: null,
      answerClass: null,
      rating: null,
      answerDueAt: null,
      clock: null,
      keyLeader: null,
      supervised: false,
      createdAt: now,
      version,
      body: '社区养老服务设施不足。',
      answerContent: null,
      answerClassLabel: null,
      ratingComment: null,
      followUpContent: null,
      withdrawDueAt: null,
      submittedAt: null,
      closedAt: null,
      assignedAt: null,
      answeredAt: null,
      unsatisfiedCount: 0,
      withdrawal: { status: 'none', departmentId: null, reason: null },
      extension: { status: 'none', departmentId: null, reason: null },
      cosigners: [],
      coUnits: [],
    },
    missingCosigners: 0,
    cases,
    events: [{ id: 'e1', type: 'created', fromStatus: null, toStatus: 'draft', actorName: 'deputy-demo', at: now, reason: null, payload: {}, hash: 'h1' }],
    allowedActions: ['edit', 'invite', 'link_cases', 'unlink_cases', 'submit', 'note'],
  };
}

const session = (body: LoginResponse) => (p: string) => {
  if (p === '/api/v1/me') return { status: 200, body };
  if (p === '/api/v1/notifications') return { status: 200, body: { items: [], total: 0, unread: 0 } };
  return undefined;
};

test('settings page: an admin sees the stored values (9 co-signers by default) and saves changes', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/proposal-settings');
  let stored = { ...SETTINGS };
  const base = session(login(['admin']));
  mockFetch((method, url, body) => {
    if (url.pathname === '/api/v1/suggestion-settings') {
      if (method === 'PATCH') stored = { ...stored, ...(body as typeof SETTINGS) };
      return { status: 200, body: stored };
    }
    return base(url.pathname);
  });
  await render(<ConsoleApp />);

  await wait(() => expect(byTestId<HTMLInputElement>('setting-motionMinCosigners').value).toBe('9'));
  expect(byTestId('nav-proposal-settings').textContent).toBe('建议议案设置');
  expect(document.body.textContent).toContain('议案所需联名代表人数');
  setInput(byTestId<HTMLInputElement>('setting-motionMinCosigners'), '5');
  setInput(byTestId<HTMLInputElement>('setting-issueEscalationWorkdays'), '4');
  await act(async () => byTestId('settings-save').click());
  await wait(() =>
    expect(calls.find((c) => c.method === 'PATCH' && c.path === '/api/v1/suggestion-settings')?.body).toEqual({
      ...SETTINGS,
      motionMinCosigners: 5,
      issueEscalationWorkdays: 4,
    }),
  );
  await wait(() => expect(document.body.textContent).toContain('设置已保存'));
  expect(await audit('proposal settings')).toEqual([]);
});

test('settings page: not in the menu and not reachable for a deputy', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/proposal-settings');
  const base = session(login(['deputy'], { deputyId: 'd1' }));
  mockFetch((_method, url) => base(url.pathname));
  await render(<ConsoleApp />);
  await wait(() => byTestId('nav-proposals'));
  expect(document.querySelector('[data-testid="nav-proposal-settings"]')).toBeNull();
  expect(document.querySelector('[data-testid="setting-motionMinCosigners"]')).toBeNull();
});

test('proposal page: search opinions by tracking code, link the ticked ones, unlink one', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/proposals/p1');
  const c1 = { id: 'c1', trackingCode: 'K7QX-M4RT-9P', title: '养老食堂太少', status: 'accepted' };
  const c2 = { id: 'c2', trackingCode: 'H3JD-8WQE-2K', title: '增加日间照料中心', status: 'accepted' };
  let current = draft(2, [c1]);
  const base = session(login(['deputy'], { deputyId: 'd1' }));
  mockFetch((method, url, body) => {
    const p = url.pathname;
    if (p === '/api/v1/suggestions/p1') return { status: 200, body: current };
    if (p === '/api/v1/cases' && url.searchParams.get('q') === 'H3JD') return { status: 200, body: { items: [c1, c2], total: 2 } };
    if (p === '/api/v1/suggestions/p1/actions/link_cases' && method === 'POST') {
      current = draft(3, [c1, c2]);
      return { status: 200, body: current };
    }
    if (p === '/api/v1/suggestions/p1/actions/unlink_cases' && method === 'POST') {
      const gone = (body as { caseIds: string[] }).caseIds;
      current = draft(
        4,
        current.cases.filter((c) => !gone.includes(c.id)),
      );
      return { status: 200, body: current };
    }
    return base(p);
  });
  await render(<ConsoleApp />);

  await wait(() => byTestId('proposal-link-cases'));
  expect(document.querySelector('[data-testid="proposal-action-unlink_cases"]')).toBeNull();
  click(byTestId('proposal-link-cases'));
  const search = await wait(() => document.querySelector<HTMLInputElement>('input[aria-label="按查询码或标题搜索民意件"]')!);
  setInput(search, 'H3JD');
  act(() => {
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13, bubbles: true }));
  });
  // The one already linked is not offered again.
  await wait(() => expect(byTestId('link-cases-results').textContent).toContain('H3JD-8WQE-2K'));
  expect(byTestId('link-cases-results').textContent).not.toContain('K7QX-M4RT-9P');
  expect(await audit('link opinions dialog')).toEqual([]);
  click(byTestId('link-cases-results').querySelector('input[type="checkbox"]')!);
  await act(async () => byTestId('link-cases-ok').click());
  await wait(() => expect(calls.find((c) => c.path === '/api/v1/suggestions/p1/actions/link_cases')?.body).toEqual({ expectedVersion: 2, caseIds: ['c2'] }));
  await wait(() => expect(byTestId('proposal-cases').textContent).toContain('增加日间照料中心'));

  await act(async () => byTestId('proposal-unlink-c1').click());
  await wait(() => expect(calls.find((c) => c.path === '/api/v1/suggestions/p1/actions/unlink_cases')?.body).toEqual({ expectedVersion: 3, caseIds: ['c1'] }));
  await wait(() => expect(byTestId('proposal-cases').textContent).not.toContain('K7QX-M4RT-9P'));
});

function issue(extra: Partial<IssueItem>): IssueItem {
  return {
    id: 'i1',
    proposalId: 'p1',
    title: '落实改造资金',
    departmentId: null,
    dueAt: '2026-02-27T15:59:59.999Z',
    status: 'open',
    evidence: null,
    evidenceAttachmentIds: [],
    evidenceFiles: [],
    closedAt: null,
    closedBy: null,
    createdAt: '2026-02-01T01:00:00.000Z',
    escalationStep: 1,
    escalatedAt: null,
    overdue: true,
    escalated: false,
    closedLate: false,
    version: 1,
    ...extra,
  };
}

test('key item page: escalated items in red; an item closes only with an uploaded evidence file, listed for download', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/supervision/p1');
  let items = [issue({ escalated: true }), issue({ id: 'i2', title: '完成设计方案', overdue: false, dueAt: '2026-03-31T15:59:59.999Z' })];
  const base = session(login(['department'], { departmentId: 'dep1' }));
  mockFetch((method, url, body) => {
    const p = url.pathname;
    if (p === '/api/v1/suggestions/p1') return { status: 200, body: { ...draft(5, []), proposal: { ...draft(5, []).proposal, status: 'assigned' } } };
    if (p === '/api/v1/suggestions/p1/indicators') return { status: 200, body: { items: [], overallProgress: 0, reports: [] } };
    if (p === '/api/v1/suggestions/p1/issues') return { status: 200, body: { items } };
    if (p === '/api/v1/attachments' && method === 'POST')
      return { status: 201, body: { id: 'f1', mime: 'application/pdf', size: 2048, width: null, height: null } };
    if (p === '/api/v1/issues/i2/close' && method === 'POST') {
      const b = body as { evidence: string; attachmentIds: string[] };
      const file = { id: 'f1', mime: 'application/pdf', size: 2048, originalName: '批复.pdf', url: '/api/v1/issues/i2/evidence/f1' };
      items = [items[0], { ...items[1], status: 'closed', evidence: b.evidence, evidenceFiles: [file], closedAt: now, version: 2 }];
      return { status: 200, body: items[1] };
    }
    return base(p);
  });
  await render(<ConsoleApp />);

  await wait(() => expect(byTestId('issue-escalated-i1').textContent).toBe('已升级督办'));
  click(byTestId('issue-close-i2'));
  const evidence = await wait(() => byTestId<HTMLTextAreaElement>('issue-evidence'));
  setInput(evidence, '设计方案已通过评审并批复');
  await act(async () => byTestId('issue-close-ok').click());
  await wait(() => expect(document.body.textContent).toContain('请至少上传一份证据材料'));
  expect(calls.some((c) => c.path === '/api/v1/issues/i2/close')).toBe(false);

  const input = document.querySelector<HTMLInputElement>('.ant-modal input[type="file"]')!;
  Object.defineProperty(input, 'files', { value: [new File(['%PDF-1.4 %%EOF'], '批复.pdf', { type: 'application/pdf' })], configurable: true });
  act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await wait(() => expect(calls.find((c) => c.method === 'POST' && c.path === '/api/v1/attachments')?.body).toBeInstanceOf(FormData));
  await wait(() => expect(document.querySelector('.ant-upload-list-item-done')).not.toBeNull());
  expect(await audit('close issue dialog')).toEqual([]);
  await act(async () => byTestId('issue-close-ok').click());
  await wait(() =>
    expect(calls.find((c) => c.path === '/api/v1/issues/i2/close')?.body).toEqual({
      expectedVersion: 1,
      evidence: '设计方案已通过评审并批复',
      attachmentIds: ['f1'],
    }),
  );
  await wait(() => expect(byTestId('issue-files-i2').querySelector('a')?.getAttribute('href')).toBe('/api/v1/issues/i2/evidence/f1'));
  expect(byTestId('issue-files-i2').textContent).toContain('批复.pdf');
});

test('supervision page: the overdue list shows escalated items first with a red tag', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/supervision');
  const base = session(login(['supervisor']));
  mockFetch((_method, url) => {
    const p = url.pathname;
    if (p === '/api/v1/suggestions') return { status: 200, body: { items: [], total: 0 } };
    if (p === '/api/v1/issues/overdue')
      return {
        status: 200,
        body: {
          items: [
            { ...issue({ escalated: true }), proposalTitle: '关于加快老旧小区改造的建议' },
            { ...issue({ id: 'i3', title: '完成首批设计' }), proposalTitle: '关于加快老旧小区改造的建议' },
          ],
        },
      };
    return base(p);
  });
  await render(<ConsoleApp />);
  await wait(() => expect(byTestId('overdue-issues').textContent).toContain('落实改造资金'));
  expect(byTestId('issue-escalated-i1').textContent).toBe('已升级督办');
  expect(byTestId('overdue-issues').textContent).toContain('完成首批设计');
  expect(byTestId('overdue-issues').textContent).toContain('逾期');
  expect(await audit('overdue issues')).toEqual([]);
});
