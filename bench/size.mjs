// R3 size budget of the widget: gzip (level 9) of the loader the host page downloads, and of
// every script and stylesheet of the chat iframe together; then, in Debian's Chromium, the bytes
// a host page really pays over the wire (bench/wire.ts: first view, open, second view). Exits 1
// when any figure is over its budget. Run with tsx (`npm run size`).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'apps/widget/dist');
const loaderFile = path.join(dist, 'loader/widget.js');
const frameDir = path.join(dist, 'frame');
const BUDGETS = { loader: 3 * 1024, frame: 40 * 1024 };

if (!fs.existsSync(loaderFile) || !fs.existsSync(path.join(frameDir, 'index.html'))) {
  console.error('size: the widget is not built (apps/widget/dist is missing). Run `npm run build` first.');
  process.exit(1);
}

function listFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p) : [p];
  });
}

function measure(files) {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = fs.readFileSync(f);
    raw += bytes.length;
    gzip += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

const frameFiles = listFiles(frameDir).filter((f) => /\.(m?js|css)$/.test(f));
const rows = [
  { name: 'loader (widget.js)', files: [loaderFile], budget: BUDGETS.loader },
  { name: `frame (${frameFiles.length} JS+CSS files)`, files: frameFiles, budget: BUDGETS.frame },
].map((r) => ({ ...r, ...measure(r.files) }));

const pad = (s, n) => String(s).padEnd(n);
const num = (n) => String(n).padStart(10);
console.log(`${pad('bundle', 28)}${num('raw B')}${num('gzip B')}${num('budget B')}  result`);
let over = false;
for (const r of rows) {
  const ok = r.gzip <= r.budget;
  over ||= !ok;
  console.log(`${pad(r.name, 28)}${num(r.raw)}${num(r.gzip)}${num(r.budget)}  ${ok ? 'ok' : 'OVER BUDGET'}`);
}
// Over the wire: compressed as served, headers included, with the browser's cache on a second view.
const WIRE_BUDGETS = { firstLoadAndOpen: BUDGETS.loader + BUDGETS.frame, repeatView: 4 * 1024 };
if (fs.existsSync('/usr/bin/chromium')) {
  const { measureWire } = await import('./wire.ts');
  const wire = await measureWire();
  console.log(`\n${pad('over the wire (Chromium)', 28)}${num('requests')}${num('bytes')}${num('budget B')}  result`);
  const wireRows = [
    { name: 'first page view', ...wire.firstLoad },
    { name: 'opening the chat', ...wire.open },
    { name: 'first view + open', bytes: wire.firstLoad.bytes + wire.open.bytes, requests: wire.firstLoad.requests + wire.open.requests, budget: WIRE_BUDGETS.firstLoadAndOpen },
    { name: 'second page view', ...wire.repeatView, budget: WIRE_BUDGETS.repeatView },
  ];
  for (const r of wireRows) {
    const ok = r.budget === undefined || r.bytes <= r.budget;
    over ||= !ok;
    console.log(`${pad(r.name, 28)}${num(r.requests)}${num(r.bytes)}${num(r.budget ?? '')}  ${r.budget === undefined ? '' : ok ? 'ok' : 'OVER BUDGET'}`);
  }
} else {
  console.log('\nover the wire: not measured (no /usr/bin/chromium)');
}
process.exit(over ? 1 : 0);
