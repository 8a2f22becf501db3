/**
 * Build-time plugins of the web app (they run in Node, not in browsers):
 *
 * - `noNodeBuiltins`: the build fails when browser code imports a Node built-in (`node:crypto`,
 *   `fs`, …). Vite would otherwise swap in an empty stub and only warn, and the page breaks at
 *   run time.
 * - `precompress`: writes a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy beside
 *   every text asset of 1 KB or more, so the server sends compressed bytes without compressing
 *   at request time (@fastify/static `preCompressed`, nginx `gzip_static` / `brotli_static`).
 */
// eslint-disable-next-line no-restricted-imports -- build code runs in Node
import fs from 'node:fs/promises';
// eslint-disable-next-line no-restricted-imports -- build code runs in Node
import { builtinModules } from 'node:module';
// eslint-disable-next-line no-restricted-imports -- build code runs in Node
import path from 'node:path';
// eslint-disable-next-line no-restricted-imports -- build code runs in Node
import { promisify } from 'node:util';
// eslint-disable-next-line no-restricted-imports -- build code runs in Node
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Whether `id` names a Node built-in module (`node:crypto`, `crypto`, `fs/promises`, …). */
export function isNodeBuiltin(id: string): boolean {
  return id.startsWith('node:') || BUILTINS.has(id);
}

/** Fails the production build on any import of a Node built-in from code bundled for browsers. */
export function noNodeBuiltins(): Plugin {
  return {
    name: 'lianxin-no-node-builtins',
    apply: 'build',
    enforce: 'pre',
    resolveId(id, importer) {
      if (!isNodeBuiltin(id)) return null;
      const from = importer ? path.relative(process.cwd(), importer) : 'an entry';
      this.error(`"${id}" is a Node built-in, imported by ${from}: browser bundles must not import Node built-ins (use a browser-safe module or entry).`);
    },
  };
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Files worth compressing: text the browser loads. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|map|xml|webmanifest)$/;
/** Smaller files gain little (and cost a disk read each) — the same threshold as the server's. */
export const PRECOMPRESS_MIN_BYTES = 1024;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Compresses `file` into `file.br` and `file.gz` (each kept only when smaller than the original). */
export async function precompressFile(file: string): Promise<{ raw: number; br: number | null; gz: number | null }> {
  const body = await fs.readFile(file);
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzip(body, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ]);
  const keep = async (data: Buffer, ext: string) => {
    if (data.length >= body.length) return null;
    await fs.writeFile(`${file}${ext}`, data);
    return data.length;
  };
  return { raw: body.length, br: await keep(br, '.br'), gz: await keep(gz, '.gz') };
}

/** Writes `.br` and `.gz` beside each compressible file of `assetsDir` in the output. */
export function precompress(assetsDir = 'assets'): Plugin {
  let outDir = '';
  return {
    name: 'lianxin-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const dir = path.join(outDir, assetsDir);
      const files = (await filesUnder(dir).catch(() => [])).filter((f) => COMPRESSIBLE.test(f));
      const sized = await Promise.all(files.map(async (f) => ({ f, size: (await fs.stat(f)).size })));
      await Promise.all(sized.filter((s) => s.size >= PRECOMPRESS_MIN_BYTES).map((s) => precompressFile(s.f)));
    },
  };
}
