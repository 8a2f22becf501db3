// eslint-disable-next-line no-restricted-imports -- the build config runs in Node, not in browsers
import { fileURLToPath } from 'node:url';
import type { Connect, Plugin } from 'vite';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { noNodeBuiltins, precompress } from './build-plugins.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/** In dev, serve the two single-page apps under their client-side routes, as the server does. */
function spaFallback(): Plugin {
  const rewrite: Connect.NextHandleFunction = (req, _res, next) => {
    const url = req.url ?? '';
    const path = url.split('?')[0] ?? '';
    if (path === '/console' || path.startsWith('/console/')) req.url = '/console.html';
    else if (path === '/m' || path.startsWith('/m/')) req.url = '/m.html';
    else if (path === '/screen' || path.startsWith('/screen/')) req.url = '/screen.html';
    next();
  };
  return {
    name: 'lianxin-spa-fallback',
    configureServer(server) {
      server.middlewares.use(rewrite);
    },
    configurePreviewServer(server) {
      server.middlewares.use(rewrite);
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [noNodeBuiltins(), react(), spaFallback(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: {
        console: fileURLToPath(new URL('./console.html', import.meta.url)),
        m: fileURLToPath(new URL('./m.html', import.meta.url)),
        screen: fileURLToPath(new URL('./screen.html', import.meta.url)),
      },
      output: {
        // React and the router are shared by both apps; antd & co. stay in the console's chunk.
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/ },
            { name: 'shared', test: /[\\/]src[\\/]shared[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
