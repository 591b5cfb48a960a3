// `npm run bench:search`: conversation search over 100,000 stored messages in 1,000
// conversations, on SQLite (and on PostgreSQL when DATABASE_URL or BENCH_PG_URL is set: a
// throw-away database is created next to it). Prints search latency (p50/p95/p99, through the
// HTTP API of a running server) per kind of query, and the cost the index adds to storing a
// message. Figures only: nothing here asserts a target.
//   --quick                      10,000 messages, fewer rounds (a smoke test)
//   --messages=N --conversations=N --rounds=N
//   --out=bench/results/x.json   where to write the figures (default: search-<date>.json)
//   --databases=sqlite,postgres  which to measure (default: SQLite, and PostgreSQL when set)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from '../apps/server/src/db/kysely.ts';
import { api, createThrowawayDatabase, setupOwner, startInProcessServer } from '@palique/server/testing';
import { openStorage } from '../apps/server/src/db/index.ts';
import { newId, hashToken, newToken } from '../apps/server/src/ids.ts';
import { waitForQuietMachine } from './lib/scenarios.mjs';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const value = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = args.includes('--quick');
const MESSAGES = Number(value('messages') ?? (quick ? 10_000 : 100_000));
const CONVERSATIONS = Number(value('conversations') ?? (quick ? 200 : 1_000));
const ROUNDS = Number(value('rounds') ?? (quick ? 10 : 40));
/** Messages stored per database with and without the index, to compare insert cost. */
const INSERT_SAMPLE = quick ? 5_000 : 20_000;
/** Messages in flight at once while storing (the group commit batches what arrives together). */
const IN_FLIGHT = 200;
const PG_BASE = process.env.BENCH_PG_URL ?? process.env.DATABASE_URL;
const OUT = value('out') ?? `bench/results/search-${new Date().toISOString().slice(0, 10)}.json`;

// --- the corpus: chat-like texts with a long tail of words (Zipf), names, emails -----------------

/** A small deterministic random source, so every run stores the same corpus. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(13);
const pick = (list) => list[Math.floor(rnd() * list.length)];

const COMMON = (
  'order hello thanks please help delivery my the is to a you can i it for when invoice refund ' +
  'package account password shipping address payment card tomorrow today week price size colour ' +
  'return exchange store open hours problem question email phone number tracking late missing ' +
  'broken wrong item product discount code coupon subscription cancel change update login error ' +
  'hola gracias pedido envío factura devolución cuenta tarjeta mañana semana precio talla'
).split(' ');
// The long tail: 3,000 made-up words ("velokan", "miresto", …).
const SYLLABLES = 'ka lo mi re sto va ne tu pi lan gor bel fin ria sol dun che vo'.split(' ');
const TAIL = Array.from({ length: 3_000 }, () => Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => pick(SYLLABLES)).join(''));
const VOCABULARY = [...COMMON, ...TAIL];
// Zipf (s = 1): word k is drawn with weight 1/k.
const CUMULATIVE = (() => {
  let sum = 0;
  const c = VOCABULARY.map((_, k) => (sum += 1 / (k + 1)));
  return c.map((x) => x / sum);
})();
function word() {
  const r = rnd();
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CUMULATIVE[mid] < r) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo];
}
const RARE = 'zephyrine';
const RARE_COUNT = 20;
const messageText = (i, rareAt) => {
  const words = Array.from({ length: 6 + Math.floor(rnd() * 14) }, word);
  if (rareAt.has(i)) words.splice(Math.floor(rnd() * words.length), 0, RARE);
  return words.join(' ');
};
const FIRST = 'Ana Ben Carla David Elena Farid Greta Hugo Inés Jonas Kemal Lucía Marta Nils Olga Pablo Rosa Sven Tomás Uma'.split(' ');
const LAST = 'García Smith Müller Rossi Silva Novak Kowalski Dubois Jensen Quintanilla Haddad Tanaka Okafor Ivanova Costa Berg'.split(' ');

// --- storing ------------------------------------------------------------------------------------

/** n visitors (three in four with a name and email), each with a conversation, in one transaction. */
function addVisitorsAndConversations(db, accountId, n) {
  return db.transaction().execute((trx) => addVisitorsAndConversationsIn(trx, accountId, n));
}

async function addVisitorsAndConversationsIn(db, accountId, n) {
  const at = new Date().toISOString();
  const conversations = [];
  const emails = [];
  for (let i = 0; i < n; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const email = `${first}.${last}.${i}@example.com`.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
    emails.push(email);
    const visitorId = newId();
    const named = i % 4 !== 0; // a quarter never gave their name
    await db
      .insertInto('visitors')
      .values({ id: visitorId, account_id: accountId, token_hash: hashToken(newToken()), name: named ? `${first} ${last}` : null, email: named ? email : null, phone: null, data: '{}', created_at: at, last_seen_at: at })
      .execute();
    const id = newId();
    await db.insertInto('conversations').values({ id, account_id: accountId, visitor_id: visitorId, assignee_id: null, created_at: at }).execute();
    conversations.push(id);
  }
  return { conversations, emails };
}

/** Stores `count` messages through Storage.appendMessage (the server's own path); messages/s. */
async function storeMessages(storage, accountId, conversations, count, text) {
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await storage.appendMessage({
        accountId,
        conversationId: conversations[i % conversations.length],
        clientId: newId(),
        authorType: i % 3 === 0 ? 'agent' : 'visitor',
        authorId: null,
        authorName: null,
        text: text(i),
      });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - t0) / 1000;
  return { messages: count, seconds, perSecond: count / seconds, usPerMessage: (seconds * 1e6) / count };
}

async function dropSearchIndex(storage, dialect) {
  if (dialect === 'postgres') {
    await sql`DROP INDEX messages_search`.execute(storage.db);
    await sql`ALTER TABLE messages DROP COLUMN search_vector`.execute(storage.db);
  } else {
    for (const t of ['message_search_insert', 'message_search_update', 'message_search_delete']) await sql.raw(`DROP TRIGGER ${t}`).execute(storage.db);
  }
}

/** A fresh database of its own (SQLite file or throw-away PostgreSQL database); returns storage and cleanup. */
async function freshStorage(dialect) {
  if (dialect === 'postgres') {
    const database = await createThrowawayDatabase(PG_BASE, 'palique_bench');
    const storage = await openStorage({ dataDir: os.tmpdir(), databaseUrl: database.url, sqliteSynchronous: 'FULL' });
    return { storage, done: async () => (await storage.close(), await database.drop()) };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palique-bench-search-'));
  const storage = await openStorage({ dataDir, sqliteSynchronous: 'FULL' });
  return { storage, done: async () => (await storage.close(), fs.rmSync(dataDir, { recursive: true, force: true })) };
}

async function freshAccount(db) {
  const accountId = newId();
  await db.insertInto('accounts').values({ id: accountId, name: 'Bench', widget_id: newId(), created_at: new Date().toISOString() }).execute();
  return accountId;
}

/**
 * The index's cost on the message path: INSERT_SAMPLE messages into a database with the index,
 * and into one without (triggers or index dropped), twice each, alternating.
 */
async function measureInsertCost(dialect) {
  const rows = { withIndex: [], withoutIndex: [] };
  for (let round = 0; round < 2; round++) {
    for (const indexed of [true, false]) {
      const { storage, done } = await freshStorage(dialect);
      try {
        if (!indexed) await dropSearchIndex(storage, dialect);
        const accountId = await freshAccount(storage.db);
        const { conversations } = await addVisitorsAndConversations(storage.db, accountId, 100);
        await waitForQuietMachine(10_000);
        const r = await storeMessages(storage, accountId, conversations, INSERT_SAMPLE, () => Array.from({ length: 12 }, word).join(' '));
        (indexed ? rows.withIndex : rows.withoutIndex).push(r);
      } finally {
        await done();
      }
    }
  }
  // Over all rounds together: total messages over total time.
  const overall = (list) => {
    const seconds = list.reduce((sum, r) => sum + r.seconds, 0);
    const messages = list.reduce((sum, r) => sum + r.messages, 0);
    return { perSecond: messages / seconds, usPerMessage: (seconds * 1e6) / messages };
  };
  return { messages: INSERT_SAMPLE, inFlight: IN_FLIGHT, withIndex: overall(rows.withIndex), withoutIndex: overall(rows.withoutIndex), runs: rows };
}

// --- searching ----------------------------------------------------------------------------------

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

async function measureSearch(dialect) {
  if (dialect === 'postgres') process.env.TEST_DATABASE_URL = PG_BASE;
  const server = await startInProcessServer({ env: { LOG_LEVEL: 'silent' } });
  delete process.env.TEST_DATABASE_URL;
  const seedStorage = await openStorage({ ...server.storage, sqliteSynchronous: 'FULL' });
  try {
    const owner = await setupOwner(server);
    const { conversations, emails } = await addVisitorsAndConversations(seedStorage.db, owner.accountId, CONVERSATIONS);
    const rareAt = new Set(Array.from({ length: RARE_COUNT }, () => Math.floor(rnd() * MESSAGES)));
    console.log(`  [${dialect}] storing ${MESSAGES.toLocaleString('en')} messages in ${CONVERSATIONS.toLocaleString('en')} conversations…`);
    const stored = await storeMessages(seedStorage, owner.accountId, conversations, MESSAGES, (i) => messageText(i, rareAt));
    console.log(`  [${dialect}] stored in ${stored.seconds.toFixed(1)} s (${stored.perSecond.toFixed(0)} messages/s, index included)`);
    if (dialect === 'postgres') await sql`ANALYZE`.execute(seedStorage.db);
    const email = emails[1];
    const queries = [
      { kind: 'common word', q: 'order' },
      { kind: 'mid-frequency word', q: 'invoice' },
      { kind: 'rare word', q: RARE },
      { kind: 'name', q: 'Quintanilla' },
      { kind: 'email', q: email },
      { kind: 'prefix', q: 'deliv' },
      { kind: 'short prefix', q: 'pa' },
      { kind: 'two words', q: 'refund invoice' },
      { kind: 'no match', q: 'qqqxyz' },
    ];
    await waitForQuietMachine(10_000);
    const results = [];
    for (const { kind, q } of queries) {
      const route = `/api/conversations/search?q=${encodeURIComponent(q)}`;
      let first;
      for (let i = 0; i < 3; i++) first = await api(server, 'GET', route, { cookie: owner.cookie });
      if (first.status !== 200) throw new Error(`search ${q}: ${first.status} ${JSON.stringify(first.body)}`);
      const times = [];
      for (let i = 0; i < ROUNDS; i++) {
        const t0 = performance.now();
        const res = await api(server, 'GET', route, { cookie: owner.cookie });
        times.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`search ${q}: ${res.status}`);
      }
      times.sort((a, b) => a - b);
      const row = {
        kind,
        q,
        firstPage: first.body.hits.length,
        more: first.body.nextCursor !== null,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        p99: percentile(times, 99),
        max: times[times.length - 1],
      };
      results.push(row);
      console.log(`  [${dialect}] ${kind.padEnd(18)} ${JSON.stringify(q).padEnd(34)} p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms`);
    }
    return { stored, queries: results };
  } finally {
    await seedStorage.close();
    await server.close();
  }
}

// --- run ----------------------------------------------------------------------------------------

const dialects = (value('databases') ?? ['sqlite', ...(PG_BASE ? ['postgres'] : [])].join(',')).split(',');
const started = Date.now();
const report = {
  startedAt: new Date(started).toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadavg: os.loadavg() },
  note: 'Latency is of GET /api/conversations/search through HTTP on loopback (first page, 20 conversations), after 3 warm-up requests. The machine is shared: figures are noisy.',
  params: { messages: MESSAGES, conversations: CONVERSATIONS, rounds: ROUNDS, insertSample: INSERT_SAMPLE, inFlight: IN_FLIGHT },
  databases: {},
};
for (const dialect of dialects) {
  console.log(`Search on ${dialect}`);
  const search = await measureSearch(dialect);
  console.log(`  [${dialect}] insert cost of the index (${INSERT_SAMPLE.toLocaleString('en')} messages, ${IN_FLIGHT} in flight, 2 rounds each)…`);
  const insert = await measureInsertCost(dialect);
  report.databases[dialect] = { ...search, insert };
}
report.durationSeconds = (Date.now() - started) / 1000;

const f = (n) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const lines = [];
for (const [dialect, r] of Object.entries(report.databases)) {
  lines.push(`\n${dialect}: ${MESSAGES.toLocaleString('en')} messages, ${CONVERSATIONS.toLocaleString('en')} conversations; ms per search (HTTP, first page)`);
  lines.push(['query', 'q', 'page', 'p50', 'p95', 'p99', 'max'].join('\t'));
  for (const q of r.queries) lines.push([q.kind, JSON.stringify(q.q), `${q.firstPage}${q.more ? '+' : ''}`, f(q.p50), f(q.p95), f(q.p99), f(q.max)].join('\t'));
  const { withIndex: w, withoutIndex: wo } = r.insert;
  lines.push(
    `storing messages: ${w.perSecond.toFixed(0)}/s with the index (${w.usPerMessage.toFixed(0)} µs each), ${wo.perSecond.toFixed(0)}/s without (${wo.usPerMessage.toFixed(0)} µs each): ` +
      `${(((w.usPerMessage - wo.usPerMessage) / wo.usPerMessage) * 100).toFixed(0)}% more per message`,
  );
}
console.log(lines.join('\n'));
fs.mkdirSync(path.dirname(path.resolve(root, OUT)), { recursive: true });
fs.writeFileSync(path.resolve(root, OUT), JSON.stringify(report, null, 2) + '\n');
console.log(`\nTotal ${report.durationSeconds.toFixed(0)} s. Results: ${OUT}`);
process.exit(0);
