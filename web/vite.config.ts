import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the dashboard page into web/dist, which the API server serves at `/` (src/page). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  // `npx vite web` during development: the API runs on its own port (npm run serve).
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000' } },
});
