// A3: an Invisible agent joins a chat by typing in it, and from then on is present in that chat:
// its visitor sees them online (team strip, "We're online"), while every other visitor still sees
// their real status. "Present" = Invisible, with a dashboard open, and wrote in the visitor's chat.
// Computed on the server for one visitor at a time, so no other widget learns an invisible agent
// is around. The widget asks at its sync and when an agent message arrives from someone it does not
// see online; realtime/ re-tells the visitors of this process after every team change.
import type { AgentStatus } from '@palique/protocol';

export interface JoinedPresenceDeps {
  connectedAgentIds(accountId: string): Promise<string[]>;
  teamStatuses(accountId: string): Promise<Array<{ id: string; status: AgentStatus }>>;
  agentAuthorIds(accountId: string, conversationId: string): Promise<string[]>;
  conversationIdOfVisitor(accountId: string, visitorId: string): Promise<string | undefined>;
}

export class JoinedPresence {
  /** What each visitor socket of this process was last told. */
  private readonly told = new WeakMap<object, string>();

  constructor(private readonly deps: JoinedPresenceDeps) {}

  /** The Invisible agents with a dashboard open: the only ones who can be present anywhere. */
  async invisibleConnected(accountId: string, connectedNow?: readonly string[]): Promise<string[]> {
    const connected = new Set(connectedNow ?? (await this.deps.connectedAgentIds(accountId)));
    if (connected.size === 0) return [];
    const team = await this.deps.teamStatuses(accountId);
    return team.filter((a) => a.status === 'invisible' && connected.has(a.id)).map((a) => a.id);
  }

  /** The agents present in this visitor's chat (beyond those Online for everyone). */
  async presentFor(accountId: string, visitorId: string, candidates?: string[]): Promise<string[]> {
    const among = candidates ?? (await this.invisibleConnected(accountId));
    if (among.length === 0) return [];
    const conversationId = await this.deps.conversationIdOfVisitor(accountId, visitorId);
    if (!conversationId) return [];
    const authors = new Set(await this.deps.agentAuthorIds(accountId, conversationId));
    return among.filter((id) => authors.has(id)).sort();
  }

  /** Records what a socket is told; false when it was told exactly that already (nothing to send). */
  tell(socket: object, agentIds: string[]): boolean {
    const key = agentIds.join(',');
    const before = this.told.get(socket) ?? '';
    this.told.set(socket, key);
    return key !== before;
  }
}
