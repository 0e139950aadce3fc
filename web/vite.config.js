// Builds the dashboard as static files (dist/) with relative paths, so any static server, or a
// file opened from disk, serves it. Nothing is fetched from elsewhere at run time.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 2_000 }
});
