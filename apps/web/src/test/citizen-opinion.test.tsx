import { act } from 'react';
import { expect, test } from 'vitest';
import { generateTrackingCode } from '@lianxin/core';
import { CitizenApp } from '../citizen/app';
import { leadingZeroBits, sha256 } from '../citizen/challenge';
import { fitWithin, jpegName } from '../citizen/image-compress';
import { buildSubmitBody, EMPTY_VALUES, fieldOfPath, suggestStation, validateSubmit } from '../citizen/submit-model';
import { audit } from './axe-audit';
import { byTestId, calls, click, mockFetch, render, setInput, wait } from './dom-helpers';

const station = (id: string, name: string, region: string, regionType: string) => ({
  id,
  name,
  kind: 'station',
  parentId: 'hub',
  region,
  regionType,
  address: null,
  phone: null,
  openingHours: null,
  brands: [],
  pointKind: null,
});
const units = [
  { ...station('hub', '瑞安市人大代表联络总站', '瑞安市', ''), kind: 'hub', parentId: null, regionType: null },
  station('s1', '安阳街道人大代表联络站', '安阳街道', '街道'),
  station('s2', '塘下镇人大代表联络站', '塘下镇', '镇'),
  { ...station('p1', '万松社区联络点', '安阳街道', ''), kind: 'point', parentId: 's1', regionType: null },
];
const categories = [
  { id: 'c1', name: '城乡建设', parentId: null },
  { id: 'c2', name: '道路交通', parentId: 'c1' },
  { id: 'c3', name: '社会保障', parentId: null },
];
const kinds = [
  { code: 'consultation', name: '咨询', nameEn: 'Consultation' },
  { code: 'help', name: '求助', nameEn: 'Request for help' },
  { code: 'complaint', name: '投诉', nameEn: 'Complaint' },
];
const deputy = { id: 'd1', name: '张三', levels: ['county'], homeUnitId: 'p1', sector: null, position: null, profile: null };
const code = generateTrackingCode((n) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) % 230));
const secret = 'E93YNH';
const DIFFICULTY = 6;

function page(p: string) {
  act(() => {
    window.history.pushState({}, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
}

function chooseFiles(input: HTMLInputElement, files: File[]) {
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

function select(el: HTMLSelectElement, value: string) {
  act(() => {
    Reflect.set(HTMLSelectElement.prototype, 'value', value, el);
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

test('pure helpers: challenge hash, photo size, form body, station suggestion', () => {
  // SHA-256("abc")
  const hex = [...sha256(new TextEncoder().encode('abc'))].map((b) => b.toString(16).padStart(2, '0')).join('');
  expect(hex).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  expect(leadingZeroBits(Uint8Array.from([0, 0x1f, 0xff]))).toBe(11);
  expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
  expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  expect(jpegName('IMG_1.HEIC.png')).toBe('IMG_1.HEIC.jpg');
  expect(suggestStation(units as never, '塘下镇场桥村')?.id).toBe('s2');
  expect(suggestStation(units as never, '安阳路 12 号')?.id).toBe('s1');
  expect(suggestStation(units as never, '某地')).toBeUndefined();
  expect(validateSubmit({ ...EMPTY_VALUES, content: 'abc', phone: 'x1', email: 'nope' }).map((p) => p.field)).toEqual(['content', 'phone', 'email']);
  const body = buildSubmitBody({ ...EMPTY_VALUES, content: '  路灯坏了很久  ', name: '李四', anonymous: true, categoryParent: 'c1' }, ['a1']);
  expect(body).toEqual({ content: '路灯坏了很久', categoryId: 'c1', anonymous: true, consentPublic: false, attachmentIds: ['a1'] });
  expect(fieldOfPath('contact.phone')).toBe('phone');
  expect(fieldOfPath('categoryId')).toBe('category');
  expect(fieldOfPath('challenge')).toBeNull();
});

test('citizen submits from a deputy QR link, gets a tracking code, tracks and rates', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  sessionStorage.clear();
  Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.resolve() }, configurable: true });
  let submits = 0;
  let rated = false;
  const view = () => ({
    trackingCode: code,
    status: rated ? 'closed' : 'replied',
    statusLabel: rated ? '已办结' : '已答复',
    title: '路灯坏了',
    kind: 'help',
    categoryName: '道路交通',
    unitName: '塘下镇人大代表联络站',
    createdAt: '2025-03-01T02:00:00Z',
    timeline: [
      { at: '2025-03-01T02:00:00Z', type: 'submitted', label: '已提交' },
      { at: '2025-03-02T02:00:00Z', type: 'reply', label: '已答复' },
    ],
    reply: { content: '已修复，感谢反映。<b>不是粗体</b>', at: '2025-03-02T02:00:00Z' },
    ...(rated ? { rating: { rating: 'satisfied', comment: '很快', at: '2025-03-03T02:00:00Z' } } : {}),
    canRate: !rated,
    ...(rated ? {} : { ratingDueAt: '2025-03-10T15:59:59Z' }),
    suggestion: { id: 'sg1', title: '关于完善路灯维护机制的建议' },
    attachments: [{ id: 'f1', mime: 'image/jpeg' }],
  });
  mockFetch((method, url, body) => {
    const p = url.pathname;
    if (p === '/api/v1/public/units') return { status: 200, body: { items: units } };
    if (p === '/api/v1/public/categories') return { status: 200, body: { items: categories } };
    if (p === '/api/v1/public/appeal-kinds') return { status: 200, body: { items: kinds } };
    if (p === '/api/v1/public/deputies') return { status: 200, body: { items: [deputy], total: 1 } };
    if (p === '/api/v1/public/challenge') return { status: 200, body: { enabled: true, token: 'tok-123456789', difficulty: DIFFICULTY } };
    if (p === '/api/v1/public/attachments') return { status: 201, body: { id: 'att-1', mime: 'image/jpeg', size: 10, width: 1, height: 1 } };
    if (p === '/api/v1/public/opinions' && method === 'POST') {
      submits += 1;
      if (submits === 1) return { network: true };
      return {
        status: 201,
        body: {
          trackingCode: code,
          status: 'submitted',
          createdAt: '2025-03-01T02:00:00Z',
          verifyHint: `请使用查询码和查询密码 ${secret} 查询办理进度。`,
          secret,
          trackUrl: `/m/track/${code}`,
          similar: [{ title: '塘下路灯不亮', status: 'in_progress' }],
        },
      };
    }
    if (p === `/api/v1/public/opinions/${code}`) {
      return url.searchParams.get('verify') === secret
        ? { status: 200, body: view() }
        : { status: 404, body: { error: { code: 'RESOURCE_NOT_FOUND', message: 'no', details: [] } } };
    }
    if (p === `/api/v1/public/opinions/${code}/rating` && method === 'POST') {
      expect(body).toEqual({ verify: secret, rating: 'satisfied', comment: '很快' });
      rated = true;
      return { status: 200, body: view() };
    }
    return undefined;
  });

  window.history.pushState({}, '', '/m/submit?deputyId=d1');
  await render(<CitizenApp />);
  await wait(() => expect(byTestId('submit-target').textContent).toContain('安阳街道人大代表联络站 / 张三代表'));
  // The deputy's home is a liaison point: its station is preselected.
  await wait(() => expect(byTestId<HTMLSelectElement>('submit-unit').value).toBe('s1'));
  await wait(() => byTestId('submit-kind-help'));
  expect(await audit('m-submit')).toEqual([]);

  // Empty form: the error summary takes focus.
  click(byTestId('submit-button'));
  await wait(() => expect(document.activeElement).toBe(byTestId('submit-error-summary')));
  expect(byTestId('submit-error-summary').textContent).toContain('请填写反映内容');
  expect(byTestId('submit-content').getAttribute('aria-invalid')).toBe('true');
  expect(await audit('m-submit-errors')).toEqual([]);

  click(byTestId('submit-kind-help'));
  select(byTestId('submit-category-1'), 'c1');
  await wait(() => byTestId('submit-category-2'));
  select(byTestId('submit-category-2'), 'c2');
  setInput(byTestId('submit-content'), '塘下镇场桥村路灯坏了一个多月，晚上很黑。');
  expect(byTestId('submit-content-count').textContent).toContain('20 / 4000');
  setInput(byTestId('submit-address'), '塘下镇场桥村');
  await wait(() => expect(byTestId('submit-station-suggestion').textContent).toContain('塘下镇人大代表联络站'));
  click(byTestId('submit-use-suggestion'));
  expect(byTestId<HTMLSelectElement>('submit-unit').value).toBe('s2');
  click(byTestId('submit-anonymous'));
  expect(document.querySelector('[data-testid="submit-name"]')).toBeNull();
  click(byTestId('submit-consent'));

  chooseFiles(byTestId('submit-photo-input'), [
    new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'road.jpg', { type: 'image/jpeg' }),
    new File(['x'], 'notes.txt', { type: 'text/plain' }),
  ]);
  expect(document.body.textContent).toContain('“notes.txt”不是支持的格式');
  expect(byTestId('submit-photo-0').textContent).toContain('road.jpg');

  // Double tap while the photo is still uploading: the form waits for it, sends once, and
  // retries the lost first answer with the same Idempotency-Key.
  click(byTestId('submit-button'));
  click(byTestId('submit-button'));
  expect(byTestId<HTMLButtonElement>('submit-button').disabled).toBe(true);
  await wait(() => expect(byTestId('success-code').textContent).toBe(code));
  expect(calls.find((c) => c.path === '/api/v1/public/attachments')?.body).toBeInstanceOf(FormData);
  const posts = calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/public/opinions');
  expect(posts).toHaveLength(2);
  const key = posts[0].headers.get('Idempotency-Key');
  expect(key).toMatch(/^[0-9a-f-]{36}$/);
  expect(posts[1].headers.get('Idempotency-Key')).toBe(key);
  const sent = posts[1].body as { challenge: { token: string; nonce: string } };
  expect(sent).toMatchObject({
    content: '塘下镇场桥村路灯坏了一个多月，晚上很黑。',
    kind: 'help',
    categoryId: 'c2',
    unitId: 's2',
    deputyId: 'd1',
    address: '塘下镇场桥村',
    anonymous: true,
    consentPublic: true,
    attachmentIds: ['att-1'],
  });
  expect(sent).not.toHaveProperty('contact');
  expect(leadingZeroBits(sha256(new TextEncoder().encode(`${sent.challenge.token}:${sent.challenge.nonce}`)))).toBeGreaterThanOrEqual(DIFFICULTY);

  // Success page: code, password, QR of the tracking link, similar cases, copy.
  expect(window.location.pathname).toBe('/m/success');
  expect(byTestId('success-secret').textContent).toBe(secret);
  expect(byTestId<HTMLImageElement>('success-qr').getAttribute('src')).toBe(`/api/v1/public/qr.svg?path=${encodeURIComponent(`/m/track/${code}`)}`);
  expect(byTestId('success-similar').textContent).toContain('办理中');
  await act(async () => byTestId('success-copy').click());
  await wait(() => expect(byTestId('success-copy-status').textContent).toBe('已复制查询码'));
  expect(await audit('m-success')).toEqual([]);

  // Coming back without the navigation state (as after a reload) still shows the receipt (sessionStorage).
  page('/m');
  page('/m/success');
  await wait(() => expect(byTestId('success-code').textContent).toBe(code));

  // Tracking: the verify code is remembered for this session.
  click(byTestId('success-track'));
  await wait(() => expect(byTestId('timeline').querySelectorAll('li')).toHaveLength(2));
  expect(byTestId('opinion-status').textContent).toContain('已答复');
  expect(byTestId('opinion-reply').textContent).toContain('<b>不是粗体</b>');
  expect(byTestId('opinion-suggestion').textContent).toContain('已纳入代表建议：关于完善路灯维护机制的建议');
  expect(byTestId('opinion-attachments').querySelector('a')?.getAttribute('href')).toBe(`/api/v1/public/opinions/${code}/attachments/f1?verify=${secret}`);
  expect(await audit('m-opinion')).toEqual([]);

  // Rating: a choice is required; then the rating replaces the form.
  click(byTestId('rate-submit'));
  await wait(() => expect(byTestId('rate-error').textContent).toBe('请选择是否满意'));
  click(byTestId('rate-satisfied'));
  setInput(byTestId('rate-comment'), '很快');
  await act(async () => byTestId('rate-submit').click());
  await wait(() => expect(byTestId('opinion-rating').textContent).toContain('满意'));
  expect(document.querySelector('[data-testid="rate-form"]')).toBeNull();
  expect(byTestId('opinion-status').textContent).toContain('已办结');

  // The tracking form: a typo is caught by the check character, a wrong verify code is a 404.
  page('/m/track');
  await wait(() => byTestId('track-code'));
  const typo = code.slice(0, -1) + (code.endsWith('3') ? '4' : '3');
  const before = calls.length;
  setInput(byTestId('track-code'), typo);
  setInput(byTestId('track-verify'), '1234');
  click(byTestId('track-submit'));
  await wait(() => expect(byTestId('track-error-summary').textContent).toContain('查询码有误，请核对'));
  expect(calls.length).toBe(before);
  setInput(byTestId('track-code'), code.toLowerCase().replace(/-/g, ' '));
  await act(async () => byTestId('track-submit').click());
  await wait(() => expect(byTestId('track-error-summary').textContent).toContain('没有查到'));
  expect(document.activeElement).toBe(byTestId('track-error-summary'));
  expect(await audit('m-track')).toEqual([]);
  setInput(byTestId('track-verify'), secret);
  await act(async () => byTestId('track-submit').click());
  await wait(() => expect(window.location.pathname).toBe(`/m/track/${code}`));
  await wait(() => byTestId('timeline'));

  // Back/forward (or a reload) must not show the view kept in history: it may be stale.
  const lookups = () => calls.filter((c) => c.method === 'GET' && c.path.startsWith(`/api/v1/public/opinions/${code}?`)).length;
  const lookupsBefore = lookups();
  page('/m');
  act(() => {
    window.history.back();
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  await wait(() => expect(window.location.pathname).toBe(`/m/track/${code}`));
  await wait(() => expect(lookups()).toBe(lookupsBefore + 1));
  await wait(() => byTestId('timeline'));

  // English.
  click(byTestId('lang-switch'));
  await wait(() => expect(byTestId('opinion-status').textContent).toContain('Closed'));
});
