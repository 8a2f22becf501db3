/**
 * Limits on guessing the proof that goes with a code — the verify code of a tracking code, the
 * phone digits of a booking code — that a stranger cannot turn against the owner.
 *
 * Failures are counted per address and per code *and* address, so guessing from one address at
 * someone's code never stops the owner trying from their own phone. Each attempt takes its place
 * under both limits before it is checked, in one statement each (`RateLimiter.take`), so parallel
 * attempts cannot get more than the limit through; a right answer gives its places back. A code
 * under attack from many addresses (more than `perCodeCeiling` failures) leaves each address one
 * try per window: still enough for the owner's first, right answer.
 */
import type { RateLimiter } from './rate-limiter';

/** How many failed guesses are allowed per window. */
export interface GuessLimits {
  /** From one address, at any codes. */
  perAddress: number;
  /** From one address at one code. */
  perCodeAndAddress: number;
  /** At one code from all addresses, after which an address that already failed on it gets no more. */
  perCodeCeiling: number;
  windowSeconds: number;
}

/** Counts a malformed code as a failed guess of the address (so guessing cannot skip the limit). */
export async function countMalformed(limiter: RateLimiter, scope: string, ip: string, limits: GuessLimits): Promise<void> {
  await limiter.take(`${scope}:ip:${ip}`, limits.perAddress, limits.windowSeconds);
}

/**
 * Runs `attempt` (the check of the proof) under the limits: its answer, or null for a wrong
 * guess (counted). Throws RATE_LIMITED (429) before checking anything when a limit is reached.
 */
export async function guardGuess<T>(
  limiter: RateLimiter,
  scope: string,
  code: string,
  ip: string,
  limits: GuessLimits,
  attempt: () => Promise<T | null | undefined | false>,
): Promise<T | null> {
  const window = limits.windowSeconds;
  const address = await limiter.take(`${scope}:ip:${ip}`, limits.perAddress, window);
  const places = [address];
  try {
    const pair = await limiter.take(`${scope}:code:${code}:ip:${ip}`, limits.perCodeAndAddress, window);
    places.push(pair);
    if (pair.count > 1 && (await limiter.count(`${scope}:code:${code}`, window)) >= limits.perCodeCeiling) limiter.refuse(window);
    const result = await attempt();
    if (result === null || result === undefined || result === false) {
      await limiter.consume(`${scope}:code:${code}`, Number.MAX_SAFE_INTEGER, window);
      return null;
    }
    await Promise.all(places.map((p) => p.giveBack()));
    return result;
  } catch (error) {
    // Refused before the check, or the check failed for another reason: no guess was made.
    await Promise.all(places.map((p) => p.giveBack()));
    throw error;
  }
}
