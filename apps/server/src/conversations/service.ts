// Conversation rules: one thread per visitor, durable and idempotent sends, resume by seq,
// first agent reply takes ownership (C1 basic).
import type { Conversation, ConversationView, Message } from '@charla/protocol';
import { isUniqueViolation, type Db } from '../db/index';
import { notFound } from '../http/errors';
import type { Fanout } from '../realtime/fanout';
import type { MessageWriter } from './message-writer';
import * as repo from './repo';

export interface Author {
  type: Message['authorType'];
  id: string | null;
  name: string | null;
}

export class ConversationService {
  constructor(
    private readonly db: Db,
    private readonly fanout: Fanout,
    private readonly writer: MessageWriter,
  ) {}

  async get(accountId: string, id: string): Promise<Conversation> {
    const conversation = await repo.findConversation(this.db, accountId, id);
    if (!conversation) throw notFound('conversation');
    return conversation;
  }

  list(accountId: string, view: ConversationView, agentId: string): Promise<Conversation[]> {
    return repo.listConversations(this.db, accountId, view, agentId);
  }

  async messagesAfter(accountId: string, conversationId: string, after: number): Promise<Message[]> {
    await this.get(accountId, conversationId);
    return repo.messagesAfter(this.db, accountId, conversationId, after);
  }

  /** The visitor's thread, or undefined before their first message. */
  conversationIdOfVisitor(accountId: string, visitorId: string): Promise<string | undefined> {
    return repo.findConversationIdByVisitor(this.db, accountId, visitorId);
  }

  async visitorMessagesAfter(accountId: string, visitorId: string, after: number): Promise<Message[]> {
    const id = await this.conversationIdOfVisitor(accountId, visitorId);
    return id ? repo.messagesAfter(this.db, accountId, id, after) : [];
  }

  async sendAsVisitor(accountId: string, visitor: { id: string; name: string | null }, clientId: string, text: string) {
    const conversationId = await repo.ensureConversationForVisitor(this.db, accountId, visitor.id);
    return this.append(accountId, conversationId, { type: 'visitor', id: visitor.id, name: visitor.name }, clientId, text);
  }

  async sendAsAgent(accountId: string, conversationId: string, agent: { id: string; name: string }, clientId: string, text: string) {
    await this.get(accountId, conversationId);
    return this.append(accountId, conversationId, { type: 'agent', id: agent.id, name: agent.name }, clientId, text);
  }

  /**
   * Stores a message and only then returns it (the caller acknowledges after this). A retry with
   * the same clientId returns the stored message and stores nothing, even when two copies race.
   */
  private async append(accountId: string, conversationId: string, author: Author, clientId: string, text: string): Promise<Message> {
    const existing = await repo.findMessageByClientId(this.db, accountId, conversationId, clientId);
    if (existing) return existing;
    let message: Message;
    try {
      message = await this.writer.write({
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
      const raced = await repo.findMessageByClientId(this.db, accountId, conversationId, clientId);
      if (!raced) throw err;
      return raced;
    }
    const conversation = await this.get(accountId, conversationId);
    const visitorId = conversation.visitorId;
    this.fanout.messageCreated(accountId, visitorId, message, conversation);
    return message;
  }
}
