import { act } from 'react';
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import type { ProposalView } from '../console/proposals/proposals-api';
import { audit } from './axe-audit';
import { byTestId, calls, click, mockFetch, render, setInput, wait } from './dom-helpers';
import { policyPermissions } from './policy-session';

const now = '2026-03-02T02:00:00Z';
const deputy: LoginResponse = {
  user: {
    id: 'u9',
    username: 'deputy-demo',
    displayName: '演示代表',
    roles: ['deputy'],
    scope: { unitId: null, departmentId: null, deputyId: 'd1' },
    permissions: policyPermissions(['deputy'], { deputyId: 'd1' }),
  },
  csrfToken: 'tok-1',
};

function view(status: string, version: number, allowedActions: string[], extra: Partial<ProposalView['proposal']> = {}): ProposalView {
  return {
    proposal: {
      id: 'p1',
      type: 'motion',
      typeLabel: '议案',
      status,
      statusLabel: status === 'draft' ? '草稿' : '已答复',
      number: status === 'draft' ? null : '2026-议案-001',
      year: 2026,
      title: '关于推进老旧小区加装电梯的议案',
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
      body: '加装电梯是群众急难愁盼的问题。',
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
      cosigners: [{ deputyId: 'd2', name: '某乙', status: 'signed', at: now }],
      coUnits: [],
      ...extra,
    },
    missingCosigners: status === 'draft' ? 1 : 0,
    cases: [{ id: 'c1', trackingCode: 'K7QX-M4RT-9P', title: '加装电梯难', status: 'accepted' }],
    events: [{ id: 'e1', type: 'created', fromStatus: null, toStatus: 'draft', actorName: 'deputy-demo', at: now, reason: null, payload: {}, hash: 'h1' }],
    allowedActions,
  };
}

test('proposal page: buttons for allowed actions only, missing co-signers and source opinions shown, accessible', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/proposals/p1');
  const current = view('draft', 2, ['edit', 'invite', 'link_cases', 'submit', 'withdraw', 'note']);
  mockFetch((method, url) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: deputy };
    if (p === '/api/v1/notifications') return { status: 200, body: { items: [], total: 0, unread: 0 } };
    if (p === '/api/v1/suggestions/p1' && method === 'GET') return { status: 200, body: current };
    return undefined;
  });
  await render(<ConsoleApp />);

  await wait(() => byTestId('proposal-action-submit'));
  expect(document.querySelector('[data-testid="proposal-action-register"]')).toBeNull();
  expect(document.querySelector('[data-testid="proposal-action-link_cases"]')).toBeNull();
  expect(document.body.textContent).toContain('还需 1 名代表联名');
  expect(byTestId('proposal-cosigners').textContent).toContain('某乙');
  expect(document.body.textContent).toContain('K7QX-M4RT-9P');
  expect(await audit('proposal')).toEqual([]);
});

test('proposal page: the lead deputy rates an answer; the rating goes out with the version seen', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/proposals/p1');
  let current = view('answered', 5, ['rate', 'note'], { answerContent: '已列入计划', answerClass: 'B', answerClassLabel: 'B类 正在解决或列入计划' });
  mockFetch((method, url, body) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: deputy };
    if (p === '/api/v1/notifications') return { status: 200, body: { items: [], total: 0, unread: 0 } };
    if (p === '/api/v1/suggestions/p1') return { status: 200, body: current };
    if (p === '/api/v1/suggestions/p1/actions/rate' && method === 'POST') {
      current = view('follow_up', 6, ['note'], {
        rating: (body as { rating: string }).rating,
        answerContent: '已列入计划',
        answerClass: 'B',
        answerClassLabel: 'B类',
      });
      return { status: 200, body: current };
    }
    return undefined;
  });
  await render(<ConsoleApp />);
  await wait(() => byTestId('proposal-action-rate'));
  click(byTestId('proposal-action-rate'));
  await wait(() => byTestId('proposal-action-ok'));
  const option = [...document.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((r) => r.value === 'basically_satisfied')!;
  click(option);
  setInput(byTestId('action-comment'), '希望尽快落实');
  await act(async () => byTestId('proposal-action-ok').click());
  await wait(() =>
    expect(calls.find((c) => c.path === '/api/v1/suggestions/p1/actions/rate')?.body).toEqual({
      expectedVersion: 5,
      rating: 'basically_satisfied',
      comment: '希望尽快落实',
    }),
  );
  await wait(() => expect(byTestId('proposal-answer').textContent).toContain('基本满意'));
});
