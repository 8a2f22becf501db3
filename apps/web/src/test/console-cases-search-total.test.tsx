/**
 * The case list's total when a text search reaches its cap: the server counts only the newest
 * 1000 matches and says so with `totalCapped`, and the list shows "1000+" instead of a figure
 * that looks exact.
 */
import { expect, test, vi } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { audit } from './axe-audit';
import { byTestId, mockFetch, render, wait } from './dom-helpers';
import { policyPermissions } from './policy-session';

const now = '2025-03-01T02:00:00Z';
const admin: LoginResponse = {
  user: {
    id: 'u1',
    username: 'admin',
    displayName: '管理员',
    roles: ['admin'],
    scope: { unitId: null, departmentId: null, deputyId: null },
    permissions: policyPermissions(['admin']),
  },
  csrfToken: 'tok-1',
};
const summary = {
  id: 'c1',
  trackingCode: 'K7QX-M4RT-9P',
  title: '小区停车难',
  status: 'submitted',
  statusLabel: '待受理',
  kind: 'help',
  channel: 'qr',
  categoryId: null,
  unitId: null,
  departmentId: null,
  deputyId: null,
  createdAt: now,
  replyDueAt: null,
  clock: 'running' as const,
  spamFlags: [],
  snippet: '小区<mark>停车</mark>难',
};

test('a capped search total reads "1000+ 条"; an exact total stays a plain figure', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/cases?q=%E5%81%9C%E8%BD%A6');
  mockFetch((method, url) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: admin };
    if (p === '/api/v1/cases/worklists') return { status: 200, body: { items: [] } };
    if (p === '/api/v1/cases' && method === 'GET') {
      // Like the server: a text search over many cases hits the cap, an unfiltered list does not.
      return url.searchParams.get('q')
        ? { status: 200, body: { items: [summary], total: 1000, totalCapped: true } }
        : { status: 200, body: { items: [summary], total: 7, totalCapped: false } };
    }
    if (['/api/v1/units', '/api/v1/departments', '/api/v1/categories', '/api/v1/deputies', '/api/v1/notifications'].includes(p))
      return { status: 200, body: { items: [], total: 0 } };
    return undefined;
  });
  await render(<ConsoleApp />);

  // The first render of the console is slow on a loaded machine: allow it more than `wait` does.
  const capped = await vi.waitFor(() => byTestId('list-total-capped'), { timeout: 30_000, interval: 100 });
  expect(capped.textContent).toBe('共 1000+ 条');
  expect(capped.getAttribute('title')).toContain('最新的 1000 条');
  expect(await audit('capped total')).toEqual([]);

  // Clearing the search: the exact total, without the "+".
  window.history.pushState({}, '', '/console/cases');
  window.dispatchEvent(new PopStateEvent('popstate'));
  const totalText = () => document.querySelector('.ant-pagination-total-text')?.textContent;
  await wait(() => expect(totalText()).toBe('共 7 条'));
  expect(document.querySelector('[data-testid="list-total-capped"]')).toBeNull();
});
