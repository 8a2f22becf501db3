import { act } from 'react';
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { actionBody } from '../console/cases/case-action-modal';
import type { CaseView } from '../console/cases/case-types';
import { consoleRoute } from '../console/layout/inbox';
import { audit } from './axe-audit';
import { byTestId, calls, click, mockFetch, render, setInput, wait } from './dom-helpers';
import { policyPermissions } from './policy-session';

const now = '2025-03-01T02:00:00Z';
const base = { active: true, version: 1, createdAt: now, updatedAt: now, sortOrder: 0 };
const page = (items: unknown[]) => ({ status: 200, body: { items, total: items.length } });
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
const units = [
  { ...base, id: 'hub', name: '联络总站', kind: 'hub', parentId: null, regionType: null },
  { ...base, id: 's1', name: '安阳站', kind: 'station', parentId: 'hub', regionType: '街道' },
].map((u) => ({ region: null, pointKind: null, address: null, phone: null, openingHours: null, brands: [], lat: null, lng: null, ...u }));
const departments = [{ ...base, id: 'dep1', name: '市住建局', shortName: null, liaisonName: null, liaisonPhone: null }];

const summary = {
  id: 'c1',
  trackingCode: 'K7QX-M4RT-9P',
  title: '路灯坏了',
  status: 'submitted',
  statusLabel: '待受理',
  kind: 'help',
  channel: 'qr',
  categoryId: null,
  unitId: 's1',
  departmentId: null,
  deputyId: null,
  createdAt: now,
  replyDueAt: null,
  clock: 'overdue' as const,
  spamFlags: [],
};
function caseView(status: string, version: number, allowedActions: string[]): CaseView {
  return {
    case: {
      ...summary,
      status,
      version,
      content: '小区门口路灯坏了一个月，电话139****0000。<script>alert(1)</script>',
      textMasked: true,
      address: '安阳路1号',
      reporter: { name: '李*', phone: '138****5678', email: null },
      anonymous: false,
      consentPublic: true,
      signDueAt: null,
      acceptDueAt: '2025-03-03T15:59:59Z',
      rating: null,
      ratingComment: null,
      replyContent: null,
      reopenCount: 0,
      mergedInto: null,
      suggestionId: null,
      enteredBy: null,
      targetDeputyId: null,
      supervised: false,
      clocks: { accept: 'overdue', sign: null, reply: null },
    },
    events: [
      {
        id: 'e1',
        type: 'submitted',
        label: '已提交',
        fromStatus: null,
        toStatus: 'submitted',
        actorName: null,
        actorKind: 'citizen',
        at: now,
        reason: null,
        payload: { channel: 'qr' },
        public: true,
      },
      ...(status === 'rejected'
        ? [
            {
              id: 'e2',
              type: 'reject',
              label: '不予受理',
              fromStatus: 'submitted',
              toStatus: 'rejected',
              actorName: 'staff-anyang',
              actorKind: 'user',
              at: now,
              reason: '属于诉讼事项',
              payload: { guidance: '请向法院起诉' },
              public: true,
            },
          ]
        : []),
    ],
    allowedActions,
    attachments: [{ id: 'f1', mime: 'image/jpeg', size: 20480, width: null, height: null, url: '/api/v1/attachments/f1' }],
    similar: [{ id: 'c9', trackingCode: 'AAAA-BBBB-CC', title: '同一路灯', status: 'accepted', score: 0.82 }],
    serviceAttributes: [{ code: 'pole_number', label: '路灯杆号', value: 'AY-0123' }],
  };
}

test('pure helpers of the case pages', () => {
  expect(actionBody('assign', { target: 'deputy', deputyId: 'd1', departmentId: 'dep1', dueWorkdays: 5 })).toEqual({ deputyId: 'd1', dueWorkdays: 5 });
  expect(actionBody('reject', { reason: ' 不属于 ', guidance: '  ' })).toEqual({ reason: '不属于' });
  expect(actionBody('close', {})).toEqual({});
  expect(actionBody('request_extension', { days: 5, reason: '需要协调' })).toEqual({ days: 5, reason: '需要协调' });
  expect(consoleRoute('/console/cases/c1', 'http://x')).toBe('/cases/c1');
  expect(consoleRoute('http://x/console/cases/c1?a=1', 'http://x')).toBe('/cases/c1?a=1');
  expect(consoleRoute('/m/track/K7QX', 'http://x')).toBeNull();
});

test('case page shows only allowed actions, sends them with the version, handles conflicts; list, batch, intake, import', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/cases/c1');
  let current = caseView('submitted', 3, ['accept', 'reject', 'urge', 'merge', 'note']);
  let importPolls = 0;
  mockFetch((method, url, body, headers) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: staff };
    if (p === '/api/v1/units') return page(units);
    if (p === '/api/v1/departments') return page(departments);
    if (p === '/api/v1/categories' || p === '/api/v1/deputies') return page([]);
    if (p === '/api/v1/notifications')
      return page([{ id: 'n1', title: '新的民意件 K7QX-M4RT-9P', body: '待受理', link: '/console/cases/c1', createdAt: now, readAt: null }]);
    if (p === '/api/v1/cases/c1' && method === 'GET') return { status: 200, body: current };
    if (p === '/api/v1/cases/c1/actions/reject') {
      expect(headers.get('X-CSRF-Token')).toBe('tok-9');
      current = caseView('rejected', 4, ['note']);
      return { status: 200, body: current };
    }
    if (p === '/api/v1/cases/c1/actions/note') return { status: 409, body: { error: { code: 'CASE_VERSION_CONFLICT', message: 'x', details: [] } } };
    if (p === '/api/v1/cases/c1/reveal-contact')
      return {
        status: 200,
        body: {
          reporter: { name: '李四', phone: '13812345678', email: null },
          text: { title: summary.title, content: '小区门口路灯坏了一个月，电话13900000000。<script>alert(1)</script>' },
        },
      };
    if (p === '/api/v1/cases/worklists') return { status: 200, body: { items: ['to_accept', 'to_sign', 'overdue'].map((key, i) => ({ key, count: i + 1 })) } };
    if (p === '/api/v1/cases' && method === 'GET') return page([summary]);
    if (p === '/api/v1/cases' && method === 'POST')
      return { status: 201, body: { ...caseView('submitted', 1, ['accept']), case: { ...current.case, id: 'c2' } } };
    if (p === '/api/v1/cases/c2') return { status: 200, body: { ...caseView('submitted', 1, ['accept']), case: { ...current.case, id: 'c2' } } };
    if (p === '/api/v1/imports/preview')
      return {
        status: 200,
        body: {
          columns: ['日期', '内容', '电话'],
          sampleRows: [['2024-01-02', '路面破损', '13800001111']],
          suggestedMapping: { content: '内容', createdAt: '日期' },
        },
      };
    if (p === '/api/v1/imports' && method === 'POST') return { status: 202, body: { id: 'j1' } };
    if (p === '/api/v1/imports/j1') {
      importPolls += 1;
      const done = importPolls > 1;
      return {
        status: 200,
        body: {
          id: 'j1',
          status: done ? 'done' : 'running',
          dryRun: true,
          total: 4,
          processed: done ? 4 : 2,
          created: done ? 2 : 1,
          duplicates: 1,
          failed: done ? 1 : 0,
          errors: done ? [{ row: 3, reason: '反映内容为空' }] : [],
        },
      };
    }
    return undefined;
  });
  await render(<ConsoleApp />);

  // Buttons exactly for allowedActions.
  await wait(() => byTestId('case-action-reject'));
  for (const action of ['accept', 'reject', 'urge', 'merge', 'note']) expect(byTestId(`case-action-${action}`)).toBeTruthy();
  for (const action of ['assign', 'sign', 'reply', 'close', 'reopen']) expect(document.querySelector(`[data-testid="case-action-${action}"]`)).toBeNull();
  expect(byTestId('case-content').textContent).toContain('<script>alert(1)</script>');
  expect(byTestId('case-clock-accept').textContent).toContain('已超期');
  expect(byTestId('case-timeline').textContent).toContain('扫码提交');
  // An Open311 request's answers to its category's questions.
  expect(byTestId('case-service-attributes').textContent).toBe('路灯杆号AY-0123');
  await wait(() => expect(byTestId('inbox-button').getAttribute('aria-label')).toBe('消息（1 条未读）'));
  expect(await audit('case')).toEqual([]);

  // Reject: the reason is required; then the action goes out with the version.
  click(byTestId('case-action-reject'));
  await wait(() => byTestId('case-action-form-reason'));
  await act(async () => byTestId('case-action-form-submit').click());
  await wait(() => expect(byTestId('case-action-form').textContent).toContain('请填写不予受理的理由'));
  expect(calls.some((c) => c.path.includes('/actions/'))).toBe(false);
  setInput(byTestId('case-action-form-reason'), '属于诉讼事项');
  setInput(byTestId('case-action-form-guidance'), '请向法院起诉');
  await act(async () => byTestId('case-action-form-submit').click());
  await wait(() => expect(document.querySelector('[data-testid="case-action-reject"]')).toBeNull());
  expect(calls.find((c) => c.path === '/api/v1/cases/c1/actions/reject')?.body).toEqual({
    expectedVersion: 3,
    reason: '属于诉讼事项',
    guidance: '请向法院起诉',
  });
  expect(byTestId('case-actions').textContent?.replace(/\s/g, '')).toBe('备注');
  await wait(() => expect(byTestId('case-timeline').textContent).toContain('请向法院起诉'));

  // A stale version: 409 says someone else changed it and offers a reload.
  click(byTestId('case-action-note'));
  await wait(() => byTestId('case-action-form-content'));
  setInput(byTestId('case-action-form-content'), '已电话联系');
  await act(async () => byTestId('case-action-form-submit').click());
  await wait(() => expect(byTestId('case-action-form-error').textContent).toContain('此件已被他人更新'));
  expect(calls.find((c) => c.path === '/api/v1/cases/c1/actions/note')?.body).toEqual({ expectedVersion: 4, content: '已电话联系' });
  const gets = calls.filter((c) => c.path === '/api/v1/cases/c1').length;
  await act(async () => byTestId('case-action-form-reload').click());
  await wait(() => expect(calls.filter((c) => c.path === '/api/v1/cases/c1').length).toBeGreaterThan(gets));

  // One audited reveal shows the reporter's contact and the numbers masked in the text.
  expect(byTestId('case-reporter').textContent).toContain('138****5678');
  expect(byTestId('case-content').textContent).toContain('139****0000');
  await act(async () => byTestId('case-reveal-contact').click());
  await wait(() => expect(byTestId('case-reporter').textContent).toContain('13812345678'));
  expect(byTestId('case-content').textContent).toContain('电话13900000000。');
  expect(calls.filter((c) => c.path === '/api/v1/cases/c1/reveal-contact')).toHaveLength(1);
  expect(byTestId('case-contact-revealed').textContent).toContain('审计');

  // The list: worklist tabs with counts, deadline in words, batch assignment.
  click(byTestId('nav-cases'));
  await wait(() => expect(byTestId('cases-tab-to_sign').textContent).toContain('2'));
  await wait(() => expect(byTestId('case-clock-c1').textContent).toContain('已超期'));
  click(byTestId('cases-tab-overdue'));
  await wait(() => expect(calls.some((c) => c.path === '/api/v1/cases?page=1&pageSize=20&worklist=overdue')).toBe(true));
  expect(await audit('cases')).toEqual([]);
  click(byTestId('cases-select-all'));
  click(byTestId('cases-batch-assign'));
  await wait(() => byTestId('batch-assign-form'));
  expect(document.body.textContent).toContain('批量交办（已选 1 件）');
  click(byTestId('batch-assign-submit'));
  await wait(() => expect(byTestId('batch-assign-form').textContent).toContain('请填写承办单位'));

  // Offline intake.
  click(document.querySelector('.ant-modal-close')!);
  click(byTestId('nav-intake'));
  await wait(() => byTestId('intake-content'));
  setInput(byTestId('intake-content'), '群众来电：村口道路破损。');
  setInput(byTestId('intake-reporter-phone'), '13700001111');
  await act(async () => byTestId('intake-submit').click());
  await wait(() => expect(window.location.pathname).toBe('/console/cases/c2'));
  expect(calls.find((c) => c.method === 'POST' && c.path === '/api/v1/cases')?.body).toEqual({
    channel: 'walk_in',
    content: '群众来电：村口道路破损。',
    unitId: 's1',
    reporter: { phone: '13700001111' },
    anonymous: false,
    consentPublic: false,
  });

  // Import: preview, mapping, dry run with progress and the rows that failed.
  click(byTestId('nav-imports'));
  await wait(() => byTestId('import-file'));
  const input = byTestId<HTMLInputElement>('import-file');
  Object.defineProperty(input, 'files', { value: [new File(['日期,内容\n'], 'register.csv', { type: 'text/csv' })], configurable: true });
  act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await wait(() => byTestId('import-mapping'));
  expect(calls.find((c) => c.path === '/api/v1/imports/preview')?.body).toBeInstanceOf(FormData);
  click(byTestId('import-dry-run'));
  await wait(() => expect(byTestId('import-errors').textContent).toContain('反映内容为空'));
  const run = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/imports')?.body as FormData;
  expect(run.get('dryRun')).toBe('true');
  expect(JSON.parse(run.get('mapping') as string)).toMatchObject({ content: '内容', createdAt: '日期', title: null });
  expect(byTestId('import-progress').textContent).toContain('100%');
  expect(byTestId('import-created').textContent).toBe('2');
});
