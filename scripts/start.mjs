// `npm start`: builds the widget and dashboard when their build is missing or older than their
// sources, builds the server (under a second), then runs it (one port: dashboard, widget, API and
// the demo page). The server runs as built JavaScript, not under tsx: nothing is compiled at run
// time, it starts with ~30 MB less memory, and each connected visitor costs ~2 KB less.
import fs from 'node:fs';
import path from 'node:path';
import { root, run } from './lib/suites.mjs';
import { buildServer, SERVER_BUNDLE } from './build-server.mjs';

function newestMtime(dir) {
  let newest = 0;
  const walk = (d) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'dist') continue;
      const p = path.join(d, e.name);
      newest = Math.max(newest, e.isDirectory() ? (walk(p), 0) : fs.statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return newest;
}

for (const app of ['widget', 'dashboard']) {
  const dir = path.join(root, 'apps', app);
  const marker = path.join(dir, 'dist', app === 'widget' ? 'loader/widget.js' : 'index.html');
  const sources = Math.max(newestMtime(path.join(dir, 'src')), newestMtime(path.join(root, 'packages/protocol/src')));
  if (!fs.existsSync(marker) || fs.statSync(marker).mtimeMs < sources) {
    console.log(`Building the ${app}…`);
    if ((await run('npm', ['run', 'build', '-w', `@palique/${app}`])) !== 0) process.exit(1);
  }
}

await buildServer();
const server = (await import('node:child_process')).spawn(process.execPath, ['--enable-source-maps', SERVER_BUNDLE], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
