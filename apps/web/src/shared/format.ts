/**
 * Dates and times as people in Rui'an read them: China time, one format in both languages —
 * `2026-12-29 23:59`, the same rendering as mails, exports and reports (`formatChinaDateTime` in
 * core) and the same `YYYY-MM-DD` the console's date pickers show.
 */
import { formatChinaDateTime } from '@lianxin/core';
import type { Language } from './language';

/** Date and time in China time, e.g. 2025-03-01 14:05; '' for nothing. */
export function formatDateTime(iso: string | null | undefined, _language?: Language): string {
  return formatChinaDateTime(iso);
}

/** The date alone in China time, e.g. 2025-03-01. */
export function formatDate(iso: string | null | undefined, _language?: Language): string {
  return formatChinaDateTime(iso).slice(0, 10);
}
