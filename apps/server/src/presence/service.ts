// W2: an account is "live" while at least one agent with status Online has the dashboard open;
// otherwise its widgets are in messenger mode. Every change is pushed to the account's visitors.
// Connections live in the presence store; statuses live in the database (shared by all processes).
import type { AgentStatus, WidgetMode } from '@charla/protocol';
import type { Fanout } from '../realtime/fanout';
import type { PresenceStore } from './store';

export type StatusLookup = (accountId: string, agentIds: string[]) => Promise<AgentStatus[]>;

export class PresenceService {
  constructor(
    private readonly store: PresenceStore,
    private readonly statusesOf: StatusLookup,
    private readonly fanout: Fanout,
  ) {}

  async mode(accountId: string): Promise<WidgetMode> {
    const connected = await this.store.connectedAgentIds(accountId);
    if (connected.length === 0) return 'messenger';
    const statuses = await this.statusesOf(accountId, connected);
    return statuses.includes('online') ? 'live' : 'messenger';
  }

  async agentConnected(accountId: string, connectionId: string, agentId: string): Promise<void> {
    await this.store.put(accountId, connectionId, agentId);
    await this.announce(accountId);
  }

  async agentDisconnected(accountId: string, connectionId: string): Promise<void> {
    await this.store.remove(accountId, connectionId);
    await this.announce(accountId);
  }

  /** Pushes the account's mode to its visitors (clients ignore a repeat of the mode they have). */
  async announce(accountId: string): Promise<void> {
    this.fanout.modeChanged(accountId, await this.mode(accountId));
  }
}
