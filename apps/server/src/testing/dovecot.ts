// A private Dovecot IMAP server for the email tests (Debian's dovecot-imapd, which
// scripts/lib/dovecot.mjs installs): its own config in a temp folder, 127.0.0.1 on a free port,
// one test user with a cleartext password (allowed: loopback, no TLS), Maildir in the temp
// folder. It never touches /etc/dovecot or a system Dovecot. It can be stopped and started again
// on the same port and mail, as an outage would.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { freePort } from './ports';

export const DOVECOT_BINARY = '/usr/sbin/dovecot';

export interface DovecotOptions {
  /** Leave IDLE out of the capabilities, as some servers do, so a client has to poll. */
  withoutIdle?: boolean;
}

export interface StoredMail {
  uid: number;
  messageId?: string;
  seen: boolean;
}

export interface DovecotServer {
  /** IMAP_URL for the test user's INBOX: imap://user:password@127.0.0.1:port/INBOX. */
  url: string;
  port: number;
  user: string;
  password: string;
  /** Puts a raw message (RFC 5322) into the test user's INBOX, unread, as a delivery would. */
  append(raw: string | Buffer): Promise<void>;
  /** What the INBOX holds, with the \Seen flag of each message. */
  messages(): Promise<StoredMail[]>;
  /** Stops the server: every connection is dropped. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same mail. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
  output(): string;
}

const USER = 'visitor-replies';
const PASSWORD = 'imap-test-password';

/** Servers still running and folders not removed, ended when the test process exits (a test that forgot close()). */
const running = new Set<ChildProcess>();
const folders = new Set<string>();
process.once('exit', () => {
  for (const proc of running) signalAll(proc, 'SIGKILL');
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

export async function startDovecot(opts: DovecotOptions = {}): Promise<DovecotServer> {
  if (!fs.existsSync(DOVECOT_BINARY)) {
    throw new Error(`${DOVECOT_BINARY} is missing: npm test installs it (apt-get install dovecot-imapd)`);
  }
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palique-dovecot-'));
  folders.add(dir);
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(conf, config(dir, port, opts));
  fs.writeFileSync(path.join(dir, 'users'), `${USER}:{PLAIN}${PASSWORD}::::::\n`);
  const mailDir = path.join(dir, 'mail');
  fs.mkdirSync(mailDir);
  const owner = mailOwner();
  // Dovecot's processes run as `owner`, who must reach the mail below the (0700) temp folder.
  fs.chmodSync(dir, 0o755);
  fs.chownSync(mailDir, owner.uid, owner.gid);

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let output = '';
  const start = async () => {
    // Its own process group, so that stop() ends the imap processes too: Dovecot's master
    // leaves a connected client's process running for a while after it stops.
    const proc = spawn(DOVECOT_BINARY, ['-F', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child = proc;
    running.add(proc);
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    void exited.then(() => running.delete(proc));
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
    // A server alone does not keep the test process alive; the exit hook above ends it.
    proc.unref();
    (proc.stdout as net.Socket).unref();
    (proc.stderr as net.Socket).unref();
    try {
      await waitForGreeting(port, exited);
    } catch (err) {
      signalAll(proc, 'SIGKILL');
      await exited;
      throw new Error(`dovecot did not start: ${(err as Error).message}\n${output}`);
    }
  };
  const stop = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      signalAll(child, 'SIGTERM');
      const forced = setTimeout(() => signalAll(child!, 'SIGKILL'), 10_000);
      await exited;
      await groupGone(child);
      clearTimeout(forced);
    }
  };
  const withClient = async <T>(use: (client: ImapFlow) => Promise<T>): Promise<T> => {
    // Loaded here, not with the harness: every test imports the harness, few need IMAP.
    const { ImapFlow } = await import('imapflow');
    const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: USER, pass: PASSWORD }, logger: false });
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  };

  try {
    await start();
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    folders.delete(dir);
    throw err;
  }
  return {
    url: `imap://${USER}:${PASSWORD}@127.0.0.1:${port}/INBOX`,
    port,
    user: USER,
    password: PASSWORD,
    append: (raw) => withClient(async (client) => void (await client.append('INBOX', raw))),
    messages: () =>
      withClient(async (client) => {
        await client.mailboxOpen('INBOX', { readOnly: true });
        const found: StoredMail[] = [];
        for await (const m of client.fetch('1:*', { uid: true, flags: true, envelope: true })) {
          found.push({ uid: m.uid, messageId: m.envelope?.messageId, seen: m.flags?.has('\\Seen') ?? false });
        }
        return found;
      }),
    stop,
    start,
    async close() {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
      folders.delete(dir);
    },
    output: () => output,
  };
}

function signalAll(proc: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-proc.pid!, signal);
  } catch {
    proc.kill(signal);
  }
}

/** Waits for the last process of its group (imap, imap-login, auth, …) to be gone. */
async function groupGone(proc: ChildProcess): Promise<void> {
  for (;;) {
    try {
      process.kill(-proc.pid!, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Dovecot refuses mail access as uid 0, so as root (the tests' machine) its processes and the
 * mail belong to the `dovecot` user the package creates; as anyone else, to that user (Dovecot
 * then runs every process as it).
 */
function mailOwner(): { name: string; group: string; uid: number; gid: number; loginUser: string } {
  const me = os.userInfo();
  if (me.uid !== 0) {
    const group = execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
    return { name: me.username, group, uid: me.uid, gid: me.gid, loginUser: me.username };
  }
  const id = (flag: string) => Number(execFileSync('id', [flag, 'dovecot'], { encoding: 'utf8' }).trim());
  return { name: 'dovecot', group: 'dovecot', uid: id('-u'), gid: id('-g'), loginUser: 'dovenull' };
}

function config(dir: string, port: number, opts: DovecotOptions): string {
  const owner = mailOwner();
  // Only root can chroot Dovecot's login and anvil processes.
  const chroot = owner.name === 'dovecot' ? '' : '  chroot =\n';
  return `# Written by apps/server/src/testing/dovecot.ts for one test run.
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = /dev/stderr
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${owner.name}
default_internal_group = ${owner.group}
default_login_user = ${owner.loginUser}
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
shutdown_clients = yes
${opts.withoutIdle ? 'imap_capability = IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE NAMESPACE UIDPLUS CHILDREN\n' : ''}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${owner.uid} gid=${owner.gid} home=${dir}/mail/%u
}
service anvil {
${chroot}}
service imap-login {
${chroot}  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}

/** Resolves once the server greets a client on `port` ("* OK"). */
async function waitForGreeting(port: number, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    if (gone) throw new Error('it exited');
    if (await greets(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no greeting within 15 s');
}

function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
    socket.once('data', (chunk) => done(chunk.toString().startsWith('* OK')));
  });
}
