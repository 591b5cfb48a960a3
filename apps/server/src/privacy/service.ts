// Data protection: a visitor's data exported as one JSON document, a visitor deleted with
// everything that belongs to them (rows and files on disk), and the account's retention policy
// ("delete conversations and visitors older than N days") run by a durable daily timer.
//
// Retention timer (kind `retention`, key `retention`, one per account with the policy on): it is
// claimed by one process (timers/), deletes what is older than N days, records the run, then
// schedules itself a day later (same key: replaced, never doubled). A second run of the same
// firing (a process died before marking it fired) finds nothing older left to delete and only
// counts one more run.
import fs from 'node:fs/promises';
import type { RetentionStatus, Visitor } from '@palique/protocol';
import type { Storage } from '../db/index';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import { notFound } from '../http/errors';
import type { TimerService } from '../timers/service';
import { DEFAULT_OPTIONS } from '../account-options/service';
import * as repo from './repo';

const DAY_MS = 86_400_000;
const RETENTION_KIND = 'retention';
const RETENTION_KEY = 'retention';
const BATCH = 200;

export interface PrivacyDeps {
  storage: Storage;
  clock: Clock;
  events: EventBus;
  timers: TimerService;
  /** The visitor as agents see them, notes included (visitors/ service). */
  visitorOf: (accountId: string, visitorId: string) => Promise<Visitor>;
  /** C3: the visitor's browsing details (visits/): pages, device, location; null when none. */
  detailsOf?: (accountId: string, visitorId: string) => Promise<unknown>;
  /** T1: the targeted messages triggers sent the visitor (triggers/). */
  firingsOf?: (accountId: string, visitorId: string) => Promise<unknown[]>;
  /** Where a stored file's bytes are (files/): the original and the thumbnail. */
  filePaths: (id: string) => string[];
}

export class PrivacyService {
  constructor(private readonly deps: PrivacyDeps) {
    deps.timers.handle(RETENTION_KIND, async ({ accountId }) => void (await this.runRetention(accountId)));
  }

  private get db() {
    return this.deps.storage.db;
  }

  /** Everything stored about the visitor, as one JSON document (404 for another account's visitor). */
  async export(accountId: string, visitorId: string) {
    const visitor = await this.deps.visitorOf(accountId, visitorId);
    const conversations = await repo.conversationsOfVisitor(this.db, accountId, visitorId);
    const messages = await repo.messagesOfConversations(this.db, accountId, conversations.map((c) => c.id));
    const files = await repo.filesOfVisitor(this.db, accountId, visitorId);
    const row = await repo.findVisitor(this.db, accountId, visitorId);
    const devices = await repo.deviceTokensOfVisitor(this.db, accountId, visitorId);
    return {
      exportedAt: this.deps.clock.now().toISOString(),
      visitor: { id: visitor.id, name: visitor.name, email: visitor.email, phone: visitor.phone, createdAt: visitor.createdAt, lastSeenAt: visitor.lastSeenAt },
      /** Data the site set with Palique('setData' / 'setVisitor', …). */
      data: visitor.data,
      notes: visitor.notes ?? null,
      /** W7: the site's user id this visitor is bound to by a signed PaliqueSetup.clientId, or null. */
      userId: row?.external_id ?? null,
      /** W7: the identified user's other devices (browsers), when each was first recognised. */
      otherDevices: devices.map((d) => ({ firstSeenAt: d.created_at })),
      /** Pages of the last visit, referrer, visits, device, location (C3). */
      browsing: (await this.deps.detailsOf?.(accountId, visitorId)) ?? null,
      /** T1: which triggers sent them a targeted message, on which page, when. */
      targetedMessages: (await this.deps.firingsOf?.(accountId, visitorId)) ?? [],
      conversations: conversations.map((c) => ({
        id: c.id,
        status: c.status,
        createdAt: c.created_at,
        lastMessageAt: c.last_message_at,
        messages: messages
          .filter((m) => m.conversation_id === c.id)
          .map((m) => ({
            id: m.id,
            seq: m.seq,
            author: m.author_type,
            authorName: m.author_name,
            text: m.text,
            createdAt: m.created_at,
            editOf: m.edit_of ?? null,
            editedAt: m.edited_at ?? null,
            attachment: m.attachment ? (JSON.parse(m.attachment) as unknown) : null,
          })),
      })),
      files: files.map((f) => ({ id: f.id, name: f.name, size: f.size, contentType: f.content_type, kind: f.kind, uploadedBy: f.uploader_type, createdAt: f.created_at })),
    };
  }

  /** Deletes the visitor with their conversations, messages, files (rows and bytes) and notes. */
  async deleteVisitor(accountId: string, visitorId: string): Promise<void> {
    const row = await repo.findVisitor(this.db, accountId, visitorId);
    if (!row) throw notFound('visitor');
    await this.deleteOne(accountId, visitorId);
  }

  private async deleteOne(accountId: string, visitorId: string): Promise<void> {
    const conversationIds = (await repo.conversationsOfVisitor(this.db, accountId, visitorId)).map((c) => c.id);
    const files = await repo.filesOfVisitor(this.db, accountId, visitorId);
    await this.deps.storage.write((trx) => repo.deleteVisitorRows(trx, accountId, visitorId, conversationIds));
    // The rows are gone first: a file without a row is never served; then its bytes go.
    for (const f of files) {
      for (const p of this.deps.filePaths(f.id)) await fs.rm(p, { force: true });
    }
    // Sockets of the visitor end everywhere; their token no longer matches a row.
    this.deps.events.emit('visitor.deleted', { accountId, visitorId, conversationIds });
  }

  async retention(accountId: string): Promise<RetentionStatus> {
    const row = await repo.retentionRow(this.db, accountId);
    return { days: row?.retention_days ?? 0, runs: row?.retention_runs ?? 0, lastRunAt: row?.retention_last_run_at ?? null, lastDeleted: row?.retention_last_deleted ?? 0 };
  }

  /** Turns the policy on (first run at once, then daily) or off (0: the timer is cancelled). */
  async setRetention(accountId: string, days: number): Promise<RetentionStatus> {
    const at = this.deps.clock.now();
    await repo.saveRetentionDays(this.db, accountId, days, at.toISOString(), {
      notifyDelay: DEFAULT_OPTIONS.notifyInvisibleDelaySeconds,
      queueReturn: DEFAULT_OPTIONS.queueReturnSeconds,
    });
    if (days > 0) await this.deps.timers.schedule({ accountId, kind: RETENTION_KIND, key: RETENTION_KEY, dueAt: at });
    else await this.deps.timers.cancel(accountId, RETENTION_KEY);
    return this.retention(accountId);
  }

  /** One run of the policy for an account; resolves with how many visitors it deleted. */
  async runRetention(accountId: string): Promise<number> {
    const { days } = await this.retention(accountId);
    if (days <= 0) return 0;
    const at = this.deps.clock.now();
    const before = new Date(at.getTime() - days * DAY_MS).toISOString();
    let deleted = 0;
    for (;;) {
      const stale = await repo.staleVisitorIds(this.db, accountId, before, BATCH);
      for (const { id } of stale) await this.deleteOne(accountId, id);
      deleted += stale.length;
      if (stale.length < BATCH) break;
    }
    await repo.recordRetentionRun(this.db, accountId, at.toISOString(), deleted);
    await this.deps.timers.schedule({ accountId, kind: RETENTION_KIND, key: RETENTION_KEY, dueAt: new Date(at.getTime() + DAY_MS) });
    return deleted;
  }
}
