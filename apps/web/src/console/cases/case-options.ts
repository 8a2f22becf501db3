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
