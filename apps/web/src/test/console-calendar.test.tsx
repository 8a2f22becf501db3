// axe-core runs on this page in a real browser (e2e/closed-loop.test.ts): in happy-dom a
// whole year of day buttons takes it tens of seconds.
import { act } from 'react';
import { expect, test } from 'vitest';
import type { LoginResponse } from '../shared/contract-types';
import '../console/i18n/setup';
import { ConsoleApp } from '../console/app';
import { buildYearGrid, chinaDate, removeOverride, toggleYear, upsertOverride, weekdayOf } from '../console/calendar/calendar-model';
import type { CalendarOverride, SpecialDay } from '../console/calendar/calendar-model';
import { byTestId, calls, click, mockFetch, render, setInput, typeInPicker, wait } from './dom-helpers';
import { policyPermissions } from './policy-session';

const session = (permissions: string[], roles: string[]): LoginResponse =>
  ({
    user: {
      id: 'u1',
      username: 'x',
      displayName: '测试用户',
      roles,
      scope: { unitId: null, departmentId: null, deputyId: null },
      permissions: [...permissions, ...policyPermissions(roles)],
    },
    csrfToken: 'tok-c',
  }) as LoginResponse;
const admin = session(['org.view', 'user.view', 'user.manage', 'calendar.manage'], ['admin']);
const staff = session(['org.view'], ['staff']);
const thisYear = Number(chinaDate(new Date()).slice(0, 4));
const nextYear = thisYear + 1;
const longNote = '国务院办公厅关于'.repeat(20);

/** Whether the fake server is recounting the statistics (a save starts it; a test ends it). */
let recountPending = false;

/** A fake calendar API over an in-memory store, shaped like calendar.routes.ts. */
function fakeCalendar(who: LoginResponse) {
  const store: { overrides: CalendarOverride[]; confirmedYears: number[] } = {
    overrides: [
      { date: '2024-12-30', kind: 'workday', note: longNote },
      { date: `${thisYear}-03-06`, kind: 'holiday', note: '地方活动' },
    ],
    confirmedYears: [2090],
  };
  const yearView = (year: number) => {
    const overrides = store.overrides.filter((o) => o.date.startsWith(String(year)));
    const special: SpecialDay[] = [
      { date: `${year}-10-01`, workday: false, kind: 'holiday', name: '国庆节', source: year === nextYear ? 'statutory' : 'library' },
      ...(year === nextYear ? [] : [{ date: `${year}-09-28`, workday: true, kind: 'makeup_workday' as const, name: '国庆节', source: 'library' as const }]),
    ];
    for (const o of overrides) {
      const weekend = [0, 6].includes(weekdayOf(o.date));
      special.push({
        date: o.date,
        workday: o.kind === 'workday',
        kind: o.kind === 'holiday' ? 'holiday' : weekend ? 'makeup_workday' : 'workday',
        ...(o.note ? { name: o.note } : {}),
        source: 'override',
      });
    }
    const fallback = year === nextYear && !store.confirmedYears.includes(year);
    return {
      year,
      coverage: year === nextYear ? (fallback ? 'fallback' : 'confirmed') : 'library',
      warnings: fallback
        ? [{ year, code: 'CALENDAR_FALLBACK', message: `No official holiday schedule for ${year}`, messageZh: `${year} 年尚无官方放假安排` }]
        : [],
      specialDays: special.sort((a, b) => a.date.localeCompare(b.date)),
      overrides,
      statsRecountPending: recountPending,
    };
  };
  mockFetch((method, url, body) => {
    const p = url.pathname;
    if (p === '/api/v1/me') return { status: 200, body: who };
    if (p === '/api/v1/notifications') return { status: 200, body: { items: [], total: 0 } };
    if (p === '/api/v1/calendar' && method === 'GET') return { status: 200, body: yearView(Number(url.searchParams.get('year'))) };
    if (p === '/api/v1/calendar/overrides' && method === 'GET') return { status: 200, body: store };
    if (p === '/api/v1/calendar/overrides' && method === 'PUT') {
      const next = body as typeof store;
      if (next.overrides.some((o) => (o.note ?? '').length > 100))
        return { status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'x', details: [] } } };
      store.overrides = next.overrides;
      store.confirmedYears = next.confirmedYears;
      recountPending = true;
      return { status: 200, body: { overrides: store.overrides, statsRecountPending: true } };
    }
    if (p === '/api/v1/calendar/import-ics') {
      store.overrides = upsertOverride(store.overrides, { date: `${thisYear}-11-02`, kind: 'workday', note: '补班' });
      return { status: 200, body: { imported: 1, overrides: store.overrides } };
    }
    if (p === '/api/v1/calendar/deadline') return { status: 200, body: { deadline: `${thisYear}-10-13T15:59:59.999Z` } };
    return undefined;
  });
  return store;
}

test('pure helpers: month grids start on Monday, edits keep other years and fit the API', () => {
  const months = buildYearGrid(2025, [
    { date: '2025-10-01', workday: false, kind: 'holiday', name: '国庆节', source: 'library' },
    { date: '2025-09-28', workday: true, kind: 'makeup_workday', name: '国庆节', source: 'library' },
  ]);
  expect(months).toHaveLength(12);
  // 2025-10-01 is a Wednesday: two blanks before it in a Monday-first week.
  expect(months[9].weeks[0].slice(0, 3).map((d) => d?.date ?? null)).toEqual([null, null, '2025-10-01']);
  expect(months[8].weeks.flat().find((d) => d?.date === '2025-09-28')).toMatchObject({ kind: 'makeup_workday', workday: true, weekday: 0 });
  expect(months[1].weeks.flat().filter(Boolean)).toHaveLength(28);
  const list: CalendarOverride[] = [{ date: '2024-01-02', kind: 'holiday', note: 'x'.repeat(150) }];
  const added = upsertOverride(list, { date: '2023-05-05', kind: 'workday' });
  expect(added.map((o) => o.date)).toEqual(['2023-05-05', '2024-01-02']);
  expect(added[1].note).toHaveLength(100);
  expect(upsertOverride(added, { date: '2023-05-05', kind: 'holiday', note: '改' }).filter((o) => o.date === '2023-05-05')).toEqual([
    { date: '2023-05-05', kind: 'holiday', note: '改' },
  ]);
  expect(removeOverride(added, '2023-05-05').map((o) => o.date)).toEqual(['2024-01-02']);
  expect(toggleYear([2030], 2027, true)).toEqual([2027, 2030]);
  expect(toggleYear([2027, 2030], 2027, false)).toEqual([2030]);
  expect(chinaDate('2025-09-30T16:30:00Z')).toBe('2025-10-01');
});

test('admin sees holidays, make-up days and corrections; edits, removes, confirms a fallback year, imports ICS, computes a deadline', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/calendar');
  const store = fakeCalendar(admin);
  await render(<ConsoleApp />);

  await wait(() => byTestId(`calendar-day-${thisYear}-10-01`));
  expect(byTestId('nav-calendar').textContent).toBe('工作日历');
  expect(document.querySelectorAll('[data-testid^="calendar-month-"]')).toHaveLength(12);
  const national = byTestId(`calendar-day-${thisYear}-10-01`);
  expect(national.tagName).toBe('BUTTON');
  expect(national.dataset.kind).toBe('holiday');
  expect(national.textContent).toContain('休');
  expect(national.textContent).toContain('节假日（国庆节）');
  const makeup = byTestId(`calendar-day-${thisYear}-09-28`);
  expect(makeup.dataset.kind).toBe('makeup_workday');
  expect(makeup.textContent).toContain('班');
  const corrected = byTestId(`calendar-day-${thisYear}-03-06`);
  expect(corrected.dataset.source).toBe('override');
  expect(corrected.className).toContain('cal-override');
  expect(corrected.textContent).toContain('改');
  expect(corrected.textContent).toContain('人工调整');
  expect(byTestId('calendar-legend').textContent).toContain('调休上班（班）');
  expect(byTestId('calendar-coverage').textContent).toContain('节假日数据库');
  expect(byTestId('calendar-overrides').textContent).toContain('地方活动');
  expect(document.querySelector('[data-testid^="calendar-warning-"]')).toBeNull();

  // A click on a working day proposes a day off; saving sends the whole list back with the other years kept.
  const day = `${thisYear}-05-12`;
  click(byTestId(`calendar-day-${day}`));
  await wait(() => byTestId('calendar-override-form'));
  expect(byTestId<HTMLInputElement>('calendar-override-date').value).toBe(day);
  expect(byTestId<HTMLInputElement>('calendar-override-kind').querySelector<HTMLInputElement>('input[value="holiday"]')!.checked).toBe(true);
  setInput(byTestId('calendar-override-note'), '临时放假');
  await act(async () => byTestId('calendar-override-submit').click());
  await wait(() => expect(byTestId(`calendar-day-${day}`).dataset.source).toBe('override'));
  const put = calls.filter((c) => c.method === 'PUT').at(-1)!;
  expect(put.headers.get('X-CSRF-Token')).toBe('tok-c');
  expect(put.body).toEqual({
    overrides: [
      { date: '2024-12-30', kind: 'workday', note: longNote.slice(0, 100) },
      { date: `${thisYear}-03-06`, kind: 'holiday', note: '地方活动' },
      { date: day, kind: 'holiday', note: '临时放假' },
    ],
    confirmedYears: [2090],
  });
  expect(byTestId(`calendar-day-${day}`).dataset.kind).toBe('holiday');

  // Remove a correction from the list (with a confirmation).
  click(byTestId(`calendar-override-delete-${thisYear}-03-06`));
  await wait(() => byTestId(`calendar-override-delete-confirm-${thisYear}-03-06`));
  await act(async () => byTestId(`calendar-override-delete-confirm-${thisYear}-03-06`).click());
  await wait(() => expect(byTestId(`calendar-day-${thisYear}-03-06`).dataset.source).not.toBe('override'));
  expect(store.overrides.map((o) => o.date)).toEqual(['2024-12-30', day]);

  // Or from the day's own dialog.
  click(byTestId(`calendar-day-${day}`));
  await wait(() => byTestId('calendar-override-remove'));
  expect(byTestId<HTMLInputElement>('calendar-override-note').value).toBe('临时放假');
  click(byTestId('calendar-override-remove'));
  await wait(() => byTestId('calendar-override-remove-confirm'));
  await act(async () => byTestId('calendar-override-remove-confirm').click());
  await wait(() => expect(byTestId(`calendar-day-${day}`).dataset.source).toBe('weekday'));
  expect(store.overrides.map((o) => o.date)).toEqual(['2024-12-30']);

  // ICS import: the file's text goes to the server; the grid shows the result.
  const file = byTestId<HTMLInputElement>('calendar-ics-file');
  const ics = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20251102\r\nSUMMARY:补班\r\nEND:VEVENT\r\nEND:VCALENDAR';
  Object.defineProperty(file, 'files', { value: [new File([ics], 'holidays.ics', { type: 'text/calendar' })], configurable: true });
  act(() => {
    file.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await wait(() => expect(byTestId('calendar-ics-result').textContent).toContain('已导入 1 个日期'));
  expect(calls.find((c) => c.path === '/api/v1/calendar/import-ics')?.body).toEqual({ ics });
  await wait(() => expect(byTestId(`calendar-day-${thisYear}-11-02`).dataset.source).toBe('override'));

  // Deadline calculator: start date + N working days.
  typeInPicker(byTestId('calendar-deadline-start'), `${thisYear}-09-30`);
  await act(async () => byTestId('calendar-deadline-submit').click());
  await wait(() => expect(byTestId('calendar-deadline-result').textContent).toContain(`${thisYear}-10-13 23:59`));
  const deadline = calls.find((c) => c.path.startsWith('/api/v1/calendar/deadline'))!;
  expect(new URL(deadline.path, 'http://x').searchParams.get('start')).toBe(`${thisYear}-09-30T09:00:00+08:00`);
  expect(new URL(deadline.path, 'http://x').searchParams.get('workdays')).toBe('5');

  // A year the data does not cover: the warning, and the admin may declare it complete.
  click(byTestId('calendar-next-year'));
  await wait(() => byTestId('calendar-warning-CALENDAR_FALLBACK'));
  expect(byTestId('calendar-warning-CALENDAR_FALLBACK').textContent).toContain(`${nextYear} 年尚无官方放假安排`);
  expect(byTestId('calendar-coverage').dataset.coverage).toBe('fallback');
  expect(byTestId(`calendar-day-${nextYear}-10-01`).textContent).toContain('法定节假日');
  const box = byTestId('calendar-confirm-year');
  const confirm = box instanceof HTMLInputElement ? box : box.querySelector('input')!;
  await act(async () => confirm.click());
  await wait(() => expect(byTestId('calendar-coverage').dataset.coverage).toBe('confirmed'));
  expect(store.confirmedYears).toEqual([nextYear, 2090]);
  expect(document.querySelector('[data-testid="calendar-warning-CALENDAR_FALLBACK"]')).toBeNull();
});

test('without calendar.manage the calendar is view-only, in English too', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/calendar');
  calls.length = 0;
  fakeCalendar(staff);
  await render(<ConsoleApp />);
  await wait(() => byTestId(`calendar-day-${thisYear}-10-01`));
  click(byTestId('lang-switch'));
  await wait(() => expect(byTestId('nav-calendar').textContent).toBe('Calendar'));
  expect(byTestId('calendar-view-only').textContent).toContain('changing it needs the calendar permission');
  expect(byTestId(`calendar-day-${thisYear}-10-01`).tagName).toBe('SPAN');
  expect(byTestId(`calendar-day-${thisYear}-10-01`).textContent).toContain('holiday (国庆节)');
  for (const id of ['calendar-add-override', 'calendar-ics-file', 'calendar-confirm-year']) expect(document.querySelector(`[data-testid="${id}"]`)).toBeNull();
  expect(document.querySelector('[data-testid^="calendar-override-delete-"]')).toBeNull();
  // Viewers may still check a deadline.
  await act(async () => byTestId('calendar-deadline-submit').click());
  await wait(() => byTestId('calendar-deadline-result'));
  expect(calls.some((c) => c.method === 'PUT')).toBe(false);
  click(byTestId('lang-switch'));
});

test('after a save the page says the statistics are being recalculated, until the server is done', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  window.history.pushState({}, '', '/console/calendar');
  recountPending = false;
  fakeCalendar(admin);
  await render(<ConsoleApp />);
  await wait(() => byTestId(`calendar-day-${thisYear}-10-01`));
  expect(document.querySelector('[data-testid="calendar-recount-pending"]')).toBeNull();

  const day = `${thisYear}-05-13`;
  click(byTestId(`calendar-day-${day}`));
  await wait(() => byTestId('calendar-override-form'));
  await act(async () => byTestId('calendar-override-submit').click());
  await wait(() => expect(byTestId('calendar-recount-pending').textContent).toContain('统计数据正在按调整后的日历重新计算'));

  // The page looks again by itself while the recount runs, and drops the notice once it finished.
  recountPending = false;
  await wait(() => expect(document.querySelector('[data-testid="calendar-recount-pending"]')).toBeNull());
});
