import { expect, test } from 'vitest';
import { CitizenApp } from '../citizen/app';
import { audit } from './axe-audit';
import { wait, render, byTestId, click, mockFetch, setInput } from './dom-helpers';

const units = [
  {
    id: 'hub',
    name: '瑞安市人大代表联络总站',
    kind: 'hub',
    parentId: null,
    region: null,
    regionType: null,
    address: 'a',
    phone: null,
    openingHours: null,
    brands: [],
    pointKind: null,
  },
  {
    id: 's1',
    name: '安阳街道人大代表联络站',
    kind: 'station',
    parentId: 'hub',
    region: '安阳',
    regionType: '街道',
    address: '安阳路1号',
    phone: '0577-1234',
    openingHours: '周一至周五',
    brands: ['共富'],
    pointKind: null,
  },
  {
    id: 's2',
    name: '塘下镇人大代表联络站',
    kind: 'station',
    parentId: 'hub',
    region: '塘下',
    regionType: '镇',
    address: null,
    phone: null,
    openingHours: null,
    brands: [],
    pointKind: null,
  },
  {
    id: 'p1',
    name: '万松社区联络点',
    kind: 'point',
    parentId: 's1',
    region: null,
    regionType: null,
    address: '万松路',
    phone: null,
    openingHours: null,
    brands: [],
    pointKind: '社区',
  },
];

test('citizen home, search, station page, language', async () => {
  window.history.pushState({}, '', '/m');
  mockFetch((method, url) => {
    if (url.pathname === '/api/v1/public/units') return { status: 200, body: { items: units } };
    if (url.pathname === '/api/v1/public/deputies')
      return {
        status: 200,
        body: { items: [{ id: 'd1', name: '张三', levels: ['county'], homeUnitId: 's1', sector: '经济', position: '某公司', profile: null }] },
      };
    return undefined;
  });
  await render(<CitizenApp />);
  await wait(() => expect(byTestId('site-title').textContent).toBe('瑞安市人大代表联络总站'));
  expect(document.body.textContent).toContain('街道');
  expect(document.body.textContent).toContain('塘下镇人大代表联络站');
  expect(await audit('m-home')).toEqual([]);
  click(byTestId('station-toggle-s1'));
  expect(document.body.textContent).toContain('万松社区联络点');
  setInput(byTestId<HTMLInputElement>('station-search'), '塘下');
  expect(document.body.textContent).not.toContain('安阳街道人大代表联络站');
  setInput(byTestId<HTMLInputElement>('station-search'), '万松');
  expect(document.body.textContent).toContain('安阳街道人大代表联络站');
  setInput(byTestId<HTMLInputElement>('station-search'), '');
  click(document.querySelector('a[href="/m/stations/s1"]')!);
  await wait(() => expect(byTestId('deputy-d1').textContent).toContain('县（市）人大代表'));
  expect(window.location.pathname).toBe('/m/stations/s1');
  expect(await audit('m-station')).toEqual([]);
  click(byTestId('lang-switch'));
  expect(document.documentElement.lang).toBe('en');
  expect(byTestId('deputy-d1').textContent).toContain('County deputy');
  click(byTestId('nav-submit'));
  await wait(() => expect(document.querySelector('h2')?.textContent).toBe('Submit an opinion'));
});
