/**
 * The case list of a large database: page numbers reach the first 10,000 rows only (no "last
 * page" of a million rows, which costs seconds by offset), the total is still shown exactly, and
 * from the window's last page the list walks on by the server's cursors (older / newer / back to
 * the first page).
 */
import { expect, test, vi } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { audit } from './axe-audit';
import { byTestId, click, mockFetch, render, wait } from './dom-helpers';
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
const summary = (id: string) => ({
  id,
  trackingCode: `K7QX-M4RT-${id}`,
  title: `意见 ${id}`,
  status: 'closed',
  statusLabel: '已办结',
  kind: 'help',
  channel: 'qr',
  categoryId: null,
  unitId: null,
  departmentId: null,
  deputyId: null,
  createdAt: now,
  replyDueAt: null,
  clock: 'none' as const,
  spamFlags: [],
});

test('page numbers stop at the offset window; past it the list walks by cursor', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/cases');
  const asked: URLSearchParams[] = [];
  mockFetch((method, url) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: admin };
    if (p === '/api/v1/cases/worklists') return { status: 200, body: { items: [] } };
    if (p === '/api/v1/cases' && method === 'GET') {
      asked.push(url.searchParams);
      const after = url.searchParams.get('after');
      const before = url.searchParams.get('before');
      const page = Number(url.searchParams.get('page') ?? 1);
      const name = after ? `after-${after}` : before ? `before-${before}` : `p${page}`;
      return {
        status: 200,
        body: {
          items: [summary(name)],
          total: 1_000_000,
          totalCapped: false,
          nextCursor: `n-${name}`,
          prevCursor: page > 1 || after || before ? `v-${name}` : null,
        },
      };
    }
    if (['/api/v1/units', '/api/v1/departments', '/api/v1/categories', '/api/v1/deputies', '/api/v1/notifications'].includes(p))
      return { status: 200, body: { items: [], total: 0 } };
    return undefined;
  });
  await render(<ConsoleApp />);

  // The first render of the console is slow on a loaded machine: allow it more than `wait` does.
  await vi.waitFor(() => byTestId('case-link-p1'), { timeout: 30_000, interval: 100 });
  // The exact total, but the pager's last page is the window's (10,000 rows of 20 a page), not page 50,000.
  expect(document.querySelector('.ant-pagination-total-text')?.textContent).toBe('共 1000000 条');
  expect(document.querySelector('.ant-pagination-item-500')).not.toBeNull();
  expect(document.querySelector('.ant-pagination-item-50000')).toBeNull();
  expect(document.querySelector('[data-testid="cases-cursor-pager"]')).toBeNull();

  // The window's last page offers the older rows by cursor.
  click(document.querySelector('.ant-pagination-item-500 a, .ant-pagination-item-500')!);
  await wait(() => byTestId('case-link-p500'));
  expect(await audit('window end')).toEqual([]);
  click(byTestId('cases-next-page'));
  await wait(() => byTestId('case-link-after-n-p500'));
  expect(asked.at(-1)?.get('after')).toBe('n-p500');
  // By cursor: no page numbers; newer goes back with `before`, the first page drops the cursors.
  expect(document.querySelector('.ant-pagination')).toBeNull();
  click(byTestId('cases-prev-page'));
  await wait(() => byTestId('case-link-before-v-after-n-p500'));
  expect(asked.at(-1)?.get('before')).toBe('v-after-n-p500');
  expect(asked.at(-1)?.get('after')).toBeNull();
  click(byTestId('cases-first-page'));
  await wait(() => byTestId('case-link-p1'));
  expect(asked.at(-1)?.get('before')).toBeNull();
  expect(asked.at(-1)?.get('page')).toBe('1');
});
