// The integrations page against a fake API shaped like api-key.routes.ts and webhook.routes.ts
// (the server side runs for real in apps/server/test/open311.test.ts and webhooks.test.ts).
import { act } from 'react';
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { byTestId, calls, click, mockFetch, render, setInput, wait } from './dom-helpers';

const session = (permissions: string[], roles: string[]): LoginResponse =>
  ({
    user: { id: 'u1', username: 'admin', displayName: '管理员', roles, scope: { unitId: null, departmentId: null, deputyId: null }, permissions },
    csrfToken: 'tok-i',
  }) as LoginResponse;

function fakeIntegrations(who: LoginResponse) {
  const keys = [
    {
      id: 'k1',
      name: 'Open311 演示密钥',
      prefix: 'lianxin-',
      scopes: ['open311'],
      createdBy: 'demo-seed',
      createdAt: '2026-03-01T00:00:00Z',
      lastUsedAt: null,
      revokedAt: null,
      active: true,
    },
  ];
  const hooks = [
    {
      id: 'w1',
      name: '12345 热线平台',
      url: 'https://hotline.example/hooks',
      eventTypes: ['*'],
      active: true,
      version: 1,
      createdAt: '2026-03-01T00:00:00Z',
      updatedAt: '2026-03-01T00:00:00Z',
    },
  ];
  const deliveries = [
    {
      id: 'd1',
      subscriptionId: 'w1',
      eventId: 'e1',
      eventType: 'case.submitted',
      caseId: 'c1',
      status: 'dead',
      attempts: 6,
      lastStatusCode: 500,
      lastError: 'HTTP 500',
      lastLatencyMs: 12,
      nextAttemptAt: null,
      createdAt: '2026-03-01T01:00:00Z',
      deliveredAt: null,
    },
  ];
  mockFetch((method, url) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: who };
    if (p === '/api/v1/notifications') return { status: 200, body: { items: [], total: 0 } };
    if (p === '/api/v1/integrations/api-keys' && method === 'GET') return { status: 200, body: { items: keys } };
    if (p === '/api/v1/integrations/api-keys' && method === 'POST') {
      const created = { ...keys[0], id: 'k2', name: '12345 平台', prefix: 'lxk_abcd' };
      keys.unshift(created);
      return { status: 201, body: { apiKey: created, key: 'lxk_abcdefSECRET' } };
    }
    if (p === '/api/v1/integrations/api-keys/k1/revoke') {
      Object.assign(
        keys.find((k) => k.id === 'k1')!,
        { active: false, revokedAt: '2026-03-02T00:00:00Z' },
      );
      return { status: 200, body: keys[0] };
    }
    if (p === '/api/v1/integrations/webhooks' && method === 'POST')
      return {
        status: 400,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'Webhooks may only be sent to public addresses.',
            details: [{ path: 'url', code: 'address_not_allowed', message: '127.0.0.1 is not a public address' }],
          },
        },
      };
    if (p === '/api/v1/integrations/webhooks') return { status: 200, body: { items: hooks, eventTypes: ['case.submitted', 'case.closed'] } };
    if (p === '/api/v1/integrations/webhooks/w1/ping')
      return { status: 200, body: { ...deliveries[0], id: 'p1', eventType: 'ping', status: 'succeeded', attempts: 1, lastStatusCode: 200 } };
    if (p === '/api/v1/integrations/webhooks/deliveries') return { status: 200, body: { items: deliveries } };
    if (p === '/api/v1/integrations/webhooks/deliveries/d1/redeliver') {
      deliveries[0].status = 'pending';
      return { status: 200, body: deliveries[0] };
    }
    return undefined;
  });
}

test('an admin creates an API key (shown once), revokes one, pings a webhook and sends a dead delivery again', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/integrations');
  fakeIntegrations(session(['org.view', 'user.view', 'integration.manage'], ['admin']));
  await render(<ConsoleApp />);

  await wait(() => byTestId('api-key-revoke-k1'));
  expect(byTestId('nav-integrations').textContent).toBe('系统集成');
  expect(document.body.textContent).toContain('Open311 演示密钥');

  click(byTestId('api-key-create'));
  await wait(() => byTestId('api-key-name'));
  setInput(byTestId<HTMLInputElement>('api-key-name'), '12345 平台');
  await act(async () => byTestId('api-key-submit').click());
  await wait(() => expect(byTestId('secret-once').textContent).toContain('lxk_abcdefSECRET'));
  expect(calls.find((c) => c.method === 'POST' && c.path === '/api/v1/integrations/api-keys')?.body).toEqual({ name: '12345 平台' });
  await act(async () => byTestId('secret-once-close').click());

  click(byTestId('api-key-revoke-k1'));
  await wait(() => byTestId('api-key-revoke-confirm-k1'));
  await act(async () => byTestId('api-key-revoke-confirm-k1').click());
  await wait(() => expect(calls.some((c) => c.path === '/api/v1/integrations/api-keys/k1/revoke')).toBe(true));
  expect(calls.find((c) => c.path === '/api/v1/integrations/api-keys/k1/revoke')!.headers.get('X-CSRF-Token')).toBe('tok-i');

  // Webhooks tab: ping, then the delivery log of the subscription with a dead letter sent again.
  click([...document.querySelectorAll('[role="tab"]')].find((tab) => tab.textContent === 'Webhook')!);
  await wait(() => byTestId('webhook-ping-w1'));
  expect(document.body.textContent).toContain('https://hotline.example/hooks');
  await act(async () => byTestId('webhook-ping-w1').click());
  await wait(() => expect(document.body.textContent).toContain('测试成功：HTTP 200'));
  click(document.querySelector('.ant-table-row-expand-icon')!);
  await wait(() => byTestId('delivery-redeliver-d1'));
  expect(document.body.textContent).toContain('失败（死信）');
  await act(async () => byTestId('delivery-redeliver-d1').click());
  await wait(() => expect(calls.some((c) => c.path === '/api/v1/integrations/webhooks/deliveries/d1/redeliver')).toBe(true));
});

test('the integrations menu entry is only for those who may manage integrations', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/');
  fakeIntegrations(session(['org.view'], ['staff']));
  await render(<ConsoleApp />);
  await wait(() => byTestId('nav-home'));
  expect(document.querySelector('[data-testid="nav-integrations"]')).toBeNull();
});

test('a webhook URL the server refuses (an internal address) is marked on the URL field', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/integrations');
  fakeIntegrations(session(['org.view', 'user.view', 'integration.manage'], ['admin']));
  await render(<ConsoleApp />);
  await wait(() => byTestId('api-key-revoke-k1'));
  click([...document.querySelectorAll('[role="tab"]')].find((tab) => tab.textContent === 'Webhook')!);
  await wait(() => byTestId('webhook-create'));
  click(byTestId('webhook-create'));
  await wait(() => byTestId('webhook-url'));
  setInput(byTestId<HTMLInputElement>('webhook-name'), '内部系统');
  setInput(byTestId<HTMLInputElement>('webhook-url'), 'http://127.0.0.1:8080/hook');
  await act(async () => (document.querySelector('.ant-modal .ant-btn-primary') as HTMLButtonElement).click());
  await wait(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/integrations/webhooks')).toBe(true));
  await wait(() => expect(document.querySelector('.ant-modal')!.textContent).toContain('只能发送到公网地址'));
});
