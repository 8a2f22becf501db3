/**
 * Issue #5 acceptance in the console: changing a weight in the what-if view changes the
 * displayed order without touching stored results (no write request is sent), and the
 * results table explains each score.
 */
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { audit } from './axe-audit';
import { wait, render, byTestId, calls, click, mockFetch, setInput } from './dom-helpers';

const supervisor: LoginResponse = {
  user: {
    id: 'u9',
    username: 'supervisor',
    displayName: '督办员',
    roles: ['supervisor'],
    scope: { unitId: null, departmentId: null, deputyId: null },
    permissions: ['org.view', 'duty.view', 'evaluation.view'],
  },
  csrfToken: 'tok',
};
const indicators = [
  { key: 'premises', label: '阵地建设与制度', group: '阵地', weight: 50, formula: { kind: 'manual', input: 'premises', max: 10 } },
  { key: 'activities', label: '履职活动次数', group: '活动', weight: 50, formula: { kind: 'target', metric: 'activities', targetPerMonth: 2 } },
];
const scheme = {
  id: 'default-station',
  name: '联络站综合考评',
  subject: 'unit',
  definition: { indicators, adjustments: [], bonusCap: 5, peerGroupBy: 'regionType', boardSize: 1 },
  totalWeight: 100,
  active: true,
  version: 1,
  updatedAt: '2026-04-01T00:00:00Z',
};
/** Two stations: A strong on activities, B on premises. */
const subjects = [
  { subjectId: 'a', name: '安阳站', premises: 0.6, activities: 1 },
  { subjectId: 'b', name: '塘下站', premises: 1, activities: 0.4 },
];
function rank(weights: Record<string, number>) {
  const scored = subjects.map((s) => ({
    subjectId: s.subjectId,
    name: s.name,
    peerGroup: '街道',
    score: weights.premises * s.premises + weights.activities * s.activities,
    board: null,
    boardNote: null,
  }));
  scored.sort((x, y) => y.score - x.score);
  return scored.map((s, i) => ({ ...s, rank: i + 1, peerRank: i + 1 }));
}

test('what-if weights reorder the preview; nothing is written; scores explain themselves', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/evaluations');
  mockFetch((method, url, body) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: supervisor };
    if (p === '/api/v1/evaluations/schemes') return { status: 200, body: { items: [scheme] } };
    if (p === '/api/v1/evaluations/default-station/results') {
      const current = rank({ premises: 50, activities: 50 });
      return {
        status: 200,
        body: {
          schemeId: 'default-station',
          subject: 'unit',
          period: url.searchParams.get('period'),
          schemeVersion: 1,
          boardSize: 1,
          published: null,
          items: current.map((r, i) => ({
            ...r,
            // The second station tied across the one place (the server says so).
            ...(i === 1 ? { boardNote: 'tie_over_board' } : {}),
            metrics: {},
            breakdown: [
              { indicator: 'activities', label: '履职活动次数', group: '活动', kind: 'indicator', value: 0.5, weight: 50, points: 25, numerator: 1, target: 2 },
            ],
          })),
        },
      };
    }
    if (p === '/api/v1/evaluations/default-station/what-if' && method === 'POST') {
      const weights = (body as { weights: Record<string, number> }).weights;
      const current = rank({ premises: 50, activities: 50 });
      const proposed = rank(weights);
      const moves = proposed.map((r) => {
        const b = current.find((c) => c.subjectId === r.subjectId)!;
        return { subjectId: r.subjectId, name: r.name, scoreBefore: b.score, scoreAfter: r.score, rankBefore: b.rank, rankAfter: r.rank };
      });
      return { status: 200, body: { period: '2026-04', current, proposed, moves } };
    }
    if (p === '/api/v1/evaluations/signals') return { status: 200, body: { period: '2026-04', items: [] } };
    return undefined;
  });
  await render(<ConsoleApp />);
  await wait(() => expect(byTestId('evaluation-results').textContent).toContain('安阳站'));
  const rows = () => Array.from(byTestId('evaluation-results').querySelectorAll('tbody tr.ant-table-row')).map((tr) => tr.textContent ?? '');
  expect(rows()[0]).toContain('安阳站');
  // The 红黑榜 rule is stated beside the list, and a subject kept off a board says why.
  expect(byTestId('board-rule').textContent).toContain('前 1 名上红榜，后 1 名上黑榜');
  expect(byTestId('board-rule').textContent).toContain('得分为 0 或本期没有任何工作量的，不上红榜');
  expect(rows()[1]).toContain('并列超出名额，整组不上榜');
  expect(await audit('evaluations')).toEqual([]);

  click(Array.from(document.querySelectorAll('[role="tab"]')).find((el) => el.textContent === '权重模拟')!);
  await wait(() => byTestId('weight-premises'));
  const input = (key: string) => {
    const el = byTestId(`weight-${key}`);
    return (el.tagName === 'INPUT' ? el : el.querySelector('input')) as HTMLInputElement;
  };
  setInput(input('premises'), '90');
  setInput(input('activities'), '10');
  click(byTestId('whatif-preview'));
  await wait(() => byTestId('whatif-table'));
  const proposed = Array.from(byTestId('whatif-table').querySelectorAll('tbody tr.ant-table-row')).map((tr) => tr.textContent ?? '');
  expect(proposed[0]).toContain('塘下站');
  expect(proposed[1]).toContain('安阳站');
  const sent = calls.find((c) => c.path.endsWith('/what-if'));
  expect(sent?.body).toMatchObject({ weights: { premises: 90, activities: 10 } });
  // Only the preview was posted: no scheme change, no publication.
  expect(calls.filter((c) => c.method !== 'GET').map((c) => c.path)).toEqual(['/api/v1/evaluations/default-station/what-if']);
});
