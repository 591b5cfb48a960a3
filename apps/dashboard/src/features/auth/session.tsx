// The signed-in agent (GET /api/me) shared with every screen, and what signing out clears.
import { createContext, useContext } from 'react';
import type { Me } from '@palique/protocol';

export interface Session {
  me: Me;
  /** Replaces the agent's own data (e.g. after a status change). */
  updateMe: (update: (me: Me) => Me) => void;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in workspace');
  return session;
}

export function canManageSettings(me: Me): boolean {
  return me.agent.role === 'owner' || me.agent.role === 'admin';
}
