/**
 * One way people read an instant, in both languages: China time as `2026-12-29 23:59` — the
 * rendering of mails, exports and reports, and the format the console's date pickers show.
 */
import { expect, test } from 'vitest';
import { formatDate, formatDateTime } from '../shared/format';

test.each(['zh-CN', 'en'] as const)('an instant reads as China time, YYYY-MM-DD HH:mm (%s)', (language) => {
  expect(formatDateTime('2026-12-29T15:59:59.999Z', language)).toBe('2026-12-29 23:59');
  expect(formatDateTime('2026-12-31T16:30:00+00:00', language)).toBe('2027-01-01 00:30');
  expect(formatDate('2026-12-31T16:30:00Z', language)).toBe('2027-01-01');
  expect(formatDateTime(null, language)).toBe('');
  expect(formatDateTime('not a time', language)).toBe('not a time');
});
