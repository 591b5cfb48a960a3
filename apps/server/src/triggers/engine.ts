// T1–T4: the trigger engine, on the server only (the widget never receives the rule set). After
// each page view it works out when the visitor's next trigger may act and keeps ONE durable timer
// per visitor (key `trigger:<visitor id>`, replaced by each page view); when that timer fires it
// looks again at the visitor as they are then, lets the due triggers act, records each firing
// and schedules the next. Actions run through their handlers (actions.ts); the engine never
// knows what an action does beyond whether it reaches out to the visitor (the T3 rules).
//
// Timer second run (timers/service.ts): the firing key is the same for the same trigger, visitor
// and page view, so a targeted message is stored once (its client id) and recorded once (a unique
// row); a second run finds the firing and acts no more.
import { TYPING_EXPIRES_MS, type Trigger, type TriggerAction, type TriggerFiring, type TriggerSettings, type VisitorDetails, type WidgetMode } from '@palique/protocol';
import type { Storage } from '../db/index';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { TimerService } from '../timers/service';
import { newId } from '../ids';
import { allHoldNow, timeConditionsFrom, type VisitorFacts } from './conditions';
import { proactiveClientId, type ActionHandler, type ActionHandlers } from './actions';
import * as repo from './repo';

const TIMER_KIND = 'trigger';
/**
 * A visitor between two pages has no widget connected for a moment: a due trigger looks again
 * this often, this many times, before it gives up on a visitor who has left (a later page view
 * plans again in any case).
 */
const OFFLINE_RECHECK_MS = 5_000;
const OFFLINE_RECHECKS = 6;
export const triggerTimerKey = (visitorId: string) => `trigger:${visitorId}`;

export interface EngineDeps {
  storage: Storage;
  events: EventBus;
  timers: TimerService;
  clock: Clock;
  handlers: ActionHandlers;
  triggers(accountId: string): Promise<Trigger[]>;
  settings(accountId: string): Promise<TriggerSettings>;
  details(accountId: string, visitorId: string): Promise<VisitorDetails | null>;
  /** W2: the mode the account's widgets are in now. */
  widgetMode(accountId: string): Promise<WidgetMode>;
  /** The visitor's last stored message and whether their chat is open (null: none yet). */
  lastMessage(accountId: string, visitorId: string): Promise<{ createdAt: string; clientId: string; authorType: string; open: boolean } | null>;
  /** Whether the visitor opened the chat window since `since` (this visit). */
  chatOpened(accountId: string, visitorId: string, since: string): Promise<boolean>;
  /** Whether the visitor has the site open now (a widget connected on any process). */
  online(accountId: string, visitorId: string): Promise<boolean>;
}

interface Candidate {
  trigger: Trigger;
  /** From when it may act (ms since the epoch). */
  readyAt: number;
  invasive: boolean;
}

type Log = { error: (o: object, m: string) => void };

/** The handler of an action, typed for that action (the registry is keyed by the union's tag). */
function handlerOf<A extends TriggerAction>(handlers: ActionHandlers, action: A): ActionHandler<A> {
  return handlers[action.type] as unknown as ActionHandler<A>;
}

export function toFiring(row: repo.FiringRow): TriggerFiring {
  return {
    id: row.id,
    triggerId: row.trigger_id,
    triggerName: row.trigger_name,
    actionType: row.action_type,
    messageId: row.message_id,
    pageUrl: row.page_url,
    firedAt: row.fired_at,
  };
}

export class TriggerEngine {
  private readonly off: Array<() => void> = [];
  /** C4 typing seen by this process (best effort: with several processes, another one may fire the timer). */
  private readonly typingAt = new Map<string, number>();

  constructor(
    private readonly deps: EngineDeps,
    private readonly log: Log,
  ) {
    deps.timers.handle(TIMER_KIND, (t) => {
      const payload = t.payload as { visitorId: string; offlineChecks?: number };
      return this.fire(t.accountId, payload.visitorId, payload.offlineChecks ?? 0);
    });
    this.off.push(
      deps.events.on('visitor.details_changed', ({ accountId, details }) => this.plan(accountId, details, false)),
      // A "chat window opened / not opened" condition may hold now, or no longer.
      deps.events.on('visitor.chat_opened', ({ accountId, visitorId }) => this.replan(accountId, visitorId)),
      deps.events.on('typing.visitor', ({ accountId, visitorId, text }) => {
        const key = `${accountId}:${visitorId}`;
        if (text) this.typingAt.set(key, this.deps.clock.now().getTime());
        else this.typingAt.delete(key);
      }),
    );
  }

  close(): void {
    this.off.forEach((off) => off());
  }

  /**
   * Schedules the visitor's next firing from their details (after a page view), or cancels it
   * when no trigger can act on this page. `onlyLater`: after firing, what is due now was decided.
   */
  async plan(accountId: string, details: VisitorDetails, onlyLater: boolean): Promise<void> {
    const triggers = await this.deps.triggers(accountId);
    // Most accounts have none: a page view then costs one read, and no write.
    if (triggers.length === 0) return;
    const now = this.deps.clock.now().getTime();
    const next = (await this.candidates(accountId, details, triggers)).filter((c) => !onlyLater || c.readyAt > now).map((c) => c.readyAt);
    const key = triggerTimerKey(details.visitorId);
    if (next.length === 0) return this.deps.timers.cancel(accountId, key);
    const dueAt = new Date(Math.max(now, Math.min(...next)));
    await this.deps.timers.schedule({ accountId, kind: TIMER_KIND, key, dueAt, payload: { visitorId: details.visitorId } });
  }

  private async replan(accountId: string, visitorId: string): Promise<void> {
    const details = await this.deps.details(accountId, visitorId);
    if (details) await this.plan(accountId, details, false);
  }

  /** The triggers whose conditions hold now and whose frequency allows them, with the moment each may act. */
  private async candidates(accountId: string, details: VisitorDetails, triggers: Trigger[]): Promise<Candidate[]> {
    const [settings, firings, chatOpened] = await Promise.all([
      this.deps.settings(accountId),
      repo.firingsOfVisitor(this.deps.storage.db, accountId, details.visitorId),
      triggers.some((t) => t.conditions.some((c) => c.type === 'chat_window'))
        ? this.deps.chatOpened(accountId, details.visitorId, details.visitStartedAt)
        : Promise.resolve(false),
    ]);
    const facts: VisitorFacts = { details, chatOpened };
    const lastReachOut = firings.find((f) => this.isInvasive(f.action_type));
    const result: Candidate[] = [];
    for (const trigger of triggers) {
      if (!allHoldNow(trigger.conditions, facts) || !frequencyAllows(trigger, firings, details)) continue;
      const invasive = handlerOf(this.deps.handlers, trigger.action).invasive;
      let readyAt = timeConditionsFrom(trigger.conditions, details);
      if (invasive) {
        // T3: never right on arrival, and not again within the quiet time.
        readyAt = Math.max(readyAt, Date.parse(details.visitStartedAt) + settings.minDelaySeconds * 1000);
        if (lastReachOut) readyAt = Math.max(readyAt, Date.parse(lastReachOut.fired_at) + settings.quietSeconds * 1000);
      }
      result.push({ trigger, readyAt, invasive });
    }
    return result;
  }

  private isInvasive(actionType: string): boolean {
    return (this.deps.handlers as Record<string, ActionHandler | undefined>)[actionType]?.invasive ?? true;
  }

  /** The visitor's timer fired: the due triggers act (at most one that reaches out), then the next is scheduled. */
  async fire(accountId: string, visitorId: string, offlineChecks = 0): Promise<void> {
    const details = await this.deps.details(accountId, visitorId);
    if (!details) return;
    const triggers = await this.deps.triggers(accountId);
    const now = this.deps.clock.now().getTime();
    const due = (await this.candidates(accountId, details, triggers)).filter((c) => c.readyAt <= now);
    let mode: WidgetMode | undefined;
    let chatting: boolean | undefined;
    let reachedOut = false;
    let online: boolean | undefined;
    for (const c of due) {
      mode ??= await this.deps.widgetMode(accountId);
      // T4: a trigger fires in live mode, messenger mode, or both.
      if (c.trigger.mode !== 'both' && c.trigger.mode !== mode) continue;
      if (c.invasive) {
        // T3: one targeted message at a time, none to a visitor who is already chatting, and none
        // to one who has left the site (it would greet them out of context on their next visit).
        if (reachedOut) continue;
        online ??= await this.deps.online(accountId, details.visitorId);
        if (!online) continue;
        chatting ??= await this.chatting(accountId, details);
        if (chatting) continue;
        reachedOut = true;
      }
      await this.act(accountId, details, c.trigger);
    }
    if (online === false) {
      if (offlineChecks < OFFLINE_RECHECKS) {
        const dueAt = new Date(now + OFFLINE_RECHECK_MS);
        const payload = { visitorId, offlineChecks: offlineChecks + 1 };
        return this.deps.timers.schedule({ accountId, kind: TIMER_KIND, key: triggerTimerKey(visitorId), dueAt, payload });
      }
      // Gone: nothing is planned for them (planning again would greet them on their next visit,
      // out of context); their next page view plans again.
      return this.deps.timers.cancel(accountId, triggerTimerKey(visitorId));
    }
    await this.plan(accountId, details, true);
  }

  /**
   * Typing now, or an open chat that is current: a message in this visit that is not a trigger's,
   * or the visitor's question still waiting for an answer (from any visit).
   */
  private async chatting(accountId: string, details: VisitorDetails): Promise<boolean> {
    const typing = this.typingAt.get(`${accountId}:${details.visitorId}`);
    if (typing !== undefined && this.deps.clock.now().getTime() - typing < TYPING_EXPIRES_MS) return true;
    const last = await this.deps.lastMessage(accountId, details.visitorId);
    if (last === null || !last.open) return false;
    if (last.authorType === 'visitor') return true;
    return last.createdAt >= details.visitStartedAt && !last.clientId.startsWith(proactiveClientId(''));
  }

  private async act(accountId: string, details: VisitorDetails, trigger: Trigger): Promise<void> {
    const firingKey = `${trigger.id}-${Date.parse(details.pageStartedAt).toString(36)}`;
    const handler = handlerOf(this.deps.handlers, trigger.action);
    let result;
    try {
      result = await handler.run({ accountId, visitorId: details.visitorId, action: trigger.action, firingKey });
    } catch (err) {
      this.log.error({ err, accountId, triggerId: trigger.id }, 'trigger action failed');
      return;
    }
    const row: repo.FiringRow = {
      id: newId(),
      account_id: accountId,
      visitor_id: details.visitorId,
      trigger_id: trigger.id,
      trigger_name: trigger.name,
      action_type: trigger.action.type,
      message_id: result.messageId,
      message_seq: result.messageSeq,
      page_url: details.currentUrl,
      page_started_at: details.pageStartedAt,
      visit: details.visits,
      fired_at: this.deps.clock.now().toISOString(),
    };
    if (await this.deps.storage.write((trx) => repo.insertFiring(trx, row))) {
      this.deps.events.emit('trigger.fired', { accountId, visitorId: details.visitorId, firing: toFiring(row) });
    }
  }
}

/** Once per visitor, once per visit, or again with each page load. */
function frequencyAllows(trigger: Trigger, firings: repo.FiringRow[], details: VisitorDetails): boolean {
  const mine = firings.filter((f) => f.trigger_id === trigger.id);
  switch (trigger.frequency) {
    case 'once_per_visitor':
      return mine.length === 0;
    case 'once_per_visit':
      return !mine.some((f) => Number(f.visit) === details.visits);
    case 'every_page_load':
      return !mine.some((f) => f.page_started_at === details.pageStartedAt);
  }
}
