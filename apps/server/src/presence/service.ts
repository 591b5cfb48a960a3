// W2: an account is "live" while at least one agent with status Online has the dashboard open;
// otherwise its widgets are in messenger mode. Every change is pushed to the account's visitors.
// Connections live in the presence store; statuses live in the database (shared by all processes).
//
// Each process pushes the mode to its own visitors (`widget.mode_changed`). A change made here
// (connect, disconnect, status) is pushed here and announced as `presence.changed`, so that the
// other processes recompute. A change nobody announces
// (another process died and its connections expired in the store) is caught by rechecks: with
// several processes, each one recomputes every few seconds the mode of the accounts whose
// visitors it holds and pushes the ones that differ from what it last pushed.
import type { AgentStatus, WidgetMode } from '@palique/protocol';
import type { EventBus } from '../events';
import type { PresenceStore } from './store';

export type StatusLookup = (accountId: string, agentIds: string[]) => Promise<AgentStatus[]>;

/**
 * Which accounts have visitors connected to this process: known to whoever holds the visitor
 * connections (realtime/), which hands it over with `watchLocalVisitors`.
 */
export interface LocalVisitors {
  has(accountId: string): boolean;
  accounts(): Iterable<string>;
}

const NO_VISITORS: LocalVisitors = { has: () => false, accounts: () => [] };

type Log = { error: (o: object, m: string) => void };

/** One push of a mode; a new object each time, so a recheck can tell whether a push raced it. */
interface Pushed {
  mode: WidgetMode;
}

export class PresenceService {
  /** What this process last pushed to its visitors, per account; kept only while rechecking. */
  private pushed?: Map<string, Pushed>;
  private recheckTimer?: NodeJS.Timeout;
  private rechecking = false;
  private localVisitors = NO_VISITORS;
  /** Per account, while pushes are being worked out: how many were begun, which one went out last. */
  private readonly turns = new Map<string, { begun: number; pushed: number }>();

  constructor(
    private readonly store: PresenceStore,
    private readonly statusesOf: StatusLookup,
    private readonly events: EventBus,
  ) {}

  watchLocalVisitors(localVisitors: LocalVisitors): void {
    this.localVisitors = localVisitors;
  }

  /**
   * `connected`: the agents with a dashboard open, as the caller has just read them (a visitor's
   * sync reads them once for the mode, the team and who is present); read here otherwise, and
   * always after a change (announce, pushMode).
   */
  async mode(accountId: string, connectedNow?: readonly string[]): Promise<WidgetMode> {
    const connected = connectedNow ? [...connectedNow] : await this.store.connectedAgentIds(accountId);
    if (connected.length === 0) return 'messenger';
    const statuses = await this.statusesOf(accountId, connected);
    return statuses.includes('online') ? 'live' : 'messenger';
  }

  /** The agents with a dashboard connected now, any status (W2: the team in the widget). */
  connectedAgentIds(accountId: string): Promise<string[]> {
    return this.store.connectedAgentIds(accountId);
  }

  async agentConnected(accountId: string, connectionId: string, agentId: string): Promise<void> {
    await this.store.put(accountId, connectionId, agentId);
    await this.announce(accountId);
  }

  async agentDisconnected(accountId: string, connectionId: string): Promise<void> {
    await this.store.remove(accountId, connectionId);
    await this.announce(accountId);
  }

  /** Pushes the account's mode to its visitors on every process (clients ignore a repeat). */
  async announce(accountId: string): Promise<void> {
    this.events.emit('presence.changed', { accountId });
    await this.pushMode(accountId);
  }

  /**
   * Computes the account's mode and pushes it to this process's visitors of the account. Pushes
   * go out in the order they were begun: one whose reads came back after a later one's pushed is
   * older than what visitors have, and is dropped (the widget shows the last mode it received).
   */
  async pushMode(accountId: string): Promise<void> {
    if (!this.localVisitors.has(accountId)) return;
    let turns = this.turns.get(accountId);
    if (!turns) this.turns.set(accountId, (turns = { begun: 0, pushed: 0 }));
    const mine = ++turns.begun;
    try {
      const mode = await this.mode(accountId);
      if (mine < turns.pushed) return;
      turns.pushed = mine;
      this.pushed?.set(accountId, { mode });
      this.events.emit('widget.mode_changed', { accountId, mode });
    } finally {
      // The last one begun forgets the account; one still reading holds its own record.
      if (turns.begun === mine && this.turns.get(accountId) === turns) this.turns.delete(accountId);
    }
  }

  startRechecks(intervalMs: number, log: Log): void {
    this.pushed ??= new Map();
    this.recheckTimer ??= setInterval(() => {
      if (this.rechecking) return;
      this.rechecking = true;
      void this.recheckLocalAccounts(log).finally(() => (this.rechecking = false));
    }, intervalMs).unref();
  }

  stopRechecks(): void {
    clearInterval(this.recheckTimer);
    this.recheckTimer = undefined;
  }

  private async recheckLocalAccounts(log: Log): Promise<void> {
    const pushed = this.pushed;
    // While the store is unreachable its answers are partial; keep what visitors have.
    if (!pushed || !this.store.reachable()) return;
    const accounts = new Set(this.localVisitors.accounts());
    for (const accountId of pushed.keys()) if (!accounts.has(accountId)) pushed.delete(accountId);
    for (const accountId of accounts) {
      try {
        const before = pushed.get(accountId);
        const mode = await this.mode(accountId);
        if (pushed.get(accountId) !== before || before?.mode === mode) continue;
        pushed.set(accountId, { mode });
        this.events.emit('widget.mode_changed', { accountId, mode });
      } catch (err) {
        log.error({ err, accountId }, 'presence recheck failed');
      }
    }
  }
}
