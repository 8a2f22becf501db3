/** Issue #15 item 17: past receptions in the rota read as held / not held / to record, not 已排班. */
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { byTestId, mockFetch, render, wait } from './dom-helpers';
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
const reception = (id: string, date: string, phase: string, status = 'scheduled') => ({
  id,
  unitId: 's1',
  unitName: '安阳站',
  address: null,
  date,
  startTime: '09:00',
  endTime: '11:30',
  startsAt: `${date}T01:00:00.000Z`,
  endsAt: `${date}T03:30:00.000Z`,
  deputies: [{ id: 'd1', name: '王代表' }],
  capacity: 5,
  booked: 0,
  available: 5,
  status,
  phase,
  cancelReason: null,
  attendance: phase === 'held' ? [{ deputyId: 'd1', status: 'attended', note: null }] : [],
});

test('the rota shows what happened to past receptions', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/receptions');
  mockFetch((_, url) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: staff };
    if (p === '/api/v1/units') return { status: 200, body: { items: [{ ...stamp, id: 's1', name: '安阳站', kind: 'station', parentId: null }], total: 1 } };
    if (p === '/api/v1/receptions')
      return {
        status: 200,
        body: {
          items: [
            reception('r1', '2026-04-01', 'held'),
            reception('r2', '2026-04-08', 'to_record'),
            reception('r3', '2026-04-10', 'not_held'),
            reception('r4', '2026-04-22', 'scheduled'),
            reception('r5', '2026-04-29', 'cancelled', 'cancelled'),
          ],
        },
      };
    if (p === '/api/v1/reception-settings') return { status: 200, body: { publishDays: 14, reminderHours: 24 } };
    if (p === '/api/v1/reception-rules') return { status: 200, body: { items: [], total: 0 } };
    return undefined;
  });
  await render(<ConsoleApp />);
  await wait(() => byTestId('reception-phase-r1'));
  expect(['r1', 'r2', 'r3', 'r4', 'r5'].map((id) => byTestId(`reception-phase-${id}`).textContent)).toEqual([
    '已接待',
    '待登记到岗',
    '未接待',
    '已排班',
    '已取消',
  ]);
});
