/**
 * Issue #5 self-service booking: after booking, a citizen follows the link to their booking,
 * proves it with the phone's last 4 digits (a wrong guess is told apart from nothing else),
 * and cancels it; the page shows it cancelled.
 */
import { act } from 'react';
import { expect, test } from 'vitest';
import { CitizenApp } from '../citizen/app';
import { audit } from './axe-audit';
import { byTestId, calls, click, mockFetch, render, setInput, wait } from './dom-helpers';

const reception = {
  id: 'rc1',
  unitId: 's1',
  unitName: '安阳街道人大代表联络站',
  address: '安阳街道虹桥路1号',
  date: '2026-04-08',
  startTime: '09:00',
  endTime: '11:30',
  startsAt: '2026-04-08T01:00:00.000Z',
  endsAt: '2026-04-08T03:30:00.000Z',
  deputies: [{ id: 'd1', name: '王代表' }],
  capacity: 10,
  booked: 1,
  available: 9,
  status: 'scheduled',
};

const station = {
  id: 's1',
  name: reception.unitName,
  kind: 'station',
  parentId: null,
  region: '安阳',
  regionType: '街道',
  address: reception.address,
  phone: null,
  openingHours: null,
  brands: [],
  pointKind: null,
};

test('a citizen books, opens the booking with code and last 4 digits, and cancels it', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/m/stations/s1');
  let status = 'none';
  mockFetch((method, url, body) => {
    const p = url.pathname;
    if (p === '/api/v1/public/units') return { status: 200, body: { items: [station] } };
    if (p === '/api/v1/public/deputies') return { status: 200, body: { items: [], total: 0 } };
    if (p === '/api/v1/public/receptions')
      return { status: 200, body: { items: status === 'booked' ? [{ ...reception, booked: 2 }] : [reception], publishedUntil: '2026-04-14' } };
    if (p === '/api/v1/public/receptions/rc1/bookings' && method === 'POST') {
      status = 'booked';
      return { status: 201, body: { bookingCode: 'K7M2Q9', reception } };
    }
    const verify = (body as { verify?: string } | undefined)?.verify;
    if (p === '/api/v1/public/bookings/K7M2Q9' && method === 'POST') {
      if (verify !== '5678') return { status: 404, body: { error: { code: 'RESOURCE_NOT_FOUND', message: 'no', details: [] } } };
      return {
        status: 200,
        body: { bookingCode: 'K7M2Q9', status, topic: '小区停车', createdAt: '2026-04-01T01:00:00Z', cancellable: status === 'booked', reception },
      };
    }
    if (p === '/api/v1/public/bookings/K7M2Q9/cancel' && method === 'POST' && verify === '5678') {
      status = 'cancelled';
      return { status: 204 };
    }
    return undefined;
  });
  await render(<CitizenApp />);
  click(await wait(() => byTestId('rota-book')));
  const phone = await wait(() => document.querySelector<HTMLInputElement>('input[type="text"][inputmode="tel"], input[inputmode="tel"]')!);
  setInput(phone, '13912345678');
  await act(async () => byTestId('rota-submit').click());
  const manage = await wait(() => byTestId<HTMLAnchorElement>('rota-manage'));
  expect(manage.getAttribute('href')).toBe('/m/bookings/K7M2Q9');
  click(manage);

  await wait(() => byTestId('booking-find'));
  const inputs = byTestId('booking-find').querySelectorAll<HTMLInputElement>('input');
  expect(inputs[0].value).toBe('K7M2Q9');
  setInput(inputs[1], '1234');
  await act(async () => byTestId('booking-find-submit').click());
  await wait(() => expect(byTestId('booking-error').textContent).toContain('没有找到这个预约'));

  setInput(inputs[1], '5678');
  await act(async () => byTestId('booking-find-submit').click());
  await wait(() => expect(byTestId('booking-status').textContent).toBe('已预约'));
  expect(byTestId('booking-view').textContent).toContain('2026-04-08 09:00–11:30');
  expect(byTestId('booking-view').textContent).toContain('王代表');
  expect(await audit('citizen-booking')).toEqual([]);

  click(byTestId('booking-cancel'));
  await act(async () => byTestId('booking-cancel-yes').click());
  await wait(() => expect(byTestId('booking-status').textContent).toBe('已取消'));
  expect(byTestId('booking-done').textContent).toContain('预约已取消');
  expect(document.querySelector('[data-testid="booking-cancel"]')).toBeNull();
  expect(calls.filter((c) => c.path === '/api/v1/public/bookings/K7M2Q9/cancel').map((c) => c.body)).toEqual([{ verify: '5678' }]);
});

test('a booking refused by the per-address or per-phone limit says so (issue #15)', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/m/stations/s1');
  mockFetch((method, url) => {
    const p = url.pathname;
    if (p === '/api/v1/public/units') return { status: 200, body: { items: [station] } };
    if (p === '/api/v1/public/deputies') return { status: 200, body: { items: [], total: 0 } };
    if (p === '/api/v1/public/receptions') return { status: 200, body: { items: [reception], publishedUntil: '2026-04-14' } };
    if (p === '/api/v1/public/receptions/rc1/bookings' && method === 'POST')
      return { status: 429, body: { error: { code: 'RATE_LIMITED', message: 'limit', details: [{ path: 'phone', code: 'too_many_bookings' }] } } };
    return undefined;
  });
  await render(<CitizenApp />);
  click(await wait(() => byTestId('rota-book')));
  const phone = await wait(() => document.querySelector<HTMLInputElement>('input[inputmode="tel"]')!);
  setInput(phone, '13912345678');
  await act(async () => byTestId('rota-submit').click());
  await wait(() => expect(document.querySelector('.field-error')?.textContent).toContain('预约次数已达上限'));
  expect(phone.getAttribute('aria-invalid')).toBe('true');
});
