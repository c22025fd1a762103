import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

/**
 * The web app (React). Its root is src/web; the build goes to dist/web, which the Fastify
 * server serves (with index.html as the fallback for client routes). In development the
 * API and metrics are proxied to the server on port 3000.
 */
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
      '/metrics': 'http://localhost:3000',
    },
  },
});
