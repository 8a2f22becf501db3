/**
 * Issue #15 item 17: station staff (and admins) can save a draft suggestion — the form asks
 * for the lead deputy (staff: one of their station's), and a server field error marks its field.
 */
import { act } from 'react';
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { byTestId, calls, click, mockFetch, render, setInput, wait } from './dom-helpers';
import { policyPermissions } from './policy-session';

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
const stamp = { active: true, version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
const units = [
  { ...stamp, id: 'hub', name: '总站', kind: 'hub', parentId: null },
  { ...stamp, id: 's1', name: '安阳站', kind: 'station', parentId: 'hub' },
  { ...stamp, id: 'p1', name: '万松点', kind: 'point', parentId: 's1' },
  { ...stamp, id: 's2', name: '塘下站', kind: 'station', parentId: 'hub' },
];
const deputies = [
  { ...stamp, id: 'd1', name: '王代表', homeUnitId: 'p1', levels: ['county'] },
  { ...stamp, id: 'd2', name: '李代表', homeUnitId: 's2', levels: ['county'] },
];

/** Opens an antd select and picks the option with `label`. */
async function choose(testId: string, label: string) {
  const select = byTestId(testId);
  act(() => {
    select.querySelector('.ant-select-selector, .ant-select-content')?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
  });
  await wait(() => expect(Array.from(document.querySelectorAll('.ant-select-item-option')).some((o) => o.textContent === label)).toBe(true));
  const options = Array.from(document.querySelectorAll('.ant-select-item-option')).map((o) => o.textContent);
  click(Array.from(document.querySelectorAll('.ant-select-item-option')).find((o) => o.textContent === label)!);
  return options;
}

test('staff name the lead deputy of their station; a server field error marks the field', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/proposals/new');
  mockFetch((method, url) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: staff };
    if (p === '/api/v1/units') return { status: 200, body: { items: units, total: units.length } };
    if (p === '/api/v1/deputies') return { status: 200, body: { items: deputies, total: deputies.length } };
    if (p === '/api/v1/suggestion-settings') return { status: 200, body: { motionMinCosigners: 9 } };
    if (p === '/api/v1/cases') return { status: 200, body: { items: [], total: 0 } };
    if (p === '/api/v1/suggestions' && method === 'POST')
      return {
        status: 422,
        body: {
          error: {
            code: 'REFERENCE_INVALID',
            message: 'No such active deputy.',
            details: [{ path: 'leadDeputyId', code: 'not_found', message: 'No such active deputy.' }],
          },
        },
      };
    return undefined;
  });
  await render(<ConsoleApp />);
  await wait(() => byTestId('proposal-lead'));
  setInput(byTestId('proposal-title'), '关于优化路口信号灯配时的建议');
  setInput(byTestId('proposal-body'), '早高峰拥堵，建议优化配时。');
  // Saving without a lead deputy is stopped at the field, before any request.
  click(byTestId('proposal-save'));
  await wait(() => expect(document.body.textContent).toContain('请选择领衔代表'));
  expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  // Only the deputies of the staff's station are offered.
  const offered = await choose('proposal-lead', '王代表');
  expect(offered).toEqual(['王代表']);
  click(byTestId('proposal-save'));
  await wait(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
  expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ leadDeputyId: 'd1', title: '关于优化路口信号灯配时的建议' });
  // The server's refusal names the field, and the form shows it there.
  await wait(() => expect(byTestId('proposal-lead').closest('.ant-form-item')!.textContent).toContain('不存在或已停用'));
});
