// `npm run backup [FILE]` and `npm run restore FILE`: the SQLite database of DATA_DIR (default
// ./data). With DATABASE_URL set, backups are PostgreSQL's own business: the README shows pg_dump.
import { loadConfig } from './config';
import { backupSqlite, restoreSqlite } from './db/backup';

const [command, file] = process.argv.slice(2);
const config = loadConfig();

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (config.databaseUrl) {
  fail('DATABASE_URL is set: back up PostgreSQL with pg_dump and restore with pg_restore (README, "Backups and upgrades").');
}
try {
  if (command === 'backup') {
    const { file: written, bytes } = await backupSqlite(config.dataDir, file);
    console.log(`Backup written: ${written} (${bytes} bytes)`);
  } else if (command === 'restore') {
    if (!file) fail('Usage: npm run restore FILE   (with the server stopped)');
    const { keptAs } = restoreSqlite(config.dataDir, file);
    console.log(`Restored ${file} into ${config.dataDir}.${keptAs ? ` The database it replaced is kept as ${keptAs}.` : ''}`);
  } else {
    fail('Usage: npm run backup [FILE] | npm run restore FILE');
  }
} catch (err) {
  fail(`${command === 'restore' ? 'Restore' : 'Backup'} failed: ${(err as Error).message}`);
}
