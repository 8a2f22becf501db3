/**
 * On-the-fly compression of text answers (JSON, CSV, XML, plain text) of 1 KB or more, for
 * clients that accept it: brotli at quality 4 and gzip at level 6 — most of the gain for little
 * CPU. Built assets (`/assets/`) are not compressed here: they are sent from the `.br` / `.gz`
 * files the build writes beside them (web-app.ts), or as they are when the build found them not
 * worth it (under 1 KB). Request bodies are not decompressed.
 */
import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Answers smaller than this go out as they are: compression would save next to nothing. */
export const COMPRESS_MIN_BYTES = 1024;

/** JSON (`application/json`, `…+json`), any `text/*` but event streams, XML, JavaScript, CSS, SVG. */
const COMPRESSIBLE = /^text\/(?!event-stream)|[/+]json(?:;|$)|[/+]xml(?:;|$)|^application\/javascript|^image\/svg\+xml/;

/** URL prefixes of prebuilt files, never compressed at request time. */
const PREBUILT = ['/assets/'];

/** Registers reply compression; call before the routes (it attaches to routes as they are added). */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  // Runs before the plugin's own onRoute hook (added below), which then leaves these routes alone.
  app.addHook('onRoute', (route) => {
    if (PREBUILT.some((prefix) => route.url.startsWith(prefix))) route.compress = false;
  });
  await app.register(fastifyCompress, {
    global: true,
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: COMPRESS_MIN_BYTES,
    customTypes: COMPRESSIBLE,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT } },
    zlibOptions: { level: 6 },
  });
}
