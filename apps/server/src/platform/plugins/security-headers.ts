/**
 * Helmet's security headers (CSP, frame and referrer policies, …) on every response, worked out
 * once at start-up. (`@fastify/helmet` built a new helmet middleware — parsing the whole CSP — on
 * every request, which cost about a tenth of a small request's CPU time.) The headers never change
 * between requests (no CSP nonces here), so they are computed once and set on each response the
 * same way (on the raw response, before the route runs, so a route may still override one).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

interface HeaderSink {
  setHeader(name: string, value: string | number | readonly string[]): void;
  removeHeader(name: string): void;
}

/** The headers helmet sets for `options`, as name → value. */
export function helmetHeaders(options: HelmetOptions): Array<[string, string]> {
  const headers = new Map<string, string>();
  const sink: HeaderSink = {
    setHeader: (name, value) => headers.set(name, Array.isArray(value) ? value.join(', ') : String(value)),
    removeHeader: (name) => headers.delete(name),
  };
  let failure: unknown = null;
  // helmet only calls setHeader/removeHeader on the response and never reads the request.
  helmet(options)({} as IncomingMessage, sink as ServerResponse, (error) => {
    failure = error ?? null;
  });
  if (failure) throw failure instanceof Error ? failure : new Error('helmet refused its options');
  return [...headers];
}

async function securityHeadersPlugin(app: FastifyInstance, options: HelmetOptions): Promise<void> {
  const headers = helmetHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    reply.raw.removeHeader('X-Powered-By');
    done();
  });
}

/** Registers the security headers (options as for helmet). */
export const securityHeaders = fp(securityHeadersPlugin, { name: 'lianxin-security-headers' });
