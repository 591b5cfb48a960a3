// One AgentClient per signed-in workspace, connected to this origin, and its connection state
// for the banner (honest states): "Connecting…" when the first connection is slow, "Reconnecting…"
// after a drop, "offline" as soon as the browser says it has no network.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { ErrorCode } from '@palique/protocol';
import type { AgentClient } from '@palique/client';

/** `offline`: the browser has no network; `reconnecting`: the server cannot be reached (or dropped us). */
export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'offline';

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
    const lost = () => setConnection(navigator.onLine === false ? 'offline' : 'reconnecting');
    // The browser knows at once that the network is gone; the socket only notices at its next ping.
    const onOffline = () => setConnection('offline');
    const onOnline = () => setConnection(client.connected ? 'online' : 'reconnecting');
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    const offs = [
      () => window.removeEventListener('offline', onOffline),
      () => window.removeEventListener('online', onOnline),
      client.on('connect', () => setConnection(navigator.onLine === false ? 'offline' : 'online')),
      client.on('disconnect', lost),
      client.on('connect_error', (e) => {
        lost();
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
