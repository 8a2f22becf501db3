/**
 * Fixed-window rate limits kept in the database, so every instance counts together.
 */
import { AppError, type Clock } from '@lianxin/core';
import type { Repositories } from '@lianxin/storage';

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

  /** Throws RATE_LIMITED if `key` already reached `limit` in this window (without counting). */
  async check(key: string, limit: number, windowSeconds: number): Promise<void> {
    if (!this.enabled) return;
    const { start, retryAfter } = this.window(windowSeconds);
    if ((await this.repos.rateCounters.count(key, start)) >= limit) throw new AppError('RATE_LIMITED', { retryAfterSeconds: retryAfter });
  }
}
