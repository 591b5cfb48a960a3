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

/** Matching messages read newest first per query, before the exact slow path takes over. */
const SCAN_CHUNK = 500;
const SCAN_LIMIT = 2_000;

/** One result before it is shaped: the conversation, and its newest matching message if any. */
type Found = { conversationId: string; message: repo.MessageMatch | null; visitor: repo.VisitorMatch | null };

/**
 * Results come in this order, newest first in each part: conversations whose visitor's name or
 * email matched (by latest activity), then conversations by their newest matching message. The
 * cursor is how many results the previous pages held.
 */
export class SearchService {
  constructor(
    private readonly db: Db,
    private readonly conversation: ConversationLookup,
  ) {}

  async search(accountId: string, q: string, limit: number, cursor?: string): Promise<ConversationSearchResults> {
    const terms = searchTerms(q);
    if (terms.length === 0) return { hits: [], nextCursor: null };
    const offset = Number(cursor ?? 0);
    const wanted = offset + limit + 1;
    const found: Found[] = (await repo.visitorMatches(this.db, accountId, terms, wanted)).map((v) => ({ conversationId: v.conversationId, message: null, visitor: v }));
    if (found.length < wanted) {
      const byVisitor = new Set(found.map((f) => f.conversationId));
      for (const m of await this.newestMatchPerConversation(accountId, terms, wanted - found.length, byVisitor)) {
        found.push({ conversationId: m.conversationId, message: m, visitor: null });
      }
    }
    const page = found.slice(offset, offset + limit);
    const words = queryWords(terms);
    const hits = await Promise.all(page.map((f) => this.hitOf(accountId, f, words)));
    return {
      hits: hits.filter((h): h is ConversationSearchHit => h !== undefined),
      // Pages end after 10,000 results (the cursor's four digits): nobody pages that far.
      nextCursor: found.length > offset + limit && offset + limit <= 9_999 ? String(offset + limit) : null,
    };
  }

  /**
   * Up to `n` conversations not in `skip`, each with its newest matching message, newest first.
   * Reads matches newest first and stops once it has enough (a common word costs a chunk, not
   * every message); when the first matches crowd into few conversations, asks for them exactly.
   */
  private async newestMatchPerConversation(accountId: string, terms: string[], n: number, skip: Set<string>): Promise<repo.MessageMatch[]> {
    const newest = new Map<string, repo.MessageMatch>();
    let before: string | number | null = null;
    for (let read = 0; read < SCAN_LIMIT; read += SCAN_CHUNK) {
      const chunk = await repo.messageMatches(this.db, accountId, terms, before, SCAN_CHUNK);
      for (const m of chunk) {
        if (skip.has(m.conversationId)) continue;
        // PostgreSQL orders by id, whose order within one millisecond is random: the highest seq wins.
        const seen = newest.get(m.conversationId);
        if (!seen || m.seq > seen.seq) newest.set(m.conversationId, m);
      }
      if (newest.size >= n || chunk.length < SCAN_CHUNK) return [...newest.values()].slice(0, n);
      before = chunk[chunk.length - 1]!.pos;
    }
    const all = await repo.conversationsWithMatches(this.db, accountId, terms, n + skip.size);
    return all.filter((m) => !skip.has(m.conversationId)).slice(0, n);
  }

  private async hitOf(accountId: string, found: Found, words: string[]): Promise<ConversationSearchHit | undefined> {
    // Gone between the search and this read (visitor expiry): left out of the page.
    const conversation = await this.conversation(accountId, found.conversationId).catch((err: unknown) => {
      if (err instanceof AppError && err.status === 404) return undefined;
      throw err;
    });
    if (!conversation) return undefined;
    const m = found.message;
    const visitorLine = [found.visitor?.visitorName, found.visitor?.visitorEmail].filter(Boolean).join(' · ');
    return {
      conversation,
      visitorEmail: found.visitor?.visitorEmail ?? null,
      message: m ? { id: m.messageId, seq: Number(m.seq), authorType: m.authorType, createdAt: m.createdAt } : null,
      snippet: snippetOf(m ? m.text : visitorLine, words),
    };
  }
}
