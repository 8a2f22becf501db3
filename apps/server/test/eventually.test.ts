/** The shared `eventually` test helper: retries until the assertion passes, else the last failure. */
import { describe, expect, it } from 'vitest';
import { eventually } from './eventually';

describe('eventually', () => {
  it('passes once the condition turns true, with what the assertion returned', async () => {
    let tries = 0;
    const result = await eventually(
      () => {
        tries += 1;
        expect(tries).toBeGreaterThanOrEqual(3);
        return `after ${tries}`;
      },
      { timeoutMs: 5_000, intervalMs: 1 },
    );
    expect(result).toBe('after 3');
    expect(tries).toBe(3);
  });

  it('waits for asynchronous assertions too (background work finishing a few turns later)', async () => {
    let ready = false;
    void (async () => {
      for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
      ready = true;
    })();
    await eventually(async () => expect(await Promise.resolve(ready)).toBe(true), { timeoutMs: 5_000, intervalMs: 5 });
    expect(ready).toBe(true);
  });

  it('fails with the last error once the time is up', async () => {
    let tries = 0;
    const failure = eventually(
      () => {
        tries += 1;
        throw new Error(`not yet (try ${tries})`);
      },
      { timeoutMs: 30, intervalMs: 5 },
    );
    await expect(failure).rejects.toThrow(/^not yet \(try \d+\)$/);
    const last = await failure.catch((error: Error) => error.message);
    expect(last).toBe(`not yet (try ${tries})`);
    expect(tries).toBeGreaterThan(1);
  });

  it('fails with the assertion message of a condition that never holds', async () => {
    await expect(eventually(() => expect(1 + 1).toBe(3), { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow(/expected 2 to be 3/);
  });
});
