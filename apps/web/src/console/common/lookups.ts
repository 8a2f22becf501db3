/**
 * Whole reference lists (including inactive records, so names always resolve) for
 * selects and name look-ups. Keys start with the resource, so saving a record refreshes them.
 */
import { useQuery } from '@tanstack/react-query';
import type { Category, Department, Deputy, Unit } from '../../shared/contract-types';
import { fetchAll, PATHS } from '../api';

const STALE = 60_000;

/** Every unit (hub, stations, points). */
export function useAllUnits(enabled = true) {
  return useQuery({
    queryKey: ['units', 'all', { includeInactive: true }],
    queryFn: () => fetchAll<Unit>(PATHS.units, { includeInactive: 1 }),
    staleTime: STALE,
    enabled,
  });
}

/** Every department. */
export function useAllDepartments(enabled = true) {
  return useQuery({
    queryKey: ['departments', 'all'],
    queryFn: () => fetchAll<Department>(PATHS.departments, { includeInactive: 1 }),
    staleTime: STALE,
    enabled,
  });
}

/** Every deputy. */
export function useAllDeputies(enabled = true) {
  return useQuery({
    queryKey: ['deputies', 'all'],
    queryFn: () => fetchAll<Deputy>(PATHS.deputies, { includeInactive: 1 }),
    staleTime: STALE,
    enabled,
  });
}

/** Every category. */
export function useAllCategories(enabled = true) {
  return useQuery({
    queryKey: ['categories', 'all'],
    queryFn: () => fetchAll<Category>(PATHS.categories, { includeInactive: 1 }),
    staleTime: STALE,
    enabled,
  });
}

/** id → name, for showing references in tables. */
export function namesById(items: readonly { id: string; name: string }[] | undefined): Map<string, string> {
  return new Map((items ?? []).map((item) => [item.id, item.name]));
}
