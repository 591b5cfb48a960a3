// Conversation rules: one thread per visitor, durable and idempotent sends, resume by seq,
// first agent reply takes ownership (C1 basic).
import type { Conversation, ConversationView, Message } from '@palique/protocol';
import { isUniqueViolation, type Db } from '../db/index';
import { notFound } from '../http/errors';
import type { Fanout } from '../realtime/fanout';
import type { MessageWriter } from './message-writer';
import * as repo from './repo';
import type { MessagePage, StoredMessage } from './repo';

export interface Author {
  type: Message['authorType'];
  id: string | null;
  name: string | null;
}

/** An agent's display name, from the agents domain (cached there). */
export type AgentNameLookup = (accountId: string, agentId: string) => Promise<string | null>;

/** How many visitor → conversation ids one process remembers (the mapping never changes). */
const CONVERSATION_ID_CACHE = 50_000;

export class ConversationService {
  private readonly conversationIds = new Map<string, string>();
  private readonly creating = new Map<string, Promise<string>>();

  constructor(
    private readonly db: Db,
    private readonly fanout: Fanout,
    private readonly writer: MessageWriter,
    private readonly agentName: AgentNameLookup,
  ) {}

  async get(accountId: string, id: string): Promise<Conversation> {
    const conversation = await repo.findConversation(this.db, accountId, id);
    if (!conversation) throw notFound('conversation');
    return conversation;
  }

  list(accountId: string, view: ConversationView, agentId: string): Promise<Conversation[]> {
    return repo.listConversations(this.db, accountId, view, agentId);
  }

  async messagesAfter(accountId: string, conversationId: string, after: number): Promise<MessagePage> {
    await this.get(accountId, conversationId);
    return repo.messagesAfter(this.db, accountId, conversationId, after);
  }

  /** The visitor's thread, or undefined before their first message. */
  async conversationIdOfVisitor(accountId: string, visitorId: string): Promise<string | undefined> {
    const key = `${accountId}:${visitorId}`;
    const known = this.conversationIds.get(key);
    if (known) return known;
    const id = await repo.findConversationIdByVisitor(this.db, accountId, visitorId);
    if (id) this.remember(key, id);
    return id;
  }

  private remember(key: string, conversationId: string): void {
    if (this.conversationIds.size >= CONVERSATION_ID_CACHE) this.conversationIds.clear();
    this.conversationIds.set(key, conversationId);
  }

  async visitorMessagesAfter(accountId: string, visitorId: string, after: number): Promise<MessagePage> {
    const id = await this.conversationIdOfVisitor(accountId, visitorId);
    return id ? repo.messagesAfter(this.db, accountId, id, after) : { messages: [], hasMore: false };
  }

  async sendAsVisitor(accountId: string, visitor: { id: string; name: string | null }, clientId: string, text: string) {
    const conversationId = await this.conversationIdFor(accountId, visitor.id);
    const author: Author = { type: 'visitor', id: visitor.id, name: visitor.name };
    return this.append(accountId, conversationId, author, clientId, text, visitor.name);
  }

  async sendAsAgent(accountId: string, conversationId: string, agent: { id: string; name: string }, clientId: string, text: string) {
    const { visitorName } = await this.get(accountId, conversationId);
    return this.append(accountId, conversationId, { type: 'agent', id: agent.id, name: agent.name }, clientId, text, visitorName);
  }

  /**
   * The visitor's one thread, created on first use; remembered, since it never changes. Callers
   * that arrive while it is being created wait for that creation instead of racing it.
   */
  private async conversationIdFor(accountId: string, visitorId: string): Promise<string> {
    const key = `${accountId}:${visitorId}`;
    const known = this.conversationIds.get(key);
    if (known) return known;
    let creating = this.creating.get(key);
    if (!creating) {
      creating = repo.ensureConversationForVisitor(this.db, accountId, visitorId).finally(() => this.creating.delete(key));
      this.creating.set(key, creating);
    }
    const id = await creating;
    this.remember(key, id);
    return id;
  }

  /**
   * Stores a message and only then returns it (the caller acknowledges after this). A retry with
   * the same clientId returns the stored message and stores nothing, even when two copies race:
   * the unique (conversation, client id) index refuses the second and its seq is rolled back.
   */
  private async append(
    accountId: string,
    conversationId: string,
    author: Author,
    clientId: string,
    text: string,
    visitorName: string | null,
  ): Promise<Message> {
    let stored: StoredMessage;
    try {
      stored = await this.writer.write({
        accountId,
        conversationId,
        clientId,
        authorType: author.type,
        authorId: author.id,
        authorName: author.name,
        text,
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const earlier = await repo.findMessageByClientId(this.db, accountId, conversationId, clientId);
      if (!earlier) throw err;
      return earlier;
    }
    const { message, conversation: row } = stored;
    const assigneeName =
      row.assigneeId === null ? null : row.assigneeId === author.id && author.name ? author.name : await this.agentName(accountId, row.assigneeId);
    this.fanout.messageCreated(accountId, row.visitorId, message, { ...row, visitorName, assigneeName });
    return message;
  }
}
