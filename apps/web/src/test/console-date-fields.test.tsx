/**
 * Issue #15: the console's date inputs are antd pickers in one format; a time entered at the
 * intake desk is Beijing time whatever the computer's own zone; periods (考评, comparison) are
 * picked as a month, a quarter or a year and kept as `2026-03`, `2026-Q1`, `2026`.
 */
import dayjs from 'dayjs';
import { act, useState } from 'react';
import { expect, test } from 'vitest';
import '../console/i18n/setup';
import { intakeBody } from '../console/cases/intake-page';
import { beijingToIso, DateField, PeriodField, periodKeyOf, periodKindOf } from '../console/common/date-fields';
import { AppFrame } from '../console/app-frame';
import { LanguageProvider } from '../console/language-provider';
import { byTestId, click, render, typeInPicker, wait } from './dom-helpers';

test('a received time typed at the desk is Beijing time, sent as an instant', () => {
  expect(beijingToIso('2026-12-01 14:05')).toBe('2026-12-01T06:05:00.000Z');
  expect(beijingToIso('2026-12-01 00:30')).toBe('2026-11-30T16:30:00.000Z');
  expect(beijingToIso('12/01/2026')).toBeNull();
  const body = intakeBody({ channel: 'walk_in', content: '路灯坏了，请尽快修复。', receivedAt: '2026-12-01 14:05' }, null);
  expect(body.receivedAt).toBe('2026-12-01T06:05:00.000Z');
});

test.each([
  ['2026-03', 'month'],
  ['2026-Q1', 'quarter'],
  ['2026', 'year'],
  ['2026-13', null],
  ['2026-Q5', null],
  ['03/2026', null],
])('period %s is a %s', (key, kind) => {
  expect(periodKindOf(key)).toBe(kind);
});

test('a period of another kind contains the same day', () => {
  const day = dayjs(new Date(2026, 7, 15));
  expect(periodKeyOf(day, 'month')).toBe('2026-08');
  expect(periodKeyOf(day, 'quarter')).toBe('2026-Q3');
  expect(periodKeyOf(day, 'year')).toBe('2026');
});

function Harness() {
  const [day, setDay] = useState<string | undefined>('2026-12-01');
  const [period, setPeriod] = useState('2026-08');
  return (
    <LanguageProvider>
      <AppFrame>
        <DateField value={day} onChange={setDay} aria-label="日期" data-testid="day" />
        <output data-testid="day-value">{day ?? ''}</output>
        <PeriodField value={period} onChange={setPeriod} label="考评周期" testId="period" />
        <output data-testid="period-value">{period}</output>
      </AppFrame>
    </LanguageProvider>
  );
}

test('the pickers show and keep YYYY-MM-DD and period keys', async () => {
  localStorage.setItem('lianxin.lang', 'zh-CN');
  await render(<Harness />);
  const day = byTestId<HTMLInputElement>('day');
  expect(day.type).toBe('text');
  expect(day.value).toBe('2026-12-01');
  typeInPicker(day, '2027-01-31');
  await wait(() => expect(byTestId('day-value').textContent).toBe('2027-01-31'));

  expect(byTestId<HTMLInputElement>('period-picker').value).toBe('2026-08');
  // Switching the kind keeps the period that contains the chosen one.
  // antd's select opens on mouse down.
  act(() => {
    byTestId('period-kind').dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
  });
  const quarter = await wait(() => {
    const option = [...document.querySelectorAll('.ant-select-item-option')].find((o) => o.textContent === '季度');
    if (!option) throw new Error('no 季度 option');
    return option;
  });
  click(quarter);
  await wait(() => expect(byTestId('period-value').textContent).toBe('2026-Q3'));
  expect(byTestId<HTMLInputElement>('period-picker').value).toBe('2026-Q3');
});
