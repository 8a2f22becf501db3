/**
 * The console's date inputs: antd's pickers, one format everywhere (`2026-12-01`, as tables
 * show dates), values kept as plain strings so forms and URLs stay as they were. A browser's
 * own `<input type="date">` shows its locale's `mm/dd/yyyy` beside tables in `YYYY-MM-DD`.
 * Days and times are China (Beijing) wall-clock values: nothing here converts time zones.
 */
import type { CSSProperties } from 'react';
import { DatePicker, Select, Space, TimePicker } from 'antd';
import type { DatePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';

/** The one date format of the console. */
export const DATE_FORMAT = 'YYYY-MM-DD';
/** A date and time (minutes), Beijing time. */
export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';

const day = (value: string | null | undefined): Dayjs | null => {
  if (!value) return null;
  // dayjs reads `YYYY-MM-DD` and `YYYY-MM-DD HH:mm` as local wall-clock values.
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed : null;
};

/** What a page may pass on to the picker (Form.Item adds `id` and `status`). */
interface PickerRest {
  id?: string;
  'aria-label'?: string;
  'data-testid'?: string;
  style?: CSSProperties;
  disabled?: boolean;
  placeholder?: string;
  status?: DatePickerProps['status'];
  allowClear?: boolean;
}

/** One day as `YYYY-MM-DD` (undefined when cleared); `min` / `max` in the same form. */
export function DateField({
  value,
  onChange,
  min,
  max,
  readOnly,
  ...rest
}: { value?: string | null; onChange?: (value: string | undefined) => void; min?: string; max?: string; readOnly?: boolean } & PickerRest) {
  return (
    <DatePicker
      {...rest}
      // Read-only: shown (and read out) as text, no panel, nothing to clear.
      {...(readOnly ? { inputReadOnly: true, open: false, allowClear: false } : {})}
      format={DATE_FORMAT}
      value={day(value)}
      minDate={day(min) ?? undefined}
      maxDate={day(max) ?? undefined}
      onChange={(d: Dayjs | null) => onChange?.(d ? d.format(DATE_FORMAT) : undefined)}
    />
  );
}

/** A day and time as `YYYY-MM-DD HH:mm`, Beijing time. */
export function DateTimeField({ value, onChange, ...rest }: { value?: string | null; onChange?: (value: string | undefined) => void } & PickerRest) {
  return (
    <DatePicker
      {...rest}
      showTime={{ format: 'HH:mm' }}
      format={DATE_TIME_FORMAT}
      value={day(value)}
      onChange={(d: Dayjs | null) => onChange?.(d ? d.format(DATE_TIME_FORMAT) : undefined)}
    />
  );
}

/** A time of day as `HH:mm` (24-hour, as Chinese timetables write it). */
export function TimeField({ value, onChange, ...rest }: { value?: string | null; onChange?: (value: string | undefined) => void } & PickerRest) {
  const parsed = value && /^\d{2}:\d{2}$/.test(value) ? dayjs(`2000-01-01 ${value}`) : null;
  return (
    <TimePicker {...rest} format="HH:mm" needConfirm={false} value={parsed} onChange={(d: Dayjs | null) => onChange?.(d ? d.format('HH:mm') : undefined)} />
  );
}

/** `2026-12-01 14:05` entered in Beijing time as an ISO instant (`2026-12-01T06:05:00.000Z`). */
export function beijingToIso(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/.exec(value.trim());
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}:00+08:00`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * From and to days of a filter, either may stay open: two pickers joined as one control (a
 * range picker would only commit a start day once an end day is given too, or on a click away).
 */
export function DateRangeField({
  from,
  to,
  onChange,
  labels,
  testId,
  style,
}: {
  from?: string | undefined;
  to?: string | undefined;
  onChange: (from: string | undefined, to: string | undefined) => void;
  /** Accessible names of the two inputs (they also show as placeholders). */
  labels: [string, string];
  /** Ids of the inputs: `${testId}-from`, `${testId}-to`. */
  testId?: string;
  style?: CSSProperties;
}) {
  return (
    <Space.Compact style={style}>
      <DateField
        id={testId ? `${testId}-from` : undefined}
        aria-label={labels[0]}
        placeholder={labels[0]}
        value={from}
        max={to}
        onChange={(value) => onChange(value, to)}
        style={{ width: '50%' }}
      />
      <DateField
        id={testId ? `${testId}-to` : undefined}
        aria-label={labels[1]}
        placeholder={labels[1]}
        value={to}
        min={from}
        onChange={(value) => onChange(from, value)}
        style={{ width: '50%' }}
      />
    </Space.Compact>
  );
}

/** An evaluation or comparison period: `2026-03`, `2026-Q1` or `2026` (`parsePeriod` in core). */
export type PeriodKind = 'month' | 'quarter' | 'year';

/** The kind of a period key, or null when it is none. */
export function periodKindOf(key: string | null | undefined): PeriodKind | null {
  if (!key) return null;
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(key)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(key)) return 'quarter';
  if (/^\d{4}$/.test(key)) return 'year';
  return null;
}

/** The first day of a period key (null when it is none). */
function periodStart(key: string | null | undefined): Dayjs | null {
  const kind = periodKindOf(key);
  if (!kind || !key) return null;
  const year = Number(key.slice(0, 4));
  const month = kind === 'month' ? Number(key.slice(5, 7)) - 1 : kind === 'quarter' ? (Number(key.slice(6)) - 1) * 3 : 0;
  return dayjs(new Date(year, month, 1));
}

/** The key of the period of `kind` that contains `date`. */
export function periodKeyOf(date: Dayjs, kind: PeriodKind): string {
  if (kind === 'year') return String(date.year());
  if (kind === 'quarter') return `${date.year()}-Q${Math.floor(date.month() / 3) + 1}`;
  return date.format('YYYY-MM');
}

/** A period picker: its kind (month, quarter, year — those `kinds` allow) and the period. */
export function PeriodField({
  value,
  onChange,
  kinds = ['month', 'quarter', 'year'],
  testId,
  label,
}: {
  value?: string | null;
  onChange?: (value: string) => void;
  kinds?: readonly PeriodKind[];
  testId?: string;
  /** The field's accessible name (the kind select is named after it too). */
  label?: string;
}) {
  const { t } = useTranslation();
  const kind = periodKindOf(value) ?? kinds[0] ?? 'month';
  const start = periodStart(value);
  return (
    <Space.Compact data-testid={testId}>
      {kinds.length > 1 && (
        <Select<PeriodKind>
          aria-label={label ? `${label}：${t('dateFields.periodKind')}` : t('dateFields.periodKind')}
          value={kind}
          onChange={(next) => onChange?.(periodKeyOf(start ?? dayjs(), next))}
          options={kinds.map((k) => ({ value: k, label: t(`dateFields.kinds.${k}`) }))}
          style={{ width: 96 }}
          data-testid={testId ? `${testId}-kind` : undefined}
        />
      )}
      <DatePicker
        picker={kind}
        aria-label={label ?? t('dateFields.choosePeriod')}
        placeholder={t('dateFields.choosePeriod')}
        allowClear={false}
        value={start}
        // The period's own key (2026-03, 2026-Q1, 2026): what the tables and reports show.
        format={(d: Dayjs) => periodKeyOf(d, kind)}
        onChange={(d: Dayjs | null) => d && onChange?.(periodKeyOf(d, kind))}
        style={{ width: 132 }}
        data-testid={testId ? `${testId}-picker` : undefined}
      />
    </Space.Compact>
  );
}
