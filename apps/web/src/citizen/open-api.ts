/** Calls of the public transparency page (no account). */
import type { PublicCase, PublicCaseList, StatsLine, TransparencyFigures } from '@lianxin/contracts';
import { apiErrorFrom, networkError, withQuery } from '../shared/api-error';
import { readLanguage } from '../shared/language';

/** `GET /api/v1/public/transparency`. */
export type OpenOverview = TransparencyFigures;
/** Counts and rates of a line. */
export type OpenFigures = Omit<StatsLine, 'id' | 'name'>;
/** A published case. */
export type OpenCase = PublicCase;

async function getJson<T>(path: string, query: Record<string, string | number | undefined>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), { headers: { Accept: 'application/json', 'Accept-Language': readLanguage() } });
  } catch (cause) {
    throw networkError(cause);
  }
  if (!response.ok) throw await apiErrorFrom(response);
  return (await response.json()) as T;
}

/** Figures of the period (`from` a date, or all time). */
export function fetchOpenOverview(from: string | undefined): Promise<OpenOverview> {
  return getJson('/api/v1/public/transparency', { from });
}

/** A page of published cases. */
export function fetchOpenCases(query: { unitId?: string | undefined; page: number }): Promise<PublicCaseList> {
  return getJson('/api/v1/public/transparency/cases', { ...query, pageSize: 10 });
}
