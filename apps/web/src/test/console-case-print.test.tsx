// The printed case sheet leaves the system on paper: every kind of personal data in its texts is
// masked, house numbers included, while the console's case page shows what staff may read.
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import type { CaseView } from '../console/cases/case-types';
import { byTestId, mockFetch, render, wait } from './dom-helpers';
import { policyPermissions } from './policy-session';

const now = '2025-03-01T02:00:00Z';
const staff: LoginResponse = {
  user: {
    id: 'u2',
    username: 'staff-anyang',
    displayName: '安阳联络员',
    roles: ['staff'],
    scope: { unitId: 's1', departmentId: null, deputyId: null },
    permissions: policyPermissions(['staff'], { unitId: 's1', departmentId: null, deputyId: null }),
  },
  csrfToken: 'tok-9',
};
// What the API gives staff: phone and ID card numbers masked already, the rest as written.
const content = '我住万松路88号3幢2单元501室，电话139****5678，身份证3303**********1237，卡号6222021234567890128，邮箱zhang.san@example.com。';
const view: CaseView = {
  case: {
    id: 'c1',
    trackingCode: 'K7QX-M4RT-9P',
    title: '万松路88号门口路灯坏了',
    status: 'replied',
    statusLabel: '已答复',
    kind: 'help',
    channel: 'online',
    categoryId: null,
    unitId: null,
    departmentId: null,
    deputyId: null,
    createdAt: now,
    replyDueAt: now,
    clock: null,
    spamFlags: [],
    content,
    textMasked: true,
    address: '安阳街道万松路88号',
    version: 3,
    reporter: { name: '李*', phone: '138****5678', email: null },
    anonymous: false,
    consentPublic: false,
    signDueAt: null,
    acceptDueAt: null,
    rating: 'unsatisfied',
    ratingComment: '请打我电话13812345678',
    replyContent: '已修复，如有问题请到万松路88号3幢物业办公室。',
    reopenCount: 0,
    mergedInto: null,
    suggestionId: null,
    enteredBy: null,
    targetDeputyId: null,
    supervised: false,
    clocks: { accept: null, sign: null, reply: null },
  },
  events: [],
  allowedActions: [],
  attachments: [],
  similar: [],
  serviceAttributes: [],
};

test('the printed case sheet masks every kind of personal data in its texts', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/cases/c1/print');
  mockFetch((_method, url) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: staff };
    if (p === '/api/v1/cases/c1') return { status: 200, body: view };
    if (p.startsWith('/api/v1/')) return { status: 200, body: { items: [], total: 0 } };
    return undefined;
  });
  await render(<ConsoleApp />);
  await wait(() => byTestId('case-print-sheet'));
  const sheet = byTestId('case-print-sheet').textContent ?? '';
  for (const raw of ['88号3幢2单元501室', '6222021234567890128', 'zhang.san@example.com', '13812345678', '万松路88号']) expect(sheet).not.toContain(raw);
  expect(sheet).toContain('万松路**号*幢*单元***室');
  expect(sheet).toContain('6222 **** **** 0128');
  expect(sheet).toContain('z***@example.com');
  expect(sheet).toContain('请打我电话138****5678');
  expect(sheet).toContain('万松路**号门口路灯坏了');
});
