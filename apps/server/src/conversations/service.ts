// Conversation rules: one thread per visitor, durable and idempotent sends, resume by seq,
// first agent reply takes ownership (C1 basic), authors edit their own messages (C5). Every new
// message is announced as `message.created`, every edit as `message.edited`, once committed.
import { ErrorCode, type AgentStatus, type Attachment, type Conversation, type ConversationView, type Message } from '@palique/protocol';
import { isUniqueViolation, type Storage } from '../db/index';
import type { StoredConversation } from '../db/message-store';
import type { EventBus, Origin } from '../events';
import { AppError, notFound } from '../http/errors';
import * as repo from './repo';
import type { MessagePage } from './repo';

export interface Author {
  type: Message['authorType'];
  id: string | null;
  name: string | null;
}

/** An agent's display name, from the agents domain (cached there). */
export type AgentNameLookup = (accountId: string, agentId: string) => Promise<string | null>;

/** Files: the attachment of a file sent in a visitor's conversation (the files domain; 404 when not theirs). */
export type AttachmentLookup = (accountId: string, visitorId: string, fileId: string) => Promise<Attachment>;

/** How many visitor → conversation ids one process remembers (the mapping never changes). */
const CONVERSATION_ID_CACHE = 50_000;

export class ConversationService {
  private readonly conversationIds = new Map<string, string>();
  private readonly creating = new Map<string, Promise<string>>();

  constructor(
    private readonly storage: Storage,
    private readonly events: EventBus,
    private readonly agentName: AgentNameLookup,
    private readonly attachmentFor?: AttachmentLookup,
  ) {}

  private async attachment(accountId: string, visitorId: string, fileId: string | undefined): Promise<Attachment | undefined> {
    if (fileId === undefined) return undefined;
    if (!this.attachmentFor) throw new Error('files are not available');
    return this.attachmentFor(accountId, visitorId, fileId);
  }

  private get db() {
    return this.storage.db;
  }

  async get(accountId: string, id: string): Promise<Conversation> {
    const conversation = await repo.findConversation(this.db, accountId, id);
    if (!conversation) throw notFound('conversation');
    return conversation;
  }

  /** The agents who have written in the conversation. */
  agentAuthorIds(accountId: string, conversationId: string): Promise<string[]> {
    return repo.agentAuthorIds(this.db, accountId, conversationId);
  }

  /** A3: an Invisible agent's Queue holds only the chats they joined (wrote in or were added to). */
  list(accountId: string, view: ConversationView, agent: { id: string; status: AgentStatus }, limit?: number, cursor?: string) {
    return repo.listConversations(this.db, accountId, view, agent.id, limit, cursor, agent.status === 'invisible');
  }

  counts(accountId: string, agent: { id: string; status: AgentStatus }) {
    return repo.countConversations(this.db, accountId, agent.id, agent.status === 'invisible');
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

  /** W5: an agent read the conversation up to `seq`; the visitor hears it ("Seen"). */
  async markReadByAgent(accountId: string, conversationId: string, seq: number, origin?: Origin): Promise<repo.ReadPositions> {
    const before = await repo.markRead(this.db, accountId, conversationId, 'agent', 0);
    if (!before) throw notFound('conversation');
    const after = (await repo.markRead(this.db, accountId, conversationId, 'agent', seq))!;
    if (after.agentReadSeq > before.agentReadSeq) {
      const visitorId = (await this.get(accountId, conversationId)).visitorId;
      this.events.emit('receipt.agent_read', { accountId, conversationId, visitorId, seq: after.agentReadSeq, origin });
    }
    return after;
  }

  /** W5: the visitor read their thread up to `seq` (0: only asks how far the agents read). */
  async markReadByVisitor(accountId: string, visitorId: string, seq: number, origin?: Origin): Promise<repo.ReadPositions> {
    const conversationId = await this.conversationIdOfVisitor(accountId, visitorId);
    if (!conversationId) return { visitorReadSeq: 0, agentReadSeq: 0 };
    const before = await repo.markRead(this.db, accountId, conversationId, 'visitor', 0);
    const after = (await repo.markRead(this.db, accountId, conversationId, 'visitor', seq))!;
    if (before && after.visitorReadSeq > before.visitorReadSeq) {
      this.events.emit('receipt.visitor_read', { accountId, conversationId, visitorId, seq: after.visitorReadSeq, origin });
    }
    return after;
  }

  async visitorMessagesAfter(accountId: string, visitorId: string, after: number): Promise<MessagePage> {
    const id = await this.conversationIdOfVisitor(accountId, visitorId);
    return id ? repo.messagesAfter(this.db, accountId, id, after) : { messages: [], hasMore: false };
  }

  async sendAsVisitor(accountId: string, visitor: { id: string; name: string | null }, clientId: string, text: string, origin?: Origin, fileId?: string) {
    const attachment = await this.attachment(accountId, visitor.id, fileId);
    const conversationId = await this.conversationIdFor(accountId, visitor.id);
    const author: Author = { type: 'visitor', id: visitor.id, name: visitor.name };
    const { message } = await this.append(accountId, conversationId, author, clientId, text, visitor.name, origin, attachment);
    return message;
  }

  async sendAsAgent(
    accountId: string,
    conversationId: string,
    agent: { id: string; name: string },
    clientId: string,
    text: string,
    origin?: Origin,
    fileId?: string,
  ) {
    const { visitorName, visitorId } = await this.get(accountId, conversationId);
    const attachment = await this.attachment(accountId, visitorId, fileId);
    const stored = await this.append(accountId, conversationId, { type: 'agent', id: agent.id, name: agent.name }, clientId, text, visitorName, origin, attachment);
    return { message: stored.message, conversation: stored.conversation ?? (await this.get(accountId, conversationId)) };
  }

  /**
   * The team writes first to a visitor, in their thread (created if needed), delivered like any
   * message (durable, in order, live, idempotent by `clientId`). T5: an agent from the online
   * list; T1: a targeted message, from a chosen agent (who then owns the chat, as after any first
   * reply) or from the team (`author.id` null: no author, nobody takes the chat).
   */
  async sendToVisitor(accountId: string, visitorId: string, author: { id: string | null; name: string | null }, clientId: string, text: string) {
    const conversationId = await this.conversationIdFor(accountId, visitorId);
    const { visitorName } = await this.get(accountId, conversationId);
    const stored = await this.append(accountId, conversationId, { type: 'agent', ...author }, clientId, text, visitorName, undefined);
    return { message: stored.message, conversation: stored.conversation ?? (await this.get(accountId, conversationId)) };
  }

  /** T3: the visitor's last stored row (message or edit) and whether their chat is open; null before any. */
  async lastMessageOfVisitor(accountId: string, visitorId: string): Promise<{ createdAt: string; clientId: string; authorType: Message['authorType']; open: boolean } | null> {
    const id = await this.conversationIdOfVisitor(accountId, visitorId);
    if (!id) return null;
    const conversation = await this.get(accountId, id);
    if (conversation.lastSeq === 0) return null;
    const last = (await repo.messagesAfter(this.db, accountId, id, conversation.lastSeq - 1)).messages.at(-1);
    return last ? { createdAt: last.createdAt, clientId: last.clientId, authorType: last.authorType, open: conversation.status === 'open' } : null;
  }

  /** C5: an agent edits one of their own messages. */
  editAsAgent(accountId: string, conversationId: string, agent: { id: string; name: string }, messageId: string, editId: string, text: string, origin?: Origin) {
    return this.edit(accountId, conversationId, { type: 'agent', id: agent.id, name: agent.name }, messageId, editId, text, origin);
  }

  /** C5: a visitor edits one of their own messages (never an agent's). */
  async editAsVisitor(accountId: string, visitor: { id: string; name: string | null }, messageId: string, editId: string, text: string, origin?: Origin) {
    const conversationId = await this.conversationIdOfVisitor(accountId, visitor.id);
    if (!conversationId) throw messageNotFound();
    return this.edit(accountId, conversationId, { type: 'visitor', id: visitor.id, name: visitor.name }, messageId, editId, text, origin);
  }

  /**
   * C5: only the author edits, an edit is stored once per edit id (a replay answers with the
   * stored edit and announces nothing), and it is announced as `message.edited` once committed.
   */
  private async edit(accountId: string, conversationId: string, author: Author, messageId: string, editId: string, text: string, origin: Origin | undefined) {
    const target = await repo.findMessage(this.db, accountId, conversationId, messageId);
    if (!target || target.editOf) throw messageNotFound();
    if (target.authorType !== author.type || target.authorId !== author.id) {
      throw new AppError(ErrorCode.NotMessageAuthor, 403, 'Only the author of a message can edit it');
    }
    const replay = () => this.replayedEdit(accountId, conversationId, messageId, editId);
    const earlier = await replay();
    if (earlier) return earlier;
    let stored: { edit: Message; message: Message };
    try {
      stored = await this.storage.write((trx) =>
        repo.insertEdit(trx, { accountId, conversationId, target, editId, authorType: author.type, authorId: author.id, authorName: author.name, text }),
      );
    } catch (err) {
      // The same edit id arriving twice at once: the other copy was stored.
      const raced = isUniqueViolation(err) ? await replay() : undefined;
      if (raced) return raced;
      throw err;
    }
    const conversation = await this.get(accountId, conversationId);
    this.events.emit('message.edited', { accountId, ...stored, conversation, ...(origin ? { origin } : {}) });
    return { ...stored, conversation };
  }

  /** The edit already stored under this edit id, with the message and conversation as they now stand. */
  private async replayedEdit(accountId: string, conversationId: string, messageId: string, editId: string) {
    const edit = await repo.findMessageByClientId(this.db, accountId, conversationId, editId);
    if (!edit) return undefined;
    if (edit.editOf !== messageId) throw new AppError(ErrorCode.InvalidInput, 400, 'This edit id was already used for something else');
    const [message, conversation] = await Promise.all([repo.findMessage(this.db, accountId, conversationId, messageId), this.get(accountId, conversationId)]);
    if (!message) throw messageNotFound();
    return { edit, message, conversation };
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
      creating = this.ensureConversation(accountId, visitorId).finally(() => this.creating.delete(key));
      this.creating.set(key, creating);
    }
    const id = await creating;
    this.remember(key, id);
    return id;
  }

  /**
   * A new thread is a shared write: it shares a commit with the other writes of the same moment
   * instead of an fsync of its own (a burst of new chats was the paced benchmark's backlog).
   */
  private async ensureConversation(accountId: string, visitorId: string): Promise<string> {
    const existing = await repo.findConversationIdByVisitor(this.db, accountId, visitorId);
    return existing ?? this.storage.writeShared((trx) => repo.ensureConversationForVisitor(trx, accountId, visitorId));
  }

  /**
   * Stores a message and only then returns it (the caller acknowledges after this). A retry with
   * the same clientId returns the stored message and stores nothing, even when two copies race:
   * storage refuses the second without taking a seq.
   */
  private async append(
    accountId: string,
    conversationId: string,
    author: Author,
    clientId: string,
    text: string,
    visitorName: string | null,
    origin: Origin | undefined,
    attachment?: Attachment,
  ): Promise<{ message: Message; conversation?: Conversation }> {
    const stored = await this.storage.appendMessage({
      accountId,
      conversationId,
      clientId,
      authorType: author.type,
      authorId: author.id,
      authorName: author.name,
      text,
      ...(attachment ? { attachment } : {}),
    });
    if (!stored) {
      const earlier = await repo.findMessageByClientId(this.db, accountId, conversationId, clientId);
      if (!earlier) throw new Error(`message ${clientId} refused as a duplicate but not found`);
      // A retry: nothing changed, so no conversation as it now stands (callers read it if they need it).
      return { message: earlier };
    }
    const { message } = stored;
    const conversation = { ...stored.conversation, visitorName, assigneeName: await this.assigneeName(accountId, stored.conversation, author) };
    this.events.emit('message.created', { accountId, message, conversation, ...(origin ? { origin } : {}) });
    if (stored.reopened) this.events.emit('conversation.reopened', { accountId, conversation });
    return { message, conversation };
  }

  private async assigneeName(accountId: string, row: StoredConversation, author: Author): Promise<string | null> {
    if (row.assigneeId === null) return null;
    if (row.assigneeId === author.id && author.name) return author.name;
    return this.agentName(accountId, row.assigneeId);
  }
}

const messageNotFound = () => new AppError(ErrorCode.MessageNotFound, 404, 'No such message');
