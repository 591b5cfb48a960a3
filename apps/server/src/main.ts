// Start-up only: read config, build the app, listen, print where to go.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config';
import { PID_FILE } from './db/backup';
import { buildApp } from './app';
import { DatabaseNewerThanRelease, StorageNotWritable } from './db/index';

const config = loadConfig();
const palique = await buildApp(config).catch((err: unknown) => {
  if (!(err instanceof StorageNotWritable) && !(err instanceof DatabaseNewerThanRelease)) throw err;
  console.error(`Palique cannot start: ${err.message}`);
  process.exit(1);
});
try {
  await palique.app.listen({ port: config.port, host: config.host });
} catch (err) {
  if (config.host !== '::') throw err;
  // No IPv6 on this machine: listen on every IPv4 address instead.
  await palique.app.listen({ port: config.port, host: '0.0.0.0' });
}
const port = (palique.app.server.address() as { port: number }).port;
// `npm run restore` refuses while this file names a live process (SQLite only: the data is here).
const pidFile = config.databaseUrl ? undefined : path.join(config.dataDir, PID_FILE);
if (pidFile) fs.writeFileSync(pidFile, String(process.pid));
process.on('exit', () => {
  if (pidFile) fs.rmSync(pidFile, { force: true });
});
const storage = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`;
console.log(`
  Palique is running (${storage}${config.redisUrl ? ', Redis fan-out' : ''}).
  Dashboard:  ${config.publicUrl.replace(/:\d+$/, `:${port}`)}/
  Demo page:  http://127.0.0.1:${port}/demo/   (another origin, with the widget installed)
`);

// SIGTERM (a deploy, a rolling restart) and SIGINT (Ctrl+C) stop gracefully: in-flight socket
// events get up to 5 s to commit and ack, clients are sent away to reconnect (elsewhere behind a
// balancer), and the process exits within 10 s whatever happens. A second signal exits at once.
const GRACE_MS = 5_000;
const EXIT_DEADLINE_MS = 10_000;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    setTimeout(() => {
      console.error(`Palique did not stop within ${EXIT_DEADLINE_MS / 1000} s; exiting anyway.`);
      process.exit(1);
    }, EXIT_DEADLINE_MS).unref();
    palique.close(GRACE_MS).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Palique stopped with an error:', err);
        process.exit(1);
      },
    );
  });
}
