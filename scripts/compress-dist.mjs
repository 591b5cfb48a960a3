// Compresses a front end's build once, at build time: next to every text asset it writes a Brotli
// (.br) and a gzip (.gz) copy, which the server sends to browsers that accept them (@fastify/static's
// preCompressed). Runs after `vite build` in each app's build script: `node ../../scripts/compress-dist.mjs dist`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const COMPRESSIBLE = /\.(m?js|css|html|svg|json|webmanifest|txt)$/;
/** Below this, the headers cost more than compression saves. */
const MIN_BYTES = 512;

function listFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p) : [p];
  });
}

const dir = path.resolve(process.argv[2] ?? 'dist');
if (!fs.existsSync(dir)) {
  console.error(`compress-dist: ${dir} does not exist`);
  process.exit(1);
}
let files = 0;
let raw = 0;
let br = 0;
for (const file of listFiles(dir)) {
  if (!COMPRESSIBLE.test(file)) continue;
  const bytes = fs.readFileSync(file);
  if (bytes.length < MIN_BYTES) continue;
  const brotli = zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  fs.writeFileSync(`${file}.br`, brotli);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
  files += 1;
  raw += bytes.length;
  br += brotli.length;
}
console.log(`compress-dist: ${files} file(s) in ${path.relative(process.cwd(), dir) || '.'}, ${raw} B → ${br} B brotli`);
