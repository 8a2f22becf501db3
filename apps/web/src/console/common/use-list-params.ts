/**
 * List state kept in the address bar (`q`, `page`, `pageSize`, `includeInactive` and
 * page-specific filters), so lists survive reloads and the back button.
 */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import type { Query } from '../api';

function positiveInt(text: string | null, fallback: number): number {
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Values a list update may set; undefined, null and '' remove the parameter. */
export type ListChanges = Record<string, string | number | boolean | null | undefined>;

/** The current list state and a setter; `apiQuery` is what the list endpoint takes. */
export function useListParams<K extends string = never>(filterKeys: readonly K[] = [], defaultPageSize = 20) {
  const [search, setSearch] = useSearchParams();
  const q = search.get('q') ?? '';
  const page = positiveInt(search.get('page'), 1);
  const pageSize = Math.min(positiveInt(search.get('pageSize'), defaultPageSize), 500);
  const includeInactive = search.get('includeInactive') === '1';
  const filters = Object.fromEntries(filterKeys.map((key) => [key, search.get(key) ?? undefined])) as Record<K, string | undefined>;

  /** Applies changes; any change other than the page itself goes back to page 1. */
  const update = useCallback(
    (changes: ListChanges) => {
      setSearch(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === null || value === '' || value === false) next.delete(key);
            else next.set(key, value === true ? '1' : String(value));
          }
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setSearch],
  );

  const apiQuery: Query = {
    q: q || undefined,
    page,
    pageSize,
    includeInactive: includeInactive ? 1 : undefined,
    ...filters,
  };
  return { q, page, pageSize, includeInactive, filters, update, apiQuery };
}
