/**
 * Issue #15 item 17 on the case page: the assign dialog starts from the category's default
 * department, and after 不满意 the reply dialog shows the department what the citizen said.
 */
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { defaultDepartmentOf } from '../console/cases/case-options';
import type { CaseView } from '../console/cases/case-types';
import { byTestId, click, mockFetch, render, wait } from './dom-helpers';
import { policyPermissions } from './policy-session';

const now = '2026-04-01T02:00:00Z';
const base = { active: true, version: 1, createdAt: now, updatedAt: now, sortOrder: 0 };
const page = (items: unknown[]) => ({ status: 200, body: { items, total: items.length } });
const categories = [
  { ...base, id: 'c1', parentId: null, name: '城乡建设', defaultDepartmentId: 'dep1', timeLimitWorkdays: 15 },
  { ...base, id: 'c2', parentId: 'c1', name: '市政管理', defaultDepartmentId: null, timeLimitWorkdays: null },
  { ...base, id: 'c3', parentId: null, name: '交通运输', defaultDepartmentId: 'dep-off', timeLimitWorkdays: null },
];
const departments = [
  { ...base, id: 'dep1', name: '市住建局', shortName: null, liaisonName: null, liaisonPhone: null },
  { ...base, id: 'dep2', name: '市交通局', shortName: null, liaisonName: null, liaisonPhone: null },
  { ...base, id: 'dep-off', name: '已撤销的局', active: false, shortName: null, liaisonName: null, liaisonPhone: null },
];

function view(status: string, allowedActions: string[], extra: Partial<CaseView['case']> = {}): CaseView {
  return {
    case: {
      id: 'k1',
      trackingCode: 'K7QX-M4RT-9P',
      title: '路灯坏了',
      status,
      statusLabel: status,
      kind: 'help',
      channel: 'online',
      categoryId: 'c2',
      unitId: null,
      departmentId: null,
      deputyId: null,
      createdAt: now,
      replyDueAt: null,
      clock: null,
      spamFlags: [],
      version: 4,
      content: '小区门口路灯坏了一个月。',
      address: null,
      reporter: { name: null, phone: null, email: null },
      anonymous: true,
      consentPublic: false,
      signDueAt: null,
      acceptDueAt: null,
      rating: null,
      ratingComment: null,
      replyContent: null,
      reopenCount: 0,
      mergedInto: null,
      suggestionId: null,
      enteredBy: null,
      targetDeputyId: null,
      supervised: false,
      textMasked: false,
      clocks: { accept: null, sign: null, reply: null },
      ...extra,
    },
    events: [],
    allowedActions,
    attachments: [],
    similar: [],
    serviceAttributes: [],
  };
}

function api(user: LoginResponse, current: CaseView) {
  mockFetch((method, url) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: user };
    if (p === '/api/v1/categories') return page(categories);
    if (p === '/api/v1/departments') return page(departments);
    if (p === '/api/v1/units' || p === '/api/v1/deputies' || p === '/api/v1/notifications') return page([]);
    if (p === '/api/v1/cases/k1' && method === 'GET') return { status: 200, body: current };
    return undefined;
  });
}

const staff: LoginResponse = {
  user: {
    id: 'u2',
    username: 'staff-anyang',
    displayName: '安阳街道联络员',
    roles: ['staff'],
    scope: { unitId: 's1', departmentId: null, deputyId: null },
    permissions: policyPermissions(['staff'], { unitId: 's1', departmentId: null, deputyId: null }),
  },
  csrfToken: 'tok',
};
const dept: LoginResponse = {
  user: {
    id: 'u5',
    username: 'dept-zhujian',
    displayName: '住建局办理员',
    roles: ['department'],
    scope: { unitId: null, departmentId: 'dep1', deputyId: null },
    permissions: policyPermissions(['department'], { unitId: null, departmentId: 'dep1', deputyId: null }),
  },
  csrfToken: 'tok',
};

test('the default department of a category: its own, else its parent’s; an inactive one is skipped', () => {
  const active = new Set(['dep1', 'dep2']);
  expect(defaultDepartmentOf(categories, active, 'c1')).toBe('dep1');
  expect(defaultDepartmentOf(categories, active, 'c2')).toBe('dep1');
  expect(defaultDepartmentOf(categories, active, 'c3')).toBeNull();
  expect(defaultDepartmentOf(categories, active, null)).toBeNull();
});

test('the assign dialog starts from the category’s default department', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/cases/k1');
  api(staff, view('accepted', ['assign']));
  await render(<ConsoleApp />);
  await wait(() => byTestId('case-action-assign'));
  click(byTestId('case-action-assign'));
  await wait(() => expect(byTestId('case-action-form-department').textContent).toContain('市住建局'));
  expect(byTestId('case-action-form').textContent).toContain('已按分类「市政管理」的默认承办单位预填');
});

test('after 不满意 the reply dialog shows the citizen’s comment', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/cases/k1');
  api(
    dept,
    view('in_progress', ['reply', 'request_extension', 'note'], { departmentId: 'dep1', rating: 'unsatisfied', ratingComment: '灯还是不亮', reopenCount: 1 }),
  );
  await render(<ConsoleApp />);
  await wait(() => byTestId('case-action-reply'));
  click(byTestId('case-action-reply'));
  await wait(() => expect(byTestId('case-action-form-unsatisfied').textContent).toBe('群众不满意：灯还是不亮'));
});
