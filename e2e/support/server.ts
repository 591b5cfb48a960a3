// Runs the real built server as a child process, as `npm start` does, on a free port with its
// own data folder; it can be killed with SIGKILL and started again on the same port and data.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export class ServerProcess {
  private child?: ChildProcess;
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palique-e2e-'));
  output = '';

  constructor(readonly port: number, private readonly env: Record<string, string> = {}) {}

  /** The dashboard's origin. */
  get dashboardUrl(): string {
    return `http://localhost:${this.port}`;
  }

  /** The demo host page, on another origin than the dashboard. */
  get demoUrl(): string {
    return `http://127.0.0.1:${this.port}/demo/`;
  }

  static async start(env: Record<string, string> = {}): Promise<ServerProcess> {
    const server = new ServerProcess(await freePort(), env);
    await server.start();
    return server;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: String(this.port), DATA_DIR: this.dataDir, LOG_LEVEL: 'warn', PUBLIC_URL: `http://localhost:${this.port}`, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (d) => (this.output += d));
    child.stderr!.on('data', (d) => (this.output += d));
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${this.output}`);
      try {
        const res = await fetch(`http://127.0.0.1:${this.port}/api/setup`);
        if (res.ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not start in 20 s:\n${this.output}`);
  }

  /** Kills the process the hard way (no shutdown hooks run), as a crash would. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill9();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
