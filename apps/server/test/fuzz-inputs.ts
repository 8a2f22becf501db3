/**
 * Bounded random and malformed requests for one OpenAPI operation: values near the documented
 * schema with one part broken (wrong type, huge, bad encoding, NUL, injection strings,
 * `__proto__`), raw malformed JSON and multipart bodies, wrong media types, and hostile path
 * and query parameters. Everything comes from a seeded `Rng`, so a run can be replayed.
 */
import type { InjectOptions } from 'fastify';
import { encodeLoose, fillPath, type JsonSchema, type Operation, type Rng } from './openapi-operations';

/** Strings that have broken parsers, queries and pages elsewhere. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1",
  '1; DROP TABLE cases;--',
  '" UNION SELECT password_hash, username FROM users --',
  "%' AND 1=(SELECT COUNT(*) FROM sessions) --",
  "\\'; SELECT pg_sleep(0); --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '....//....//etc/hosts',
  '__proto__',
  'constructor',
  'prototype',
  'a\u0000b',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u0644\u0627',
  '👨‍👩‍👧‍👦'.repeat(20),
  '${7*7}{{7*7}}%s%n%x',
  '',
  '   ',
  '\r\n\r\nX-Injected: 1',
  'NaN',
  '-1',
  '1e309',
  '9007199254740993',
  '0x7fffffff',
  'null',
  'true',
  '2026-02-30T25:61:61Z',
  '00000000-0000-0000-0000-000000000000',
  '*',
  '%',
  '_',
];

/** Values of every JSON type, some extreme. */
const WRONG_TYPES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0.000001,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  [],
  {},
  [null],
  { a: 1 },
  'x',
  ['x', 1],
];

/** A random hostile value, sometimes very large. */
export function hostileValue(rng: Rng): unknown {
  const r = rng.next();
  if (r < 0.45) return rng.pick(HOSTILE_STRINGS);
  if (r < 0.75) return rng.pick(WRONG_TYPES);
  if (r < 0.85) return rng.pick(['测', 'a', '<', "'", '\u0000']).repeat(rng.pick([4001, 20_000, 100_000]));
  if (r < 0.92) return Array.from({ length: rng.pick([1000, 10_000]) }, (_, i) => i);
  let deep: unknown = 'x';
  for (let i = 0; i < rng.pick([50, 500]); i++) deep = rng.chance(0.5) ? [deep] : { a: deep };
  return deep;
}

/** A value that follows `schema` as far as a simple generator can (used as the base to break). */
export function exampleFromSchema(schema: JsonSchema, rng: Rng, depth = 0): unknown {
  if (depth > 6) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return rng.pick(schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return exampleFromSchema(rng.pick(variants), rng, depth + 1);
  if (schema.allOf?.length) return exampleFromSchema(schema.allOf[0], rng, depth + 1);
  const types = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null') : schema.type ? [schema.type] : [];
  const type = types.length ? rng.pick(types) : schema.properties ? 'object' : 'string';
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(name) || rng.chance(0.5)) out[name] = exampleFromSchema(sub, rng, depth + 1);
      }
      return out;
    }
    case 'array': {
      const n = Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 2, rng.int(0, 2)));
      return Array.from({ length: n }, () => exampleFromSchema(schema.items ?? {}, rng, depth + 1));
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
      const max = schema.maximum ?? min + 100;
      return type === 'integer' ? rng.int(Math.ceil(min), Math.floor(Math.max(min, max))) : min + rng.next() * (max - min);
    }
    case 'boolean':
      return rng.chance(0.5);
    case 'null':
      return null;
    default:
      return exampleString(schema, rng);
  }
}

function exampleString(schema: JsonSchema, rng: Rng): string {
  if (schema.format === 'date-time') return '2026-03-02T01:00:00.000Z';
  if (schema.format === 'date' || /\\d\{4\}-\\d\{2\}-\\d\{2\}/.test(schema.pattern ?? '')) return '2026-03-02';
  if (schema.format === 'email') return 'fuzz@example.com';
  if (schema.format === 'uri' || schema.format === 'url') return 'https://example.com/hook';
  if (schema.format === 'uuid') return '0190a0b0-0000-7000-8000-000000000000';
  const min = schema.minLength ?? 1;
  const max = Math.max(min, Math.min(schema.maxLength ?? 30, 40));
  return '模糊测试内容'.repeat(10).slice(0, rng.int(min, max)).padEnd(min, '测');
}

/** Sets `value` at a random place inside `base` (or replaces `base`). Keys are own properties, never the prototype. */
function breakAt(base: unknown, value: unknown, rng: Rng, depth = 0): unknown {
  if (depth > 4 || base === null || typeof base !== 'object' || rng.chance(0.15)) return value;
  if (Array.isArray(base)) {
    if (!base.length) return [value];
    const copy = [...base];
    const i = rng.int(0, copy.length - 1);
    copy[i] = breakAt(copy[i], value, rng, depth + 1);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (!keys.length || rng.chance(0.2)) {
    Object.defineProperty(copy, rng.pick(['unknownField', 'constructor', 'prototype', 'isAdmin', 'roles']), { value, enumerable: true });
    return copy;
  }
  const key = rng.pick(keys);
  copy[key] = breakAt(copy[key], value, rng, depth + 1);
  return copy;
}

/** JSON text with a `__proto__` key (an object literal cannot make one). */
function withProtoKey(base: unknown): string {
  const inner = base && typeof base === 'object' && !Array.isArray(base) ? JSON.stringify(base).slice(1, -1) : '';
  return `{"__proto__":{"isAdmin":true,"roles":["admin"]},"constructor":{"prototype":{"polluted":1}}${inner ? `,${inner}` : ''}}`;
}

/** Raw bodies no JSON parser should accept, or that are hostile at the byte level. */
function malformedBody(rng: Rng, base: unknown): { payload: string | Buffer; contentType: string } {
  const json = JSON.stringify(base ?? {});
  const choices: Array<() => { payload: string | Buffer; contentType: string }> = [
    () => ({ payload: json.slice(0, Math.max(1, json.length - 2)), contentType: 'application/json' }),
    () => ({ payload: '{"a":', contentType: 'application/json' }),
    () => ({ payload: "{'single':'quotes'}", contentType: 'application/json' }),
    () => ({ payload: '{"a":1,"a":2,}', contentType: 'application/json' }),
    () => ({
      payload: Buffer.concat([Buffer.from('{"content":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xed, 0xa0, 0x80]), Buffer.from('"}')]),
      contentType: 'application/json',
    }),
    () => ({ payload: Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from(json)]), contentType: 'application/json; charset=utf-8' }),
    () => ({ payload: `{"content":"a\\u0000b","title":"\\ud800"}`, contentType: 'application/json' }),
    () => ({ payload: '['.repeat(20_000) + ']'.repeat(20_000), contentType: 'application/json' }),
    () => ({ payload: `{"x":"${'a'.repeat(1_100_000)}"}`, contentType: 'application/json' }),
    () => ({ payload: '', contentType: 'application/json' }),
    () => ({ payload: 'null', contentType: 'application/json' }),
    () => ({ payload: '12345', contentType: 'application/json' }),
    () => ({ payload: '"just a string"', contentType: 'application/json' }),
    () => ({ payload: json, contentType: 'application/json; charset=latin1' }),
    () => ({ payload: json, contentType: 'text/plain' }),
    () => ({ payload: '<a>1</a>', contentType: 'application/xml' }),
    () => ({ payload: 'a=1&a=2&__proto__[isAdmin]=1&constructor[prototype][x]=1', contentType: 'application/x-www-form-urlencoded' }),
    () => ({ payload: json, contentType: 'multipart/form-data' }),
    () => ({ payload: '--b\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc', contentType: 'multipart/form-data; boundary=b' }),
    () => ({ payload: Buffer.from([0, 1, 2, 3, 0xff]), contentType: 'application/octet-stream' }),
  ];
  return rng.pick(choices)();
}

/** A multipart body with one (possibly hostile) part. */
export function multipartBody(rng: Rng): { payload: Buffer; contentType: string } {
  const boundary = `----fuzz${rng.int(0, 1e9)}`;
  const field = rng.pick(['file', 'file', 'other', '__proto__', '']);
  const fileName = rng.pick(['photo.jpg', '../../etc/passwd', 'a\u0000.png', '<img src=x onerror=alert(1)>.pdf', 'x'.repeat(2000), '测试.pdf']);
  const type = rng.pick(['image/jpeg', 'image/png', 'application/pdf', 'text/html', 'image/svg+xml', 'application/x-msdownload']);
  const bytes = rng.pick([
    Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
    Buffer.from('<html><script>alert(1)</script></html>'),
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3]),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
    Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF'),
    Buffer.from('PK\u0003\u0004not really a zip'),
    Buffer.alloc(0),
  ]);
  const parts = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from('\r\n'),
  ];
  if (rng.chance(0.3)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.jpg"\r\n\r\nsecond\r\n`));
  if (rng.chance(0.8)) parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Known values for path parameters, by operation path and name (from the seeded data). */
export type PathValues = (op: Operation, param: string) => string[];

/** One fuzzed request for `op`, with a short label of what was broken. */
export interface FuzzRequest {
  label: string;
  options: InjectOptions;
}

/** A query string from pairs, encoded as a browser would (some raw pairs are left as they are). */
function queryString(pairs: Array<[string, string]>, raw: string[]): string {
  const encoded = pairs.map(([k, v]) => `${encodeLoose(k)}=${encodeLoose(v)}`);
  const all = [...encoded, ...raw];
  return all.length ? `?${all.join('&')}` : '';
}

function asQueryValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null).slice(0, 120_000);
}

/** A random malformed request for `op`. */
export function fuzzRequest(op: Operation, rng: Rng, pathValues: PathValues): FuzzRequest {
  const labels: string[] = [];
  const values: Record<string, string> = {};
  for (const param of op.pathParams) {
    const known = pathValues(op, param.name);
    if (known.length && rng.chance(0.6)) values[param.name] = rng.pick(known);
    else {
      values[param.name] = asQueryValue(hostileValue(rng)).slice(0, rng.chance(0.8) ? 300 : 5000);
      labels.push(`path.${param.name}`);
    }
  }
  let url = fillPath(op.path, values);

  const pairs: Array<[string, string]> = [];
  const raw: string[] = [];
  for (const param of op.query) {
    const r = rng.next();
    if (r < 0.5) pairs.push([param.name, asQueryValue(exampleFromSchema(param.schema, rng))]);
    else if (r < 0.75) {
      pairs.push([param.name, asQueryValue(hostileValue(rng))]);
      labels.push(`query.${param.name}`);
    }
    if (rng.chance(0.1)) pairs.push([param.name, asQueryValue(hostileValue(rng))]); // repeated: becomes an array
  }
  if (rng.chance(0.15))
    raw.push(rng.pick(['__proto__[isAdmin]=1', 'constructor[prototype][x]=1', '%ZZ=1', 'a=%E0%A4%A', 'q=%00', '&&&=', 'x'.repeat(5000) + '=1']));
  url += queryString(pairs, raw);

  const options: InjectOptions = { method: op.method, url };
  const headers: Record<string, string> = {};
  options.headers = headers;
  if (rng.chance(0.05)) headers['x-request-id'] = rng.pick(['../../x', 'a'.repeat(500), '<script>']);
  if (rng.chance(0.05))
    headers['idempotency-key'] = asQueryValue(hostileValue(rng))
      .slice(0, 2000)
      .replace(/[^\x20-\x7e]/g, '?');
  if (rng.chance(0.05)) headers['accept-language'] = rng.pick(['../../', 'zz-ZZ;q=abc', '*'.repeat(300)]);

  const takesBody = op.body || ['POST', 'PUT', 'PATCH'].includes(op.method);
  if (takesBody) {
    const isUpload = !op.body && /attachments|imports|photos|ics/.test(op.path) && op.method === 'POST';
    const r = rng.next();
    if (isUpload && r < 0.6) {
      const body = multipartBody(rng);
      options.payload = body.payload;
      headers['content-type'] = body.contentType;
      labels.push('multipart');
    } else {
      const base = op.body ? exampleFromSchema(op.body.schema, rng) : {};
      if (r < 0.55) {
        options.payload = JSON.stringify(breakAt(base, hostileValue(rng), rng));
        headers['content-type'] = 'application/json';
        labels.push('body.field');
      } else if (r < 0.65) {
        options.payload = withProtoKey(base);
        headers['content-type'] = 'application/json';
        labels.push('body.__proto__');
      } else if (r < 0.75 && op.body) {
        options.payload = JSON.stringify(base);
        headers['content-type'] = op.body.mediaTypes[0] === 'application/json' ? 'application/json' : op.body.mediaTypes[0];
        if (headers['content-type'] === 'application/x-www-form-urlencoded') options.payload = new URLSearchParams(flatten(base)).toString();
        labels.push('body.near-valid');
      } else {
        const body = malformedBody(rng, base);
        options.payload = body.payload;
        headers['content-type'] = body.contentType;
        labels.push('body.malformed');
      }
    }
  }
  return { label: labels.join(',') || 'query', options };
}

/** One level of `key=value` for form bodies. */
function flatten(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return { value: asQueryValue(value) };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asQueryValue(v)]));
}
