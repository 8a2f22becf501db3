/**
 * Issue #15 item 16 in the console: the routing page says why training cannot run (the counts,
 * and the server's refusal), and why a trained model was or was not activated.
 */
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { audit } from './axe-audit';
import { byTestId, calls, click, mockFetch, render, wait } from './dom-helpers';
import { policyPermissions } from './policy-session';

const admin: LoginResponse = {
  user: {
    id: 'u1',
    username: 'admin',
    displayName: '系统管理员',
    roles: ['admin'],
    scope: { unitId: null, departmentId: null, deputyId: null },
    permissions: policyPermissions(['admin'], { unitId: null, departmentId: null, deputyId: null }),
  },
  csrfToken: 'tok',
};

test('the routing page says why training cannot run and why a model stayed off', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/routing');
  mockFetch((method, url) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: admin };
    if (p === '/api/v1/routing/models')
      return {
        status: 200,
        body: {
          items: [
            {
              id: 'm1',
              kind: 'routing',
              createdAt: '2026-04-01T02:00:00Z',
              active: false,
              metrics: { macroF1: 1, fallbackMacroF1: 0.41, labelled: 40, covered: 2, totalCategories: 15, minCovered: 8, reasonCode: 'few_categories' },
            },
          ],
          readiness: {
            ready: false,
            labelled: 12,
            categories: 1,
            totalCategories: 15,
            minLabelled: 30,
            minPerCategory: 3,
            minCovered: 8,
            reasonCode: 'too_few_labels',
            reason: '…',
          },
        },
      };
    if (p === '/api/v1/routing/train' && method === 'POST')
      return { status: 422, body: { error: { code: 'ROUTING_NOT_ENOUGH_LABELS', message: 'Too few', details: [] } } };
    return undefined;
  });
  await render(<ConsoleApp />);
  await wait(() => expect(byTestId('routing-readiness').textContent).toContain('暂不能训练：已标注 12 件，分布在 1 个一级分类'));
  expect(byTestId('routing-readiness').textContent).toContain('需要至少 30 件');
  const row = byTestId('routing-models').querySelector('tbody tr.ant-table-row')!.textContent ?? '';
  expect(row).toContain('2 / 15');
  expect(row).toContain('只覆盖 2 个一级分类（至少需 8 个），未启用');
  expect(row).toContain('2026-04-01 10:00');
  expect(byTestId('nav-routing').textContent).toBe('智能分派');
  expect(await audit('routing')).toEqual([]);

  click(byTestId('routing-train'));
  await wait(() => expect(byTestId('routing-train-error').textContent).toContain('已标注分类的件数不足，暂不能训练分派模型。'));
  expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/v1/routing/train']);
});
