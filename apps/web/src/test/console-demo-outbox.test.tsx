// The demo outbox page against a fake API shaped like demo.routes.ts (the server side runs for
// real in apps/server/test/demo-outbox.test.ts and in the browser in e2e/demo.test.ts).
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { byTestId, calls, mockFetch, render, wait } from './dom-helpers';

const session = (permissions: string[], roles: string[]): LoginResponse =>
  ({
    user: { id: 'u1', username: 'admin', displayName: '管理员', roles, scope: { unitId: null, departmentId: null, deputyId: null }, permissions },
    csrfToken: 'tok-o',
  }) as LoginResponse;

function fakeOutbox(who: LoginResponse) {
  mockFetch((_method, url) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: who };
    if (p === '/api/v1/notifications') return { status: 200, body: { items: [], total: 0 } };
    if (p === '/api/v1/demo/outbox')
      return {
        status: 200,
        body: {
          items: [
            { id: 'm2', channel: 'sms', recipient: '137****5678', subject: null, text: '【连心】您的意见已答复，请评价。', sentAt: '2026-12-29T15:59:00.000Z' },
            {
              id: 'm1',
              channel: 'email',
              recipient: 'c***@example.com',
              subject: '您的意见已收到',
              text: '查询码 K7QX-M4RT-9P',
              sentAt: '2026-03-01T01:05:00Z',
            },
          ],
          total: 2,
        },
      };
    return undefined;
  });
}

test('an admin of a demo install reads what was sent: Beijing time, channel, masked recipient, subject, text', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/demo-outbox');
  fakeOutbox(session(['org.view', 'integration.manage', 'demo.outbox'], ['admin']));
  await render(<ConsoleApp />);
  await wait(() => expect(byTestId('demo-outbox-table').textContent).toContain('137****5678'));
  expect(byTestId('nav-demo-outbox').textContent).toBe('演示发件箱');
  const text = byTestId('demo-outbox-table').textContent ?? '';
  // 15:59 UTC on 29 December is 23:59 in Beijing.
  expect(text).toContain('23:59');
  expect(text).toContain('2026');
  expect(text).toContain('短信');
  expect(text).toContain('邮件');
  expect(text).toContain('c***@example.com');
  expect(text).toContain('您的意见已收到');
  expect(text).toContain('【连心】您的意见已答复，请评价。');
  expect(calls.find((c) => c.path.startsWith('/api/v1/demo/outbox?'))?.path).toBe('/api/v1/demo/outbox?page=1&pageSize=20');
});

test('the menu entry is there only when the server grants the outbox (admins, demo mode)', async () => {
  localStorage.setItem('lianxin.lang', 'en');
  window.history.pushState({}, '', '/console/');
  fakeOutbox(session(['org.view', 'integration.manage'], ['admin']));
  await render(<ConsoleApp />);
  await wait(() => byTestId('nav-home'));
  expect(document.querySelector('[data-testid="nav-demo-outbox"]')).toBeNull();
});
