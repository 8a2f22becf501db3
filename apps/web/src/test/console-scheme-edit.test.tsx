/**
 * Issue #5 "every configuration is editable by admins" in the console: the scheme tab keeps
 * weights at 100 before it saves, sends formulas in the shapes the API accepts (English
 * labels kept), puts the server's field errors on the fields; the duty point rules save.
 */
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { audit } from './axe-audit';
import { byTestId, calls, click, mockFetch, render, setInput, wait } from './dom-helpers';

const admin: LoginResponse = {
  user: {
    id: 'u1',
    username: 'admin',
    displayName: '管理员',
    roles: ['admin'],
    scope: { unitId: null, departmentId: null, deputyId: null },
    permissions: ['org.view', 'duty.view', 'evaluation.view', 'evaluation.manage'],
  },
  csrfToken: 'tok',
};
const scheme = {
  id: 'default-station',
  name: '联络站综合考评',
  subject: 'unit',
  definition: {
    indicators: [
      { key: 'premises', label: '阵地建设', labelEn: 'Premises', group: '阵地', weight: 50, formula: { kind: 'manual', input: 'premises', max: 10 } },
      { key: 'activities', label: '活动次数', group: '活动', weight: 30, formula: { kind: 'target', metric: 'activities', targetPerMonth: 2 } },
      {
        key: 'closure',
        label: '办结率',
        group: '办理',
        weight: 20,
        formula: { kind: 'ratio', numerator: 'closed', denominator: 'casesAssigned', emptyValue: 1 },
      },
    ],
    adjustments: [{ key: 'falseReports', label: '虚报', kind: 'penalty', source: { input: 'falseReports' }, pointsEach: 2, max: 10 }],
    bonusCap: 5,
    peerGroupBy: 'regionType',
    boardSize: 1,
  },
  totalWeight: 100,
  active: true,
  version: 3,
  updatedAt: '2026-04-01T00:00:00Z',
};
const numberInput = (id: string) => {
  const el = byTestId(id);
  return (el.tagName === 'INPUT' ? el : el.querySelector('input')) as HTMLInputElement;
};
const puts = (path: string) => calls.filter((c) => c.method === 'PUT' && c.path === path).map((c) => c.body as Record<string, unknown>);

test('admins edit a scheme: weights must total 100, formulas keep their shape, field errors land on fields', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/evaluations');
  let refuse = true;
  mockFetch((method, url, body) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: admin };
    if (p === '/api/v1/evaluations/schemes') return { status: 200, body: { items: [scheme] } };
    if (p === '/api/v1/evaluations/default-station/results')
      return { status: 200, body: { schemeId: scheme.id, subject: 'unit', period: '2026-04', schemeVersion: 3, published: null, items: [] } };
    if (p === '/api/v1/evaluations/signals') return { status: 200, body: { period: '2026-04', items: [] } };
    if (p === '/api/v1/evaluations/schemes/default-station' && method === 'PUT') {
      if (refuse) {
        refuse = false;
        return {
          status: 400,
          body: { error: { code: 'VALIDATION_FAILED', message: 'bad', details: [{ path: 'definition.indicators.1.label', code: 'too_big', message: 'x' }] } },
        };
      }
      return { status: 200, body: { ...scheme, ...(body as object), version: 4 } };
    }
    return undefined;
  });
  await render(<ConsoleApp />);
  const tab = () => {
    const el = Array.from(document.querySelectorAll('[role="tab"]')).find((x) => x.textContent === '方案设置');
    if (!el) throw new Error('no scheme tab yet');
    return el;
  };
  click(await wait(tab));
  await wait(() => byTestId('scheme-editor'));
  expect(byTestId('scheme-total').textContent).toBe('权重合计 100');

  setInput(numberInput('indicator-weight-0'), '60');
  await wait(() => expect(byTestId('scheme-total').textContent).toBe('权重合计 110'));
  expect(byTestId('scheme-total-off').textContent).toContain('权重合计须为 100，当前为 110');
  expect(byTestId<HTMLButtonElement>('scheme-save').disabled).toBe(true);
  setInput(numberInput('indicator-weight-1'), '20');
  await wait(() => expect(byTestId<HTMLButtonElement>('scheme-save').disabled).toBe(false));
  expect(document.querySelector('[data-testid="scheme-total-off"]')).toBeNull();
  expect(await audit('scheme editor', byTestId('scheme-editor'))).toEqual([]);

  // The server's first answer names a field: the message shows under that field.
  click(byTestId('scheme-save'));
  await wait(() => expect(byTestId('indicator-1').textContent).toContain('内容过长或数值过大'));

  click(byTestId('scheme-save'));
  await wait(() => expect(puts('/api/v1/evaluations/schemes/default-station')).toHaveLength(2));
  expect(puts('/api/v1/evaluations/schemes/default-station')[1]).toEqual({
    name: '联络站综合考评',
    active: true,
    expectedVersion: 3,
    definition: {
      indicators: [
        { key: 'premises', label: '阵地建设', labelEn: 'Premises', group: '阵地', weight: 60, formula: { kind: 'manual', input: 'premises', max: 10 } },
        { key: 'activities', label: '活动次数', group: '活动', weight: 20, formula: { kind: 'target', metric: 'activities', targetPerMonth: 2 } },
        {
          key: 'closure',
          label: '办结率',
          group: '办理',
          weight: 20,
          formula: { kind: 'ratio', numerator: 'closed', denominator: 'casesAssigned', emptyValue: 1 },
        },
      ],
      adjustments: [{ key: 'falseReports', label: '虚报', kind: 'penalty', source: { input: 'falseReports' }, pointsEach: 2, max: 10 }],
      bonusCap: 5,
      peerGroupBy: 'regionType',
      boardSize: 1,
    },
  });

  // Removing an indicator and adding a bonus item change the definition accordingly.
  click(byTestId('indicator-remove-2'));
  await wait(() => expect(byTestId('scheme-total').textContent).toBe('权重合计 80'));
  click(byTestId('adjustment-add'));
  await wait(() => byTestId('adjustment-1'));
});

test('admins change the duty point rules from the duty page', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/duty');
  const rules = [
    { item: 'reception_attended', label: '进站接待', points: 5 },
    { item: 'reception_missed', label: '无故缺席接待', points: -3 },
  ];
  mockFetch((method, url, body) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: admin };
    if (p === '/api/v1/deputies') return { status: 200, body: { items: [], total: 0 } };
    if (p === '/api/v1/duty/rules') return { status: 200, body: method === 'PUT' ? body : { items: rules } };
    return undefined;
  });
  await render(<ConsoleApp />);
  click(await wait(() => byTestId('duty-rules-open')));
  await wait(() => expect(byTestId('duty-rules-table').textContent).not.toBe(''));
  const points = await wait(() => numberInput('duty-rule-reception_missed'));
  setInput(points, '-5');
  expect(await audit('duty rules')).toEqual([]);
  click(byTestId('duty-rules-save'));
  await wait(() =>
    expect(puts('/api/v1/duty/rules')).toEqual([
      {
        items: [
          { item: 'reception_attended', label: '进站接待', points: 5 },
          { item: 'reception_missed', label: '无故缺席接待', points: -5 },
        ],
      },
    ]),
  );
});
