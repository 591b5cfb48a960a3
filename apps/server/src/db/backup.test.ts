// Backups while the server runs: `npm run backup` during a burst, then `npm run restore` with the
// server stopped. Every message acknowledged before the backup began is in the restored database,
// in order and gap-free; restore refuses while the server runs, and keeps what it replaced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clientId, connectVisitor, messagesOf, setupOwner, signIn, startServerProcess } from '@palique/server/testing';

const root = path.resolve(import.meta.dirname, '../../../..');

/** Runs `npm run <script> [file]` as an operator would, against this data folder. */
function npmRun(script: 'backup' | 'restore', dataDir: string, file: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, file], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

test('backup during a burst, restore with the server stopped: every message acknowledged before the backup is there', { skip: process.env.TEST_DATABASE_URL ? 'SQLite only (PostgreSQL: pg_dump)' : false }, async () => {
  const server = await startServerProcess({ name: 'backup', env: { DATABASE_URL: '', WIDGET_RATE_LIMIT: '100000' } });
  const backupFile = path.join(server.dataDir, 'backups', 'during-burst.sqlite');
  try {
    const owner = await setupOwner(server);
    const visitor = await connectVisitor(server, owner.widgetId);
    const acked: string[] = [];
    let ackedWhenBackupBegan = -1;
    let backup: Promise<{ code: number; output: string }> | undefined;
    let backupDone = false;
    // The burst: one message after another, acknowledged; the backup starts after the 40th and
    // the burst goes on while it runs.
    for (let i = 1; !backupDone || i <= 80; i++) {
      const text = `burst ${i}`;
      const ack = await visitor.emit('message:send', { clientId: clientId(), text });
      assert.ok(ack.ok, JSON.stringify(ack));
      acked.push(text);
      if (i === 40) {
        ackedWhenBackupBegan = acked.length;
        backup = npmRun('backup', server.dataDir, backupFile);
        void backup.then(() => (backupDone = true));
      }
      if (i > 5_000) break;
    }
    const result = await backup!;
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /Backup written: .*during-burst\.sqlite/);
    visitor.close();

    const refused = await npmRun('restore', server.dataDir, backupFile);
    assert.notEqual(refused.code, 0, 'restore refuses while the server runs');
    assert.match(refused.output, /Palique is running .* stop it before restoring/);

    await server.stop();
    const restored = await npmRun('restore', server.dataDir, backupFile);
    assert.equal(restored.code, 0, restored.output);
    assert.match(restored.output, /kept as .*before-restore-/);
    assert.ok(fs.readdirSync(server.dataDir).some((f) => f.startsWith('palique.sqlite.before-restore-')), 'the replaced database is kept');

    await server.start();
    const cookie = await signIn(server, owner.email, owner.password);
    const list = await (await fetch(`${server.url}/api/conversations?view=all`, { headers: { cookie } })).json();
    assert.equal(list.conversations.length, 1);
    const stored = (await messagesOf(server, cookie, list.conversations[0].id)).map((m) => m.text);
    assert.ok(stored.length >= ackedWhenBackupBegan, `${stored.length} restored, ${ackedWhenBackupBegan} acknowledged before the backup`);
    assert.deepEqual(stored, acked.slice(0, stored.length), 'the restored thread is what was acknowledged, in order, up to the moment of the copy');
    assert.ok(stored.length < acked.length, 'messages after the copy are not in it (it is a snapshot)');
  } finally {
    await server.close();
  }
});

test('restore refuses a file that is not a Palique database, and changes nothing', { skip: process.env.TEST_DATABASE_URL ? 'SQLite only' : false }, async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palique-restore-'));
  try {
    const bogus = path.join(dataDir, 'not-a-database.sqlite');
    fs.writeFileSync(bogus, '<html>not a database</html>');
    fs.writeFileSync(path.join(dataDir, 'palique.sqlite'), 'the current one');
    const result = await npmRun('restore', dataDir, bogus);
    assert.notEqual(result.code, 0);
    assert.match(result.output, /Restore failed: .*not a SQLite database/);
    assert.equal(fs.readFileSync(path.join(dataDir, 'palique.sqlite'), 'utf8'), 'the current one');
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
