// Backups of the SQLite database: a consistent copy taken while the server runs (SQLite's online
// backup API, all pages in one step under one read transaction, so writes that commit meanwhile
// are either wholly in the copy or not at all), and a restore that puts one back while the server
// is stopped, keeping the database it replaces. PostgreSQL has its own tools (pg_dump; README).
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

export const DATABASE_FILE = 'palique.sqlite';
/** Written by a running server (main.ts) and removed when it stops: restore refuses while it is there. */
export const PID_FILE = 'palique.pid';

export interface BackupResult {
  file: string;
  bytes: number;
}

/** Copies DATA_DIR's database to `destination` (default: DATA_DIR/backups/palique-<time>.sqlite). */
export async function backupSqlite(dataDir: string, destination?: string): Promise<BackupResult> {
  const source = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(source)) throw new Error(`There is no database to back up at ${source}`);
  const file = path.resolve(destination ?? path.join(dataDir, 'backups', `palique-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`));
  if (fs.existsSync(file)) throw new Error(`${file} already exists; choose another name`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // After the first step has sized the copy, the rest goes in one step: one consistent snapshot.
    await db.backup(file, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  checkDatabase(file);
  return { file, bytes: fs.statSync(file).size };
}

/**
 * Puts `backupFile` in place of DATA_DIR's database. The server must be stopped; the database it
 * replaces is kept beside it as palique.sqlite.before-restore-<time> (with its WAL files).
 */
export function restoreSqlite(dataDir: string, backupFile: string): { replacedBy: string; keptAs?: string } {
  const pidFile = path.join(dataDir, PID_FILE);
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    if (isRunning(pid)) throw new Error(`Palique is running (pid ${pid}) on ${dataDir}: stop it before restoring`);
    fs.rmSync(pidFile, { force: true }); // left by a crash
  }
  const source = path.resolve(backupFile);
  if (!fs.existsSync(source)) throw new Error(`${source} does not exist`);
  checkDatabase(source);
  fs.mkdirSync(dataDir, { recursive: true });
  const target = path.join(dataDir, DATABASE_FILE);
  let keptAs: string | undefined;
  if (fs.existsSync(target)) {
    keptAs = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, keptAs + suffix);
    }
  }
  fs.copyFileSync(source, target);
  return { replacedBy: source, keptAs };
}

/** A readable, intact Palique database, or an error saying what it is not. */
function checkDatabase(file: string): void {
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`${file} is damaged (integrity check: ${String(integrity)})`);
    const migrations = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'kysely_migration'").get() as { n: number };
    if (migrations.n === 0) throw new Error(`${file} is not a Palique database`);
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') throw new Error(`${file} is not a SQLite database`);
    throw err;
  } finally {
    db?.close();
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}
