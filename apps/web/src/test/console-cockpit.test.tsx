import { act } from 'react';
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { periodRange } from '../console/cockpit/period';
import { stationFigures } from '../console/cockpit/station-model';
import { drillDownPath, type Overview } from '../console/cockpit/stats-api';
import { audit } from './axe-audit';
import { byTestId, calls, click, mockFetch, render, wait } from './dom-helpers';
import { policyPermissions } from './policy-session';

const now = '2026-03-01T02:00:00Z';
const base = { active: true, version: 1, createdAt: now, updatedAt: now, sortOrder: 0 };
const page = (items: unknown[]) => ({ status: 200, body: { items, total: items.length } });
const supervisor: LoginResponse = {
  user: {
    id: 'u1',
    username: 'supervisor',
    displayName: '督办员',
    roles: ['supervisor'],
    scope: { unitId: null, departmentId: null, deputyId: null },
    permissions: policyPermissions(['supervisor']),
  },
  csrfToken: 'tok-1',
};
const units = [
  { ...base, id: 'hub', name: '联络总站', kind: 'hub', parentId: null, path: '/hub/' },
  { ...base, id: 's1', name: '安阳街道站', kind: 'station', parentId: 'hub', path: '/hub/s1/' },
  { ...base, id: 's2', name: '塘下镇站', kind: 'station', parentId: 'hub', path: '/hub/s2/' },
  { ...base, id: 'p1', name: '安阳某社区点', kind: 'point', parentId: 's1', path: '/hub/s1/p1/' },
].map((u) => ({ region: null, regionType: null, pointKind: null, address: null, phone: null, openingHours: null, brands: [], lat: null, lng: null, ...u }));

const line = (id: string | null, name: string, received: number, closed: number, rated = 0, satisfactionRate: number | null = null) => ({
  id,
  name,
  received,
  accepted: received - 1,
  closed,
  replied: closed,
  rated,
  onTimeRate: 0.9,
  satisfactionRate,
  avgHandleWorkdays: 3.5,
});
const overview: Overview = {
  ...line(null, '', 42, 20, 10, 0.8),
  accepted: 38,
  overdue: 3,
  supervised: 2,
  period: { from: '2025-12-31T16:00:00.000Z', to: '2026-03-01T16:00:00.000Z' },
  granularity: 'month',
  trend: [
    { period: '2026-01', received: 30, accepted: 28, closed: 15 },
    { period: '2026-02', received: 12, accepted: 10, closed: 5 },
  ],
  byCategory: [line('cat1', '城乡建设', 25, 12, 6, 0.5)],
  byUnit: [
    { ...line('s1', '安阳街道站', 20, 10, 4, 0.75), kind: 'station', parentId: 'hub', path: '/hub/s1/' },
    { ...line('p1', '安阳某社区点', 5, 2, 2, 1), kind: 'point', parentId: 's1', path: '/hub/s1/p1/' },
    { ...line('s2', '塘下镇站', 17, 8, 4, 0.75), kind: 'station', parentId: 'hub', path: '/hub/s2/' },
  ],
  byDepartment: [line('dep1', '市住建局', 30, 14)],
  byChannel: [line('online', '网上提交', 30, 14), line('phone', '来电', 12, 6)],
  generatedAt: now,
};

test('drill-down links carry the cockpit filters to the case list; stations sum their points', () => {
  const filters = { from: '2026-01-01', to: '2026-03-01', channel: 'phone' };
  expect(drillDownPath(filters, { figure: 'overdue' })).toBe('/cases?from=2026-01-01&to=2026-03-01&channel=phone&overdue=1');
  expect(drillDownPath(filters, { figure: 'accepted' })).toContain('status=accepted%2Cassigned%2Cin_progress%2Creplied%2Creopened%2Cclosed%2Cconverted');
  expect(drillDownPath(filters, { figure: 'supervised' })).toContain('worklist=supervised');
  expect(drillDownPath(filters, { underUnitId: 's1' })).toBe('/cases?from=2026-01-01&to=2026-03-01&channel=phone&underUnitId=s1');
  // A month of the trend, clipped to the period.
  expect(drillDownPath({ from: '2026-01-10', to: '2026-03-01' }, { period: '2026-01' })).toBe('/cases?from=2026-01-10&to=2026-01-31');
  expect(drillDownPath({}, { period: '2026-02-14' })).toBe('/cases?from=2026-02-14&to=2026-02-14');
  const stations = stationFigures(units, overview.byUnit);
  expect(stations.map((s) => [s.name, s.received, s.closed])).toEqual([
    ['联络总站', 0, 0],
    ['安阳街道站', 25, 12],
    ['塘下镇站', 17, 8],
  ]);
  expect(stations[1].satisfactionRate).toBeCloseTo(5 / 6, 5);
  expect(periodRange('month', new Date('2026-02-28T17:00:00Z'))).toEqual({ from: '2026-03-01', to: '2026-03-01' }); // China time
  expect(periodRange('all')).toEqual({});
});

test('the cockpit shows the figures and every figure leads to the cases behind it', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/cockpit?period=all');
  mockFetch((method, url) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: supervisor };
    if (p === '/api/v1/units') return page(units);
    if (p === '/api/v1/categories') return page([{ ...base, id: 'cat1', name: '城乡建设', parentId: null }]);
    if (p === '/api/v1/departments' || p === '/api/v1/deputies' || p === '/api/v1/notifications') return page([]);
    if (p === '/api/v1/stats/overview') return { status: 200, body: overview };
    if (p === '/api/v1/stats/hot-issues') return { status: 200, body: { clusters: [{ title: '路灯不亮', heat: 9, size: 4, caseIds: ['c1'], units: [] }] } };
    if (p === '/api/v1/stats/hot-words') return { status: 200, body: { words: [{ word: '路灯', count: 5 }] } };
    if (p === '/api/v1/cases/worklists') return { status: 200, body: { items: [] } };
    if (p === '/api/v1/cases' && method === 'GET') return page([]);
    return undefined;
  });
  await render(<ConsoleApp />);
  await wait(() => expect(byTestId('kpi-received').textContent).toContain('42'));
  expect(byTestId('kpi-satisfactionRate').textContent).toContain('80');
  expect(byTestId('kpi-avgHandleWorkdays').textContent).toContain('3.5 个工作日');
  expect(byTestId('kpi-link-overdue').getAttribute('href')).toBe('/console/cases?overdue=1');
  expect(byTestId('station-link-s1').getAttribute('href')).toBe('/console/cases?underUnitId=s1');
  // The hub's own cases, not its stations'.
  expect(byTestId('station-link-hub').getAttribute('href')).toBe('/console/cases?unitId=hub');
  expect(byTestId('cockpit-stations').textContent).toContain('25');
  expect(byTestId('cockpit-by-category').textContent).toContain('城乡建设');
  await wait(() => expect(byTestId('cockpit-hot').textContent).toContain('路灯不亮'));
  expect(calls.some((c) => c.path.startsWith('/api/v1/cases?') && c.path.includes('overdue=1') && c.path.includes('pageSize=6'))).toBe(true);
  expect(calls.some((c) => c.path.startsWith('/api/v1/cases?') && c.path.includes('worklist=supervised'))).toBe(true);
  expect(await audit('cockpit')).toEqual([]);

  // Another period asks the API again with its dates.
  const before = calls.filter((c) => c.path.startsWith('/api/v1/stats/overview')).length;
  const year = [...byTestId('cockpit-period').querySelectorAll('label')].find((l) => l.textContent === '本年')!;
  click(year);
  await wait(() => expect(calls.filter((c) => c.path.startsWith('/api/v1/stats/overview')).length).toBeGreaterThan(before));
  const { from } = periodRange('year');
  expect(calls.filter((c) => c.path.startsWith('/api/v1/stats/overview')).at(-1)!.path).toContain(`from=${from}`);

  // Drill-down: the overdue figure opens the case list with the same filters.
  await act(async () => byTestId('kpi-link-overdue').click());
  await wait(() => expect(window.location.pathname).toBe('/console/cases'));
  expect(window.location.search).toContain('overdue=1');
  expect(window.location.search).toContain(`from=${from}`);
  await wait(() =>
    expect(calls.some((c) => c.path.startsWith('/api/v1/cases?') && c.path.includes(`from=${from}`) && c.path.includes('overdue=1'))).toBe(true),
  );
});
