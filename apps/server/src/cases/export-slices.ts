/**
 * How an export walks the case list without holding up the server: keyset slices in the
 * list's newest-first order (`created_at`, then `id`, descending; never OFFSET, whose cost grows
 * with the depth), each statement short, and a turn of the event loop between two slices, so
 * `/healthz`, a case page and every other request are answered while a million rows go out.
 *
 * Between two slices the walk takes `turn` — in the server, `Foreground.turn`: a turn of the
 * event loop, then a wait while requests are in flight (platform/foreground.ts).
 *
 * One statement stays short even when the filters match rarely: besides the row limit, each
 * statement reads only a window of creation times (`notBefore`). The window starts as wide as
 * `limit` rows would be if the matches were spread evenly, is halved when a statement took longer
 * than {@link SLICE_TARGET_MS} and doubled while a window yields less than a slice in less than
 * half of it (then the window is used up and the walk goes on below it). Timings only steer the
 * window; which rows come out, and in which order, does not depend on them.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { CaseListOptions, CaseRecord, CaseVisibility, Repositories } from '@lianxin/storage';

/** Cases per statement of an export. */
export const EXPORT_SLICE = 250;
/** Cases per statement of an export's count (keys only). */
export const COUNT_SLICE = 5000;
/** What one statement of an export should take at most (steers the window). */
export const SLICE_TARGET_MS = 8;
/** The narrowest window of creation times. */
const MIN_WINDOW_MS = 1000;

/** A position in the newest-first order. */
interface Key {
  createdAt: string;
  id: string;
}

/** How an export reads (tests force small slices, a fixed window, and pause between slices). */
export interface ExportReading {
  /** Cases per statement (default {@link EXPORT_SLICE}). */
  sliceSize?: number;
  /** Keys per counting statement (default {@link COUNT_SLICE}). */
  countSize?: number;
  /** A first window of creation times in ms (default: as wide as a slice if the matches were even); `Infinity`: none. */
  windowMs?: number;
  /** Called after each slice has been handed on, before the next is read (tests pause here). */
  afterSlice?: (rowsSoFar: number) => Promise<void> | void;
}

/** What the walk reads: the caller's visibility and the list's filters. */
export interface ExportScope {
  visibility: CaseVisibility;
  listed: CaseListOptions;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The part of the list one statement reads: below `after`, not before `notBefore`. */
interface Range {
  after: Key | undefined;
  notBefore: string | undefined;
}

/**
 * The windowed keyset walk shared by reading and counting: `range` is what the next statement
 * reads; `advance` takes how many rows it returned (`limit` means "there may be more in this
 * window"), the last one's key and how long it took, and gives the next range, or null at the
 * oldest case.
 */
class KeysetWalk {
  private after: Key | undefined;
  private constructor(
    private readonly limit: number,
    private readonly lowest: number,
    private readonly highest: number,
    private window: number,
  ) {}

  /** A walk over the scope's cases, or null when there are none. */
  static async open(
    repos: Pick<Repositories, 'cases'>,
    scope: ExportScope,
    limit: number,
    expected: number | undefined,
    windowMs: number | undefined,
  ): Promise<KeysetWalk | null> {
    const created = await repos.cases.createdSpan();
    if (!created) return null;
    const lowest = Math.max(Date.parse(created.first), scope.listed.from ? Date.parse(scope.listed.from) : -Infinity);
    const highest = Math.min(Date.parse(created.last), scope.listed.to ? Date.parse(scope.listed.to) : Infinity);
    // As wide as a slice if the matches were spread evenly; unknown (a count): a 64th of the range to begin with.
    const span = highest - lowest;
    let window = windowMs ?? (expected === undefined ? span / 64 : expected > limit ? (span * limit) / expected : Infinity);
    if (!(window > 0)) window = MIN_WINDOW_MS;
    return new KeysetWalk(limit, lowest, highest, window);
  }

  /** What the next statement reads. */
  range(): Range {
    const upper = this.after ? Date.parse(this.after.createdAt) : this.highest;
    const bounded = Number.isFinite(this.window) && upper - this.window > this.lowest;
    return { after: this.after, notBefore: bounded ? iso(upper - this.window) : undefined };
  }

  /** Moves past what a statement over `range` returned; null when the walk is over. */
  advance(range: Range, taken: number, last: Key | null, took: number): Range | null {
    const finite = Number.isFinite(this.window);
    if (taken >= this.limit && last) {
      this.after = last;
      if (took > SLICE_TARGET_MS && finite) this.window = Math.max(MIN_WINDOW_MS, this.window / 2);
      return this.range();
    }
    // The window is used up: go on below it, or stop at the oldest case.
    if (!range.notBefore) return null;
    this.after = { createdAt: range.notBefore, id: '' };
    if (took > SLICE_TARGET_MS) this.window = Math.max(MIN_WINDOW_MS, this.window / 2);
    else if (took < SLICE_TARGET_MS / 2) this.window *= 2;
    return this.range();
  }
}

/**
 * The cases of an export in slices, newest first, with a turn of the event loop after each
 * statement (and `reading.afterSlice` after each slice handed on); `expected` (the total, when
 * known) sizes the first window. Pulled by its consumer, so a slow download holds the walk.
 */
export async function* caseSlices(
  repos: Pick<Repositories, 'cases'>,
  scope: ExportScope,
  expected: number | undefined,
  reading: ExportReading = {},
  turn: () => Promise<void> = () => yieldToLoop(),
): AsyncGenerator<CaseRecord[]> {
  const limit = reading.sliceSize ?? EXPORT_SLICE;
  const walk = await KeysetWalk.open(repos, scope, limit, expected, reading.windowMs);
  let rowsSoFar = 0;
  for (let range = walk?.range() ?? null; walk && range;) {
    const started = performance.now();
    const rows = await repos.cases.exportSlice(scope.visibility, scope.listed, { ...range, limit });
    const last = rows.at(-1);
    range = walk.advance(range, rows.length, last ? { createdAt: last.createdAt, id: last.id } : null, performance.now() - started);
    if (rows.length) {
      yield rows;
      rowsSoFar += rows.length;
      await reading.afterSlice?.(rowsSoFar);
    }
    await turn();
  }
}

/**
 * How many cases the export holds, counted in keyset slices (keys only) with a turn of the event
 * loop between them; stops early once more than `max` were counted (then returns more than `max`).
 */
export async function countCases(
  repos: Pick<Repositories, 'cases'>,
  scope: ExportScope,
  max: number,
  reading: ExportReading = {},
  turn: () => Promise<void> = () => yieldToLoop(),
): Promise<number> {
  const limit = reading.countSize ?? COUNT_SLICE;
  const walk = await KeysetWalk.open(repos, scope, limit, undefined, reading.windowMs);
  let total = 0;
  for (let range = walk?.range() ?? null; walk && range && total <= max;) {
    const started = performance.now();
    const { count, last } = await repos.cases.exportCount(scope.visibility, scope.listed, { ...range, limit });
    total += count;
    range = walk.advance(range, count, last, performance.now() - started);
    await turn();
  }
  return total;
}
