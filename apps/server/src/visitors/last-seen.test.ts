// Last-seen times written together (visitors/repo.ts, setLastSeen), on SQLite and, when
// TEST_DATABASE_URL is set, on PostgreSQL too.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newStoredConversation, storageBackends } from '@palique/server/testing';
import { newId } from '../ids';
import { now } from '../clock';
import type { Storage } from '../db/index';
import { setLastSeen } from './repo';

for (const backend of storageBackends()) {
  describe(`last-seen times on ${backend.name}`, () => {
    let storage: Storage;
    let dispose: () => Promise<void>;
    const accounts = [newId(), newId()];

    before(async () => {
      const database = await backend.create();
      storage = await database.open();
      dispose = () => database.dispose();
      for (const id of accounts) await storage.db.insertInto('accounts').values({ id, name: 'Acme', widget_id: newId(), created_at: now() }).execute();
    });
    after(async () => {
      await storage.close();
      await dispose();
    });

    async function visitorOf(accountId: string): Promise<string> {
      const conversationId = await newStoredConversation(storage, accountId);
      const row = await storage.db.selectFrom('conversations').select('visitor_id').where('id', '=', conversationId).executeTakeFirstOrThrow();
      return row.visitor_id;
    }
    const lastSeen = async (id: string) => (await storage.db.selectFrom('visitors').select('last_seen_at').where('id', '=', id).executeTakeFirstOrThrow()).last_seen_at;

    test('C3: many visitors\' times in one go, each their own; a pair naming another account\'s visitor changes nothing', async () => {
      const [a1, a2] = [await visitorOf(accounts[0]), await visitorOf(accounts[0])];
      const b1 = await visitorOf(accounts[1]);
      const untouched = await lastSeen(b1);
      // More than one statement's worth, most of them naming nobody.
      const nobody = Array.from({ length: 1_200 }, (_, i) => ({ accountId: accounts[0], id: newId(), at: `2030-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z` }));
      await storage.write((trx) =>
        setLastSeen(trx, [
          ...nobody.slice(0, 600),
          { accountId: accounts[0], id: a1, at: '2030-05-01T10:00:00.000Z' },
          { accountId: accounts[0], id: b1, at: '2030-05-01T10:00:01.000Z' },
          ...nobody.slice(600),
          { accountId: accounts[0], id: a2, at: '2030-05-01T10:00:02.000Z' },
        ]),
      );
      assert.deepEqual([await lastSeen(a1), await lastSeen(a2), await lastSeen(b1)], ['2030-05-01T10:00:00.000Z', '2030-05-01T10:00:02.000Z', untouched]);
    });
  });
}
