/**
 * The year as twelve month tables. Holidays, make-up workdays and admin corrections each
 * have a colour and a written mark (休 / 班 / 改), and every day carries its full
 * description as text for screen readers — colour is never the only signal.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/language';
import type { GridDay, MonthGrid } from './calendar-model';

const utc = (date: string) => new Date(`${date}T00:00:00Z`);
const formats = new Map<string, Intl.DateTimeFormat>();

function format(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}:${JSON.stringify(options)}`;
  let value = formats.get(key);
  if (!value) {
    value = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'UTC', ...options });
    formats.set(key, value);
  }
  return value;
}

/** The name of the weekday of a `YYYY-MM-DD` date. */
export function weekdayName(date: string, language: Language, width: 'long' | 'short' = 'long'): string {
  return format(language, { weekday: width }).format(utc(date));
}

/** The name of a month (1–12). */
export function monthName(month: number, language: Language): string {
  return format(language, { month: 'long' }).format(utc(`2001-${String(month).padStart(2, '0')}-01`));
}

/** The visible class of a day: what it is, plus `override` when an admin decided it. */
export function dayClass(day: GridDay, today: string): string {
  const kind = day.kind === 'makeup_workday' ? 'makeup' : day.kind;
  return ['cal-day', `cal-${kind}`, day.source === 'override' ? 'cal-override' : '', day.date === today ? 'cal-today' : ''].filter(Boolean).join(' ');
}

interface Props {
  months: MonthGrid[];
  language: Language;
  /** Today's date in China time (outlined). */
  today: string;
  /** Present for people who may edit: each day becomes a button. */
  onSelect?: (date: string) => void;
}

/** Memoized: a year is a few hundred cells, and the page re-renders for every dialog it opens. */
export const YearGrid = memo(function YearGrid({ months, language, today, onSelect }: Props) {
  const { t } = useTranslation();
  // Monday-first column heads, from a week known to start on a Monday (2001-01-01).
  const heads = Array.from({ length: 7 }, (_, i) => `2001-01-0${i + 1}`);

  const describe = (day: GridDay) =>
    t('calendar.dayLabel', {
      month: Number(day.date.slice(5, 7)),
      day: day.day,
      weekday: weekdayName(day.date, language),
      kind: t(`calendar.kind.${day.kind}`),
      name: day.name ? t('calendar.dayNamePart', { name: day.name }) : '',
      source: t(`calendar.source.${day.source}`),
    });
  const mark = (day: GridDay) =>
    day.source === 'override'
      ? t('calendar.mark.override')
      : day.kind === 'holiday'
        ? t('calendar.mark.holiday')
        : day.kind === 'makeup_workday'
          ? t('calendar.mark.makeup')
          : null;

  const cell = (day: GridDay) => {
    const label = describe(day);
    const text = mark(day);
    const inner = (
      <>
        <span className="cal-num" aria-hidden="true">
          {day.day}
        </span>
        {text && (
          <span className="cal-mark" aria-hidden="true">
            {text}
          </span>
        )}
        <span className="visually-hidden">{label}</span>
      </>
    );
    const common = {
      className: dayClass(day, today),
      title: label,
      'data-testid': `calendar-day-${day.date}`,
      'data-kind': day.kind,
      'data-source': day.source,
    };
    return onSelect ? (
      <button type="button" {...common} onClick={() => onSelect(day.date)}>
        {inner}
      </button>
    ) : (
      <span {...common}>{inner}</span>
    );
  };

  return (
    <div className="cal-year" data-testid="calendar-grid">
      {months.map((month) => (
        <table key={month.month} className="cal-month" data-testid={`calendar-month-${month.month}`}>
          <caption>{monthName(month.month, language)}</caption>
          <thead>
            <tr>
              {heads.map((date) => (
                <th key={date} scope="col" abbr={weekdayName(date, language)}>
                  {weekdayName(date, language, 'short')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {month.weeks.map((week, index) => (
              <tr key={index}>
                {week.map((day, i) => (
                  <td key={day?.date ?? `blank-${i}`}>{day && cell(day)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
});
