/**
 * Issue #15: each role's menu is what the real policy gives it (departments and deputies a
 * short one, not 16–18 pages they cannot use), every entry opens its page (never the 403
 * page), and the browser tab names the page (`民意件 · 连心`), following the language.
 */
import { act } from 'react';
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { byTestId, click, mockFetch, render, wait } from './dom-helpers';
import { policyPermissions } from './policy-session';

const EVERY_PAGE = [
  'nav-home',
  'nav-cockpit',
  'nav-cases',
  'nav-intake',
  'nav-imports',
  'nav-proposals',
  'nav-supervision',
  'nav-voting',
  'nav-comparison',
  'nav-proposal-settings',
  'nav-units',
  'nav-deputies',
  'nav-departments',
  'nav-categories',
  'nav-appeal-kinds',
  'nav-topics',
  'nav-users',
  'nav-integrations',
  'nav-receptions',
  'nav-activities',
  'nav-duty',
  'nav-evaluations',
  'nav-calendar',
  'nav-routing',
  // The policy grants it to admins; the server's `GET /me` only in demo mode, as here.
  'nav-demo-outbox',
];
const without = (...ids: string[]) => EVERY_PAGE.filter((id) => !ids.includes(id));

const MENUS: Array<[string, { unitId?: string; departmentId?: string; deputyId?: string }, string[]]> = [
  ['admin', {}, EVERY_PAGE],
  ['supervisor', {}, without('nav-proposal-settings', 'nav-integrations', 'nav-routing', 'nav-demo-outbox')],
  ['staff', { unitId: 's1' }, without('nav-proposal-settings', 'nav-integrations', 'nav-users', 'nav-routing', 'nav-demo-outbox')],
  ['department', { departmentId: 'dep1' }, ['nav-home', 'nav-cockpit', 'nav-cases', 'nav-proposals', 'nav-supervision', 'nav-voting', 'nav-calendar']],
  ['deputy', { deputyId: 'd1' }, ['nav-home', 'nav-cases', 'nav-intake', 'nav-proposals', 'nav-voting', 'nav-duty']],
];

function session(role: string, scope: { unitId?: string; departmentId?: string; deputyId?: string }): LoginResponse {
  return {
    user: {
      id: 'u1',
      username: role,
      displayName: '测试用户',
      roles: [role] as LoginResponse['user']['roles'],
      scope: { unitId: null, departmentId: null, deputyId: null, ...scope },
      permissions: policyPermissions([role], scope),
    },
    csrfToken: 'tok',
  };
}

const menu = () => [...document.querySelectorAll('.console-nav a[data-testid]')].map((a) => a.getAttribute('data-testid'));

test.each(MENUS)('%s sees exactly the pages the policy gives it, and each opens', async (role, scope, expected) => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console');
  const me = session(role, scope);
  // Only the session is answered: the pages show their headings (and errors for their data).
  mockFetch((_method, url) => (url.pathname === '/api/v1/me' ? { status: 200, body: me } : undefined));
  await render(<ConsoleApp />);
  await wait(() => byTestId('nav-home'));
  expect(menu()).toEqual(expected);
  if (role === 'department' || role === 'deputy') expect(menu().length).toBeLessThanOrEqual(8);

  for (const id of expected) {
    click(byTestId(id));
    const label = byTestId(id).textContent ?? '';
    // The page (not the 403 page) and the tab named after its heading.
    await wait(() => {
      expect(document.querySelector('[data-testid="forbidden"]'), `${role} ${id}`).toBeNull();
      const heading = document.querySelector('main h1')?.textContent ?? '';
      expect(heading, `${role} ${id}`).not.toBe('');
      expect(document.title, `${role} ${id} (${label})`).toBe(`${heading} · 连心`);
    });
  }
});

test('a page the menu leaves out answers with the 403 page, and the tab title follows the language', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/cases');
  const me = session('department', { departmentId: 'dep1' });
  mockFetch((_method, url) => (url.pathname === '/api/v1/me' ? { status: 200, body: me } : undefined));
  await render(<ConsoleApp />);
  await wait(() => expect(document.title).toBe('民意件 · 连心'));

  act(() => window.history.pushState({}, '', '/console/units'));
  await act(async () => window.dispatchEvent(new PopStateEvent('popstate')));
  await wait(() => byTestId('forbidden'));

  act(() => window.history.pushState({}, '', '/console/cases'));
  await act(async () => window.dispatchEvent(new PopStateEvent('popstate')));
  await wait(() => expect(document.title).toBe('民意件 · 连心'));
  click(byTestId('lang-switch'));
  await wait(() => expect(document.title).toMatch(/ · Lianxin$/));
  expect(document.title).not.toMatch(/[\u4e00-\u9fff]/);
});
