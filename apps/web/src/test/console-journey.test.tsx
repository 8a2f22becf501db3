import { act } from 'react';
import { expect, test } from 'vitest';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { wait, render, byTestId, calls, click, mockFetch, setInput } from './dom-helpers';
import { policyPermissions } from './policy-session';

const now = '2025-01-01T00:00:00Z';
const base = { active: true, version: 1, createdAt: now, updatedAt: now, sortOrder: 0 };
const unit = (id: string, name: string, kind: string, parentId: string | null, extra = {}) => ({
  ...base,
  id,
  name,
  kind,
  parentId,
  region: null,
  regionType: kind === 'station' ? '街道' : null,
  pointKind: null,
  address: null,
  phone: null,
  openingHours: null,
  brands: [],
  lat: null,
  lng: null,
  ...extra,
});
const units = [
  unit('hub', '联络总站', 'hub', null),
  unit('s1', '安阳站', 'station', 'hub'),
  unit('s2', '塘下站', 'station', 'hub'),
  unit('p1', '万松点', 'point', 's1'),
];
const me = {
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
const deputy = {
  ...base,
  id: 'd1',
  name: '张三',
  gender: 'male',
  levels: ['county'],
  homeUnitId: 's1',
  sector: '经济',
  position: '经理',
  profile: null,
  contact: { phone: '138****1234', email: null },
  contactMasked: true,
};

test('console login, home counts, units tree, add point with validation error, deputies reveal, logout', async () => {
  window.history.pushState({}, '', '/console/units');
  let signedIn = false;
  mockFetch((method, url, body, headers) => {
    const p = url.pathname;
    if (p === '/api/v1/me')
      return signedIn ? { status: 200, body: me } : { status: 401, body: { error: { code: 'AUTH_REQUIRED', message: 'x', details: [] } } };
    if (p === '/api/v1/auth/login') {
      const b = body as { password: string };
      if (b.password !== 'lianxin-demo') return { status: 401, body: { error: { code: 'AUTH_INVALID_CREDENTIALS', message: 'Wrong', details: [] } } };
      signedIn = true;
      return { status: 200, body: { user: me.user, csrfToken: 'tok-1' } };
    }
    if (p === '/api/v1/auth/logout') {
      signedIn = false;
      return { status: 200, body: { ok: true } };
    }
    if (p === '/api/v1/units' && method === 'GET') return { status: 200, body: { items: units, total: units.length } };
    if (p === '/api/v1/units' && method === 'POST') {
      if (headers.get('X-CSRF-Token') !== 'tok-1') return { status: 403, body: { error: { code: 'AUTH_CSRF_INVALID', message: 'csrf', details: [] } } };
      return {
        status: 400,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'bad',
            details: [
              { path: 'name', code: 'too_big', message: 'Too big' },
              { path: 'brands.0', code: 'too_big' },
              { path: 'weird', code: 'custom', message: 'odd' },
            ],
          },
        },
      };
    }
    if (p === '/api/v1/deputies' && method === 'GET') return { status: 200, body: { items: [deputy], total: 37 } };
    if (p === '/api/v1/deputies/d1/reveal-contact') return { status: 200, body: { contact: { phone: '13812341234', email: 'z@x.cn' } } };
    if (p === '/api/v1/departments') return { status: 200, body: { items: [], total: 12 } };
    if (p === '/api/v1/units/p1' && method === 'PATCH') return { status: 409, body: { error: { code: 'VERSION_CONFLICT', message: 'c', details: [] } } };
    return undefined;
  });
  await render(<ConsoleApp />);
  await wait(() => expect(window.location.pathname).toBe('/console/login'));
  await wait(() => byTestId('login-username'));

  setInput(byTestId<HTMLInputElement>('login-username'), 'admin');
  setInput(byTestId<HTMLInputElement>('login-password'), 'wrong');
  await act(async () => byTestId('login-submit').click());
  await wait(() => expect(byTestId('login-error').textContent).toContain('用户名或密码错误'));

  setInput(byTestId<HTMLInputElement>('login-password'), 'lianxin-demo');
  // The typed password can be shown and hidden again.
  expect(byTestId<HTMLInputElement>('login-password').type).toBe('password');
  await act(async () => byTestId('login-password-reveal').click());
  expect(byTestId<HTMLInputElement>('login-password').type).toBe('text');
  expect(byTestId('login-password-reveal').getAttribute('aria-pressed')).toBe('true');
  expect(byTestId('login-password-reveal').textContent).toBe('隐藏');
  await act(async () => byTestId('login-password-reveal').click());
  expect(byTestId<HTMLInputElement>('login-password').type).toBe('password');
  await act(async () => byTestId('login-submit').click());
  await wait(() => expect(window.location.pathname).toBe('/console/units'));
  await wait(() => expect(byTestId('current-user-name').textContent).toBe('管理员'));
  await wait(() => byTestId('unit-add-point-s1'));
  expect(document.querySelector('[data-testid="unit-add-point-hub"]')).toBeNull();
  expect(byTestId('nav-users')).toBeTruthy();

  click(byTestId('unit-add-point-s1'));
  await wait(() => byTestId('unit-form-name'));
  setInput(byTestId<HTMLInputElement>('unit-form-name'), '新联络点');
  await act(async () => byTestId('unit-form-submit').click());
  await wait(() => expect(byTestId('unit-form-error').textContent).toContain('提交的内容有误'));
  const post = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/units');
  expect(post?.body).toMatchObject({ kind: 'point', parentId: 's1', name: '新联络点' });
  const form = byTestId('unit-form');
  expect(form.textContent).toContain('内容过长或数值过大');
  expect(byTestId('unit-form-error').textContent).toContain('weird');
  click(byTestId('unit-form-cancel'));

  // edit a point -> conflict
  click(document.querySelector('tr[data-row-key="s1"] .ant-table-row-expand-icon')!);
  await wait(() => byTestId('unit-edit-p1'));
  click(byTestId('unit-edit-p1'));
  await wait(() => byTestId('unit-form-name'));
  expect(byTestId<HTMLInputElement>('unit-form-name').value).toBe('万松点');
  setInput(byTestId<HTMLInputElement>('unit-form-name'), '万松点2');
  await act(async () => byTestId('unit-form-submit').click());
  await wait(() => expect(byTestId('unit-form-error').textContent).toContain('他人已修改'));
  const patchCall = calls.find((c) => c.method === 'PATCH');
  expect(patchCall?.body).toEqual({ name: '万松点2', expectedVersion: 1 });
  click(byTestId('unit-form-reload'));

  click(byTestId('nav-home'));
  await wait(() => expect(byTestId('count-deputies').textContent).toContain('37'));
  expect(byTestId('count-stations').textContent).toContain('2');
  expect(byTestId('count-points').textContent).toContain('1');

  click(byTestId('nav-deputies'));
  await wait(() => expect(byTestId('deputy-contact-d1').textContent).toContain('138****1234'));
  await act(async () => byTestId('deputy-reveal-d1').click());
  await wait(() => expect(byTestId('deputy-contact-d1').textContent).toContain('13812341234'));
  expect(calls.find((c) => c.path === '/api/v1/deputies/d1/reveal-contact')?.headers.get('X-CSRF-Token')).toBe('tok-1');

  click(byTestId('lang-switch'));
  await wait(() => expect(document.documentElement.lang).toBe('en'));
  expect(byTestId('logout').textContent).toBe('Sign out');
  expect(localStorage.getItem('lianxin.lang')).toBe('en');

  await act(async () => byTestId('logout').click());
  await wait(() => expect(window.location.pathname).toBe('/console/login'));
  expect(byTestId('login-submit').textContent?.replace(/\s/g, '')).toBe('Signin');
});
