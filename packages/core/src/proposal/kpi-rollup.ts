/**
 * KPI trees of key supervision items (重点督办): each leaf's progress is how far its latest
 * reported value has moved from the baseline towards the target (clamped to 0..1, so an
 * indicator meant to fall — target below baseline — works the same way); each parent's
 * progress is the weighted mean of its children's. Pure, so a hand computation can check it.
 */

/** One indicator as the roll-up needs it. */
export interface KpiNodeInput {
  id: string;
  parentId: string | null;
  baseline: number;
  target: number;
  weight: number;
}

/** An indicator with its computed progress and children. */
export interface KpiNode<T extends KpiNodeInput = KpiNodeInput> {
  indicator: T;
  /** Latest reported value, or null. */
  latest: number | null;
  /** 0..1 */
  progress: number;
  children: KpiNode<T>[];
}

/** Progress of a single indicator from its latest value. */
export function leafProgress(baseline: number, target: number, latest: number | null): number {
  if (latest === null) return 0;
  if (target === baseline) return latest === target || (target >= 0 ? latest >= target : latest <= target) ? 1 : 0;
  return Math.min(1, Math.max(0, (latest - baseline) / (target - baseline)));
}

/**
 * Builds the tree and rolls progress up. `latest` maps indicator id → latest reported value.
 * Children with weight 0 do not count; when every child weighs 0 the mean is unweighted.
 * An indicator whose parent is missing becomes a root.
 */
export function rollUpKpis<T extends KpiNodeInput>(indicators: readonly T[], latest: ReadonlyMap<string, number>): KpiNode<T>[] {
  const ids = new Set(indicators.map((i) => i.id));
  const byParent = new Map<string | null, T[]>();
  for (const i of indicators) {
    const parent = i.parentId && ids.has(i.parentId) && i.parentId !== i.id ? i.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), i]);
  }
  const build = (i: T, seen: Set<string>): KpiNode<T> => {
    const children = seen.has(i.id) ? [] : (byParent.get(i.id) ?? []).map((c) => build(c, new Set([...seen, i.id])));
    const value = latest.get(i.id) ?? null;
    if (children.length === 0) return { indicator: i, latest: value, progress: leafProgress(i.baseline, i.target, value), children };
    const total = children.reduce((s, c) => s + Math.max(0, c.indicator.weight), 0);
    const progress =
      total > 0
        ? children.reduce((s, c) => s + Math.max(0, c.indicator.weight) * c.progress, 0) / total
        : children.reduce((s, c) => s + c.progress, 0) / children.length;
    return { indicator: i, latest: value, progress, children };
  };
  return (byParent.get(null) ?? []).map((root) => build(root, new Set()));
}

/** Weighted overall progress of several roots (e.g. a whole key item). */
export function overallProgress(roots: readonly KpiNode[]): number {
  if (roots.length === 0) return 0;
  const total = roots.reduce((s, r) => s + Math.max(0, r.indicator.weight), 0);
  return total > 0
    ? roots.reduce((s, r) => s + Math.max(0, r.indicator.weight) * r.progress, 0) / total
    : roots.reduce((s, r) => s + r.progress, 0) / roots.length;
}
