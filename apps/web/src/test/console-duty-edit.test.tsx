/**
 * Issue #5 editing in the console: a rota rule is changed and deactivated, the publication
 * window is set; an activity is changed — cases linked and unlinked, a photo removed and
 * one uploaded — and the API receives exactly the fields it accepts.
 */
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { audit } from './axe-audit';
import { byTestId, calls, click, mockFetch, render, setInput, typeInPicker, wait } from './dom-helpers';
import { policyPermissions } from './policy-session';

const admin: LoginResponse = {
  user: {
    id: 'u1',
    username: 'admin',
    displayName: '管理员',
    roles: ['admin'],
    scope: { unitId: null, departmentId: null, deputyId: null },
    permissions: policyPermissions(['admin']),
  },
  csrfToken: 'tok',
};
const stamp = { active: true, version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
const units = [{ ...stamp, id: 's1', name: '安阳站', kind: 'station', parentId: null }];
const deputies = [
  { ...stamp, id: 'd1', name: '王代表' },
  { ...stamp, id: 'd2', name: '李代表' },
];
const page = (items: unknown[]) => ({ status: 200, body: { items, total: items.length } });
const putBodies = (path: string) => calls.filter((c) => c.method === 'PUT' && c.path === path).map((c) => c.body as Record<string, unknown>);

test('a rota rule is edited and deactivated; the publication window is set', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/receptions');
  let rule = {
    ...stamp,
    id: 'r1',
    unitId: 's1',
    kind: 'weekly',
    weekday: 3,
    date: null,
    startTime: '09:00',
    endTime: '11:30',
    capacity: 10,
    deputyIds: ['d1'],
    validFrom: '2026-04-01',
    validTo: null,
    note: null,
    createdBy: undefined,
  };
  let settings = { publishDays: 14, reminderHours: 24 };
  mockFetch((method, url, body) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: admin };
    if (p === '/api/v1/units') return page(units);
    if (p === '/api/v1/deputies') return page(deputies);
    if (p === '/api/v1/receptions') return page([]);
    if (p === '/api/v1/reception-settings') {
      if (method === 'PUT') settings = body as typeof settings;
      return { status: 200, body: settings };
    }
    if (p === '/api/v1/reception-rules') return page([rule]);
    if (p === '/api/v1/reception-rules/r1' && method === 'PUT') {
      rule = { ...rule, ...(body as object), version: rule.version + 1 };
      return { status: 200, body: rule };
    }
    return undefined;
  });
  await render(<ConsoleApp />);
  await wait(() => expect(document.body.textContent).toContain('排班提前 14 天公开'));
  click(Array.from(document.querySelectorAll('[role="tab"]')).find((el) => el.textContent === '排班规则')!);
  await wait(() => expect(byTestId('rules-table').textContent).toContain('每周三 09:00–11:30'));
  expect(byTestId('rules-table').textContent).toContain('王代表');
  expect(await audit('rota rules')).toEqual([]);

  click(byTestId('rule-edit-r1'));
  const start = await wait(() => byTestId<HTMLInputElement>('rule-start'));
  expect(start.value).toBe('09:00');
  typeInPicker(start, '14:00');
  typeInPicker(byTestId<HTMLInputElement>('rule-end'), '16:00');
  click(byTestId('rota-save'));
  await wait(() => expect(putBodies('/api/v1/reception-rules/r1')).toHaveLength(1));
  // Exactly the fields the API takes (it refuses unknown ones such as createdAt), with the version read.
  expect(putBodies('/api/v1/reception-rules/r1')[0]).toEqual({
    unitId: 's1',
    kind: 'weekly',
    weekday: 3,
    date: null,
    startTime: '14:00',
    endTime: '16:00',
    capacity: 10,
    deputyIds: ['d1'],
    validFrom: '2026-04-01',
    validTo: null,
    note: null,
    active: true,
    expectedVersion: 1,
  });
  await wait(() => expect(byTestId('rules-table').textContent).toContain('每周三 14:00–16:00'));

  click(byTestId('rule-deactivate-r1'));
  click(await wait(() => byTestId('rule-deactivate-ok')));
  await wait(() => expect(putBodies('/api/v1/reception-rules/r1')).toHaveLength(2));
  expect(putBodies('/api/v1/reception-rules/r1')[1]).toMatchObject({ active: false, startTime: '14:00', expectedVersion: 2 });
  await wait(() => expect(byTestId('rules-table').textContent).toContain('已停用'));
  expect(byTestId('rule-activate-r1')).toBeTruthy();

  click(byTestId('rota-settings'));
  const days = await wait(() => {
    const el = byTestId('settings-publish-days');
    return (el.tagName === 'INPUT' ? el : el.querySelector('input')) as HTMLInputElement;
  });
  setInput(days, '21');
  click(byTestId('settings-save'));
  await wait(() => expect(putBodies('/api/v1/reception-settings')).toEqual([{ publishDays: 21, reminderHours: 24 }]));
  await wait(() => expect(document.body.textContent).toContain('排班提前 21 天公开'));
});

test('an activity is edited: cases linked and unlinked, photos removed and uploaded', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/activities');
  const activity = {
    id: 'a1',
    unitId: 's1',
    kind: 'research',
    title: '老旧小区改造调研',
    date: '2026-04-02',
    location: '安阳街道',
    summary: '走访三个小区',
    deputyIds: ['d1'],
    caseIds: ['c1'],
    photoIds: ['ph1', 'ph2'],
    createdBy: 'u1',
    version: 4,
    createdAt: '2026-04-02T00:00:00Z',
    updatedAt: '2026-04-02T00:00:00Z',
  };
  const caseOf = (id: string, trackingCode: string, title: string) => ({ id, trackingCode, title, status: 'accepted' });
  mockFetch((method, url) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: admin };
    if (p === '/api/v1/units') return page(units);
    if (p === '/api/v1/deputies') return page(deputies);
    if (p === '/api/v1/activities') return page([activity]);
    if (p === '/api/v1/cases/c1') return { status: 200, body: { case: caseOf('c1', 'LX2604AAAA', '路灯不亮') } };
    if (p === '/api/v1/cases' && url.searchParams.get('q') === '加装电梯') return page([caseOf('c2', 'LX2604BBBB', '加装电梯补贴')]);
    if (p === '/api/v1/attachments' && method === 'POST') return { status: 201, body: { id: 'ph3', mime: 'image/png', size: 10, width: 1, height: 1 } };
    if (p === '/api/v1/activities/a1' && method === 'PUT') return { status: 200, body: activity };
    if (p.startsWith('/api/v1/activities/a1/photos/')) return { status: 404 };
    return undefined;
  });
  await render(<ConsoleApp />);
  click(await wait(() => byTestId('activity-edit-a1')));
  await wait(() => expect(byTestId('activity-linked-cases').textContent).toContain('LX2604AAAA 路灯不亮'));
  expect(byTestId<HTMLInputElement>('activity-title').value).toBe('老旧小区改造调研');

  // Link a case found by search, unlink the old one.
  const search = byTestId('activity-case-search');
  setInput((search.tagName === 'INPUT' ? search : search.querySelector('input')) as HTMLInputElement, '加装电梯');
  click(byTestId('activity-case-search-go'));
  click(await wait(() => byTestId('case-link-LX2604BBBB')));
  await wait(() => expect(byTestId('activity-linked-cases').textContent).toContain('LX2604BBBB 加装电梯补贴'));
  click(byTestId('case-unlink-LX2604AAAA'));
  await wait(() => expect(byTestId('activity-linked-cases').textContent).not.toContain('LX2604AAAA'));

  // Remove the first photo; upload a new one.
  const items = () => Array.from(document.querySelectorAll('.ant-upload-list-item'));
  expect(items()).toHaveLength(2);
  click(items()[0].querySelector('button')!);
  await wait(() => expect(items()).toHaveLength(1));
  const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
  Object.defineProperty(input, 'files', { value: [new File([new Uint8Array([137, 80, 78, 71])], 'site.png', { type: 'image/png' })], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await wait(() => expect(items().filter((el) => el.className.includes('ant-upload-list-item-done'))).toHaveLength(2));

  setInput(byTestId<HTMLTextAreaElement>('activity-summary'), '走访三个小区，收集意见两条');
  expect(await audit('activity form')).toEqual([]);
  click(byTestId('activity-save'));
  await wait(() => expect(putBodies('/api/v1/activities/a1')).toHaveLength(1));
  expect(putBodies('/api/v1/activities/a1')[0]).toEqual({
    unitId: 's1',
    kind: 'research',
    title: '老旧小区改造调研',
    date: '2026-04-02',
    location: '安阳街道',
    summary: '走访三个小区，收集意见两条',
    deputyIds: ['d1'],
    caseIds: ['c2'],
    photoIds: ['ph2', 'ph3'],
    expectedVersion: 4,
  });
});
