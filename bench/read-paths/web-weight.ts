/**
 * JavaScript weight of the citizen pages (`/m`) in the built web app: the chunks `m.html` loads
 * (its module script and modulepreloads) and everything they import, statically or with
 * dynamic `import()`, measured raw, gzip (level 9) and brotli (quality 11) — what a phone
 * downloads from a server that compresses.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** Sizes of a set of chunks in bytes. */
export interface Weight {
  raw: number;
  gzip: number;
  brotli: number;
}

/** The citizen pages' JavaScript: loaded up front, and up front plus everything loadable later. */
export interface WebWeight {
  page: string;
  initial: Weight & { chunks: string[] };
  all: Weight & { chunks: string[] };
}

const IMPORTS = /(?:from\s*|import\s*\(?\s*)["'](\.\/[^"']+\.js)["']/g;

function sizes(files: string[]): Weight {
  const out = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    const body = fs.readFileSync(f);
    out.raw += body.length;
    out.gzip += zlib.gzipSync(body, { level: 9 }).length;
    out.brotli += zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return out;
}

/** Chunks reachable from `start`; `dynamic` decides whether `import()` edges are followed. */
function closure(assets: string, start: string[], dynamic: boolean): string[] {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const text = fs.readFileSync(path.join(assets, name), 'utf8');
    for (const m of text.matchAll(IMPORTS)) {
      if (!dynamic && m[0].includes('(')) continue;
      queue.push(path.basename(m[1]));
    }
  }
  return [...seen].sort();
}

/** Weighs the JavaScript of `page` (e.g. `m.html`) in `dist`. */
export function measureWebWeight(dist: string, page = 'm.html'): WebWeight {
  const html = fs.readFileSync(path.join(dist, page), 'utf8');
  const entry = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
  const assets = path.join(dist, 'assets');
  const initial = closure(assets, entry, false);
  const all = closure(assets, entry, true);
  const file = (n: string) => path.join(assets, n);
  return { page, initial: { ...sizes(initial.map(file)), chunks: initial }, all: { ...sizes(all.map(file)), chunks: all } };
}
