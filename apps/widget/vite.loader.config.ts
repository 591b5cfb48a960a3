// Build of the loader: src/loader/main.ts → dist/loader/widget.js, one minified IIFE that the
// site owner's async <script> loads (served at /widget.js). No framework, no zod.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist/loader', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    reportCompressedSize: false,
    lib: {
      entry: fileURLToPath(new URL('./src/loader/main.ts', import.meta.url)),
      formats: ['iife'],
      name: 'PaliqueLoader',
      fileName: () => 'widget.js',
    },
  },
});
