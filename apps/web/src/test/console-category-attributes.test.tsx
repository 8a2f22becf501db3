/**
 * An admin edits a category's Open311 attributes in the category form: an untouched list
 * sends nothing, a new attribute and a new choice of a list attribute go out in the API's
 * shape, and the drawer has no serious or critical axe violations.
 */
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { audit } from './axe-audit';
import { wait, render, byTestId, calls, click, mockFetch, setInput } from './dom-helpers';
import { policyPermissions } from './policy-session';

const now = '2025-01-01T00:00:00Z';
const base = { active: true, version: 3, createdAt: now, updatedAt: now, sortOrder: 0 };
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
const pole = { code: 'pole_number', description: '路灯杆号', datatype: 'string', required: true, datatypeDescription: '例如 AY-0123', order: 1, values: [] };
const noise = {
  code: 'noise_time',
  description: '噪音出现时段',
  datatype: 'singlevaluelist',
  required: false,
  datatypeDescription: '',
  order: 2,
  values: [{ key: 'night', name: '夜间' }],
};
const categories = [
  { ...base, id: 'c1', parentId: null, name: '城乡建设', defaultDepartmentId: null, timeLimitWorkdays: 15, attributes: [] },
  { ...base, id: 'c2', parentId: null, name: '市政管理', defaultDepartmentId: null, timeLimitWorkdays: null, attributes: [pole, noise] },
];

test('admin edits the Open311 attributes of a category', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/categories');
  mockFetch((method, url) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: admin };
    if (p === '/api/v1/categories') return { status: 200, body: { items: categories, total: categories.length } };
    if (p === '/api/v1/departments' || p === '/api/v1/units' || p === '/api/v1/deputies') return { status: 200, body: { items: [], total: 0 } };
    if (p === '/api/v1/categories/c2' && method === 'PATCH') return { status: 200, body: categories[1] };
    return undefined;
  });
  await render(<ConsoleApp />);
  await wait(() => byTestId('category-edit-c2'));

  // Opened and saved untouched: the stored list is no change, nothing is sent.
  click(byTestId('category-edit-c2'));
  await wait(() => expect(byTestId<HTMLInputElement>('attribute-0-code').value).toBe('pole_number'));
  expect(byTestId<HTMLInputElement>('attribute-1-code').value).toBe('noise_time');
  expect(await audit('category-form-attributes')).toEqual([]);
  click(byTestId('category-form-submit'));
  await wait(() => expect(document.querySelector('[data-testid="category-form-name"]')).toBeNull());
  expect(calls.filter((c) => c.method === 'PATCH')).toEqual([]);

  // A new choice for the list attribute and a new required attribute.
  click(byTestId('category-edit-c2'));
  await wait(() => byTestId('attribute-1-add-value'));
  click(byTestId('attribute-1-add-value'));
  const keys = document.querySelectorAll<HTMLInputElement>('input[aria-label="值代码"]');
  const names = document.querySelectorAll<HTMLInputElement>('input[aria-label="显示名称"]');
  expect(keys).toHaveLength(2);
  setInput(keys[1], 'day');
  setInput(names[1], '白天');
  click(byTestId('category-form-add-attribute'));
  await wait(() => byTestId('attribute-2-code'));
  setInput(byTestId<HTMLInputElement>('attribute-2-code'), 'lamps_out');
  setInput(byTestId<HTMLInputElement>('attribute-2-description'), '不亮的路灯数量');
  click(byTestId('attribute-2-required'));
  click(byTestId('category-form-submit'));
  await wait(() => expect(calls.find((c) => c.method === 'PATCH' && c.path === '/api/v1/categories/c2')).toBeTruthy());
  expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
    attributes: [
      pole,
      { ...noise, values: [...noise.values, { key: 'day', name: '白天' }] },
      { code: 'lamps_out', description: '不亮的路灯数量', datatype: 'string', required: true, datatypeDescription: '', order: 3, values: [] },
    ],
    expectedVersion: 3,
  });
});
