import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web UI lives in web/; `vite build --config web/vite.config.ts` is run from the repository
// root, so every path here is anchored to this file, never to the working directory.
const root = fileURLToPath(new URL('.', import.meta.url));
const api = 'http://127.0.0.1:8787';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.resolve(root, 'dist'),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/health': { target: api, changeOrigin: false },
    },
  },
});
