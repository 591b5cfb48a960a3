// The benchmark's second baseline: the least a DURABLE Socket.IO chat can do on this machine.
// Socket.IO (the same library and transport Palique uses), one prepared INSERT per message under
// a group commit (every message read in one event-loop turn, or 256 of them, share a commit), the
// ack only after that commit, and the message emitted once to an "agents" room. No validation,
// no auth, no conversations, no seq: the gap between this and Palique is what our own code costs;
// the gap between this and the raw relay is what Socket.IO and durability cost.
// Started by bench/lib/processes.mjs as its own process: `node bench/durable-baseline.mjs <port>`
//   DURABLE_DB=<file path>       SQLite in WAL, synchronous per SQLITE_SYNCHRONOUS (default FULL)
//   DURABLE_DB=postgres://…      PostgreSQL: one prepared multi-row INSERT (unnest) per tick
//   REDIS_URL=redis://…          rooms across processes through the Redis adapter (as Palique)
// Idempotency is kept as a durable chat needs it: a unique index on (visitor, client id).
import http from 'node:http';
import { createRequire } from 'node:module';
import { Server } from 'socket.io';

const port = Number(process.argv[2] ?? 0);
const target = process.env.DURABLE_DB ?? ':memory:';
const MAX_BATCH = 256;

const server = http.createServer((_req, res) => res.writeHead(404).end());
const io = new Server(server, { transports: ['websocket'], serveClient: false, perMessageDeflate: false });

if (process.env.REDIS_URL) {
  const { Redis } = await import('ioredis');
  const { createAdapter } = await import('@socket.io/redis-adapter');
  const pub = new Redis(process.env.REDIS_URL);
  io.adapter(createAdapter(pub, pub.duplicate(), { key: 'durable-baseline' }));
}

/** Writes a batch durably; resolves once it is committed. */
const writeBatch = target.startsWith('postgres') ? await postgresWriter(target) : sqliteWriter(target);

/** @type {{ visitor: string, clientId: string, text: string, createdAt: string, ack: Function }[]} */
let queue = [];
let scheduled = false;

function flush() {
  scheduled = false;
  const batch = queue;
  queue = [];
  if (batch.length === 0) return;
  writeBatch(batch).then(
    () => {
      for (const m of batch) {
        m.ack({ ok: true });
        io.to('agents').emit('message:new', { clientId: m.clientId, text: m.text, createdAt: m.createdAt });
      }
    },
    (err) => {
      for (const m of batch) m.ack({ ok: false, error: String(err) });
    },
  );
}

io.on('connection', (socket) => {
  if (socket.handshake.auth?.agent) {
    void socket.join('agents');
    return;
  }
  const visitor = socket.id;
  socket.on('message:send', (body, ack) => {
    queue.push({ visitor, clientId: body.clientId, text: body.text, createdAt: new Date().toISOString(), ack });
    if (queue.length >= MAX_BATCH) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  });
});

function sqliteWriter(file) {
  // better-sqlite3 lives in the server's dependencies (hoisted to the root node_modules).
  const Database = requireFromServer('better-sqlite3');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${process.env.SQLITE_SYNCHRONOUS ?? 'FULL'}`);
  db.exec(`CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY, visitor_id TEXT NOT NULL, client_id TEXT NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL);
    CREATE UNIQUE INDEX IF NOT EXISTS messages_client ON messages (visitor_id, client_id);`);
  const insert = db.prepare('INSERT INTO messages (visitor_id, client_id, text, created_at) VALUES (?, ?, ?, ?)');
  const commit = db.transaction((batch) => {
    for (const m of batch) insert.run(m.visitor, m.clientId, m.text, m.createdAt);
  });
  // Synchronous: committed (and, with FULL, fsynced) when it returns.
  return async (batch) => commit(batch);
}

async function postgresWriter(url) {
  const pg = requireFromServer('pg');
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  await pool.query(`CREATE TABLE IF NOT EXISTS messages (
    id BIGSERIAL PRIMARY KEY, visitor_id TEXT NOT NULL, client_id TEXT NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL)`);
  await pool.query('CREATE UNIQUE INDEX IF NOT EXISTS messages_client ON messages (visitor_id, client_id)');
  // One named (prepared once per connection) statement for any batch size: the rows as arrays.
  const text = `INSERT INTO messages (visitor_id, client_id, text, created_at)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`;
  return (batch) =>
    pool.query({
      name: 'durable-insert',
      text,
      values: [batch.map((m) => m.visitor), batch.map((m) => m.clientId), batch.map((m) => m.text), batch.map((m) => m.createdAt)],
    });
}

function requireFromServer(name) {
  return createRequire(new URL('../apps/server/package.json', import.meta.url))(name);
}
server.listen(port, '127.0.0.1', () => {
  // The parent reads the port from this line.
  console.log(`durable baseline listening ${server.address().port}`);
});
const stop = () => io.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
