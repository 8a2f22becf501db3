/**
 * Waits for background work in tests without a fixed sleep: retries an assertion until it passes.
 * Shared by the server tests (re-exported from `support.ts`) and the browser journeys (`e2e/`);
 * it imports nothing, so a journey does not load the server to use it.
 */

/** How long `eventually` keeps trying, and how long it pauses between tries. */
export interface EventuallyOptions {
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  /** Pause between tries (default 50 ms). */
  intervalMs?: number;
}

/**
 * Runs `assertion` until it returns without throwing and resolves to what it returned; after
 * `timeoutMs` it rejects with the last failure (so the test shows the assertion's own message).
 */
export async function eventually<T>(assertion: () => T | Promise<T>, { timeoutMs = 10_000, intervalMs = 50 }: EventuallyOptions = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
