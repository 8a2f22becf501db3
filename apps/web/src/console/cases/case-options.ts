/** Reference data of the case pages: names for ids, and options for selects. */
import { useMemo } from 'react';
import { namesById, useAllCategories, useAllDepartments, useAllDeputies, useAllUnits } from '../common/lookups';
import { buildTree } from '../common/tree';
import type { TreeNode } from '../common/tree';
import type { Category } from '../../shared/contract-types';

/** A node of a TreeSelect. */
export interface TreeOption {
  value: string;
  title: string;
  children?: TreeOption[];
}

function toTreeOptions(nodes: TreeNode<Category>[]): TreeOption[] {
  return nodes.map((node) => ({ value: node.id, title: node.name, ...(node.children ? { children: toTreeOptions(node.children) } : {}) }));
}

/**
 * The department a case of `categoryId` goes to by default: the category's own, else its
 * nearest ancestor's (a leaf inherits from its first-level category); inactive ones skipped.
 */
export function defaultDepartmentOf(
  categories: readonly Pick<Category, 'id' | 'parentId' | 'defaultDepartmentId'>[],
  activeDepartmentIds: ReadonlySet<string>,
  categoryId: string | null | undefined,
): string | null {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const seen = new Set<string>();
  for (let c = categoryId ? byId.get(categoryId) : undefined; c && !seen.has(c.id); c = c.parentId ? byId.get(c.parentId) : undefined) {
    seen.add(c.id);
    if (c.defaultDepartmentId && activeDepartmentIds.has(c.defaultDepartmentId)) return c.defaultDepartmentId;
  }
  return null;
}

/** Names and select options of units, categories, departments and deputies. */
export function useCaseOptions() {
  const units = useAllUnits().data;
  const categories = useAllCategories().data;
  const departments = useAllDepartments().data;
  const deputies = useAllDeputies().data;
  return useMemo(() => {
    const activeUnits = (units ?? []).filter((u) => u.active);
    const stations = activeUnits.filter((u) => u.kind !== 'point');
    return {
      unitNames: namesById(units),
      categoryNames: namesById(categories),
      departmentNames: namesById(departments),
      deputyNames: namesById(deputies),
      units: units ?? [],
      deputies: deputies ?? [],
      /** The default department of a category (see `defaultDepartmentOf`). */
      defaultDepartment: (categoryId: string | null | undefined) =>
        defaultDepartmentOf(categories ?? [], new Set((departments ?? []).filter((d) => d.active).map((d) => d.id)), categoryId),
      /** The hub and the stations. */
      stationOptions: stations.map((u) => ({ value: u.id, label: u.name })),
      /** Stations with their liaison points under them. */
      unitOptions: stations.map((station) => ({
        label: station.name,
        title: station.name,
        options: [station, ...activeUnits.filter((p) => p.parentId === station.id && p.kind === 'point')].map((u) => ({ value: u.id, label: u.name })),
      })),
      categoryTree: toTreeOptions(buildTree((categories ?? []).filter((c) => c.active))),
      departmentOptions: (departments ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name })),
      deputyOptions: (deputies ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name })),
    };
  }, [units, categories, departments, deputies]);
}
