// nginx (Debian's package) terminating TLS in front of Palique processes, as the README's "Deploy"
// section configures it, with a self-signed certificate made for the test. Installed with apt when
// missing, like Chromium. Runs in the foreground under our control, on a free port, with its own
// prefix: nothing of the machine's own nginx set-up is used or changed.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@palique/server/testing';

const NGINX = '/usr/sbin/nginx';

export function ensureNginx(): void {
  if (fs.existsSync(NGINX)) return;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['install', '-y', '-qq', 'nginx'], { env, stdio: 'inherit' });
  } catch {
    execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'nginx'], { env, stdio: 'inherit' });
  }
}

/** The site configuration the README documents, for these upstream ports. */
export function paliqueSiteConfig(port: number, upstreams: number[], certDir: string): string {
  return `
upstream palique {
  # WebSocket first: a socket stays on the process it reached, no stickiness needed.
  least_conn;
${upstreams.map((p) => `  server 127.0.0.1:${p} max_fails=0;`).join('\n')}
}
map $http_upgrade $connection_upgrade { default upgrade; '' close; }
server {
  listen 127.0.0.1:${port} ssl;
  server_name localhost;
  ssl_certificate ${certDir}/cert.pem;
  ssl_certificate_key ${certDir}/key.pem;
  client_header_timeout 10s; client_body_timeout 30s; send_timeout 30s; keepalive_timeout 60s;
  client_max_body_size 11m;
  location / {
    proxy_pass http://palique;
    proxy_http_version 1.1;
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection $connection_upgrade;
    proxy_read_timeout 60s;
  }
}`;
}

export interface TlsProxy {
  port: number;
  /** https://localhost:<port> */
  url: string;
  stop(): Promise<void>;
}

/** Starts nginx on `port` (pick it with freePort() first when the servers must know their public URL). */
export async function startTlsProxy(upstreams: number[], port?: number): Promise<TlsProxy> {
  ensureNginx();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palique-nginx-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ], { stdio: 'ignore' });
  port ??= await freePort();
  fs.mkdirSync(path.join(dir, 'logs'));
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  ${paliqueSiteConfig(port, upstreams, dir)}
}
`,
  );
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${output}`);
    const up = await fetch(`http://127.0.0.1:${port}/`).then(() => true, (err: { cause?: { code?: string } }) => err.cause?.code !== 'ECONNREFUSED');
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    url: `https://localhost:${port}`,
    async stop() {
      child.kill('SIGQUIT');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
