/**
 * Fixed-window rate limits kept in the database, so every instance counts together.
 */
import { AppError, type Clock } from '@lianxin/core';
import type { Repositories } from '@lianxin/storage';

/** A place taken under a limit: the count with it, and how to give it back. */
export interface TakenPlace {
  count: number;
  giveBack: () => Promise<void>;
}

/** Counts hits and refuses the ones over a limit. */
export class RateLimiter {
  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
    private readonly enabled: boolean,
  ) {}

  private window(windowSeconds: number): { start: string; retryAfter: number } {
    const now = this.clock.now().getTime();
    const size = windowSeconds * 1000;
    const start = Math.floor(now / size) * size;
    return { start: new Date(start).toISOString(), retryAfter: Math.ceil((start + size - now) / 1000) };
  }

  /** Counts one hit on `key`; throws RATE_LIMITED (429) past `limit` per window. */
  async consume(key: string, limit: number, windowSeconds: number): Promise<void> {
    if (!this.enabled) return;
    const { start, retryAfter } = this.window(windowSeconds);
    const count = await this.repos.rateCounters.hit(key, start);
    if (count > limit) throw new AppError('RATE_LIMITED', { retryAfterSeconds: retryAfter });
  }

  /**
   * Takes one of `limit` places of `key` in this window before the attempt it guards, atomically,
   * so concurrent attempts can never get more than `limit` through (check-then-count could).
   * Throws RATE_LIMITED (429) when none is left; the answer gives the place back (an attempt that
   * turned out not to count, e.g. a right answer). Off: a place that costs nothing.
   */
  async take(key: string, limit: number, windowSeconds: number): Promise<TakenPlace> {
    if (!this.enabled) return { count: 0, giveBack: async () => {} };
    const { start, retryAfter } = this.window(windowSeconds);
    const count = await this.repos.rateCounters.take(key, start, limit);
    if (count === null) throw new AppError('RATE_LIMITED', { retryAfterSeconds: retryAfter });
    let given = false;
    return {
      count,
      giveBack: async () => {
        if (given) return;
        given = true;
        await this.repos.rateCounters.giveBack(key, start);
      },
    };
  }

  /** The count of `key` in this window (0 when limits are off). */
  async count(key: string, windowSeconds: number): Promise<number> {
    if (!this.enabled) return 0;
    return this.repos.rateCounters.count(key, this.window(windowSeconds).start);
  }

  /** Throws RATE_LIMITED (429) for this window of `key` (a limit decided by the caller). */
  refuse(windowSeconds: number): never {
    throw new AppError('RATE_LIMITED', { retryAfterSeconds: this.window(windowSeconds).retryAfter });
  }

  /** Throws RATE_LIMITED if `key` already reached `limit` in this window (without counting). */
  async check(key: string, limit: number, windowSeconds: number): Promise<void> {
    if (!this.enabled) return;
    const { start, retryAfter } = this.window(windowSeconds);
    if ((await this.repos.rateCounters.count(key, start)) >= limit) throw new AppError('RATE_LIMITED', { retryAfterSeconds: retryAfter });
  }
}
