// Search (the agent finds conversations by visitor name, email or message text): turns what was
// typed into terms, asks the index (repo.ts) for one account's matches, and shapes each hit as
// the conversation lists show it, with a highlighted snippet of what matched.
import type { Conversation, ConversationSearchHit, ConversationSearchResults } from '@palique/protocol';
import type { Db } from '../db/index';
import { AppError } from '../http/errors';
import * as repo from './repo';
import { queryWords, snippetOf } from './snippet';
import { searchTerms } from './terms';

/** A conversation as the lists show it, from the conversations domain (404 when it is gone). */
export type ConversationLookup = (accountId: string, conversationId: string) => Promise<Conversation>;

export class SearchService {
  constructor(
    private readonly db: Db,
    private readonly conversation: ConversationLookup,
  ) {}

  async search(accountId: string, q: string, limit: number, cursor?: string): Promise<ConversationSearchResults> {
    const terms = searchTerms(q);
    if (terms.length === 0) return { hits: [], nextCursor: null };
    const rows = await repo.searchConversations(this.db, accountId, terms, limit, cursor);
    const page = rows.slice(0, limit);
    const words = queryWords(terms);
    const hits = await Promise.all(page.map((row) => this.hitOf(accountId, row, words)));
    const last = page[page.length - 1];
    return {
      hits: hits.filter((h): h is ConversationSearchHit => h !== undefined),
      nextCursor: rows.length > limit && last ? repo.cursorOf(last) : null,
    };
  }

  private async hitOf(accountId: string, row: repo.SearchRow, words: string[]): Promise<ConversationSearchHit | undefined> {
    // Gone between the search and this read (visitor expiry): left out of the page.
    const conversation = await this.conversation(accountId, row.conversationId).catch((err: unknown) => {
      if (err instanceof AppError && err.status === 404) return undefined;
      throw err;
    });
    if (!conversation) return undefined;
    const message =
      row.messageId !== null && row.text !== null
        ? { id: row.messageId, seq: Number(row.seq), authorType: row.authorType!, createdAt: row.createdAt! }
        : null;
    const visitorLine = [row.visitorName, row.visitorEmail].filter(Boolean).join(' · ');
    return {
      conversation,
      visitorEmail: row.visitorEmail,
      message,
      snippet: snippetOf(message ? row.text! : visitorLine, words),
    };
  }
}
