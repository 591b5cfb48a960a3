// C8: the live side of the online visitors list. Changes (a visitor connected or left, browsed,
// wrote, was written to, opened the chat window) are only noted as "this visitor of this account
// changed"; every `flushMs` each server process sends each account's agents ONE batch with the
// rows as they now stand (upserts) and the visitors who left (removals). 10,000 visitors browsing
// thus cost an agent one event per process per second, not one per page view.
//
// Online-ness is asked of the realtime layer at flush time (OnlineLookup, across processes), so a
// page view handled here for a visitor connected to another process is sent right, and a visitor
// whose last tab closed anywhere is removed. With a seats cap the batch is the whole capped list
// (`reset`), since a departure can bring someone new into view.
import type { OnlineVisitorsChanges } from '@palique/protocol';
import type { EventBus } from '../events';
import type { OnlineLookup, OnlineVisitorService } from './service';
import { ChatFacts } from './chat-facts';

type Log = { error: (o: object, m: string) => void };

export class OnlineVisitorChanges {
  private pending = new Map<string, Set<string>>();
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private readonly offs: Array<() => void> = [];
  private readonly chats = new ChatFacts();

  constructor(
    private readonly service: OnlineVisitorService,
    private readonly online: OnlineLookup,
    private readonly events: EventBus,
    private readonly log: Log,
  ) {}

  /** Notes that a visitor's row may have changed (or that they arrived or left). */
  changed(accountId: string, visitorId: string): void {
    let ids = this.pending.get(accountId);
    if (!ids) this.pending.set(accountId, (ids = new Set()));
    ids.add(visitorId);
  }

  /** Listens to the domain events that change a row, and flushes every `flushMs`. */
  start(flushMs: number): void {
    const { events } = this;
    this.offs.push(
      events.on('visitor.details_changed', ({ accountId, details }) => this.changed(accountId, details.visitorId)),
      events.on('visitor.updated', ({ accountId, visitor }) => this.changed(accountId, visitor.id)),
      events.on('visitor.deleted', ({ accountId, visitorId }) => {
        this.chats.forget(accountId, visitorId);
        this.changed(accountId, visitorId);
      }),
      events.on('message.created', ({ accountId, message, conversation }) => {
        if (this.chats.changedBy(accountId, conversation.visitorId, message)) this.changed(accountId, conversation.visitorId);
      }),
      events.on('conversation.closed', ({ accountId, conversation }) => this.changed(accountId, conversation.visitorId)),
      events.on('conversation.reopened', ({ accountId, conversation }) => this.changed(accountId, conversation.visitorId)),
    );
    this.timer ??= setInterval(() => void this.flush(), flushMs).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.offs.splice(0).forEach((off) => off());
    await this.flushing;
  }

  /** Sends what changed since the last flush (one flush at a time; a slow one delays the next). */
  flush(): Promise<void> {
    if (this.flushing || this.pending.size === 0) return this.flushing ?? Promise.resolve();
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.send(batch).finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async send(batch: Map<string, Set<string>>): Promise<void> {
    for (const [accountId, ids] of batch) {
      try {
        const changes = await this.changesOf(accountId, [...ids]);
        if (changes) this.events.emit('visitors.online_changed', { accountId, changes });
      } catch (err) {
        this.log.error({ err, accountId }, 'online visitors update failed');
      }
    }
  }

  private async changesOf(accountId: string, ids: string[]): Promise<OnlineVisitorsChanges | undefined> {
    if ((await this.service.cap(accountId)) !== null) {
      const { visitors, total } = await this.service.list(accountId);
      return { upserts: visitors, removals: [], reset: true, total };
    }
    const online = await this.online.whichOnline(accountId, ids);
    const upserts = await this.service.rows(accountId, ids.filter((id) => online.has(id)));
    const found = new Set(upserts.map((r) => r.visitorId));
    const removals = ids.filter((id) => !found.has(id));
    return upserts.length + removals.length > 0 ? { upserts, removals } : undefined;
  }
}
