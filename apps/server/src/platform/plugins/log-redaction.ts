/**
 * What a request looks like in the log. Fastify logs every request's URL, and some URLs carry
 * secrets in the query: Open311 clients send `api_key=` there (as the spec says), the citizen
 * tracking page sends `verify=` (the last digits of a phone, or the tracking secret). Their values
 * are replaced before the line is written; headers are never logged.
 */
import type { FastifyRequest } from 'fastify';

/** Query parameters whose values never reach the log. */
const SECRET_PARAMS = /^(api_key|apikey|key|token|verify|secret|password|phone|csrf|session)$/i;

/** `url` with the values of secret query parameters replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // An undecodable name is logged as sent; it cannot be one of ours.
      }
      return eq >= 0 && SECRET_PARAMS.test(name.trim()) ? `${rawName}=[redacted]` : pair;
    });
  return `${url.slice(0, at)}?${query.join('&')}`;
}

/** pino serializer of `req`: method, redacted URL, host and address, no headers. */
export function requestSerializer(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
  };
}
