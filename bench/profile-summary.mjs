// Summarises a V8 CPU profile (from `npm run bench -- --cpu-prof`): the functions and the source
// files (or packages) with the most self time, and the inclusive time of Palique's own functions.
//   node bench/profile-summary.mjs bench/results/profiles/sqlite-full.cpuprofile [top=25]
import fs from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const total = [...dt.values()].reduce((a, b) => a + b, 0);

/** node_modules/<package> for dependencies, the path from apps/ or packages/ for our code. */
function place(url) {
  if (!url) return '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  const own = /\/((?:apps|packages)\/.*)$/.exec(url);
  if (own) return own[1];
  return url.replace(/^node:/, 'node:');
}

const fns = new Map();
const places = new Map();
for (const [id, us] of dt) {
  const { callFrame: f } = byId.get(id);
  const fn = `${f.functionName || '(anonymous)'}  ${place(f.url)}:${f.lineNumber + 1}`;
  fns.set(fn, (fns.get(fn) ?? 0) + us);
  const p = f.url ? place(f.url) : f.functionName;
  places.set(p, (places.get(p) ?? 0) + us);
}
// Inclusive time of our own functions (apps/, packages/): what each handler costs in total.
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map();
for (const [id, us] of dt) {
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const f = byId.get(cur).callFrame;
    if (!/\/(apps|packages)\//.test(f.url) || /node_modules/.test(f.url)) continue;
    const key = `${f.functionName || '(anonymous)'}  ${place(f.url)}:${f.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}
const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
const show = (title, map) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${k}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
show('Self time by function', fns);
show('Self time by file or package', places);
show('Inclusive time of our own functions', inclusive);
