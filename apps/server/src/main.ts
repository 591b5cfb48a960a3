// Start-up only: read config, build the app, listen, print where to go.
import { loadConfig } from './config';
import { buildApp } from './app';
import { StorageNotWritable } from './db/index';

const config = loadConfig();
const palique = await buildApp(config).catch((err: unknown) => {
  if (!(err instanceof StorageNotWritable)) throw err;
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
const storage = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`;
console.log(`
  Palique is running (${storage}${config.redisUrl ? ', Redis fan-out' : ''}).
  Dashboard:  ${config.publicUrl.replace(/:\d+$/, `:${port}`)}/
  Demo page:  http://127.0.0.1:${port}/demo/   (another origin, with the widget installed)
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    void palique.close().then(() => process.exit(0));
  });
}
