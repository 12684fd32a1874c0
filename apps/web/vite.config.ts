import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w @firebreak/web` serves the UI with hot reload and sends /api to a server
// started with `firebreak serve` (default port 7311); the built UI is served by the server itself.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:7311' } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
});
