// Where agent connections are recorded. One process keeps them in memory; several processes
// share them through Redis (presence/redis-store.ts), with heartbeats so that a dead process's
// agents expire.

export interface PresenceStore {
  /** Records (or refreshes) one open dashboard connection of an agent. */
  put(accountId: string, connectionId: string, agentId: string): Promise<void>;
  remove(accountId: string, connectionId: string): Promise<void>;
  /** Agents of the account with at least one open connection. */
  connectedAgentIds(accountId: string): Promise<string[]>;
  /** False while a shared store cannot be reached and answers come from this process alone. */
  reachable(): boolean;
  close(): Promise<void>;
}

export class MemoryPresenceStore implements PresenceStore {
  private readonly byAccount = new Map<string, Map<string, string>>();

  async put(accountId: string, connectionId: string, agentId: string): Promise<void> {
    let conns = this.byAccount.get(accountId);
    if (!conns) this.byAccount.set(accountId, (conns = new Map()));
    conns.set(connectionId, agentId);
  }

  async remove(accountId: string, connectionId: string): Promise<void> {
    const conns = this.byAccount.get(accountId);
    conns?.delete(connectionId);
    if (conns?.size === 0) this.byAccount.delete(accountId);
  }

  async connectedAgentIds(accountId: string): Promise<string[]> {
    return [...new Set(this.byAccount.get(accountId)?.values() ?? [])];
  }

  reachable(): boolean {
    return true;
  }

  async close(): Promise<void> {}
}
