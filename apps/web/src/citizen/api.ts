/**
 * The citizen pages' API client: plain fetch, JSON in and out, `ApiError` on failure.
 */
import { ApiError, apiErrorFrom, networkError, withQuery } from '../shared/api-error';
import type { PublicDeputy, PublicUnit } from '../shared/contract-types';

export { ApiError };

async function getJson<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
  } catch (cause) {
    throw networkError(cause);
  }
  if (!response.ok) throw await apiErrorFrom(response);
  return (await response.json()) as T;
}

/** The hub, its stations and their liaison points. */
export async function fetchPublicUnits(): Promise<PublicUnit[]> {
  const body = await getJson<{ items: PublicUnit[] }>('/api/v1/public/units');
  return body.items;
}

/** Public profiles of the deputies grouped into a unit. */
export async function fetchPublicDeputies(unitId: string): Promise<PublicDeputy[]> {
  const body = await getJson<{ items: PublicDeputy[] }>('/api/v1/public/deputies', { unitId });
  return body.items;
}
