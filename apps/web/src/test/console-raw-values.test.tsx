/**
 * Issue #15 item 17: no raw values in the zh-CN console — a rating reads 满意 (not "satisfied"),
 * a gaming signal reads 答复后 1.2 分钟即评价 (not "minutes: 1.2"), and the cases of a duty record
 * are headed 标题 (not 活动名称).
 */
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { byTestId, click, mockFetch, render, wait } from './dom-helpers';
import { policyPermissions } from './policy-session';

const supervisor: LoginResponse = {
  user: {
    id: 'u9',
    username: 'supervisor',
    displayName: '督办员',
    roles: ['supervisor'],
    scope: { unitId: null, departmentId: null, deputyId: null },
    permissions: policyPermissions(['supervisor'], { unitId: null, departmentId: null, deputyId: null }),
  },
  csrfToken: 'tok',
};

function api() {
  mockFetch((_, url) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: supervisor };
    if (p === '/api/v1/deputies') return { status: 200, body: { items: [{ id: 'd1', name: '王代表', active: true }], total: 1 } };
    if (p === '/api/v1/deputies/d1/duty')
      return {
        status: 200,
        body: {
          deputy: { id: 'd1', name: '王代表', levels: ['county'], homeUnitId: 's1', homeUnitName: '安阳站' },
          year: 2026,
          asOf: '2026-04-20T00:00:00Z',
          summary: {},
          receptions: [],
          activities: [],
          cases: [
            {
              id: 'c1',
              trackingCode: 'K7QX-M4RT-9P',
              title: '路灯坏了',
              status: 'closed',
              roles: ['handled'],
              rating: 'satisfied',
              onTime: true,
              overdue: false,
            },
          ],
          points: { total: 0, lines: [] },
        },
      };
    if (p === '/api/v1/evaluations/schemes') return { status: 200, body: { items: [] } };
    if (p === '/api/v1/evaluations/signals')
      return {
        status: 200,
        body: {
          period: '2026-04',
          items: [
            {
              kind: 'quick_rating',
              unitId: 's1',
              unitName: '安阳站',
              cases: [{ id: 'c1', trackingCode: 'K7QX-M4RT-9P' }],
              phone: null,
              detail: { minutes: 1.2 },
            },
          ],
        },
      };
    return undefined;
  });
}

test('the duty record shows ratings in words and heads the cases 标题', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/duty?deputy=d1');
  api();
  await render(<ConsoleApp />);
  await wait(() => expect(byTestId('duty-record').textContent).toContain('路灯坏了'));
  const tables = byTestId('duty-record').querySelectorAll('table');
  const cases = tables[tables.length - 1];
  const headers = Array.from(cases.querySelectorAll('th')).map((th) => th.textContent);
  expect(headers).toContain('标题');
  expect(headers).not.toContain('活动名称');
  const row = cases.querySelector('tbody tr.ant-table-row')!.textContent ?? '';
  expect(row).toContain('满意');
  expect(row).not.toContain('satisfied');
});

test('a gaming signal explains itself in words', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/evaluations');
  api();
  await render(<ConsoleApp />);
  const tab = () => Array.from(document.querySelectorAll('[role="tab"]')).find((el) => el.textContent === '异常信号');
  await wait(() => expect(tab()).toBeDefined());
  click(tab()!);
  await wait(() => expect(document.body.textContent).toContain('答复后 1.2 分钟即评价'));
  expect(document.body.textContent).not.toContain('minutes: 1.2');
});
