/** Calls of the public transparency page (no account). */
import { apiErrorFrom, networkError, withQuery } from '../shared/api-error';
import { readLanguage } from '../shared/language';

/** Counts and rates of a line. */
export interface OpenFigures {
  received: number;
  accepted: number;
  closed: number;
  replied: number;
  rated: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  avgHandleWorkdays: number | null;
}

/** `GET /api/v1/public/transparency`. */
export interface OpenOverview extends OpenFigures {
  byStation: Array<OpenFigures & { id: string | null; name: string }>;
  byCategory: Array<OpenFigures & { id: string | null; name: string }>;
  generatedAt: string;
}

/** A published case. */
export interface OpenCase {
  id: string;
  title: string;
  content: string;
  statusLabel: string;
  category: string | null;
  station: string | null;
  createdAt: string;
  reply: string | null;
}

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
export function fetchOpenCases(query: { unitId?: string | undefined; page: number }): Promise<{ items: OpenCase[]; total: number }> {
  return getJson('/api/v1/public/transparency/cases', { ...query, pageSize: 10 });
}
