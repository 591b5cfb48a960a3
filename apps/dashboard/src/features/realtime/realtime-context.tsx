// One AgentClient per signed-in workspace, connected to this origin, and its connection state
// for the "Reconnecting…" banner.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { ErrorCode } from '@palique/protocol';
import type { AgentClient } from '@palique/client';

export type ConnectionState = 'connecting' | 'online' | 'offline';

interface Realtime {
  client: AgentClient;
  connection: ConnectionState;
}

const RealtimeContext = createContext<Realtime | null>(null);

export function RealtimeProvider({
  client,
  onUnauthenticated,
  children,
}: {
  client: AgentClient;
  onUnauthenticated: () => void;
  children: ReactNode;
}) {
  const [connection, setConnection] = useState<ConnectionState>('connecting');

  useEffect(() => {
    const offs = [
      client.on('connect', () => setConnection('online')),
      client.on('disconnect', () => setConnection('offline')),
      client.on('connect_error', (e) => {
        setConnection('offline');
        // The session ended elsewhere (signed out, expired): back to the sign-in screen.
        if (e.code === ErrorCode.Unauthenticated) onUnauthenticated();
      }),
    ];
    client.connect(window.location.origin);
    return () => {
      offs.forEach((off) => off());
      client.disconnect();
    };
  }, [client, onUnauthenticated]);

  return <RealtimeContext.Provider value={{ client, connection }}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): Realtime {
  const realtime = useContext(RealtimeContext);
  if (!realtime) throw new Error('useRealtime outside RealtimeProvider');
  return realtime;
}
