// Build of the chat app (the iframe): src/app/index.html → dist/frame/, served at /widget/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./src/app', import.meta.url)),
  base: '/widget/',
  // Vite's built-in JSX (oxc) with Preact's automatic runtime; no framework plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('./dist/frame', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    // The frame's CSP has no 'unsafe-inline' for scripts; keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
