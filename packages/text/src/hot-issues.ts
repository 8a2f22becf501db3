/**
 * Hot issues: clusters the items of a time window by near-duplicate similarity and ranks the
 * clusters by a heat index combining volume, recency (relative to an injected `now`), support
 * (likes) and spread across units. Deterministic: same input, same clusters, same order.
 */
import { placeMarkedShingles } from './shingles';
import { DEFAULT_MIN_SIMILARITY, SimilarityIndex } from './similarity';

/** An item to cluster. */
export interface HotIssueItem {
  /** Case or message id. */
  id: string;
  /** Title. */
  title: string;
  /** Body text. */
  body?: string;
  /** When it was submitted: ISO-8601, or `YYYY/M/D H:mm:ss` / `YYYY-MM-DD HH:mm:ss` read as China time (UTC+8). */
  time: string;
  /** Supporters (likes, "me too"). */
  likes?: number;
  /** The unit (station) it came through. */
  unitId?: string;
}

/** Options of {@link findHotIssues}. */
export interface HotIssueOptions {
  /** The reference time (ISO-8601 or a Date): the window ends here. Required: pure code never reads the clock. */
  now: string | Date;
  /** Window length in days (default 30); older and future items are left out. */
  windowDays?: number;
  /** Half-life of recency in days (default 7): an item that old counts half. */
  halfLifeDays?: number;
  /** Similarity needed to join a cluster (default {@link DEFAULT_MIN_SIMILARITY}). */
  threshold?: number;
  /** Title similarity at which two clusters are merged (default 0.3). */
  titleThreshold?: number;
  /** Smallest cluster to report (default 1). */
  minSize?: number;
  /** Number of clusters to return (default 10). */
  top?: number;
}

/** One hot issue. */
export interface HotIssue {
  /** Representative title (the member title that best covers the cluster's common shingles). */
  title: string;
  /** Heat index (higher is hotter). */
  heat: number;
  /** Member ids, most supported first. */
  memberIds: string[];
  /** Number of members. */
  size: number;
  /** Total likes. */
  likes: number;
  /** Distinct units. */
  units: number;
  /** Sum of the members' recency weights (1 = now, 0.5 = one half-life ago). */
  recency: number;
  /** Earliest and latest member time (ISO-8601). */
  firstTime: string;
  /** Latest member time (ISO-8601). */
  lastTime: string;
}

const DAY_MS = 86_400_000;

/** Parses an item time: ISO-8601, or a zone-less `YYYY/M/D H:mm[:ss]` / `YYYY-MM-DD HH:mm:ss` as UTC+8. Returns NaN when unreadable. */
export function parseItemTime(value: string | Date): number {
  if (value instanceof Date) return value.getTime();
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
    return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h) - 8, Number(mi), Number(s));
  }
  return new Date(value).getTime();
}

/** The heat index of a cluster: recency-weighted volume, amplified by support and by spread over units. */
export function heatIndex(recency: number, likes: number, units: number): number {
  return recency * (1 + Math.log1p(Math.max(0, likes)) / 2) * (1 + Math.log2(Math.max(1, units)) / 2);
}

class DisjointSets {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function representativeTitle(members: readonly HotIssueItem[]): string {
  if (members.length === 1) return members[0].title;
  const frequency = new Map<string, number>();
  for (const m of members) for (const s of placeMarkedShingles(`${m.title} ${m.body ?? ''}`)) frequency.set(s.text, (frequency.get(s.text) ?? 0) + 1);
  let best = members[0];
  let bestScore = -Infinity;
  for (const m of members) {
    const shingles = placeMarkedShingles(m.title);
    if (!shingles.length) continue;
    const coverage = shingles.reduce((sum, s) => sum + (frequency.get(s.text) ?? 0), 0) / members.length;
    // Prefer titles whose shingles recur across the cluster; long titles are not favoured per se.
    const score = coverage / Math.sqrt(shingles.length) + (m.likes ?? 0) * 1e-6;
    if (score > bestScore) {
      bestScore = score;
      best = m;
    }
  }
  return best.title;
}

/** Items (or clusters) handled between two pauses of {@link findHotIssuesInTurns}. */
export const HOT_ISSUE_STEP = 100;

/** Clusters the items of the window ending at `options.now` and returns the hottest clusters, hottest first. */
export function findHotIssues(items: readonly HotIssueItem[], options: HotIssueOptions): HotIssue[] {
  const steps = hotIssueSteps(items, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link findHotIssues} in turns: the same clusters, computed {@link HOT_ISSUE_STEP} items at a
 * time with `turn()` awaited in between (a server passes a turn of its event loop, so clustering
 * thousands of cases does not hold up other requests).
 */
export async function findHotIssuesInTurns(items: readonly HotIssueItem[], options: HotIssueOptions, turn: () => Promise<void>): Promise<HotIssue[]> {
  const steps = hotIssueSteps(items, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await turn();
  }
}

/** The work of {@link findHotIssues}, pausing (yield) every {@link HOT_ISSUE_STEP} items or clusters. */
function* hotIssueSteps(items: readonly HotIssueItem[], options: HotIssueOptions): Generator<void, HotIssue[]> {
  // Work since the last pause, in items (a cluster weighs its members: its title reads each of them).
  let work = 0;
  const pause = (weight = 1) => {
    work += weight;
    if (work < HOT_ISSUE_STEP) return false;
    work = 0;
    return true;
  };
  const now = parseItemTime(options.now);
  if (Number.isNaN(now)) throw new Error('findHotIssues: invalid now');
  const windowMs = (options.windowDays ?? 30) * DAY_MS;
  const halfLife = (options.halfLifeDays ?? 7) * DAY_MS;
  const threshold = options.threshold ?? DEFAULT_MIN_SIMILARITY;
  const inWindow = items
    .map((item) => ({ item, t: parseItemTime(item.time) }))
    .filter(({ t }) => !Number.isNaN(t) && t <= now && now - t <= windowMs)
    .sort((a, b) => a.t - b.t || a.item.id.localeCompare(b.item.id));
  yield;
  const index = new SimilarityIndex();
  const sets = new DisjointSets(inWindow.length);
  const position = new Map<string, number>();
  const seedOf = new Map<number, number>();
  for (const [i, { item }] of inWindow.entries()) {
    if (pause()) yield;
    const key = `${i}`;
    // Join the cluster of the best match, but only if the item is also reasonably close to that
    // cluster's first item: this stops chains of loosely related items (A~B~C~…) forming one blob.
    const matches = index.findSimilar(item, { minScore: threshold / 2, limit: 30 });
    const close = new Map(matches.map((m) => [position.get(m.id)!, m.score]));
    for (const m of matches) {
      if (m.score < threshold) break;
      const root = sets.find(position.get(m.id)!);
      const seed = seedOf.get(root) ?? root;
      if (seed === position.get(m.id) || close.has(seed)) {
        sets.union(i, root);
        seedOf.set(sets.find(i), seed);
        break;
      }
    }
    index.add({ id: key, title: item.title, body: item.body });
    position.set(key, i);
  }
  // Second pass: clusters about the same thing that the seed rule kept apart are merged when
  // their representative titles are similar (titles are short and to the point).
  const firstGroups = new Map<number, number[]>();
  for (let i = 0; i < inWindow.length; i++) {
    const root = sets.find(i);
    const group = firstGroups.get(root);
    if (group) group.push(i);
    else firstGroups.set(root, [i]);
  }
  yield;
  const titleIndex = new SimilarityIndex();
  for (const [root, members] of [...firstGroups].sort((a, b) => a[0] - b[0])) {
    if (pause(members.length)) yield;
    const title = representativeTitle(members.map((i) => inWindow[i].item));
    const match = titleIndex.findSimilar({ title }, { minScore: options.titleThreshold ?? 0.3, limit: 1 })[0];
    if (match) sets.union(root, Number(match.id));
    else titleIndex.add({ id: String(root), title });
  }
  const groups = new Map<number, number[]>();
  inWindow.forEach((_, i) => {
    const root = sets.find(i);
    const g = groups.get(root) ?? [];
    g.push(i);
    groups.set(root, g);
  });
  const issues: HotIssue[] = [];
  for (const members of groups.values()) {
    if (members.length < (options.minSize ?? 1)) continue;
    if (pause(members.length)) yield;
    const entries = members.map((i) => inWindow[i]);
    const likes = entries.reduce((sum, e) => sum + Math.max(0, e.item.likes ?? 0), 0);
    const units = new Set(entries.map((e) => e.item.unitId).filter((u) => u !== undefined)).size;
    const recency = entries.reduce((sum, e) => sum + 0.5 ** ((now - e.t) / halfLife), 0);
    const times = entries.map((e) => e.t);
    const sorted = [...entries].sort((a, b) => (b.item.likes ?? 0) - (a.item.likes ?? 0) || a.t - b.t || a.item.id.localeCompare(b.item.id));
    issues.push({
      title: representativeTitle(sorted.map((e) => e.item)),
      heat: Math.round(heatIndex(recency, likes, units) * 1000) / 1000,
      memberIds: sorted.map((e) => e.item.id),
      size: entries.length,
      likes,
      units,
      recency: Math.round(recency * 1000) / 1000,
      firstTime: new Date(Math.min(...times)).toISOString(),
      lastTime: new Date(Math.max(...times)).toISOString(),
    });
  }
  issues.sort((a, b) => b.heat - a.heat || b.size - a.size || a.memberIds[0].localeCompare(b.memberIds[0]));
  return issues.slice(0, options.top ?? 10);
}
