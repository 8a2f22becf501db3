/** Calls of the calendar page (`/api/v1/calendar*`) and their react-query keys. */
import type { Deadline, IcsImported } from '@lianxin/contracts';
import { get, post, request } from '../api';
import type { CalendarOverride, CalendarYear, OverrideList } from './calendar-model';

const BASE = '/api/v1/calendar';

/** react-query keys; invalidating `calendar` refreshes the page. */
export const CALENDAR_KEYS = {
  all: ['calendar'] as const,
  year: (year: number) => ['calendar', 'year', year] as const,
  overrides: ['calendar', 'overrides'] as const,
};

/** A year with its special days, coverage and warnings. */
export function fetchCalendarYear(year: number): Promise<CalendarYear> {
  return get<CalendarYear>(BASE, { year });
}

/** Every override and the confirmed years (the PUT replaces both). */
export function fetchOverrides(): Promise<OverrideList> {
  return get<OverrideList>(`${BASE}/overrides`);
}

/** Replaces the overrides and the confirmed years. */
export function saveOverrides(overrides: CalendarOverride[], confirmedYears: number[]): Promise<{ overrides: CalendarOverride[] }> {
  return request('PUT', `${BASE}/overrides`, { body: { overrides, confirmedYears } });
}

/** Merges the holidays and make-up workdays of an ICS file. */
export function importIcs(ics: string): Promise<IcsImported> {
  return post<IcsImported>(`${BASE}/import-ics`, { ics });
}

/** The deadline `workdays` working days after `start`. */
export async function fetchDeadline(start: string, workdays: number): Promise<string> {
  return (await get<Deadline>(`${BASE}/deadline`, { start, workdays })).deadline;
}
