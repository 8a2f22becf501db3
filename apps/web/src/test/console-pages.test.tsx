import { act } from 'react';
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { audit } from './axe-audit';
import { wait, render, byTestId, calls, click, mockFetch, setInput } from './dom-helpers';
import { policyPermissions } from './policy-session';

const now = '2025-01-01T00:00:00Z';
const base = { active: true, version: 3, createdAt: now, updatedAt: now, sortOrder: 0 };
const unit = (id: string, name: string, kind: string, parentId: string | null) => ({
  ...base,
  id,
  name,
  kind,
  parentId,
  region: null,
  regionType: kind === 'station' ? '镇' : null,
  pointKind: null,
  address: null,
  phone: null,
  openingHours: null,
  brands: ['x'],
  lat: null,
  lng: null,
});
const units = [
  unit('hub', '联络总站', 'hub', null),
  unit('s1', '安阳站', 'station', 'hub'),
  unit('s2', '塘下站', 'station', 'hub'),
  unit('p1', '万松点', 'point', 's1'),
];
const staff: LoginResponse = {
  user: {
    id: 'u2',
    username: 'staff-anyang',
    displayName: '安阳联络员',
    roles: ['staff'],
    scope: { unitId: 's1', departmentId: null, deputyId: null },
    permissions: policyPermissions(['staff'], { unitId: 's1' }),
  },
  csrfToken: 'tok-2',
};
const page = (items: unknown[]) => ({ status: 200, body: { items, total: items.length } });

test('staff sees only their pages and actions; every org page renders', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/units');
  let who = staff;
  mockFetch((method, url) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: who };
    if (p === '/api/v1/auth/login' || p === '/api/v1/auth/logout') return { status: 200, body: who };
    if (p === '/api/v1/units') return page(units);
    if (p === '/api/v1/departments')
      return page([{ ...base, id: 'dep1', name: '市住建局', shortName: '住建', liaisonName: '李四', liaisonPhone: '13900001111' }]);
    if (p === '/api/v1/categories')
      return page([
        { ...base, id: 'c1', parentId: null, name: '城乡建设', defaultDepartmentId: 'dep1', timeLimitWorkdays: 15 },
        { ...base, id: 'c2', parentId: 'c1', name: '老旧小区', defaultDepartmentId: null, timeLimitWorkdays: null },
      ]);
    if (p === '/api/v1/topics') return page([{ ...base, id: 't1', name: '经济稳进提质', description: 'd' }]);
    if (p === '/api/v1/appeal-kinds')
      return { status: 200, body: { items: [{ code: 'help', name: '求助', nameEn: 'Help', handleWorkdays: 10, active: true, sortOrder: 1 }] } };
    if (p === '/api/v1/deputies') return page([]);
    if (p === '/api/v1/users')
      return page([
        {
          id: 'u2',
          username: 'staff-anyang',
          displayName: '安阳联络员',
          roles: ['staff'],
          scope: { unitId: 's1', departmentId: null, deputyId: null },
          active: true,
          lockedUntil: '2999-01-01T00:00:00Z',
          lastLoginAt: now,
          version: 2,
          createdAt: now,
          updatedAt: now,
        },
      ]);
    if (p === '/api/v1/users/u2' && method === 'PATCH') return { status: 200, body: {} };
    return undefined;
  });
  await render(<ConsoleApp />);
  await wait(() => byTestId('unit-add-point-s1'));
  expect(document.querySelector('[data-testid="unit-add-point-s2"]')).toBeNull();
  expect(document.querySelector('[data-testid="unit-add"]')).toBeNull();
  expect(document.querySelector('[data-testid="unit-edit-s1"]')).toBeNull();
  expect(document.querySelector('[data-testid="nav-users"]')).toBeNull();
  expect(await audit('units')).toEqual([]);
  click(byTestId('unit-add-point-s1'));
  await wait(() => byTestId('unit-form-name'));
  expect(await audit('unit-form')).toEqual([]);
  click(byTestId('unit-form-cancel'));

  for (const [nav, testid] of [
    ['nav-departments', 'department-table'],
    ['nav-categories', 'category-table'],
    ['nav-topics', 'topic-table'],
    ['nav-appeal-kinds', 'appeal-kind-table'],
    ['nav-deputies', 'deputy-table'],
  ] as const) {
    click(byTestId(nav));
    // The audit looks at the loaded list, not the loading state.
    await wait(() => expect(byTestId(testid).querySelector('.ant-spin-spinning')).toBeNull());
    expect(await audit(nav)).toEqual([]);
  }
  await wait(() => byTestId('deputy-reveal-note'));
  click(byTestId('nav-departments'));
  await wait(() => expect(byTestId('department-table').textContent).toContain('139****1111'));
  expect(document.querySelector('[data-testid="department-add"]')).toBeNull();

  // users page is forbidden for staff
  act(() => window.history.pushState({}, '', '/console/users'));
  await act(async () => window.dispatchEvent(new PopStateEvent('popstate')));
  await wait(() => byTestId('forbidden'));

  // now as admin
  who = {
    ...staff,
    user: {
      ...staff.user,
      roles: ['admin'],
      scope: { unitId: null, departmentId: null, deputyId: null },
      permissions: policyPermissions(['admin']),
    },
  };
  click(byTestId('logout'));
  await wait(() => byTestId('login-username'));
  expect(await audit('login')).toEqual([]);
  setInput(byTestId<HTMLInputElement>('login-username'), 'admin');
  setInput(byTestId<HTMLInputElement>('login-password'), 'lianxin-demo');
  await act(async () => byTestId('login-submit').click());
  await wait(() => byTestId('nav-users'));
  click(byTestId('nav-users'));
  await wait(() => byTestId('user-unlock-u2'));
  await act(async () => byTestId('user-unlock-u2').click());
  await wait(() => expect(calls.find((c) => c.method === 'PATCH' && c.path === '/api/v1/users/u2')?.body).toEqual({ unlock: true, expectedVersion: 2 }));
  expect(await audit('users')).toEqual([]);
  click(byTestId('user-edit-u2'));
  await wait(() => byTestId('user-form-display-name'));
  expect(await audit('user-form')).toEqual([]);
  click(byTestId('user-form-cancel'));
  click(byTestId('user-set-password-u2'));
  await wait(() => byTestId('password-form-password'));
  setInput(byTestId<HTMLInputElement>('password-form-password'), 'abcdefghijk');
  setInput(byTestId<HTMLInputElement>('password-form-confirm'), 'abcdefghijk');
  await act(async () => byTestId('password-form-submit').click());
  await wait(() => expect(calls.filter((c) => c.method === 'PATCH').at(-1)?.body).toEqual({ password: 'abcdefghijk', expectedVersion: 2 }));

  click(byTestId('nav-categories'));
  await wait(() => byTestId('category-add-child-c1'));
  click(byTestId('category-add-child-c1'));
  await wait(() => byTestId('category-form-name'));
  click(byTestId('category-form-cancel'));
  click(byTestId('nav-appeal-kinds'));
  await wait(() => byTestId('appeal-kind-edit-help'));
  click(byTestId('nav-departments'));
  await wait(() => byTestId('department-edit-dep1'));
  click(byTestId('department-edit-dep1'));
  await wait(() => expect(byTestId<HTMLInputElement>('department-form-liaison-phone').value).toBe('13900001111'));
});
