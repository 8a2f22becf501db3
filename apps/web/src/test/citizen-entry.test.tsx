/**
 * Issue #15 item 12: only a real QR entry counts as 扫码提交. The poster's link carries
 * `via=qr`; the marker survives the citizen's wandering from the landing page to the form,
 * and a plain web visit that picks a station submits as a web opinion.
 */
import { act } from 'react';
import { beforeEach, expect, test } from 'vitest';
import { generateTrackingCode } from '@lianxin/core';
import { CitizenApp } from '../citizen/app';
import { byTestId, calls, click, mockFetch, render, setInput, wait } from './dom-helpers';

const station = (id: string, name: string, region: string) => ({
  id,
  name,
  kind: 'station',
  parentId: 'hub',
  region,
  regionType: '街道',
  address: null,
  phone: null,
  openingHours: null,
  brands: [],
  pointKind: null,
});
const units = [
  { ...station('hub', '瑞安市人大代表联络总站', '瑞安市'), kind: 'hub', parentId: null, regionType: null },
  station('s1', '安阳街道人大代表联络站', '安阳街道'),
  station('s2', '塘下镇人大代表联络站', '塘下镇'),
];
const code = generateTrackingCode((n) => Uint8Array.from({ length: n }, (_, i) => (i * 41 + 7) % 230));

function api() {
  mockFetch((method, url) => {
    const p = url.pathname;
    if (p === '/api/v1/public/units') return { status: 200, body: { items: units } };
    if (p === '/api/v1/public/categories') return { status: 200, body: { items: [] } };
    if (p === '/api/v1/public/appeal-kinds') return { status: 200, body: { items: [] } };
    if (p === '/api/v1/public/challenge') return { status: 200, body: { enabled: false } };
    if (p === '/api/v1/public/opinions' && method === 'POST')
      return {
        status: 201,
        body: {
          trackingCode: code,
          status: 'submitted',
          createdAt: '2026-04-01T02:00:00Z',
          verifyHint: '…',
          secret: 'E93YNH',
          trackUrl: `/m/track/${code}`,
          similar: [],
        },
      };
    return undefined;
  });
}

function selectStation(value: string) {
  const el = byTestId<HTMLSelectElement>('submit-unit');
  act(() => {
    Reflect.set(HTMLSelectElement.prototype, 'value', value, el);
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function fillAndSend(): Promise<Record<string, unknown>> {
  await wait(() => byTestId('submit-content'));
  setInput(byTestId('submit-content'), '小区门口的路灯坏了好几天，请尽快修复。');
  const before = calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/public/opinions').length;
  click(byTestId('submit-button'));
  await wait(() => expect(byTestId('success-code').textContent).toBe(code));
  const posts = calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/public/opinions');
  expect(posts).toHaveLength(before + 1);
  return posts.at(-1)!.body as Record<string, unknown>;
}

beforeEach(() => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  sessionStorage.clear();
});

test('a QR entry stays a QR entry after the citizen wanders off the form; the next opinion is a web one', async () => {
  api();
  window.history.pushState({}, '', '/m/submit?unitId=s1&via=qr');
  await render(<CitizenApp />);
  await wait(() => expect(byTestId<HTMLSelectElement>('submit-unit').value).toBe('s1'));
  // Off to the home page and back to the form through the bottom navigation: the URL loses the marker.
  click(byTestId('nav-home'));
  await wait(() => byTestId('home-submit'));
  click(byTestId('nav-submit'));
  await wait(() => expect(window.location.search).toBe(''));
  await wait(() => byTestId('submit-unit'));
  selectStation('s1');
  expect(await fillAndSend()).toMatchObject({ unitId: 's1', via: 'qr' });
  // One scan, one QR submission.
  click(byTestId('nav-submit'));
  expect(await fillAndSend()).toMatchObject({ via: 'web' });
});

test('a plain web visit that picks a station submits as a web opinion', async () => {
  api();
  window.history.pushState({}, '', '/m/submit');
  await render(<CitizenApp />);
  await wait(() => expect(byTestId('submit-unit').querySelector('option[value="s2"]')).not.toBeNull());
  selectStation('s2');
  const sent = await fillAndSend();
  expect(sent).toMatchObject({ unitId: 's2', via: 'web' });
});
