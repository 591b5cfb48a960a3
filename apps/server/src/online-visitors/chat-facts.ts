// C8: whether a message can change its visitor's row in the online visitors list. A row shows
// three things a message can move: "chatting" (wrote, chat open, last message within
// CHATTING_NOW_MS), "chatted before" and "proactive" (the team wrote first). Once a visitor has
// written (or been written to) and their chat is recent, the next message in it moves none of
// them: a busy chat would otherwise resend its visitor's row, with two queries over the thread,
// every flush. What is known here is learnt from the messages this process stored, so it only
// ever says "unchanged" when the database agrees: `wrote` and `other` never go back (a deleted
// visitor is forgotten), the last message was at least this recent, and a closed chat the visitor
// writes in again is announced on its own (`conversation.reopened`).
import { CHATTING_NOW_MS, type Message } from '@palique/protocol';

interface Facts {
  /** The visitor wrote in the thread. */
  wrote: boolean;
  /** Someone else (an agent, the team, a bot) wrote in it. */
  other: boolean;
  /** The last message this process stored in the thread, ms. */
  at: number;
}

/** Visitors remembered per process; past it the memory starts again (each costs one more row sent). */
const MAX_VISITORS = 100_000;

export class ChatFacts {
  private readonly known = new Map<string, Facts>();

  /** Notes the message and says whether the visitor's row may show something new because of it. */
  changedBy(accountId: string, visitorId: string, message: Pick<Message, 'authorType' | 'createdAt'>): boolean {
    const key = `${accountId}:${visitorId}`;
    const at = Date.parse(message.createdAt);
    const byVisitor = message.authorType === 'visitor';
    const before = this.known.get(key);
    const settled = before !== undefined && at - before.at < CHATTING_NOW_MS && (byVisitor ? before.wrote : before.wrote || before.other);
    if (!before && this.known.size >= MAX_VISITORS) this.known.clear();
    this.known.set(key, { wrote: byVisitor || (before?.wrote ?? false), other: !byVisitor || (before?.other ?? false), at: Math.max(at, before?.at ?? 0) });
    return !settled;
  }

  forget(accountId: string, visitorId: string): void {
    this.known.delete(`${accountId}:${visitorId}`);
  }
}
