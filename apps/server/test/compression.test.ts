/**
 * Compression on the wire (issue #17, item 1) on both databases: a built asset is sent as the
 * brotli or gzip file beside it, as the client accepts (`Content-Encoding`, `Vary`), or as it
 * is; hashed assets are cached as immutable for a year and the HTML shells revalidated; JSON
 * answers of 1 KB or more are compressed on the fly, smaller ones are not.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESS_MIN_BYTES } from '../src/platform/plugins/compression';
import { createTestApp, type Session, type TestApp } from './support';

const dialects = await testDialects();

/** A built web app in miniature: shells, a hashed chunk with its .br and .gz, a small file without. */
function fakeDist(): { dir: string; chunk: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-dist-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  for (const html of ['console.html', 'm.html', 'screen.html'])
    fs.writeFileSync(
      path.join(dir, html),
      `<!doctype html><html lang="zh-CN"><title>连心</title><script type="module" src="/assets/app-Ab12Cd34.js"></script></html>`,
    );
  const chunk = Buffer.from(Array.from({ length: 400 }, (_, i) => `export const label${i} = '人大代表联络站 ${i}';\n`).join(''));
  fs.writeFileSync(path.join(dir, 'assets/app-Ab12Cd34.js'), chunk);
  fs.writeFileSync(path.join(dir, 'assets/app-Ab12Cd34.js.br'), zlib.brotliCompressSync(chunk));
  fs.writeFileSync(path.join(dir, 'assets/app-Ab12Cd34.js.gz'), zlib.gzipSync(chunk));
  fs.writeFileSync(path.join(dir, 'assets/tiny-Ef56Gh78.js'), 'export const x = 1;\n');
  return { dir, chunk };
}

describe.each(dialects)('compression on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let dist: { dir: string; chunk: Buffer };

  beforeAll(async () => {
    dist = fakeDist();
    t = await createTestApp(dialect, { webDist: dist.dir });
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dist.dir, { recursive: true, force: true });
  });

  const asset = (acceptEncoding?: string) =>
    t.request({ method: 'GET', url: '/assets/app-Ab12Cd34.js', headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends the brotli file to a client that accepts br, cached as immutable for a year', async () => {
    const res = await asset('gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.rawPayload.equals(fs.readFileSync(path.join(dist.dir, 'assets/app-Ab12Cd34.js.br')))).toBe(true);
    expect(zlib.brotliDecompressSync(res.rawPayload).equals(dist.chunk)).toBe(true);
  });

  it('falls back to the gzip file when br is not accepted', async () => {
    const res = await asset('gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.gunzipSync(res.rawPayload).equals(dist.chunk)).toBe(true);
  });

  it('sends the file as it is when no compression is accepted', async () => {
    for (const accept of [undefined, 'identity', 'deflate']) {
      const res = await asset(accept);
      expect(res.headers['content-encoding'], String(accept)).toBeUndefined();
      expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding');
      expect(res.rawPayload.equals(dist.chunk)).toBe(true);
    }
  });

  it('sends a file below the threshold, which has no compressed copies, as it is', async () => {
    const res = await t.request({ method: 'GET', url: '/assets/tiny-Ef56Gh78.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe('export const x = 1;\n');
  });

  it('revalidates the HTML shells on every load', async () => {
    for (const url of ['/console', '/console/login', '/m', '/m/submit']) {
      const res = await t.request({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body).toContain('/assets/app-Ab12Cd34.js');
    }
  });

  it('compresses a JSON answer of 1 KB or more: brotli when accepted, else gzip', async () => {
    const plain = await t.request({ method: 'GET', url: '/api/v1/units', session: admin });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(COMPRESS_MIN_BYTES);

    const br = await t.request({ method: 'GET', url: '/api/v1/units', session: admin, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(br.headers['content-type']).toMatch(/application\/json/);
    const unpacked = zlib.brotliDecompressSync(br.rawPayload);
    expect(JSON.parse(unpacked.toString('utf8'))).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);

    const gz = await t.request({ method: 'GET', url: '/api/v1/units', session: admin, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('sends a JSON answer under 1 KB as it is', async () => {
    const res = await t.request({ method: 'GET', url: '/healthz', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBeLessThan(COMPRESS_MIN_BYTES);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.json()).toBeTypeOf('object');
  });

  it('compresses an error answer of the shared shape only when it is large, and keeps it readable', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/no-such-thing', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
  });
});
