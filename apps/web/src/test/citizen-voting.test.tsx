import { act } from 'react';
import { expect, test } from 'vitest';
import { CitizenApp } from '../citizen/app';
import { audit } from './axe-audit';
import { calls, mockFetch, render, setInput, wait } from './dom-helpers';

const round = {
  id: 'r1',
  year: 2026,
  title: '2026年民生实事项目票决',
  phase: 'commenting',
  phaseLabel: '公开征求意见',
  choose: 2,
  commentTo: null,
  selectionResult: null,
  satisfactionResult: null,
};
const candidate = {
  id: 'c1',
  title: '老旧小区改造提升工程',
  description: '改造40个老旧小区。',
  source: 'department',
  chosen: false,
  progress: 0,
  comments: [{ id: 'm1', stance: 'support', content: '支持，电话138****5678', createdAt: '2026-03-02T02:00:00Z' }],
  progressReports: [],
};

test('citizen voting page: candidates with masked comments, and a comment sent during the comment period', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/m/voting/r1');
  mockFetch((method, url) => {
    if (url.pathname === '/api/v1/public/voting/rounds/r1') return { status: 200, body: { round, candidates: [candidate] } };
    if (url.pathname === '/api/v1/public/voting/candidates/c1/comments' && method === 'POST') return { status: 201, body: { ok: true } };
    return undefined;
  });
  await render(<CitizenApp />);
  await wait(() => expect(document.body.textContent).toContain('老旧小区改造提升工程'));
  expect(document.body.textContent).toContain('138****5678');
  expect(await audit('citizen-voting')).toEqual([]);

  const textarea = document.querySelector<HTMLTextAreaElement>('#comment-c1')!;
  setInput(textarea, '希望优先改造加装电梯');
  const oppose = document.querySelector<HTMLInputElement>('input[name="stance-c1"][value="oppose"]')!;
  await act(async () => oppose.click());
  await act(async () => document.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click());
  await wait(() =>
    expect(calls.find((c) => c.path === '/api/v1/public/voting/candidates/c1/comments')?.body).toEqual({ stance: 'oppose', content: '希望优先改造加装电梯' }),
  );
  await wait(() => expect(document.body.textContent).toContain('已收到您的意见'));
});
