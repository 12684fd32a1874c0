import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

// `npm run dev -w @firebreak/web` serves the UI with hot reload and sends /api to a server
// started with `firebreak serve` (default port 7311); the built UI is served by the server itself.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    react(),
    // Brotli and gzip copies beside each file, so the server sends compressed bytes without
    // compressing on every request (it picks one by Accept-Encoding).
    compression({ algorithms: ['brotliCompress', 'gzip'], exclude: [/\.map$/] }),
  ],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:7311' } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Maps stay in dist for whoever holds the build, but no bundle points at them and the
    // server never serves *.map.
    sourcemap: 'hidden',
  },
});
