/**
 * The case list's export dialog (issue #17 item 3): the export runs as a background job; the
 * dialog sends the list's filters (not its paging), polls the job, shows its progress with a
 * progress bar and, once done, the download link with its expiry in Beijing time.
 */
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { exportFilters } from '../console/exports/export-jobs-api';
import { byTestId, calls, click, mockFetch, render, wait } from './dom-helpers';
import { policyPermissions } from './policy-session';

const now = '2026-03-02T01:00:00Z';
const staff: LoginResponse = {
  user: {
    id: 'u2',
    username: 'staff-anyang',
    displayName: '安阳联络员',
    roles: ['staff'],
    scope: { unitId: 's1', departmentId: null, deputyId: null },
    permissions: policyPermissions(['staff'], { unitId: 's1' }),
  },
  csrfToken: 'tok-9',
};
const page = (items: unknown[]) => ({ status: 200, body: { items, total: items.length } });
const job = (over: Record<string, unknown>) => ({
  id: 'x1',
  kind: 'cases',
  format: 'xlsx',
  status: 'queued',
  includeContact: false,
  total: null,
  processed: 0,
  fileName: null,
  fileSize: null,
  error: null,
  createdAt: now,
  finishedAt: null,
  expiresAt: null,
  downloadUrl: null,
  ...over,
});

test('only the list’s filters go to the export', () => {
  expect(
    exportFilters({ q: '路灯', page: 3, pageSize: 50, status: 'submitted,accepted', overdue: 1, after: 'abc', includeInactive: undefined, unitId: '' }),
  ).toEqual({
    q: '路灯',
    status: 'submitted,accepted',
    overdue: '1',
  });
});

test('the case export runs in the background: progress, then a download link valid until a Beijing time', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/cases?status=submitted&page=2');
  let polls = 0;
  mockFetch((method, url) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: staff };
    if (p === '/api/v1/cases/worklists') return { status: 200, body: { items: [] } };
    if (p === '/api/v1/exports/jobs' && method === 'POST') return { status: 202, body: job({}) };
    if (p === '/api/v1/exports/jobs' && method === 'GET') return { status: 200, body: { items: [] } };
    if (p === '/api/v1/exports/jobs/x1') {
      polls += 1;
      if (polls === 1) return { status: 200, body: job({ status: 'running', total: 1200, processed: 300 }) };
      return {
        status: 200,
        body: job({
          status: 'done',
          total: 1200,
          processed: 1200,
          fileName: 'cases-202603020900.xlsx',
          fileSize: 3 * 1024 * 1024,
          finishedAt: now,
          expiresAt: '2026-03-03T01:00:00Z',
          downloadUrl: '/api/v1/exports/jobs/x1/file',
        }),
      };
    }
    if (p.startsWith('/api/v1/')) return page([]);
    return undefined;
  });
  await render(<ConsoleApp />);
  click(await wait(() => byTestId('export-cases')));
  click(await wait(() => byTestId('export-start')));

  const started = await wait(() => {
    const call = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/exports/jobs');
    if (!call) throw new Error('not started');
    return call;
  });
  expect(started.body).toEqual({ kind: 'cases', format: 'xlsx', includeContact: false, filters: { status: 'submitted' } });
  expect(started.headers.get('X-CSRF-Token')).toBe('tok-9');

  await wait(() => expect(byTestId('export-progress').textContent).toContain('已导出 300 / 1200 条'));
  expect(byTestId('export-progress-bar').textContent).toContain('25%');
  const link = await wait(() => byTestId<HTMLAnchorElement>('export-download'));
  expect(link.getAttribute('href')).toBe('/api/v1/exports/jobs/x1/file');
  expect(link.textContent).toBe('下载 cases-202603020900.xlsx（3.0 MB）');
  expect(byTestId('export-progress').textContent).toContain('导出完成，共 1200 条');
  expect(byTestId('export-progress').textContent).toContain('有效期至 2026-03-03 09:00');
});
