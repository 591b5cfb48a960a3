// The storage port's message rule, one contract for both databases: SQLite always, PostgreSQL
// as well when TEST_DATABASE_URL is set (a throw-away database next to the one it names).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newStoredConversation, storageBackends, visitorMessageFor } from '@palique/server/testing';
import { newId } from '../ids';
import { now } from '../clock';
import type { Storage } from './index';
import { appendBatch, messageStatement, type NewMessage, type StoredMessage } from './message-store';
import { CompiledQuery, sql } from './kysely';

const backends = storageBackends();

for (const backend of backends) {
  describe(`storage.appendMessage on ${backend.name}`, () => {
    let storage: Storage;
    let dispose: () => Promise<void>;
    const accountId = newId();
    const agents = [newId(), newId()];

    before(async () => {
      const database = await backend.create();
      storage = await database.open();
      dispose = () => database.dispose();
      const at = now();
      await storage.db.insertInto('accounts').values({ id: accountId, name: 'Acme', widget_id: newId(), created_at: at }).execute();
      for (const id of agents) {
        await storage.db
          .insertInto('agents')
          .values({ id, account_id: accountId, name: `Agent ${id}`, email: `${id}@example.com`, password_hash: 'x', role: 'agent', status: 'online', created_at: at })
          .execute();
      }
    });
    after(async () => {
      await storage.close();
      await dispose();
    });

    const newConversation = () => newStoredConversation(storage, accountId);
    const visitorMessage = (conversationId: string, text: string, clientId?: string): NewMessage => visitorMessageFor(accountId, conversationId, text, clientId);
    const agentMessage = (conversationId: string, agentId: string, text: string): NewMessage => ({
      ...visitorMessage(conversationId, text),
      authorType: 'agent',
      authorId: agentId,
      authorName: 'Agent',
    });

    async function storedSeqs(conversationId: string): Promise<number[]> {
      const rows = await storage.db.selectFrom('messages').select('seq').where('conversation_id', '=', conversationId).orderBy('seq').execute();
      return rows.map((r) => r.seq);
    }

    test('R1: concurrent messages get consecutive, gap-free seqs', async () => {
      const id = await newConversation();
      const stored = await Promise.all(Array.from({ length: 30 }, (_, i) => storage.appendMessage(visitorMessage(id, `m${i}`))));
      const seqs = stored.map((s) => s?.message.seq ?? 0).sort((a, b) => a - b);
      const expected = Array.from({ length: 30 }, (_, i) => i + 1);
      assert.deepEqual(seqs, expected);
      assert.deepEqual(await storedSeqs(id), expected);
      assert.equal(Math.max(...stored.map((s) => s?.conversation.lastSeq ?? 0)), 30);
    });

    test('R1: a duplicate client id is refused without taking a seq', async () => {
      const id = await newConversation();
      const first = await storage.appendMessage(visitorMessage(id, 'once', 'client-id-twice'));
      assert.equal(first?.message.seq, 1);
      assert.equal(await storage.appendMessage(visitorMessage(id, 'once', 'client-id-twice')), undefined);
      const next = await storage.appendMessage(visitorMessage(id, 'next'));
      assert.equal(next?.message.seq, 2);
      assert.equal(next?.conversation.lastSeq, 2);
      assert.deepEqual(await storedSeqs(id), [1, 2]);
    });

    test('C1: the first agent to reply owns the conversation; later messages keep the owner', async () => {
      const id = await newConversation();
      const fromVisitor = await storage.appendMessage(visitorMessage(id, 'hello'));
      assert.equal(fromVisitor?.conversation.assigneeId, null);
      const firstReply = await storage.appendMessage(agentMessage(id, agents[0], 'hi, I am here'));
      assert.equal(firstReply?.conversation.assigneeId, agents[0]);
      const otherAgent = await storage.appendMessage(agentMessage(id, agents[1], 'me too'));
      assert.equal(otherAgent?.conversation.assigneeId, agents[0]);
      const visitorAgain = await storage.appendMessage(visitorMessage(id, 'thanks'));
      assert.equal(visitorAgain?.conversation.assigneeId, agents[0]);
      const row = await storage.db.selectFrom('conversations').select('assignee_id').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.assignee_id, agents[0]);
    });

    test('R1 / C1: a burst over two chats (one closed) stores each message with its chat as it stood right after it', async () => {
      const closed = await newConversation();
      assert.equal((await storage.appendMessage(visitorMessage(closed, 'before closing')))?.message.seq, 1);
      await storage.db.updateTable('conversations').set({ status: 'closed' }).where('id', '=', closed).execute();
      const fresh = await newConversation();
      const team: NewMessage = { ...agentMessage(fresh, agents[0], 'Can we help?'), authorId: null, authorName: null };
      // One event-loop turn: the storage takes them as one batch (one transaction, and on PostgreSQL one statement).
      const burst = await Promise.all([
        storage.appendMessage(visitorMessage(closed, 'back again')),
        storage.appendMessage(team),
        storage.appendMessage(agentMessage(closed, agents[0], 'welcome back')),
        storage.appendMessage(visitorMessage(fresh, 'yes please')),
        storage.appendMessage(visitorMessage(closed, 'thanks')),
        storage.appendMessage(agentMessage(fresh, agents[1], 'here I am')),
        storage.appendMessage(agentMessage(closed, agents[1], 'me too')),
      ]);
      const seen = burst.map((s) => {
        assert.ok(s);
        const { message: m, conversation: c } = s;
        assert.equal(c.lastSeq, m.seq);
        assert.equal(c.lastMessageText, m.text);
        assert.equal(c.lastMessageAt, m.createdAt);
        return [m.conversationId === closed ? 'closed' : 'fresh', m.seq, c.assigneeId, c.status, s.reopened];
      });
      assert.deepEqual(seen, [
        ['closed', 2, null, 'open', true],
        ['fresh', 1, null, 'open', false],
        ['closed', 3, agents[0], 'open', false],
        ['fresh', 2, null, 'open', false],
        ['closed', 4, agents[0], 'open', false],
        ['fresh', 3, agents[1], 'open', false],
        ['closed', 5, agents[0], 'open', false],
      ]);
      const rows = await storage.db
        .selectFrom('conversations')
        .select(['id', 'last_seq', 'last_message_text', 'assignee_id', 'status', 'dismissed', 'reopened_seq'])
        .where('id', 'in', [closed, fresh])
        .execute();
      const byId = new Map(rows.map(({ id, ...r }) => [id, r]));
      assert.deepEqual(byId.get(closed), { last_seq: 5, last_message_text: 'me too', assignee_id: agents[0], status: 'open', dismissed: 0, reopened_seq: 2 });
      assert.deepEqual(byId.get(fresh), { last_seq: 3, last_message_text: 'here I am', assignee_id: agents[1], status: 'open', dismissed: 0, reopened_seq: 0 });
      assert.deepEqual(await storedSeqs(closed), [1, 2, 3, 4, 5]);
      const texts = await storage.db.selectFrom('messages').select(['seq', 'text', 'author_id']).where('conversation_id', '=', fresh).orderBy('seq').execute();
      assert.deepEqual(texts, [
        { seq: 1, text: 'Can we help?', author_id: null },
        { seq: 2, text: 'yes please', author_id: null },
        { seq: 3, text: 'here I am', author_id: agents[1] },
      ]);
    });

    test('R1: a burst holding a duplicate client id stores the rest, once each', async () => {
      const id = await newConversation();
      const burst = await Promise.all([
        storage.appendMessage(visitorMessage(id, 'one', 'same-client-id')),
        storage.appendMessage(visitorMessage(id, 'two')),
        storage.appendMessage(visitorMessage(id, 'one', 'same-client-id')),
        storage.appendMessage(visitorMessage(id, 'three')),
      ]);
      assert.equal(burst.filter((s) => s === undefined).length, 1, 'one copy refused');
      assert.deepEqual(await storedSeqs(id), [1, 2, 3]);
      const texts = await storage.db.selectFrom('messages').select('text').where('conversation_id', '=', id).orderBy('seq').execute();
      assert.deepEqual(texts.map((t) => t.text), ['one', 'two', 'three']);
    });

    test('tenancy: a burst holding a message that names another account stores the rest; that one fails and writes nothing', async () => {
      const id = await newConversation();
      const other = await newConversation();
      const burst = await Promise.allSettled([
        storage.appendMessage(visitorMessage(id, 'mine')),
        storage.appendMessage({ ...visitorMessage(other, 'not yours'), accountId: newId() }),
        storage.appendMessage(visitorMessage(id, 'mine too')),
      ]);
      assert.deepEqual(burst.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
      assert.deepEqual(await storedSeqs(id), [1, 2]);
      assert.deepEqual(await storedSeqs(other), [], 'nothing written in the other chat');
      const row = await storage.db.selectFrom('conversations').select('last_seq').where('id', '=', other).executeTakeFirstOrThrow();
      assert.equal(row.last_seq, 0);
    });

    // PostgreSQL's batch is one statement that locks its chats itself: run it straight (not
    // through storage.appendMessage, which would hide a failed batch by storing its messages one
    // by one) next to a transaction that holds a chat.
    const onPostgres = { skip: backend.name === 'PostgreSQL' ? false : 'PostgreSQL only (its batch statement)' };
    async function batchStatement(ms: NewMessage[]): Promise<Array<StoredMessage | undefined>> {
      const statement = appendBatch(ms);
      const result = await storage.db.executeQuery(CompiledQuery.raw(statement.query.text, statement.query.values));
      return statement.stored(result.rows);
    }
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    test('R1: a batch that waits for another writer of its chat numbers its messages after that writer\'s (PostgreSQL)', onPostgres, async () => {
      const id = await newConversation();
      await storage.appendMessage(visitorMessage(id, 'first'));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      // Another process's message, its transaction still open: seq 2, the chat's row locked.
      const other = storage.db.transaction().execute(async (trx) => {
        await trx.executeQuery(messageStatement(storage.db, agentMessage(id, agents[1], 'from elsewhere')).query);
        holding();
        await released;
      });
      await held;
      const batch = batchStatement([visitorMessage(id, 'waited'), agentMessage(id, agents[0], 'me too')]);
      await pause(150);
      release();
      await other;
      const stored = await batch;
      assert.deepEqual(stored.map((s) => [s?.message.seq, s?.conversation.lastSeq, s?.conversation.assigneeId]), [
        [3, 3, agents[1]],
        [4, 4, agents[1]],
      ]);
      assert.deepEqual(await storedSeqs(id), [1, 2, 3, 4]);
    });

    test('R1: a batch locks its chats in id order whatever order its messages came in, so it never waits in a circle (PostgreSQL)', onPostgres, async () => {
      const [first, second] = [await newConversation(), await newConversation()].sort();
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      // Another writer holds the first chat and, later, wants the second: a batch that took the
      // second chat first (its first message's) would deadlock with it.
      const other = storage.db.transaction().execute(async (trx) => {
        await sql`SELECT id FROM conversations WHERE id = ${first} FOR UPDATE`.execute(trx);
        holding();
        await released;
        await sql`UPDATE conversations SET last_message_text = 'touched' WHERE id = ${second}`.execute(trx);
      });
      await held;
      const batch = batchStatement([visitorMessage(second, 'to the second'), visitorMessage(first, 'to the first')]);
      await pause(150);
      release();
      await other;
      const stored = await batch;
      assert.deepEqual(stored.map((s) => s?.message.seq), [1, 1]);
      assert.deepEqual([await storedSeqs(first), await storedSeqs(second)], [[1], [1]]);
    });

    test('C1: a batch reopens a closed chat at its first visitor message, wherever it comes; a dismissed chat is shown again', async () => {
      const closed = await newConversation();
      const dismissed = await newConversation();
      await storage.appendMessage(visitorMessage(closed, 'before closing'));
      await storage.db.updateTable('conversations').set({ status: 'closed' }).where('id', '=', closed).execute();
      await storage.db.updateTable('conversations').set({ dismissed: 1 }).where('id', '=', dismissed).execute();
      const burst = await Promise.all([
        storage.appendMessage(agentMessage(closed, agents[1], 'following up')),
        storage.appendMessage(agentMessage(dismissed, agents[0], 'still there?')),
        storage.appendMessage(visitorMessage(closed, 'oh, yes')),
        storage.appendMessage(visitorMessage(closed, 'one more thing')),
        storage.appendMessage(visitorMessage(dismissed, 'yes')),
      ]);
      assert.deepEqual(
        burst.map((s) => [s?.message.seq, s?.conversation.status, s?.conversation.dismissed, s?.reopened]),
        [
          [2, 'closed', false, false],
          [1, 'open', true, false],
          [3, 'open', false, true],
          [4, 'open', false, false],
          [2, 'open', false, false],
        ],
      );
      const rows = await storage.db
        .selectFrom('conversations')
        .select(['id', 'last_seq', 'assignee_id', 'status', 'dismissed', 'reopened_seq'])
        .where('id', 'in', [closed, dismissed])
        .execute();
      const byId = new Map(rows.map(({ id, ...r }) => [id, r]));
      assert.deepEqual(byId.get(closed), { last_seq: 4, assignee_id: agents[1], status: 'open', dismissed: 0, reopened_seq: 3 });
      assert.deepEqual(byId.get(dismissed), { last_seq: 2, assignee_id: agents[0], status: 'open', dismissed: 0, reopened_seq: 0 });
    });

    test('C1: the conversation preview follows the last message', async () => {
      const id = await newConversation();
      await storage.appendMessage(visitorMessage(id, 'first'));
      const long = 'x'.repeat(300);
      const stored = await storage.appendMessage(agentMessage(id, agents[1], long));
      assert.ok(stored);
      const { conversation, message } = stored;
      assert.equal(conversation.lastMessageText, long.slice(0, 200));
      assert.equal(conversation.lastMessageAuthorType, 'agent');
      assert.equal(conversation.lastMessageAt, message.createdAt);
      assert.equal(message.text, long);
      const row = await storage.db
        .selectFrom('conversations')
        .select(['last_seq', 'last_message_text', 'last_message_author_type', 'last_message_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { last_seq: 2, last_message_text: long.slice(0, 200), last_message_author_type: 'agent', last_message_at: message.createdAt });
    });
  });
}
