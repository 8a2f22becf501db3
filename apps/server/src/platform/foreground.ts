/**
 * Requests go first: long background work in this process (an export writing a million rows)
 * steps aside between its slices while requests are being answered. The web role counts the
 * requests in flight; `turn()` — what an export awaits between two slices — gives the event loop
 * a turn and then waits while any request is in flight, at most `maxWaitMs`, so work that is
 * never idle still moves on. A request that awaits the database several times (a case page on
 * PostgreSQL) then waits at most for the one slice under way, not behind a slice at every await.
 * Routes that are background work themselves (a streamed export, an export's download) declare
 * `config: { background: true }` and are not counted.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route is background work (a streamed export): other background work does not wait for it. */
    background?: boolean;
  }
}

/** Longest a slice of background work waits for requests in flight. */
export const FOREGROUND_MAX_WAIT_MS = 50;

/** Requests in flight in this process, and the turn background work takes. */
export class Foreground {
  private active = 0;
  private waiters: Array<() => void> = [];

  /** Requests being answered now. */
  get inFlight(): number {
    return this.active;
  }

  /** A request began. */
  enter(): void {
    this.active++;
  }

  /** A request ended (its response finished or its connection closed). */
  leave(): void {
    this.active = Math.max(0, this.active - 1);
    if (this.active === 0) for (const wake of this.waiters.splice(0)) wake();
  }

  /** What background work awaits between slices: a turn of the event loop, then no request in flight (or `maxWaitMs`). */
  async turn(maxWaitMs = FOREGROUND_MAX_WAIT_MS): Promise<void> {
    await yieldToLoop();
    if (this.active === 0 || maxWaitMs <= 0) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      this.waiters.push(done);
    });
  }
}

/** Counts the requests `app` answers (all but those of background routes). */
export function trackForeground(app: FastifyInstance, foreground: Foreground): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config?.background) return done();
    foreground.enter();
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      foreground.leave();
    };
    reply.raw.once('finish', leave);
    reply.raw.once('close', leave);
    done();
  });
}
