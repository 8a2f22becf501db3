/** Background work steps aside while requests are in flight (orderings, not timings). */
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { Foreground, trackForeground } from './foreground';

describe('Foreground', () => {
  it('lets a turn go once no request is in flight, and on its own after the longest wait', async () => {
    const foreground = new Foreground();
    const events: string[] = [];
    foreground.enter();
    const waiting = foreground.turn(60_000).then(() => events.push('turn'));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    events.push('request ends');
    foreground.leave();
    await waiting;
    expect(events).toEqual(['request ends', 'turn']);
    // Never idle: the turn still ends (after its longest wait).
    foreground.enter();
    await foreground.turn(1);
    expect(foreground.inFlight).toBe(1);
  });

  it('counts the requests an app answers, but not those of background routes', async () => {
    const app = Fastify();
    const foreground = new Foreground();
    trackForeground(app, foreground);
    const seen: number[] = [];
    app.get('/read', async () => {
      seen.push(foreground.inFlight);
      return { ok: true };
    });
    app.get('/export', { config: { background: true } }, async () => {
      seen.push(foreground.inFlight);
      return { ok: true };
    });
    await app.inject({ method: 'GET', url: '/read' });
    await app.inject({ method: 'GET', url: '/export' });
    await app.inject({ method: 'GET', url: '/nowhere' });
    expect(seen).toEqual([1, 0]);
    expect(foreground.inFlight).toBe(0);
    await app.close();
  });
});
