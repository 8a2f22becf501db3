/**
 * Open311's two formats: XML (the spec's required one; a root element per resource and a
 * repeated child per item, preceded by the UTF-8 declaration) and JSON (the same fields,
 * lists as arrays). Errors are `[{ code, description }]` / `<errors><error>…`.
 */
import type { FastifyReply } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';

/** A response format, from the resource's extension. */
export type Open311Format = 'xml' | 'json';

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false, processEntities: true });

/** Empty strings for missing values: the spec's XML shows empty elements, never "null". */
function clean(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(clean);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)]));
  return value;
}

/** XML text of `{ root: { item: [...] } }` (lists) or `{ root: {...} }` (one document). */
export function toXml(root: string, body: unknown, item?: string): string {
  const content = item ? { [item]: clean(body) } : clean(body);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: content })}`;
}

/** Sends a resource in the asked format. */
export function sendOpen311(
  reply: FastifyReply,
  format: Open311Format,
  status: number,
  xml: { root: string; item?: string; body?: unknown },
  json: unknown,
): FastifyReply {
  if (format === 'json') return reply.status(status).type('application/json; charset=utf-8').send(json);
  return reply
    .status(status)
    .type('text/xml; charset=utf-8')
    .send(toXml(xml.root, xml.body ?? json, xml.item));
}

/** Sends the spec's error list. */
export function sendOpen311Errors(reply: FastifyReply, format: Open311Format, status: number, descriptions: string[]): FastifyReply {
  const errors = descriptions.map((description) => ({ code: status, description }));
  return sendOpen311(reply, format, status, { root: 'errors', item: 'error' }, errors);
}

/** The format a URL asks for (`.json` or else the spec's default, XML). */
export function formatOfUrl(url: string): Open311Format {
  return url.split('?')[0].endsWith('.json') ? 'json' : 'xml';
}
