// C8 / T5: who is on the site now, per account, capped by the account's seats (10 visitors per
// seat), and "Start chat" from that list. "Online" = a widget socket connected on any server
// process: the realtime layer answers that (OnlineLookup, given by app.ts), so nothing about
// connections is stored and a process that dies takes its visitors off the list with it. The
// rows themselves come from the database (visitor, browsing details, chat status), shared by all.
import { compareOnlineVisitors, ErrorCode, MAX_ONLINE_VISITORS_PAGE, VISITORS_PER_SEAT, type OnlineVisitor, type OnlineVisitorsPage, type SeatsSetting, type StartChat } from '@palique/protocol';
import type { Db } from '../db/index';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import { AppError } from '../http/errors';
import { DEFAULT_OPTIONS } from '../account-options/service';
import * as repo from './repo';

/** Which visitors have a widget connected now, on any server process. */
export interface OnlineLookup {
  visitorIdsOf(accountId: string): Promise<string[]>;
  /** The ones of `visitorIds` connected now. */
  whichOnline(accountId: string, visitorIds: string[]): Promise<Set<string>>;
}

export interface OnlineVisitorDeps {
  db: Db;
  clock: Clock;
  events: Pick<EventBus, 'emit'>;
  online: OnlineLookup;
  /** 404 when the visitor is not one of the account's. */
  visitorExists(accountId: string, visitorId: string): Promise<unknown>;
  /** T5: the agent's message to the visitor, in the visitor's thread (created if needed). */
  sendToVisitor(accountId: string, visitorId: string, agent: { id: string; name: string }, clientId: string, text: string): Promise<unknown>;
}

export class OnlineVisitorService {
  constructor(private readonly deps: OnlineVisitorDeps) {}

  /** How many rows the account's list may show: null = unlimited. */
  async cap(accountId: string): Promise<number | null> {
    const seats = await repo.findSeats(this.deps.db, accountId);
    return seats === null ? null : seats * VISITORS_PER_SEAT;
  }

  /** The list: the visitors online now, longest on the site first, at most `cap` (and `limit`). */
  async list(accountId: string, limit = MAX_ONLINE_VISITORS_PAGE): Promise<OnlineVisitorsPage> {
    const [ids, cap] = await Promise.all([this.deps.online.visitorIdsOf(accountId), this.cap(accountId)]);
    const rows = (await this.rows(accountId, ids)).sort(compareOnlineVisitors);
    return { visitors: rows.slice(0, Math.min(limit, cap ?? Infinity)), total: rows.length, cap };
  }

  /** These visitors' rows as they stand now (only those online and of the account). */
  rows(accountId: string, visitorIds: string[]): Promise<OnlineVisitor[]> {
    return repo.onlineRows(this.deps.db, accountId, [...new Set(visitorIds)], this.deps.clock.now());
  }

  async seats(accountId: string): Promise<SeatsSetting> {
    return { seats: await repo.findSeats(this.deps.db, accountId) };
  }

  async setSeats(accountId: string, { seats }: SeatsSetting): Promise<SeatsSetting> {
    const defaults = {
      notify_invisible_when_slow: DEFAULT_OPTIONS.notifyInvisibleWhenSlow ? 1 : 0,
      notify_invisible_delay_seconds: DEFAULT_OPTIONS.notifyInvisibleDelaySeconds,
      queue_return_seconds: DEFAULT_OPTIONS.queueReturnSeconds,
    };
    await repo.saveSeats(this.deps.db, accountId, seats, defaults, this.deps.clock.now().toISOString());
    return { seats };
  }

  /** C8: the visitor opened the chat window (a status icon for this visit). */
  async chatOpened(accountId: string, visitorId: string): Promise<void> {
    await repo.markChatOpened(this.deps.db, accountId, visitorId, this.deps.clock.now().toISOString());
    this.deps.events.emit('visitor.chat_opened', { accountId, visitorId });
  }

  /** T1: the "chat window opened" condition: opened at or after `since` (the visit's start). */
  chatOpenedSince(accountId: string, visitorId: string, since: string): Promise<boolean> {
    return repo.chatOpenedSince(this.deps.db, accountId, visitorId, since);
  }

  /**
   * T5: an agent writes first to a visitor on the list. Any agent may (as with replies); the
   * visitor must be the account's and online (the list offers no one else).
   */
  async startChat(accountId: string, visitorId: string, agent: { id: string; name: string }, body: StartChat): Promise<unknown> {
    await this.deps.visitorExists(accountId, visitorId);
    const online = await this.deps.online.whichOnline(accountId, [visitorId]);
    if (!online.has(visitorId)) throw new AppError(ErrorCode.VisitorOffline, 409, 'This visitor has left the site');
    return this.deps.sendToVisitor(accountId, visitorId, agent, body.clientId, body.text);
  }
}
