/** Building display trees from flat lists with `parentId` (units, categories). */

interface TreeItem {
  id: string;
  parentId: string | null;
  name: string;
  sortOrder: number;
}

/** A tree node: the item plus its children (absent on leaves, so tables show no expander). */
export type TreeNode<T> = T & { children?: TreeNode<T>[] };

function byOrder(a: TreeItem, b: TreeItem): number {
  return a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN');
}

/** Nests `items` under their parents; items whose parent is not in the list become roots. */
export function buildTree<T extends TreeItem>(items: readonly T[]): TreeNode<T>[] {
  const ids = new Set(items.map((item) => item.id));
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const item of items) {
    if (item.parentId && ids.has(item.parentId)) {
      const list = children.get(item.parentId) ?? [];
      list.push(item);
      children.set(item.parentId, list);
    } else {
      roots.push(item);
    }
  }
  const build = (item: T): TreeNode<T> => {
    const kids = (children.get(item.id) ?? []).sort(byOrder).map(build);
    return kids.length > 0 ? { ...item, children: kids } : { ...item };
  };
  return roots.sort(byOrder).map(build);
}

/** Ids of every node that has children. */
export function parentIds<T>(nodes: readonly TreeNode<T & { id: string }>[]): string[] {
  const out: string[] = [];
  const walk = (list: readonly TreeNode<T & { id: string }>[]) => {
    for (const node of list) {
      if (node.children) {
        out.push(node.id);
        walk(node.children);
      }
    }
  };
  walk(nodes);
  return out;
}

/** True when `id` is `rootId` or lies below it. */
export function isWithin(byId: ReadonlyMap<string, { parentId: string | null }>, id: string, rootId: string): boolean {
  const seen = new Set<string>();
  let current: string | null = id;
  while (current && !seen.has(current)) {
    if (current === rootId) return true;
    seen.add(current);
    current = byId.get(current)?.parentId ?? null;
  }
  return false;
}
