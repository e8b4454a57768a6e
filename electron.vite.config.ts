import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      // better-sqlite3 is native and must stay external; everything else is bundled.
      externalizeDeps: { include: ['better-sqlite3'] },
      // Untrusted documents (.docx, .html, pasted HTML, .pdf) are parsed in a worker thread with
      // memory and time limits; it is its own entry so it lands beside index.js as
      // out/main/import-worker.js.
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'import-worker': resolve(__dirname, 'src/core/import/import-worker.ts'),
          // The thread that owns the library's SQLite connection (src/core/worker).
          'library-worker': resolve(__dirname, 'src/core/worker/library-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require packages: bundle everything, emit CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      // Minified: a third of the size to load and compile before the first screen can paint.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
